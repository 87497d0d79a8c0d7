"""Who holds which role, and the Director group's permissions kept in code.

The predicates say who someone is (admin, director), not what they may see:
``community.access`` composes them with the membership rules. ``ensure_roles``
runs after every ``migrate`` (see apps.py) and from ``seed_demo``;
it is idempotent. Later apps add their moderation and curation permissions to
DIRECTOR_PERMISSIONS.
"""

from django.contrib.auth.models import Group, Permission

DIRECTOR_GROUP = "Director"

# Wagtail page permissions the director holds over the whole page tree.
DIRECTOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Images and documents, over the root collection (and as plain permissions).
DIRECTOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
# "app_label.codename" of every Django permission the director holds.
DIRECTOR_PERMISSIONS = ["wagtailadmin.access_admin", *DIRECTOR_COLLECTION_PERMISSIONS]


def is_live_account(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "deleted_at", None) is None
    )


def is_admin(user) -> bool:
    return is_live_account(user) and (user.is_staff or user.is_superuser)


def is_director(user) -> bool:
    if not is_live_account(user):
        return False
    if not hasattr(user, "_is_director_cache"):
        user._is_director_cache = user.groups.filter(name=DIRECTOR_GROUP).exists()
    return user._is_director_cache


def can_moderate(user) -> bool:
    """Director tools: moderation, curation, announcements."""
    return is_director(user) or is_admin(user)


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def ensure_roles() -> Group:
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    group, _ = Group.objects.get_or_create(name=DIRECTOR_GROUP)
    permissions = [p for p in map(_permission, DIRECTOR_PERMISSIONS) if p is not None]
    group.permissions.add(*permissions)

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in DIRECTOR_PAGE_PERMISSIONS:
            permission = _permission(f"wagtailcore.{codename}")
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in DIRECTOR_COLLECTION_PERMISSIONS:
            permission = _permission(dotted)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return group
