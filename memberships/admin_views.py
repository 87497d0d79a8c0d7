"""The admins' membership tools inside Wagtail: who may use them, and the views that
are not plain listings (granting and revoking complimentary access, processing a
webhook event again, the metrics page and its dashboard panel).

Directors have Wagtail access too, so every view here asks ``community.access``
itself rather than trusting the menu: a hidden menu item is not a lock. Writes go
through ``memberships.services``; Stripe stays the source of truth for everything
on the subscription side, so nothing here edits it.
"""

import json
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import BasePermissionPolicy

from community.access import is_admin
from memberships import services
from memberships.metrics import membership_metrics_display
from memberships.models import Membership, StripeEvent

STRIPE_CUSTOMER_URL = "https://dashboard.stripe.com/customers/{}"


# Who may use the tools -------------------------------------------------------------


class AdminOnlyPermissionPolicy(BasePermissionPolicy):
    """Admins (``community.access.is_admin``) may do ``actions``; nobody else may.

    Wagtail's own permission checks (menu items, listing buttons, generic views) ask
    the policy, so the admin rule is decided in one place instead of by Django model
    permissions that a director's group could be given by hand.
    """

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_admin(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and is_admin(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if not self.actions.intersection(actions):
            return users.none()
        return users.filter(
            Q(is_staff=True) | Q(is_superuser=True),
            is_active=True,
            deleted_at__isnull=True,
        )


class AdminRequiredMixin:
    """For the tools' own views. Inside /cms/ Wagtail turns the refusal into a
    redirect to the dashboard with a message; anywhere else it is a 403."""

    def dispatch(self, request, *args, **kwargs):
        if not is_admin(request.user):
            raise PermissionDenied("The membership tools are for admins.")
        return super().dispatch(request, *args, **kwargs)


def _day(value) -> str:
    return date_format(timezone.localtime(value), "j M Y") if value else ""


# Memberships -----------------------------------------------------------------------


class StripeCustomerColumn(Column):
    cell_template_name = "memberships/admin/stripe_link_cell.html"

    def get_value(self, instance):
        if instance.stripe_customer_id:
            return STRIPE_CUSTOMER_URL.format(instance.stripe_customer_id)
        return None


class RevokeCompColumn(Column):
    """A POST button per row: revoking changes state, so it is never a link."""

    cell_template_name = "memberships/admin/revoke_comp_cell.html"

    def __init__(self, name, *, url_name, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name = url_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["revoke_url"] = (
            reverse(self.url_name, args=[instance.pk])
            if instance.comp_granted_at
            else None
        )
        context["next_url"] = self._listing_url(parent_context)
        context["csrf_token"] = get_token(request) if request else ""
        return context

    @staticmethod
    def _listing_url(parent_context) -> str:
        """Back to the listing as filtered; rows refreshed by the filters are
        rendered by the results view, whose own URL is only a fragment."""
        base_url = parent_context["table"].base_url or ""
        request = parent_context.get("request")
        query = request.GET.copy() if request else QueryDict(mutable=True)
        query.pop("_w_filter_fragment", None)
        return f"{base_url}?{query.urlencode()}" if query else base_url


def membership_columns(*, revoke_url_name: str) -> list[Column]:
    return [
        Column(
            "member",
            label="Member",
            accessor="user.get_display_name",
            sort_key="user__display_name",
        ),
        Column("email", label="Email", accessor="user.email", sort_key="user__email"),
        Column("state", label="State", accessor="get_state_display"),
        Column("plan", label="Plan", accessor="plan.name"),
        Column(
            "current_period_end",
            label="Renews or ends",
            accessor=lambda m: _day(m.current_period_end),
            sort_key="current_period_end",
        ),
        Column(
            "cancel_at_period_end",
            label="Cancels at period end",
            accessor=lambda m: "Yes" if m.cancel_at_period_end else "",
        ),
        Column(
            "comp_until",
            label="Comp until",
            accessor=_comp_until,
            sort_key="comp_until",
        ),
        StripeCustomerColumn("stripe", label="Stripe"),
        RevokeCompColumn("revoke", label="", url_name=revoke_url_name),
    ]


def _comp_until(membership: Membership) -> str:
    if membership.comp_granted_at is None:
        return ""
    if membership.comp_until is None:
        return "No end date"
    return _day(membership.comp_until)


class MembershipIndexView(IndexView):
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


class GrantCompForm(forms.Form):
    user = None  # the account the email belongs to, once the form is valid

    email = forms.EmailField(label="Member's email")
    until = forms.DateField(
        required=False,
        widget=AdminDateInput,
        help_text="The last day of access. Leave empty for no end date.",
    )
    note = forms.CharField(
        max_length=200,
        required=False,
        help_text="Why, for the other admins, e.g. “Scholarship 2026”.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.user = (
            get_user_model()
            .objects.filter(email__iexact=email, deleted_at__isnull=True)
            .first()
        )
        if self.user is None:
            raise ValidationError(
                "No account uses this email address. The person signs up first, "
                "then you can grant the membership."
            )
        return email

    def clean_until(self):
        day = self.cleaned_data["until"]
        if day is not None and day < timezone.localdate():
            raise ValidationError("Choose today or a later day.")
        return day

    def until_as_datetime(self) -> datetime | None:
        """Access lasts through the chosen day: it ends when the next day begins."""
        day = self.cleaned_data["until"]
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


class GrantCompView(AdminRequiredMixin, WagtailAdminTemplateMixin, FormView):
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media
        context["action_url"] = self.request.path
        context["submit_button_label"] = "Grant membership"
        context["submit_button_active_label"] = "Granting…"
        return context

    def form_valid(self, form):
        user = form.user
        until = form.until_as_datetime()
        services.membership_grant_comp(
            user=user, until=until, note=form.cleaned_data["note"]
        )
        ends = (
            f"until {_day(until - timedelta(days=1))}" if until else "with no end date"
        )
        messages.success(
            self.request,
            f"{user.get_display_name()} ({user.email}) has a complimentary "
            f"membership {ends}.",
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


def _event_type_choices():
    types = StripeEvent.objects.order_by("type").values_list("type", flat=True)
    return [(name, name) for name in types.distinct()]


class StripeEventFilterSet(WagtailFilterSet):
    outcome = ChoiceFilter(choices=StripeEvent.Outcome.choices)
    # Choices are the types actually received, read when the form is built.
    type = ChoiceFilter(choices=_event_type_choices)

    class Meta:
        model = StripeEvent
        fields = ["outcome", "type"]


def stripe_event_columns() -> list[Column]:
    return [
        "event_id",
        Column("type", label="Type", sort_key="type"),
        Column(
            "received_at",
            label="Received",
            accessor=lambda e: date_format(
                timezone.localtime(e.received_at), "j M Y, H:i:s"
            ),
            sort_key="received_at",
        ),
        Column("outcome", label="Outcome", accessor="get_outcome_display"),
        Column("attempts", label="Attempts"),
        Column(
            "error",
            label="Error",
            accessor=lambda e: Truncator(e.error).chars(80),
        ),
    ]


class StripeEventInspectView(InspectView):
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
        services.stripe_event_reprocess(event=event)
        messages.success(
            request, f"Event {event.event_id} is queued to be processed again."
        )
        return redirect(
            get_valid_next_url_from_request(request)
            or reverse(self.inspect_url_name, args=[event.pk])
        )


# Metrics ---------------------------------------------------------------------------


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
        context["metrics"] = membership_metrics_display()
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
        }
