"""Factories for people (verified accounts in each role the access rule knows)
and the plans they pay for."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from community.models import User
from community.roles import ensure_roles
from memberships.models import Membership, Plan

PASSWORD = "a-long-test-password-42"
# The authenticator app's secret of every director and admin made here.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up account with a verified email and no membership."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    time_zone = "Europe/Berlin"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    status = Membership.Status.ACTIVE
    current_period_end = factory.LazyFunction(
        lambda: timezone.now() + timedelta(days=20)
    )


class PlanFactory(factory.django.DjangoModelFactory):
    """A monthly plan in dollars, each with its own Stripe price."""

    class Meta:
        model = Plan

    name = "Monthly"
    stripe_price_id = factory.Sequence(lambda n: f"price_test{n}")
    amount = 8900
    currency = "usd"
    interval = Plan.Interval.MONTH


def member(**kwargs) -> User:
    return MembershipFactory(**kwargs).user


def lapsed_member(**kwargs) -> User:
    return MembershipFactory(
        status=Membership.Status.CANCELED,
        current_period_end=timezone.now() - timedelta(days=1),
        **kwargs,
    ).user


def with_two_factor(user: User) -> User:
    """An authenticator app, as the director and admins must have before their
    tools (community.middleware); its secret is ``TOTP_SECRET``."""
    TOTP.activate(user, TOTP_SECRET)
    return user


def director(*, two_factor: bool = True, **kwargs) -> User:
    user = UserFactory(**kwargs)
    user.groups.add(ensure_roles())
    return with_two_factor(user) if two_factor else user


def admin(*, two_factor: bool = True, **kwargs) -> User:
    user = UserFactory(is_staff=True, is_superuser=True, **kwargs)
    return with_two_factor(user) if two_factor else user


def staff_admin(*, two_factor: bool = True, **kwargs) -> User:
    """An admin by staff status alone, not a superuser: the Admins role's
    permissions are all they hold (community.roles)."""
    user = UserFactory(is_staff=True, **kwargs)
    return with_two_factor(user) if two_factor else user
