"""Edit histories kept before redaction began still hold what authors edited out:
redact the privacy guard's matches in every stored PostRevision, as
services.post_record_revision now does for new ones. The guard is the current
code's (imported, not frozen here) on purpose: the history should be redacted by
the best guard the site has. Irreversible: the redacted text is not kept anywhere.

Also records the rejected text's retention in ModerationDecision.content's help
text (FORUM_REJECTED_RETENTION_DAYS; the daily task blanks expired texts).
"""

from django.db import migrations, models


def redact_revisions(apps, schema_editor):
    from forum.services import redact_identifiers

    Revision = apps.get_model("community_forum", "PostRevision")
    subject_length = Revision._meta.get_field("subject").max_length
    for revision in Revision.objects.only("subject", "content").iterator():
        subject = redact_identifiers(revision.subject or "")[:subject_length]
        content = redact_identifiers(revision.content or "")
        if (subject, content) != (revision.subject, revision.content):
            Revision.objects.filter(pk=revision.pk).update(
                subject=subject, content=content
            )


class Migration(migrations.Migration):
    dependencies = [("community_forum", "0004_privacy_reports_without_text")]

    operations = [
        migrations.AlterField(
            model_name="moderationdecision",
            name="content",
            field=models.TextField(
                blank=True,
                help_text=(
                    "A rejected post's text, kept for its author for "
                    "FORUM_REJECTED_RETENTION_DAYS, then blanked."
                ),
            ),
        ),
        migrations.RunPython(redact_revisions, migrations.RunPython.noop),
    ]
