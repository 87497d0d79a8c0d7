from django.db import migrations

MODALITIES = [
    "Art therapy",
    "Brainspotting",
    "Couples therapy",
    "DBT skills groups",
    "EMDR",
    "Exposure and response prevention (ERP)",
    "Family therapy",
    "Group therapy",
    "Hypnotherapy",
    "Internal family systems (IFS)",
    "ISTDP",
    "Play therapy",
    "Prolonged exposure",
    "Sandtray",
    "Sensorimotor psychotherapy",
    "Somatic experiencing",
    "Trauma-focused CBT",
]

POPULATIONS = [
    "Adolescents",
    "Adults",
    "Children",
    "Couples",
    "Families",
    "First responders",
    "LGBTQ+ clients",
    "Older adults",
    "Perinatal and postpartum",
    "Veterans",
]

LANGUAGES = [
    "Arabic",
    "Chinese (Mandarin)",
    "English",
    "French",
    "German",
    "Hindi",
    "Korean",
    "Portuguese",
    "Russian",
    "Spanish",
    "Tagalog",
    "Vietnamese",
]


def add_terms(apps, schema_editor):
    for model, names in [
        ("Modality", MODALITIES),
        ("Population", POPULATIONS),
        ("Language", LANGUAGES),
    ]:
        Term = apps.get_model("member_directory", model)
        for name in names:
            Term.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("member_directory", "0001_initial")]
    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
