"""Demo content for a new installation: people, roles and the landing page.

Idempotent: running it again updates what it created and duplicates nothing.
Every demo account has a verified email address and, in development, uses
DEMO_PASSWORD; seeded anywhere else (``seed_demo --allow-production``) no demo
account can be signed in to until someone sets its password. The
people and the landing page's copy are data in community/demo/; this module only
writes them to the database.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from community.models import HomePage, Orientation, User
from community.roles import ensure_roles
from memberships.models import Membership, Plan
from memberships.services import membership_grant_comp

DEMO_PASSWORD = "coaching-demo-2026"

DATA = Path(__file__).resolve().parent / "demo"


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _user(
    *,
    email,
    display_name,
    first_name,
    last_name,
    credentials,
    orientations,
    time_zone,
    role,
    password,
):
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.display_name = display_name
    user.first_name = first_name
    user.last_name = last_name
    user.credentials = credentials
    user.time_zone = time_zone
    user.is_staff = user.is_superuser = role == "admin"
    user.is_active = True
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    user.orientations.set(Orientation.objects.filter(name__in=orientations))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_person(*, password: str | None, **person) -> User:
    """One demo account with its verified address (other apps' demo people,
    e.g. the consultants, are made the same way)."""
    return _user(**person, password=password)


def seed_people(*, password: str | None = DEMO_PASSWORD) -> dict[str, User]:
    director_group = ensure_roles()
    now = timezone.now()
    users = {}
    for person in _load("people.yaml"):
        user = _user(**person, password=password)
        role = person["role"]
        users[person["email"]] = user
        if role == "director":
            user.groups.add(director_group)
        elif role == "member":
            membership_grant_comp(user=user, note="Demo member")
        elif role == "lapsed":
            Membership.objects.update_or_create(
                user=user,
                defaults={
                    "status": Membership.Status.CANCELED,
                    "current_period_end": now - timedelta(days=12),
                    "comp_granted_at": None,
                    "comp_until": None,
                },
            )
    return users


def _tree_root() -> Page:
    """Wagtail's root page (and root collection), made again after a database flush.

    Migrations create them; a test database flushed between browser tests has none.
    """
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def seed_home_page() -> HomePage:
    landing = _load("landing.yaml")
    fields = {
        **landing,
        "pillars": [("pillar", pillar) for pillar in landing["pillars"]],
        "faq": [("question", item) for item in landing["faq"]],
    }
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(slug="home-page", **fields)
        _tree_root().add_child(instance=home)
    else:
        for name, value in fields.items():
            setattr(home, name, value)
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Coaching Community"
    site.save()
    # Wagtail's own placeholder page is no longer reachable; remove it.
    Page.objects.filter(depth=2, content_type__model="page").exclude(
        pk=home.pk
    ).delete()
    return home


def seed_plans() -> None:
    """The offer shown on Join. Replace the price IDs with your Stripe prices."""
    for order, (name, price_id, amount, interval, description) in enumerate(
        [
            ("Monthly", "price_demo_monthly", 8900, "month", "Cancel any time."),
            ("Yearly", "price_demo_yearly", 89000, "year", "Two months free."),
        ]
    ):
        Plan.objects.update_or_create(
            stripe_price_id=price_id,
            defaults={
                "name": name,
                "amount": amount,
                "interval": interval,
                "description": description,
                "sort_order": order,
            },
        )


@transaction.atomic
def seed_staff_two_factor(users) -> list[User]:
    """Staff tools ask for a second factor (community.middleware); the demo's
    director and admin get an authenticator app at once, with a secret nobody
    holds, so that the development bypass code (settings/dev.py) opens them."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from community.roles import has_staff_powers

    staff = [user for user in users if has_staff_powers(user)]
    for user in staff:
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            TOTP.activate(user, generate_totp_secret())
    return staff


def seed(*, password: str | None = DEMO_PASSWORD) -> dict[str, User]:
    """``password=None``: every demo account gets an unusable password."""
    seed_plans()
    users = seed_people(password=password)
    seed_home_page()
    return users
