"""Reads for the referral directory's pages.

Only approved entries are listed or searched. A listing costs the same few
queries however many entries there are: the count, the page (with its
recommendation totals as subqueries), its specialties and its states. Each
filter is one join or a condition on the entry itself, so no entry is listed
twice.
"""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from community.regions import REGION_NAMES
from community.reserved_names import name_words
from referrals.models import Recommendation, ReferralEntry, Specialty, Status

MAX_QUERY_LENGTH = 200
MODES = {"telehealth": "Telehealth", "in_person": "In person"}


@dataclass(frozen=True)
class Filters:
    query: str = ""
    specialty: str = ""  # a Specialty's slug
    region: str = ""  # a postal code ("OR")
    mode: str = ""  # a key of MODES
    insurance: str = ""  # words of "insurance accepted"
    self_pay: bool = False

    @classmethod
    def from_params(cls, params) -> "Filters":
        region = params.get("state", "")
        mode = params.get("mode", "")
        return cls(
            query=params.get("q", "").strip()[:MAX_QUERY_LENGTH],
            specialty=params.get("specialty", "")[:80],
            region=region if region in REGION_NAMES else "",
            mode=mode if mode in MODES else "",
            insurance=params.get("insurance", "").strip()[:MAX_QUERY_LENGTH],
            self_pay=params.get("self_pay") == "on",
        )

    @property
    def active(self) -> bool:
        return any(
            (
                self.query,
                self.specialty,
                self.region,
                self.mode,
                self.insurance,
                self.self_pay,
            )
        )


def _with_totals(entries):
    """Each entry's number of recommendations and its referred-again total."""
    of_entry = Recommendation.objects.filter(entry=OuterRef("pk")).values("entry")
    return entries.annotate(
        recommendation_count=Coalesce(
            Subquery(of_entry.annotate(n=Count("pk")).values("n")),
            Value(0),
            output_field=IntegerField(),
        ),
        referred_again_total=Coalesce(
            Subquery(of_entry.annotate(n=Sum("referred_again")).values("n")),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def _with_details(entries):
    return entries.prefetch_related("specialties", "regions")


def listed_entries(*, filters: Filters | None = None):
    filters = filters or Filters()
    entries = ReferralEntry.objects.filter(status=Status.APPROVED)
    if filters.specialty:
        entries = entries.filter(specialties__slug=filters.specialty)
    if filters.region:
        entries = entries.filter(regions__region=filters.region)
    if filters.mode == "telehealth":
        entries = entries.filter(telehealth=True)
    elif filters.mode == "in_person":
        entries = entries.filter(in_person=True)
    if filters.self_pay:
        entries = entries.filter(self_pay=True)
    if filters.insurance:
        entries = entries.filter(insurance_accepted__icontains=filters.insurance)
    for word in filters.query.split()[:10]:
        entries = entries.filter(
            Q(name__icontains=word)
            | Q(profession__icontains=word)
            | Q(practice_name__icontains=word)
            | Q(city__icontains=word)
            | Q(approach__icontains=word)
        )
    return _with_details(_with_totals(entries)).order_by("name", "pk")


def specialties():
    return Specialty.objects.all()


def entry_for(*, pk: int, user, may_review: bool = False) -> ReferralEntry | None:
    """An approved entry; or the viewer's own suggestion; or, for the director,
    any entry."""
    entries = ReferralEntry.objects.filter(pk=pk)
    if not may_review:
        entries = entries.filter(Q(status=Status.APPROVED) | Q(suggested_by=user))
    return (
        _with_details(_with_totals(entries))
        .select_related("suggested_by", "reviewed_by")
        .first()
    )


def recommendations_for(*, entry: ReferralEntry):
    return entry.recommendations.select_related("author").order_by("-updated_at")


def own_recommendation(*, entry: ReferralEntry, user) -> Recommendation | None:
    return Recommendation.objects.filter(entry=entry, author=user).first()


def my_suggestions(*, user):
    """The viewer's suggestions that are not listed (waiting, or not added)."""
    return (
        ReferralEntry.objects.filter(suggested_by=user)
        .exclude(status=Status.APPROVED)
        .order_by("-created_at", "-pk")
    )


def review_queue():
    return _with_details(
        ReferralEntry.objects.filter(status=Status.PENDING).select_related(
            "suggested_by"
        )
    ).order_by("created_at", "pk")


def entries_like(entry: ReferralEntry, *, limit: int = 5) -> list[ReferralEntry]:
    """Listed entries that may be the same specialist as a suggestion (the
    same surname, phone or website), for the director to spot a duplicate."""
    words = name_words(entry.name)
    same = Q(pk__in=[])
    if words:
        same |= Q(name__icontains=words[-1])
    if entry.phone:
        same |= Q(phone=entry.phone)
    if entry.website:
        same |= Q(website=entry.website)
    candidates = (
        ReferralEntry.objects.filter(status=Status.APPROVED)
        .filter(same)
        .exclude(pk=entry.pk)
        .order_by("name")[: limit * 4]
    )
    wanted = set(words)
    return [
        other
        for other in candidates
        if (entry.phone and other.phone == entry.phone)
        or (entry.website and other.website == entry.website)
        or len(wanted & set(name_words(other.name))) >= min(2, len(wanted))
    ][:limit]
