"""The reviewer pool as the director (or an admin, who keeps its accounts)
maintains it: adding a consultant from an account or a new email, their
specialties, limit and attending flag, their periods away, taking them out of
the pool and putting them back, and the topics (tags) cases and specialties use.

Taking someone out goes through ``services.offers.consultant_leave_pool``: the
one place where their offers drop and their cases return to matching. A new
account gets an invitation whose link is allauth's own password-reset link, so
choosing a password (and confirming the address) is allauth's flow, not ours.
"""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from community.mail import send_templated_mail
from consultations.models import ConsultantAway, ConsultantProfile, Tag
from consultations.services.offers import consultant_leave_pool

PROFILE_FIELDS = ("credentials", "max_open_cases", "is_attending")


def _invitation_url(user) -> str:
    return settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def _send_pool_email(*, user_id: int, invite: bool) -> None:
    user = get_user_model().objects.get(pk=user_id)
    url = (
        _invitation_url(user)
        if invite
        else settings.SITE_URL + reverse("consultations:reviewer")
    )
    send_templated_mail(
        template="consultations/email/pool_invitation"
        if invite
        else "consultations/email/pool_added",
        to=[user.email],
        context={"user": user, "url": url},
    )


def _apply(profile: ConsultantProfile, *, fields: dict, specialties, orientations):
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.full_clean(exclude=["user"])
    profile.save()
    profile.specialties.set(specialties)
    profile.orientations.set(orientations)


@transaction.atomic
def pool_add(
    *,
    email: str,
    display_name: str = "",
    specialties=(),
    orientations=(),
    actor,
    **fields,
) -> tuple[ConsultantProfile, bool]:
    """Put an account in the pool, making it (and inviting them) when no
    account has this email. Returns the profile and whether it was invited."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    user = User.objects.filter(email__iexact=email, deleted_at__isnull=True).first()
    invited = user is None
    if invited:
        if not display_name.strip():
            raise ValidationError(
                "No account has this email: give the consultant's name, and they "
                "will be invited to choose a password."
            )
        user = User.objects.create_user(email=email, display_name=display_name.strip())
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(
            user=user, email=email, primary=True, verified=False
        )
    elif not user.is_active:
        raise ValidationError("This account is deactivated; reactivate it first.")
    existing = ConsultantProfile.objects.filter(user=user).first()
    if existing is not None:
        raise ValidationError(
            "This account is already in the pool."
            if existing.active
            else "This consultant was taken out of the pool: put them back instead."
        )
    if not fields.get("credentials"):
        fields["credentials"] = user.credentials
    profile = ConsultantProfile(user=user)
    _apply(profile, fields=fields, specialties=specialties, orientations=orientations)
    user_id = user.pk
    transaction.on_commit(lambda: _send_pool_email(user_id=user_id, invite=invited))
    return profile, invited


@transaction.atomic
def pool_update(
    *, profile_id: int, specialties=(), orientations=(), **fields
) -> ConsultantProfile:
    profile = ConsultantProfile.objects.select_for_update().get(pk=profile_id)
    _apply(profile, fields=fields, specialties=specialties, orientations=orientations)
    return profile


@transaction.atomic
def pool_away_add(*, profile_id: int, starts_on, ends_on) -> ConsultantAway:
    if ends_on < starts_on:
        raise ValidationError("The last day away is before the first.")
    profile = ConsultantProfile.objects.get(pk=profile_id)
    away = ConsultantAway(consultant=profile, starts_on=starts_on, ends_on=ends_on)
    away.full_clean()
    away.save()
    return away


@transaction.atomic
def pool_away_remove(*, profile_id: int, away_id: int) -> None:
    deleted, _ = ConsultantAway.objects.filter(
        pk=away_id, consultant_id=profile_id
    ).delete()
    if not deleted:
        raise ValidationError("This period away was already removed.")


def pool_remove(*, profile_id: int, actor) -> int:
    """Out of the pool: offers drop, led cases return to matching. Returns how
    many cases were affected."""
    profile = ConsultantProfile.objects.get(pk=profile_id)
    if not profile.active:
        raise ValidationError("This consultant is already out of the pool.")
    return consultant_leave_pool(profile_id=profile_id, actor=actor)


@transaction.atomic
def pool_restore(*, profile_id: int) -> ConsultantProfile:
    profile = ConsultantProfile.objects.select_for_update().get(pk=profile_id)
    if profile.active:
        raise ValidationError("This consultant is already in the pool.")
    profile.active = True
    profile.save(update_fields=["active"])
    return profile


@transaction.atomic
def tag_create(*, kind: str, name: str) -> Tag:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Give the topic a name.")
    if Tag.objects.filter(kind=kind, name__iexact=name).exists():
        raise ValidationError("This topic already exists.")
    tag = Tag(kind=kind, name=name)
    tag.full_clean()
    tag.save()
    return tag
