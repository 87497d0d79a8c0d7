"""Replace Wagtail's "Welcome" placeholder with the landing page on a new install.

The page starts with a headline only; the admin writes the rest in /cms/, and
``seed_demo`` fills it for the demo.
"""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("community.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2
    ).delete()
    if Page.objects.filter(depth=2).exists():
        return  # someone built their own tree; leave it alone
    content_type, _ = ContentType.objects.get_or_create(
        app_label="community", model="homepage"
    )
    home = HomePage.objects.create(
        title="Coaching for psychotherapists",
        draft_title="Coaching for psychotherapists",
        slug="home-page",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home-page/",
        locale=Locale.objects.order_by("pk").first(),
        hero_title="An expert colleague for your hardest cases",
        call_to_action="Join the community",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_seed_orientations"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
