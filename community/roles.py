"""Who holds which role, and the Director and Admins groups' permissions kept in code.

The predicates say who someone is (admin, director), not what they may see:
``community.access`` composes them with the membership rules. ``ensure_roles``
runs after every ``migrate`` (see apps.py) and from ``seed_demo``;
it is idempotent. Later apps add their moderation and curation permissions to
DIRECTOR_PERMISSIONS.

An admin is a staff account (or a superuser). Wagtail grants its admin and its
page, image and document permissions through groups only, so a staff account that
is not a superuser is kept in the Admins group (``sync_admin_role``, on every save
of the account or of its groups: apps.py): ticking "staff status" in either admin
is all it takes, and unticking it takes the role away.
"""

from django.contrib.auth.models import Group, Permission

DIRECTOR_GROUP = "Director"
ADMINS_GROUP = "Admins"

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
# Admins use the CMS as the director does. Users, groups and sites stay with
# superusers: a staff account that could edit groups could make itself one.
ADMIN_PAGE_PERMISSIONS = DIRECTOR_PAGE_PERMISSIONS
ADMIN_COLLECTION_PERMISSIONS = DIRECTOR_COLLECTION_PERMISSIONS
ADMIN_PERMISSIONS = DIRECTOR_PERMISSIONS


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


def has_staff_powers(user) -> bool:
    """Moderation, curation or CMS powers: whoever holds them must use two-factor
    (community.middleware)."""
    return can_moderate(user) or (
        is_live_account(user) and user.has_perm("wagtailadmin.access_admin")
    )


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def _ensure_group(
    name: str, *, permissions: list[str], page: list[str], collection: list[str]
) -> Group:
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*[p for p in map(_permission, permissions) if p])

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in page:
            permission = _permission(f"wagtailcore.{codename}")
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in collection:
            permission = _permission(dotted)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return group


def ensure_admin_role() -> Group:
    """The Admins group with its permissions, holding every live staff account."""
    group = _ensure_group(
        ADMINS_GROUP,
        permissions=ADMIN_PERMISSIONS,
        page=ADMIN_PAGE_PERMISSIONS,
        collection=ADMIN_COLLECTION_PERMISSIONS,
    )
    sync_admins_group(group)
    return group


def sync_admins_group(group: Group | None = None) -> None:
    """Every live staff account in the Admins group, and nobody else."""
    from django.contrib.auth import get_user_model

    group = group or Group.objects.filter(name=ADMINS_GROUP).first()
    if group is None:
        return
    staff = get_user_model().objects.filter(
        is_staff=True, is_active=True, deleted_at__isnull=True
    )
    group.user_set.add(*staff.exclude(groups=group))
    group.user_set.remove(*group.user_set.exclude(pk__in=staff.values("pk")))


def sync_admin_role(user) -> None:
    """Put a staff account in the Admins group and take anyone else out of it."""
    group = Group.objects.filter(name=ADMINS_GROUP).first()
    if group is None or user.pk is None:
        return  # before the first migrate
    should_hold = bool(
        user.is_staff and user.is_active and getattr(user, "deleted_at", None) is None
    )
    holds = user.groups.filter(pk=group.pk).exists()
    if should_hold and not holds:
        user.groups.add(group)
    elif holds and not should_hold:
        user.groups.remove(group)


def ensure_roles() -> Group:
    """Both roles' groups; returns the Director group."""
    ensure_admin_role()
    return _ensure_group(
        DIRECTOR_GROUP,
        permissions=DIRECTOR_PERMISSIONS,
        page=DIRECTOR_PAGE_PERMISSIONS,
        collection=DIRECTOR_COLLECTION_PERMISSIONS,
    )
