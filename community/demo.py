"""Demo content for a new installation: people, roles and the landing page.

Idempotent: running it again updates what it created and duplicates nothing.
Every demo account uses DEMO_PASSWORD and has a verified email address.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from community.models import HomePage, Orientation, User
from community.roles import ensure_roles
from memberships.models import Membership, Plan
from memberships.services import membership_grant_comp

DEMO_PASSWORD = "coaching-demo-2026"

PEOPLE = [
    # email, display name, first, last, credentials, orientations, time zone, role
    (
        "director@example.com",
        "Dr. Miriam Okafor",
        "Miriam",
        "Okafor",
        "PhD, licensed psychologist",
        ["Integrative", "Psychodynamic"],
        "America/Los_Angeles",
        "director",
    ),
    (
        "admin@example.com",
        "Site admin",
        "Sam",
        "Lindqvist",
        "",
        [],
        "Europe/Stockholm",
        "admin",
    ),
    (
        "dana@example.com",
        "Dana R.",
        "Dana",
        "Reyes",
        "LCSW",
        [
            "Cognitive behavioural therapy (CBT)",
            "Acceptance and commitment therapy (ACT)",
        ],
        "America/New_York",
        "member",
    ),
    (
        "tomas@example.com",
        "Tomás V.",
        "Tomás",
        "Vidal",
        "Clinical psychologist",
        ["Schema therapy"],
        "Europe/Madrid",
        "member",
    ),
    (
        "priya@example.com",
        "Priya S.",
        "Priya",
        "Sharma",
        "MA, counselling psychologist",
        ["Humanistic / person-centred", "Emotion-focused therapy"],
        "Asia/Kolkata",
        "member",
    ),
    (
        "hannah@example.com",
        "Hannah K.",
        "Hannah",
        "Klein",
        "Psychotherapist (HPG)",
        ["Family and systemic"],
        "Europe/Berlin",
        "member",
    ),
    (
        "lapsed@example.com",
        "Owen L.",
        "Owen",
        "Lambert",
        "LPC",
        ["Dialectical behaviour therapy (DBT)"],
        "America/Chicago",
        "lapsed",
    ),
    (
        "visitor@example.com",
        "Jun W.",
        "Jun",
        "Watanabe",
        "LMFT",
        [],
        "Asia/Tokyo",
        "signed-up",
    ),
]

FAQ = [
    (
        "Is this supervision?",
        "<p>No. It is coaching: you hear how an experienced clinician reasons about "
        "options, and you stay free to choose. It does not replace the clinical "
        "supervision your licence may require.</p>",
    ),
    (
        "Which school of therapy do you follow?",
        "<p>None in particular. The course and the sessions work on the common "
        "infrastructure under every therapy: alliance, formulation, pacing, ruptures "
        "and repair. Members come from CBT, psychodynamic, systemic, humanistic and "
        "other traditions.</p>",
    ),
    (
        "How do I keep my clients' privacy?",
        "<p>Post de-identified material only. Before a case post or a session question "
        "is saved, the site checks it for likely identifiers (names, dates, numbers, "
        "addresses) and asks you to edit or confirm.</p>",
    ),
    (
        "Can I cancel?",
        "<p>Yes, at any time, from your account page. You keep access until the end "
        "of the month you paid for.</p>",
    ),
    (
        "What if I miss a live session?",
        "<p>Every session is recorded and posted in the video library, linked to the "
        "questions it answered.</p>",
    ),
]

PILLARS = [
    (
        "Live group coaching, twice a month",
        "The program director works through the questions members sent in "
        "beforehand. Submit yours, up-vote others, and join live or watch later.",
    ),
    (
        "A private, moderated case forum",
        "Post cases and questions at any time and get input from peers. The director "
        "keeps it safe and picks topics for the sessions.",
    ),
    (
        "A self-paced course",
        "About ten hours on the common infrastructure of psychotherapy, with a "
        "certificate that states the hours.",
    ),
    (
        "A growing video library",
        "Exclusive talks and every session recording, searchable by topic.",
    ),
]


def _user(email, display_name, first, last, credentials, orientations, tz, role):
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.display_name = display_name
    user.first_name = first
    user.last_name = last
    user.credentials = credentials
    user.time_zone = tz
    user.is_staff = user.is_superuser = role == "admin"
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.orientations.set(Orientation.objects.filter(name__in=orientations))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_people() -> dict[str, User]:
    director_group = ensure_roles()
    now = timezone.now()
    users = {}
    for row in PEOPLE:
        user = _user(*row)
        role = row[-1]
        users[row[0]] = user
        if role == "director":
            user.groups.add(director_group)
        elif role == "member":
            membership_grant_comp(user=user, note="Demo member")
        elif role == "lapsed":
            Membership.objects.update_or_create(
                user=user,
                defaults={
                    "status": Membership.Status.CANCELED,
                    "current_period_end": now - timedelta(days=12),
                    "comp_granted_at": None,
                    "comp_until": None,
                },
            )
    return users


def _tree_root() -> Page:
    """Wagtail's root page (and root collection), made again after a database flush.

    Migrations create them; a test database flushed between browser tests has none.
    """
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def seed_home_page() -> HomePage:
    fields = {
        "title": "Coaching for psychotherapists",
        "hero_title": "An expert colleague for your hardest cases",
        "hero_text": (
            "Live group coaching twice a month, a private case forum, a self-paced "
            "course and a video library, for therapists of every school."
        ),
        "program_intro": (
            "<p>Supervision is scarce, costly and tied to one school. Peer groups "
            "lack depth. This community gives you regular access to expert clinical "
            "reasoning about your own cases, under one monthly membership.</p>"
        ),
        "pillars": [("pillar", {"title": t, "text": x}) for t, x in PILLARS],
        "director_name": "Dr. Miriam Okafor",
        "director_title": (
            "Program director, clinical psychologist, 25 years in practice"
        ),
        "director_bio": (
            "<p>Miriam has trained therapists from many traditions and led "
            "consultation groups in hospitals and private practice. Her coaching "
            "focuses on what happens between therapist and client, whatever the "
            "method.</p>"
        ),
        "price_label": "$89 per month",
        "price_note": "Everything included. Cancel any time from your account.",
        "faq": [("question", {"question": q, "answer": a}) for q, a in FAQ],
    }
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(slug="home-page", **fields)
        _tree_root().add_child(instance=home)
    else:
        for name, value in fields.items():
            setattr(home, name, value)
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Coaching Community"
    site.save()
    # Wagtail's own placeholder page is no longer reachable; remove it.
    Page.objects.filter(depth=2, content_type__model="page").exclude(
        pk=home.pk
    ).delete()
    return home


def seed_plans() -> None:
    """The offer shown on Join. Replace the price IDs with your Stripe prices."""
    for order, (name, price_id, amount, interval, description) in enumerate(
        [
            ("Monthly", "price_demo_monthly", 8900, "month", "Cancel any time."),
            ("Yearly", "price_demo_yearly", 89000, "year", "Two months free."),
        ]
    ):
        Plan.objects.update_or_create(
            stripe_price_id=price_id,
            defaults={
                "name": name,
                "amount": amount,
                "interval": interval,
                "description": description,
                "sort_order": order,
            },
        )


@transaction.atomic
def seed() -> dict[str, User]:
    seed_plans()
    users = seed_people()
    seed_home_page()
    return users
