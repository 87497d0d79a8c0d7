"""Move uploads that an older install kept in MEDIA_ROOT into private storage.

Documents, recordings, original images and forum attachments used to be saved
in the folder that an operator may serve at /media/. From now on the default
storage is PRIVATE_MEDIA_ROOT; this moves the files already uploaded (the rows
keep their names). Files that are not on this machine stay where they are:
run ``manage.py move_private_media`` where they are.
"""

from django.db import migrations


def move(apps, schema_editor):
    from courses.private_media import move_uploads_to_private_storage

    move_uploads_to_private_storage(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_create_library_pages"),
        # Every app with a file field in the default storage, at its state now.
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("forum", "0011_auto_20190627_2132"),
        ("forum_attachments", "0002_auto_20181103_1404"),
        ("forum_member", "0005_auto_20200423_1049"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
