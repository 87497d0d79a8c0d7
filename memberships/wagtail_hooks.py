"""The admins' "Memberships" menu in Wagtail (/cms/memberships/...): plans,
memberships with complimentary grants, the Stripe webhook event log and metrics.

The program director uses Wagtail too but must not see billing: each model gets a
permission policy that lets admins only, so Wagtail hides the menu items and
refuses the views for everyone else; the custom views check the same rule.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.permissions import register_permission_policy

from community.admin_policy import RuleViewSet
from community.roles import is_admin
from memberships.models import AccessRequest, Membership, Plan, StripeEvent
from memberships.wagtail_admin import columns, views
from memberships.wagtail_admin.policy import admin_only_policy

# Registered before any viewset asks, or Wagtail falls back to model permissions.
# No "delete" for plans: memberships point at them (deactivate a plan instead).
register_permission_policy(Plan, admin_only_policy(Plan, actions={"add", "change"}))
# Read-only in Wagtail: Stripe is the source of truth for subscriptions and events.
register_permission_policy(Membership, admin_only_policy(Membership, actions={"view"}))
register_permission_policy(
    StripeEvent, admin_only_policy(StripeEvent, actions={"view"})
)
# Requests arrive from the Join page; admins read them.
register_permission_policy(
    AccessRequest, admin_only_policy(AccessRequest, actions={"view"})
)


class AdminOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_admin(request.user)


class _AdminToolViewSet(RuleViewSet):
    # Saving a membership or event must not write reference-index rows, and
    # nothing refers to them through Wagtail.
    add_to_reference_index = False


class _ListingOnlyViewSet(_AdminToolViewSet):
    """A listing and nothing else: no add, edit or delete views, so there is no
    edit URL for Wagtail's finder to offer."""

    def listing_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_urlpatterns(self):
        return self.listing_urlpatterns()

    def register_admin_url_finder(self):
        pass


class _StripeRecordViewSet(_ListingOnlyViewSet):
    """A listing of what Stripe is the source of truth for."""


class PlanViewSet(_AdminToolViewSet):
    model = Plan
    name = "membership_plans"
    url_prefix = "memberships/plans"
    icon = "tag"
    menu_label = "Plans"
    copy_view_enabled = False
    list_display = [
        "name",
        Column("display_price", label="Price"),
        "stripe_price_id",
        BooleanColumn("active", label="Active", sort_key="active"),
        "sort_order",
    ]
    list_filter = ["active", "interval"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("stripe_price_id"),
        FieldPanel("amount"),
        FieldPanel("currency"),
        FieldPanel("interval"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]


class MembershipViewSet(_StripeRecordViewSet):
    model = Membership
    name = "membership_members"
    url_prefix = "memberships/members"
    icon = "user"
    menu_label = "Members"
    index_view_class = views.MembershipIndexView
    filterset_class = columns.MembershipFilterSet
    search_fields = ["user__email", "user__display_name"]
    ordering = "-updated_at"
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_display=columns.membership_columns(
                revoke_url_name=self.get_url_name("revoke_comp")
            ),
            grant_url_name=self.get_url_name("grant_comp"),
            **kwargs,
        )

    def get_urlpatterns(self):
        index_url_name = self.get_url_name("index")
        return [
            *self.listing_urlpatterns(),
            path(
                "grant/",
                views.GrantCompView.as_view(index_url_name=index_url_name),
                name="grant_comp",
            ),
            path(
                "<int:pk>/revoke/",
                views.RevokeCompView.as_view(index_url_name=index_url_name),
                name="revoke_comp",
            ),
        ]


class StripeEventViewSet(_StripeRecordViewSet):
    model = StripeEvent
    name = "membership_stripe_events"
    url_prefix = "memberships/stripe-events"
    icon = "resubmit"
    menu_label = "Webhook events"
    filterset_class = columns.StripeEventFilterSet
    search_fields = ["event_id", "type"]
    ordering = "-received_at"
    list_per_page = 50
    index_view_class = views.StripeEventIndexView
    inspect_view_enabled = True
    inspect_view_class = views.StripeEventInspectView
    inspect_view_fields = [
        "event_id",
        "type",
        "livemode",
        "stripe_created",
        "received_at",
        "processed_at",
        "outcome",
        "flagged",
        "attempts",
        "enqueued_at",
        "note",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_display=columns.stripe_event_columns(),
            page_title="Webhook events",
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            reprocess_url_name=self.get_url_name("reprocess"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *self.listing_urlpatterns(),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/process-again/",
                views.ReprocessStripeEventView.as_view(
                    inspect_url_name=self.get_url_name("inspect")
                ),
                name="reprocess",
            ),
        ]


class AccessRequestViewSet(_ListingOnlyViewSet):
    """Requests for access from the Join page while online payment is off, read
    only (what the person wrote, whole); each row links to the grant form with
    the address filled in."""

    model = AccessRequest
    name = "membership_access_requests"
    url_prefix = "memberships/access-requests"
    icon = "mail"
    menu_label = "Access requests"
    search_fields = ["name", "email"]
    ordering = "-created_at"
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_display=columns.access_request_columns(
                grant_url_name=MembershipViewSet.name + ":grant_comp"
            ),
            **kwargs,
        )


class MetricsViewSet(ViewSet):
    name = "membership_metrics"
    url_prefix = "memberships/metrics"
    icon = "table"
    menu_label = "Membership metrics"
    menu_item_class = AdminOnlyMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.MembershipMetricsView.as_view(), name="index"),
        ]


class MembershipToolsGroup(ViewSetGroup):
    menu_label = "Memberships"
    menu_icon = "group"
    menu_order = 250
    items = (
        PlanViewSet,
        MembershipViewSet,
        AccessRequestViewSet,
        StripeEventViewSet,
        MetricsViewSet,
    )


@hooks.register("register_admin_viewset")
def register_membership_tools():
    return MembershipToolsGroup()


@hooks.register("construct_homepage_panels")
def add_membership_metrics_panel(request, panels):
    if is_admin(request.user):
        panels.append(
            views.MembershipMetricsPanel(
                metrics_url=reverse(MetricsViewSet.name + ":index")
            )
        )
