"""The reviewer pool as the director offers from it: who is available for a
case now (in the pool, not away, under their limit of open cases), and the
candidates ranked by how well their specialties fit the case's tags."""

from django.db.models import Count, Exists, F, OuterRef, Q

from consultations.models import Case, ConsultantAway, ConsultantProfile
from consultations.states import WITH_REVIEWER

# Cases that count against a consultant's limit.
OPEN_LOAD = sorted(WITH_REVIEWER | {Case.Status.IN_SIGNOFF, Case.Status.ESCALATED})


def with_load(profiles):
    return profiles.annotate(
        open_cases=Count(
            "user__consultation_cases_led",
            filter=Q(user__consultation_cases_led__status__in=OPEN_LOAD),
            distinct=True,
        )
    )


def away_now(now):
    today = now.date()
    return Exists(
        ConsultantAway.objects.filter(
            consultant=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
        )
    )


def available_consultants(*, case: Case, now):
    """Who may be offered this case now. The requesting therapist never is."""
    return (
        with_load(ConsultantProfile.objects.filter(active=True))
        .exclude(user_id=case.requester_id)
        .filter(user__is_active=True, user__deleted_at__isnull=True)
        .annotate(is_away=away_now(now))
        .filter(is_away=False, open_cases__lt=F("max_open_cases"))
    )


def candidates(*, case: Case, now):
    """Available consultants, those matching most of the case's tags first,
    then the least loaded; with what the director's ranking form shows."""
    tag_ids = list(case.tags.values_list("pk", flat=True))
    return (
        available_consultants(case=case, now=now)
        .annotate(
            matching_tags=Count(
                "specialties", filter=Q(specialties__in=tag_ids), distinct=True
            )
        )
        .select_related("user")
        .prefetch_related("specialties", "orientations")
        .order_by("-matching_tags", "open_cases", "user__display_name")
    )
