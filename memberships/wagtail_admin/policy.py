"""Who may use the membership tools: admins only.

Directors have Wagtail access too but must not see billing, so every model's
policy and every custom view ask ``is_admin`` rather than trusting the menu: a
hidden menu item is not a lock.
"""

from django.db.models import Q

from community.admin_policy import RulePermissionPolicy, RuleRequiredMixin
from community.roles import is_admin

# ``is_admin`` in the database, for Wagtail's "who may act" querysets.
ADMIN_USERS = Q(is_staff=True) | Q(is_superuser=True)


def admin_only_policy(model, *, actions) -> RulePermissionPolicy:
    """Admins may do ``actions`` on ``model``; nobody else may."""
    return RulePermissionPolicy(
        model, rule=is_admin, actions=actions, users=ADMIN_USERS
    )


class AdminRequiredMixin(RuleRequiredMixin):
    rule = staticmethod(is_admin)
    refusal_message = "The membership tools are for admins."
