"""Fill a new installation with demo people and content. Safe to run again."""

from django.core.management.base import BaseCommand

from community import demo
from courses.demo import seed_courses
from forum.demo import seed_forum
from sessions.demo import seed_sessions


class Command(BaseCommand):
    help = "Create or refresh the demo content (idempotent)."

    def handle(self, *args, **options):
        users = demo.seed()
        seed_forum()
        seed_sessions()
        seed_courses()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(
            f"Sign in with any of these (password: {demo.DEMO_PASSWORD}):"
        )
        for email, user in users.items():
            self.stdout.write(f"  {email:<24} {user.get_display_name()}")
