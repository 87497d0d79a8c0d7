from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.models import CoachingSession


@pytest.fixture
def make_session(db):
    def make(*, starts_in=timedelta(days=7), cutoff=timedelta(hours=48), **fields):
        starts_at = timezone.now() + starts_in
        defaults = {
            "title": "Group coaching session",
            "starts_at": starts_at,
            "questions_close_at": starts_at - cutoff,
            "meeting_url": "https://meet.example.org/coaching",
            "duration_minutes": 90,
        }
        return CoachingSession.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def session(make_session):
    return make_session()
