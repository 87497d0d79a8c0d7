"""The forum's structure and permissions, kept in code and applied by ``migrate``.

Member access to /forum/ is decided by community.access at the URL level; inside,
machina's per-forum permissions say what each role may do. Idempotent.
"""

from datetime import time

from django.db import transaction

from community.roles import ensure_admin_role, ensure_roles
from community.schedules import ensure_daily, ensure_every

FORUMS = [
    ("Announcements", "announcements", "News from the program director."),
    (
        "Case discussions",
        "case-discussions",
        "Bring a case (de-identified) and get input from colleagues.",
    ),
    (
        "Technique and theory",
        "technique-and-theory",
        "Methods, models and the research behind them.",
    ),
    (
        "Practice and professional life",
        "practice-and-professional-life",
        "Running a practice, ethics, self-care, careers.",
    ),
    ("Introductions", "introductions", "Say hello and tell us about your work."),
]
ANNOUNCEMENTS = "announcements"

# Every signed-in user who gets past the access rule (so: every member).
MEMBER_PERMISSIONS = [
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_delete_own_posts",
    "can_post_without_approval",  # narrowed by pre-moderation of first posts
]
# The Director and Admins groups, everywhere.
DIRECTOR_PERMISSIONS = [
    *MEMBER_PERMISSIONS,
    "can_post_announcements",
    "can_post_stickies",
    "can_lock_topics",
    "can_move_topics",
    "can_edit_posts",
    "can_delete_posts",
    "can_approve_posts",
    "can_reply_to_locked_topics",
]


def ensure_schedules() -> None:
    """The daily digest, the director's moderation alerts and the daily expiry of
    rejected posts' texts, run by qcluster (``community.schedules``)."""
    ensure_daily(
        name="forum: daily digest", func="forum.tasks.send_digests", at=time(7, 0)
    )
    ensure_daily(
        name="forum: expire rejected texts",
        func="forum.tasks.expire_rejected_texts",
        at=time(3, 30),
    )
    ensure_every(
        name="forum: moderation alerts",
        func="forum.tasks.send_moderation_alerts",
        minutes=15,
    )


@transaction.atomic
def ensure_forum_structure() -> None:
    from machina.apps.forum.models import Forum
    from machina.apps.forum_permission.models import (
        ForumPermission,
        GroupForumPermission,
        UserForumPermission,
    )

    for name, slug, description in FORUMS:
        forum = Forum.objects.filter(slug=slug).first()
        if forum is None:
            Forum.objects.create(
                name=name, slug=slug, description=description, type=Forum.FORUM_POST
            )
    permissions = {p.codename: p for p in ForumPermission.objects.all()}
    if not permissions:
        return  # machina's permissions are created by its own post_migrate step

    for codename in MEMBER_PERMISSIONS:
        UserForumPermission.objects.update_or_create(
            permission=permissions[codename],
            forum=None,
            user=None,
            authenticated_user=True,
            defaults={"has_perm": True},
        )
    announcements = Forum.objects.get(slug=ANNOUNCEMENTS)
    # Only the director starts topics in Announcements; members reply.
    UserForumPermission.objects.update_or_create(
        permission=permissions["can_start_new_topics"],
        forum=announcements,
        user=None,
        authenticated_user=True,
        defaults={"has_perm": False},
    )
    ensure_schedules()
    # The director and the admins moderate alike (community.roles).
    for group in (ensure_roles(), ensure_admin_role()):
        for codename in DIRECTOR_PERMISSIONS:
            for forum in (None, announcements):
                GroupForumPermission.objects.update_or_create(
                    permission=permissions[codename],
                    forum=forum,
                    group=group,
                    defaults={"has_perm": True},
                )
