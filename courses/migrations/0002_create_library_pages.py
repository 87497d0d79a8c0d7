"""Give a new install its /course/ and /videos/ pages under the landing page.

Both start empty; the director writes the course and adds videos in /cms/, and
``seed_demo`` fills them for the demo.
"""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _next_child_path(parent, Page):
    """treebeard's next path under ``parent`` (historical models lack its API)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = 0
    if last:
        for char in last[-STEPLEN:]:
            number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    step = ""
    for _ in range(STEPLEN):
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent.path + step


def create_library_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("community.HomePage")
    pages = [
        ("courseindexpage", "CourseIndexPage", "Course", "course"),
        ("videoindexpage", "VideoIndexPage", "Video library", "videos"),
    ]
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    for model_name, class_name, title, slug in pages:
        model = apps.get_model("courses", class_name)
        if model.objects.exists() or Page.objects.filter(
            path__startswith=home.path, depth=home.depth + 1, slug=slug
        ).exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label="courses", model=model_name
        )
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=_next_child_path(home, Page),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
        home.numchild += 1


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("community", "0004_create_home_page"),
    ]
    operations = [
        migrations.RunPython(create_library_pages, migrations.RunPython.noop)
    ]
