"""Issue 14: the meeting link stays on the site.

A session's own meeting link becomes optional (the schedule rule's is the
default), members' joins are recorded in Attendance, and agenda emails are
claimed per recipient in SentReminder (its "agenda" kind already exists).

Sessions the rule created carry a copy of the rule's link; it is cleared where it
is still the same, so that a new link on the rule reaches them. A link the
director changed on one session stays.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def use_the_rules_link(apps, schema_editor):
    CoachingSession = apps.get_model("coaching_sessions", "CoachingSession")
    for session in CoachingSession.objects.filter(rule__isnull=False).select_related(
        "rule"
    ):
        if session.meeting_url == session.rule.meeting_url:
            CoachingSession.objects.filter(pk=session.pk).update(meeting_url="")


def copy_the_rules_link(apps, schema_editor):
    CoachingSession = apps.get_model("coaching_sessions", "CoachingSession")
    for session in CoachingSession.objects.filter(
        rule__isnull=False, meeting_url=""
    ).select_related("rule"):
        CoachingSession.objects.filter(pk=session.pk).update(
            meeting_url=session.rule.meeting_url
        )


class Migration(migrations.Migration):

    dependencies = [
        ('coaching_sessions', '0002_privacy_reports_without_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='coachingsession',
            name='meeting_url',
            field=models.URLField(blank=True, help_text="A fresh link for this session only; empty uses the schedule's.", validators=[django.core.validators.URLValidator(schemes=['http', 'https'])]),
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_joined_at', models.DateTimeField()),
                ('last_joined_at', models.DateTimeField()),
                ('join_count', models.PositiveIntegerField(default=1)),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendances', to='coaching_sessions.coachingsession')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('session', 'user'), name='one_attendance_per_member')],
            },
        ),
        migrations.RunPython(use_the_rules_link, copy_the_rules_link),
    ]
