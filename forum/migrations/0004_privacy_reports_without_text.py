"""Privacy confirmations keep categories and offsets, never the matched text
(issue 13): strip the "text" of every stored match. Irreversible on purpose."""

from django.db import migrations


def strip_matched_text(apps, schema_editor):
    Confirmation = apps.get_model("community_forum", "PostPrivacyConfirmation")
    for confirmation in Confirmation.objects.all().iterator():
        matches = [
            {key: value for key, value in match.items() if key != "text"}
            for match in confirmation.matches or []
            if isinstance(match, dict)
        ]
        if matches != confirmation.matches:
            Confirmation.objects.filter(pk=confirmation.pk).update(matches=matches)


class Migration(migrations.Migration):
    dependencies = [("community_forum", "0003_post_revisions")]

    operations = [migrations.RunPython(strip_matched_text, migrations.RunPython.noop)]
