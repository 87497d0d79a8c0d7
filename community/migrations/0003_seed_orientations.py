from django.db import migrations

ORIENTATIONS = [
    "Acceptance and commitment therapy (ACT)",
    "Cognitive behavioural therapy (CBT)",
    "Compassion-focused therapy",
    "Dialectical behaviour therapy (DBT)",
    "Emotion-focused therapy",
    "EMDR",
    "Existential",
    "Family and systemic",
    "Gestalt",
    "Humanistic / person-centred",
    "Integrative",
    "Internal family systems (IFS)",
    "Mentalization-based therapy",
    "Psychoanalytic",
    "Psychodynamic",
    "Schema therapy",
    "Solution-focused",
    "Somatic",
]


def add_orientations(apps, schema_editor):
    Orientation = apps.get_model("community", "Orientation")
    for name in ORIENTATIONS:
        Orientation.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("community", "0002_home_page")]
    operations = [migrations.RunPython(add_orientations, migrations.RunPython.noop)]
