"""Reads for the member directory: the list with its filters, one profile, and
the facts the forum shows beside an author's name.

Every read goes through what the owner chose to show. A filter matches only on
a shown field (a hidden modality never makes someone findable by it), and a
page gets a ``ShownProfile``, which holds nothing its owner turned off, so a
template cannot show a hidden field by mistake. Only listed profiles of people
with member access appear: a lapsed member's profile stays, settings and all,
and comes back on renewal.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from community.access import DIRECTOR_GROUP, users_with_member_access
from community.regions import OUTSIDE_US
from directory.models import DirectoryProfile, Language, Licence, Modality, Population


def _director_exists(user_ref: str = "pk") -> Exists:
    user_model = get_user_model()
    return Exists(
        user_model.groups.through.objects.filter(
            user_id=OuterRef(user_ref), group__name=DIRECTOR_GROUP
        )
    )


def current_licences(*, today=None) -> QuerySet[Licence]:
    """The licences a profile shows: those not past their expiry (an expired
    licence is no longer a state one is licensed in)."""
    today = today or timezone.localdate()
    return Licence.objects.filter(expires_on__gte=today).order_by("region", "kind")


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    modality: int | None = None
    state: str = ""
    population: int | None = None
    language: int | None = None
    accepting_referrals: bool = False


def _term_q(through, column: str, term_id: int) -> Exists:
    return Exists(
        through.objects.filter(directoryprofile_id=OuterRef("pk"), **{column: term_id})
    )


def _filtered(profiles: QuerySet, filters: DirectoryFilters) -> QuerySet:
    if filters.q:
        q = filters.q
        profiles = profiles.filter(
            Q(user__display_name__icontains=q)
            | Q(show_credentials=True, user__credentials__icontains=q)
            | Q(show_bio=True, bio__icontains=q)
            | Q(show_location=True, city__icontains=q)
        )
    if filters.modality:
        through = DirectoryProfile.modalities.through
        profiles = profiles.filter(
            Q(show_modalities=True) & _term_q(through, "modality_id", filters.modality)
        )
    if filters.population:
        through = DirectoryProfile.populations.through
        profiles = profiles.filter(
            Q(show_populations=True)
            & _term_q(through, "population_id", filters.population)
        )
    if filters.language:
        through = DirectoryProfile.languages.through
        profiles = profiles.filter(
            Q(show_languages=True) & _term_q(through, "language_id", filters.language)
        )
    if filters.state:
        licensed = Exists(
            current_licences().filter(user_id=OuterRef("user_id"), region=filters.state)
        )
        profiles = profiles.filter(
            Q(show_location=True, region=filters.state)
            | (Q(show_licences=True) & licensed)
        )
    if filters.accepting_referrals:
        profiles = profiles.filter(
            show_accepting_referrals=True, accepting_referrals=True
        )
    return profiles


def _with_relations(profiles: QuerySet) -> QuerySet:
    """Everything a card shows, in a fixed number of queries per page."""
    return profiles.select_related("user").prefetch_related(
        "modalities",
        "populations",
        "languages",
        "user__orientations",
        Prefetch("user__licences", queryset=current_licences(), to_attr="shown"),
    )


def directory_profiles(*, filters: DirectoryFilters | None = None) -> QuerySet:
    """Listed profiles of people with member access, by display name."""
    profiles = DirectoryProfile.objects.filter(
        listed=True, user__in=users_with_member_access().values("pk")
    )
    profiles = _filtered(profiles, filters or DirectoryFilters())
    return _with_relations(
        profiles.annotate(is_program_director=_director_exists("user_id"))
    ).order_by(Lower("user__display_name"), "pk")


def profile_for(*, user_id: int) -> DirectoryProfile | None:
    """One profile with its relations, whether or not it is listed."""
    return (
        _with_relations(
            DirectoryProfile.objects.filter(user_id=user_id).annotate(
                is_program_director=_director_exists("user_id")
            )
        )
        .filter(user__is_active=True, user__deleted_at__isnull=True)
        .first()
    )


def is_visible_in_directory(profile: DirectoryProfile) -> bool:
    """Listed, and its owner has member access (what members may see)."""
    return (
        profile.listed
        and users_with_member_access().filter(pk=profile.user_id).exists()
    )


def terms() -> dict[str, QuerySet]:
    return {
        "modalities": Modality.objects.all(),
        "populations": Population.objects.all(),
        "languages": Language.objects.all(),
    }


@dataclass(frozen=True)
class ShownLicence:
    kind: str
    region: str
    region_name: str
    verified: bool
    number: str = ""  # for the director and admins only


@dataclass(frozen=True)
class ShownProfile:
    """A profile as a viewer may see it: a hidden field is simply absent."""

    user_id: int
    display_name: str
    initials: str
    is_program_director: bool
    listed: bool
    has_photo: bool = False
    photo_version: str = ""
    credentials: str = ""
    licences: list[ShownLicence] = field(default_factory=list)
    orientations: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    populations: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    bio: str = ""
    accepting_referrals: bool | None = None  # None: not shown
    city: str = ""
    region: str = ""
    region_name: str = ""
    contact: str = ""


def initials_of(name: str) -> str:
    words = [word for word in name.replace(".", " ").split() if word[:1].isalpha()]
    if words and words[0].casefold() == "dr" and len(words) > 1:
        words = words[1:]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def shown_profile(profile: DirectoryProfile, *, with_numbers: bool = False):
    """What may be shown of ``profile`` (from ``directory_profiles`` or
    ``profile_for``: the relations are read from their prefetch)."""
    user = profile.user
    name = user.get_display_name()
    shown = {
        "user_id": user.pk,
        "display_name": name,
        "initials": initials_of(name),
        "is_program_director": bool(getattr(profile, "is_program_director", False)),
        "listed": profile.listed,
    }
    if profile.show_photo and profile.photo:
        shown["has_photo"] = True
        shown["photo_version"] = f"{profile.updated_at:%Y%m%d%H%M%S}"
    if profile.show_credentials:
        shown["credentials"] = user.credentials
    if profile.show_licences:
        today = timezone.localdate()
        shown["licences"] = [
            ShownLicence(
                kind=licence.get_kind_display(),
                region=licence.region,
                region_name=(
                    licence.country
                    if licence.region == OUTSIDE_US and licence.country
                    else licence.get_region_display()
                ),
                verified=licence.is_valid(today=today),
                number=licence.number if with_numbers else "",
            )
            for licence in user.shown
        ]
    if profile.show_orientations:
        shown["orientations"] = [o.name for o in user.orientations.all()]
    for name_ in ("modalities", "populations", "languages"):
        if getattr(profile, f"show_{name_}"):
            shown[name_] = [term.name for term in getattr(profile, name_).all()]
    if profile.show_bio:
        shown["bio"] = profile.bio
    if profile.show_accepting_referrals:
        shown["accepting_referrals"] = profile.accepting_referrals
    if profile.show_location:
        shown["city"] = profile.city
        shown["region"] = profile.region
        shown["region_name"] = profile.get_region_display() if profile.region else ""
    if profile.show_contact:
        shown["contact"] = profile.contact
    return ShownProfile(**shown)


@dataclass(frozen=True)
class AuthorFacts:
    """What the forum shows beside an author's name."""

    credentials: str = ""
    is_program_director: bool = False
    in_directory: bool = False


def author_facts(*, user_ids) -> dict[int, AuthorFacts]:
    """For every id, in one query however many authors a page has."""
    user_ids = {pk for pk in user_ids if pk}
    if not user_ids:
        return {}
    user_model = get_user_model()
    rows = (
        user_model.objects.filter(
            pk__in=user_ids, is_active=True, deleted_at__isnull=True
        )
        .annotate(
            program_director=_director_exists(),
            member_access=Exists(
                users_with_member_access().filter(pk=OuterRef("pk")).values("pk")
            ),
        )
        .values(
            "pk",
            "credentials",
            "program_director",
            "member_access",
            "directory_profile__listed",
            "directory_profile__show_credentials",
        )
    )
    facts = {}
    for row in rows:
        show_credentials = row["directory_profile__show_credentials"] is not False
        facts[row["pk"]] = AuthorFacts(
            credentials=row["credentials"] if show_credentials else "",
            is_program_director=row["program_director"],
            in_directory=bool(
                row["member_access"] and row["directory_profile__listed"]
            ),
        )
    return facts


def is_listed(*, user) -> bool:
    """Whether the member opted into the directory (the "Start here" step)."""
    return DirectoryProfile.objects.filter(user=user, listed=True).exists()
