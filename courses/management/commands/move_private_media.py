"""Move uploads still in the public MEDIA_ROOT into private storage.

Migration 0003 does this once on upgrade; run it again after restoring an old
backup of the media folder, or on the machine that holds the files when
migrations ran elsewhere.
"""

from django.core.management.base import BaseCommand

from courses.private_media import move_uploads_to_private_storage


class Command(BaseCommand):
    help = "Move uploads still in MEDIA_ROOT into PRIVATE_MEDIA_ROOT."

    def handle(self, *args, **options):
        moved = move_uploads_to_private_storage()
        for name in moved:
            self.stdout.write(f"  {name}")
        self.stdout.write(f"Moved {len(moved)} files into private storage.")
