"""Confirmed privacy matches on questions keep categories and offsets, never the
matched text (issue 13): strip the "text" of every stored match."""

from django.db import migrations


def strip_matched_text(apps, schema_editor):
    Question = apps.get_model("coaching_sessions", "Question")
    for question in Question.objects.all().iterator():
        matches = [
            {key: value for key, value in match.items() if key != "text"}
            for match in question.privacy_confirmed_matches or []
            if isinstance(match, dict)
        ]
        if matches != question.privacy_confirmed_matches:
            Question.objects.filter(pk=question.pk).update(
                privacy_confirmed_matches=matches
            )


class Migration(migrations.Migration):
    dependencies = [("coaching_sessions", "0001_initial")]

    operations = [migrations.RunPython(strip_matched_text, migrations.RunPython.noop)]
