"""The membership tools' views that are not plain listings: granting and revoking
complimentary access, processing a webhook event again, the metrics page and its
dashboard panel.

Each view asks ``policy.AdminRequiredMixin`` itself. Writes go through
``memberships.services`` (and "process again" through ``memberships.webhooks``,
which queues the event); state changes are POSTs that return to where the admin
came from.
"""

import json

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from community.time_zones import OwnTimeZoneMixin
from memberships import services, webhooks
from memberships.metrics import membership_metrics_display
from memberships.models import Membership, StripeEvent
from memberships.wagtail_admin.columns import STRIPE_CUSTOMER_URL
from memberships.wagtail_admin.forms import GrantCompForm
from memberships.wagtail_admin.policy import AdminRequiredMixin

# Memberships -----------------------------------------------------------------------


class MembershipIndexView(OwnTimeZoneMixin, IndexView):
    grant_url_name = None

    def get_base_queryset(self):
        # Every row shows its member and plan: one query for the page, not one per row.
        return super().get_base_queryset().select_related("user", "plan")

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Grant a complimentary membership",
                url=reverse(self.grant_url_name),
                icon_name="plus",
            ),
        ]


class GrantCompView(
    OwnTimeZoneMixin, AdminRequiredMixin, WagtailAdminTemplateMixin, FormView
):
    form_class = GrantCompForm
    template_name = "memberships/admin/grant_comp.html"
    page_title = "Grant a complimentary membership"
    header_icon = "user"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Memberships"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        # From an access request's "Grant a membership" link.
        return {"email": self.request.GET.get("email", "")[:254]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media
        context["action_url"] = self.request.path
        context["submit_button_label"] = "Grant membership"
        context["submit_button_active_label"] = "Granting…"
        return context

    def form_valid(self, form):
        user = form.user
        membership = services.membership_grant_comp(
            user=user,
            last_day=form.cleaned_data["until"],
            note=form.cleaned_data["note"],
            notify=True,
        )
        ends = (
            f"until {date_format(membership.comp_end_day, 'j M Y')}"
            if membership.comp_until
            else "with no end date"
        )
        messages.success(
            self.request,
            f"{user.get_display_name()} ({user.email}) has a complimentary "
            f"membership {ends}. We emailed them.",
        )
        return redirect(self.index_url_name)

    def form_invalid(self, form):
        messages.validation_error(
            self.request, "The membership was not granted: see below.", form
        )
        return super().form_invalid(form)


class RevokeCompView(AdminRequiredMixin, View):
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
        services.membership_revoke_comp(user=membership.user)
        messages.success(
            request,
            f"The complimentary membership of {membership.user.get_display_name()} "
            f"({membership.user.email}) is revoked.",
        )
        return redirect(
            get_valid_next_url_from_request(request) or reverse(self.index_url_name)
        )


# Webhook events --------------------------------------------------------------------


class StripeEventIndexView(OwnTimeZoneMixin, IndexView):
    pass


class StripeEventInspectView(OwnTimeZoneMixin, InspectView):
    template_name = "memberships/admin/stripe_event_inspect.html"
    reprocess_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payload_json"] = json.dumps(
            self.object.payload, indent=2, ensure_ascii=False
        )
        context["reprocess_url"] = reverse(
            self.reprocess_url_name, args=[self.object.pk]
        )
        return context


class ReprocessStripeEventView(AdminRequiredMixin, View):
    """Send a stored event through its handler again, e.g. after fixing a bug that
    made it fail. Handlers are idempotent, so a processed event may go again too."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        event = get_object_or_404(StripeEvent, pk=pk)
        webhooks.stripe_event_reprocess(event=event)
        messages.success(
            request, f"Event {event.event_id} is queued to be processed again."
        )
        return redirect(
            get_valid_next_url_from_request(request)
            or reverse(self.inspect_url_name, args=[event.pk])
        )


# Metrics ---------------------------------------------------------------------------

# Each figure links to the members listing filtered by the same condition.
MEMBERS_URL_NAME = "membership_members:index"


class MembershipMetricsView(
    AdminRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "memberships/admin/metrics.html"
    page_title = "Membership metrics"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["metrics"] = metrics = membership_metrics_display()
        context["members_url"] = reverse(MEMBERS_URL_NAME)
        context["billed_twice"] = [
            (m, STRIPE_CUSTOMER_URL.format(m.stripe_customer_id))
            for m in metrics["billed_twice"]
        ]
        return context


class MembershipMetricsPanel(Component):
    """The same numbers on the Wagtail dashboard; added for admins only."""

    name = "membership_metrics"
    template_name = "memberships/admin/metrics_panel.html"
    order = 50

    def __init__(self, *, metrics_url: str):
        self.metrics_url = metrics_url

    def get_context_data(self, parent_context=None):
        return {
            "metrics": membership_metrics_display(),
            "metrics_url": self.metrics_url,
            "members_url": reverse(MEMBERS_URL_NAME),
        }
