"""Fill a new installation with demo people and content. Safe to run again.

The demo is for development: with DEBUG off it refuses, unless told
``--allow-production`` (a staging site that should look lived in). Then every demo
account gets an unusable password rather than the published demo one, or a random
one printed here: printed passwords end up in deployment logs, and the staff
accounts' example.com addresses receive no reset email, so nobody can sign in to
them until an operator sets a password (``manage.py changepassword <email>``).
Member accounts are locked too: a member reads the forum's case discussions.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from community import demo
from consultation_billing.demo import seed_fees
from consultations.demo import seed_consultations
from courses.demo import seed_courses
from directory.demo import seed_directory
from forum.demo import seed_forum
from referrals.demo import seed_referrals
from sessions.demo import seed_sessions

REFUSAL = (
    "seed_demo fills the database with demo people and content, for development: "
    "it runs only with DEBUG on. To seed this site anyway, run "
    "`manage.py seed_demo --allow-production`; no demo account can then be "
    "signed in to until you set its password."
)


class Command(BaseCommand):
    help = "Create or refresh the demo content (idempotent; development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run with DEBUG off; demo accounts get unusable passwords.",
        )

    def handle(self, *args, allow_production=False, **options):
        production = not settings.DEBUG
        if production and not allow_production:
            raise CommandError(REFUSAL)
        users = demo.seed(password=None if production else demo.DEMO_PASSWORD)
        seed_forum()
        seed_sessions()
        seed_courses()
        users |= seed_consultations(password=None if production else demo.DEMO_PASSWORD)
        seed_fees()
        seed_directory()
        seed_referrals()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if production:
            self.stdout.write(
                "Demo accounts (no password: set one with "
                "`manage.py changepassword <email>`):"
            )
        else:
            self.stdout.write(
                f"Sign in with any of these (password: {demo.DEMO_PASSWORD}):"
            )
        for email, user in users.items():
            self.stdout.write(f"  {email:<24} {user.get_display_name()}")
        code = getattr(settings, "DEMO_TWO_FACTOR_CODE", "")
        if not production and code:
            staff = demo.seed_staff_two_factor(users.values())
            names = ", ".join(user.email for user in staff)
            self.stdout.write(f"Two-factor code for {names}: {code}")
