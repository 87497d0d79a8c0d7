"""The consultation clocks, in one place: how long a reviewer has to accept an
offer and to deliver the report, standard or expedited (settings, in hours)."""

from datetime import timedelta

from django.conf import settings


def accept_window(case) -> timedelta:
    hours = (
        settings.CONSULT_EXPEDITED_ACCEPT_HOURS
        if case.is_expedited
        else settings.CONSULT_ACCEPT_HOURS
    )
    return timedelta(hours=hours)


def deliver_window(case) -> timedelta:
    hours = (
        settings.CONSULT_EXPEDITED_DELIVER_HOURS
        if case.is_expedited
        else settings.CONSULT_DELIVER_HOURS
    )
    return timedelta(hours=hours)


def accept_reminder_lead() -> timedelta:
    return timedelta(hours=settings.CONSULT_ACCEPT_REMINDER_HOURS)


def deliver_reminder_lead() -> timedelta:
    return timedelta(hours=settings.CONSULT_DELIVER_REMINDER_HOURS)
