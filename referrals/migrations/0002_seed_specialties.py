from django.db import migrations

# (slug, name): the filters link to the slug (/referrals/?specialty=tms).
SPECIALTIES = [
    ("medication-management", "Medication management"),
    ("treatment-resistant-depression", "Treatment-resistant depression"),
    ("ketamine-assisted-therapy", "Ketamine-assisted therapy"),
    ("tms", "TMS (transcranial magnetic stimulation)"),
    ("ect", "ECT (electroconvulsive therapy)"),
    ("child-and-adolescent", "Child and adolescent"),
    ("perinatal", "Perinatal and postpartum"),
    ("addiction", "Addiction"),
    ("istdp-psychodynamic", "ISTDP and psychodynamic"),
    ("eating-disorders", "Eating disorders"),
    ("psychosis", "Psychosis"),
    ("bipolar-disorder", "Bipolar disorder"),
    ("adhd", "ADHD"),
    ("trauma-ptsd", "Trauma and PTSD"),
    ("older-adults", "Older adults"),
    ("neuropsychological-assessment", "Neuropsychological assessment"),
]


def add_specialties(apps, schema_editor):
    Specialty = apps.get_model("referrals", "Specialty")
    for slug, name in SPECIALTIES:
        Specialty.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]
    operations = [migrations.RunPython(add_specialties, migrations.RunPython.noop)]
