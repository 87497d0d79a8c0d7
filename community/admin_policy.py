"""The one permission policy for our tools inside the Wagtail admin.

Wagtail decides its menu items, listing buttons and generic views by asking a
model's permission policy; left alone it falls back to Django model permissions,
which anyone could tick on a group form (a director's group given "change
membership" by hand would open the billing tools). Our tools are decided by a
role rule instead (``is_admin``, ``can_moderate``), the same one the site asks,
so each app registers a ``RulePermissionPolicy`` built on its rule, and its own
views (which a hidden menu item does not lock) ask the rule again through
``RuleRequiredMixin``. Their viewsets subclass ``RuleViewSet``, which offers no
Django model permissions on the group form.

Knows no app: the rule and the users it admits are handed in by the app.
"""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy


class RulePermissionPolicy(BasePermissionPolicy):
    """Users for whom ``rule(user)`` is true may do ``actions`` on ``model``;
    nobody else may do anything, whatever Django permissions they were given.

    ``users`` is the rule in the database, for the one question a Python
    predicate cannot answer: Wagtail asks for a queryset of the users who may act
    (``users_with_any_permission``). Only live accounts are ever returned.

        RulePermissionPolicy(
            Plan,
            rule=is_admin,
            actions={"add", "change"},
            users=Q(is_staff=True) | Q(is_superuser=True),
        )
    """

    def __init__(
        self,
        model,
        *,
        rule: Callable[[object], bool],
        actions: Iterable[str],
        users: Q,
    ):
        super().__init__(model)
        self.rule = rule
        self.actions = frozenset(actions)
        self.users = users

    def user_has_permission(self, user, action):
        return action in self.actions and self.rule(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and self.rule(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if not self.actions.intersection(actions):
            return users.none()
        return users.filter(
            self.users, is_active=True, deleted_at__isnull=True
        ).distinct()


class RuleRequiredMixin:
    """For a tool's own views: refuse whoever fails ``rule``. Inside /cms/
    Wagtail turns the refusal into a redirect to its dashboard with a message;
    anywhere else it is a 403."""

    rule: Callable[[object], bool]  # set with staticmethod() on the subclass
    refusal_message = "This tool is not for you."

    def dispatch(self, request, *args, **kwargs):
        if not self.rule(request.user):
            raise PermissionDenied(self.refusal_message)
        return super().dispatch(request, *args, **kwargs)


class RuleViewSet(ModelViewSet):
    """A tool's viewset, for a model whose ``RulePermissionPolicy`` is registered."""

    def get_permissions_to_register(self):
        # The policy ignores Django model permissions: offering them on Wagtail's
        # group form would suggest that ticking one gave access.
        return Permission.objects.none()
