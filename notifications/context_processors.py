"""The bell's unread count, read only when a template shows it."""

from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count


def bell(request):
    user = getattr(request, "user", None)
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
