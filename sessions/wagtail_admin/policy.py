"""Who may use the session tools: the director and admins (``can_moderate``);
members have no Wagtail access at all. (Times there are the director's own:
``community.time_zones``.)
"""

from django.db.models import Q

from community.access import DIRECTOR_GROUP, can_moderate
from community.admin_policy import RulePermissionPolicy, RuleRequiredMixin

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
