"""Who may use the session tools, and in which time zone they see times.

The director and admins (``can_moderate``) may; members have no Wagtail access
at all. Times are typed and shown in the director's own time zone (the one on
their account), not Wagtail's separate profile setting, so that "12:00" means
what the director means by it.
"""

from django.db.models import Q
from django.utils import timezone

from community.access import DIRECTOR_GROUP, can_moderate
from community.admin_policy import RulePermissionPolicy, RuleRequiredMixin
from sessions.services.emails import user_time_zone

# ``can_moderate`` in the database, for Wagtail's "who may act" querysets.
MODERATOR_USERS = (
    Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=DIRECTOR_GROUP)
)


def moderator_policy(model, *, actions) -> RulePermissionPolicy:
    """The director and admins may do ``actions`` on ``model``; nobody else may,
    whatever Django permissions they were given."""
    return RulePermissionPolicy(
        model, rule=can_moderate, actions=actions, users=MODERATOR_USERS
    )


class ModeratorRequiredMixin(RuleRequiredMixin):
    rule = staticmethod(can_moderate)
    refusal_message = "The session tools are for the program director."


class DirectorTimeZoneMixin:
    """Read and show times in the signed-in user's own time zone.

    Wagtail wraps each admin view in the time zone of its own user profile and
    renders the response later; rendering here, inside our time zone, keeps the
    form's input and output in the same one.
    """

    def dispatch(self, request, *args, **kwargs):
        with timezone.override(user_time_zone(request.user)):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response
