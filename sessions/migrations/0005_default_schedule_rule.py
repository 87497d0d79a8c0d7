"""Give a new install the director's usual rule: the 2nd and 4th Thursday of
each month, 12:00 in Los Angeles, 90 minutes, questions closing 48 hours before.

It runs once (Django records the migration), and only when no rule exists at
all: a rule the director later edits or deletes in /cms/ is never brought back
by another ``migrate``. The rule ships without a meeting link (the join page
says so until the director pastes one in /cms/). ``SESSIONS_DEFAULT_RULE``
turns it off (the test settings do: each test builds the rules it needs).
"""

from datetime import time

from django.conf import settings
from django.db import migrations

DEFAULT_RULE = {
    "title": "Group coaching session",
    "weekday": 3,  # Thursday
    "weeks_of_month": "2,4",
    "local_time": time(12, 0),
    "time_zone": "America/Los_Angeles",
    "duration_minutes": 90,
    "cutoff_hours": 48,
    "meeting_url": "",
    "months_ahead": 3,
    "active": True,
}


def add_default_rule(ScheduleRule) -> bool:
    """Create the default rule unless any rule exists; True when created."""
    if ScheduleRule.objects.exists():
        return False
    ScheduleRule.objects.create(**DEFAULT_RULE)
    return True


def create_default_rule(apps, schema_editor):
    if not settings.SESSIONS_DEFAULT_RULE:
        return
    add_default_rule(apps.get_model("coaching_sessions", "ScheduleRule"))


class Migration(migrations.Migration):
    dependencies = [("coaching_sessions", "0004_session_agenda_published_at")]

    operations = [
        migrations.RunPython(create_default_rule, migrations.RunPython.noop),
    ]
