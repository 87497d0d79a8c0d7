"""The one way an app keeps its django-q2 schedules in code: each is found by
its name and created once, so ``migrate`` (which calls every app's
``ensure_schedules``) can run any number of times and a new schedule reaches
existing sites at their next deploy. Times are UTC."""

from datetime import UTC, datetime, time, timedelta


def ensure_daily(*, name: str, func: str, at: time) -> None:
    """Run ``func`` once a day at ``at`` (UTC), from tomorrow on."""
    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow = timezone.now().date() + timedelta(days=1)
    Schedule.objects.get_or_create(
        name=name,
        defaults={
            "func": func,
            "schedule_type": Schedule.DAILY,
            "next_run": datetime.combine(tomorrow, at, tzinfo=UTC),
        },
    )


def ensure_every(*, name: str, func: str, minutes: int) -> None:
    """Run ``func`` every ``minutes`` minutes."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        name=name,
        defaults={
            "func": func,
            "schedule_type": Schedule.MINUTES,
            "minutes": minutes,
        },
    )
