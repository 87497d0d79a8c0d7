"""Values the base layout needs on every page."""

from django.conf import settings

from community import access


def site(request):
    user = getattr(request, "user", None)
    return {
        "COMMUNITY_NAME": settings.COMMUNITY_NAME,
        "has_member_access": access.has_member_access(user),
        "can_moderate": access.can_moderate(user),
        "is_site_admin": access.is_admin(user),
    }
