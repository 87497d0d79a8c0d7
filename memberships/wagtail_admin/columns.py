"""What the membership tools' listings show: the columns of the members and
webhook event listings, and the event filters.

Dates are shown in the admin's active time zone; revoking a grant is a POST
button per row, since a link must never change state.
"""

from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from community.time_zones import user_time_zone
from memberships.metrics import FIGURES, figure_q
from memberships.models import Membership, Plan, StripeEvent

STRIPE_CUSTOMER_URL = "https://dashboard.stripe.com/customers/{}"


def day(value) -> str:
    return date_format(timezone.localtime(value), "j M Y") if value else ""


class OwnZoneTimeColumn(Column):
    """A moment in the admin's own time zone (their account's, which Wagtail's
    admin does not read: it has a preference of its own), with the zone named."""

    def __init__(self, name, *, with_seconds: bool = False, **kwargs):
        super().__init__(name, **kwargs)
        self.format = "j M Y, H:i:s T" if with_seconds else "j M Y, H:i T"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        moment = getattr(instance, self.name)
        zone = user_time_zone(parent_context["request"].user)
        context["value"] = date_format(moment.astimezone(zone), self.format)
        return context


# Memberships -----------------------------------------------------------------------


class MembershipFilterSet(WagtailFilterSet):
    """The members listing's filters; "Figure" is the list behind each number on
    the metrics page, filtered by the very condition that number counts."""

    figure = ChoiceFilter(
        label="Figure",
        choices=[(name, label) for name, (label, _) in FIGURES.items()],
        method="filter_figure",
    )
    status = ChoiceFilter(choices=Membership._meta.get_field("status").choices)
    plan = ModelChoiceFilter(queryset=Plan.objects.all())

    class Meta:
        model = Membership
        fields = ["figure", "status", "plan"]

    def filter_figure(self, queryset, name, value):
        condition = figure_q(value)
        return queryset.filter(condition) if condition is not None else queryset


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
            accessor=lambda m: day(m.current_period_end),
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
    # The last day as granted, not the next one, and the same day in any zone.
    return date_format(membership.comp_end_day, "j M Y")


# Access requests -------------------------------------------------------------------


class GrantLinkColumn(Column):
    """From a request to the grant form, the address filled in; or why not.

    The page's accounts are read once, for every row (kept on the table): the
    listing's queries do not grow with its rows."""

    cell_template_name = "memberships/admin/grant_link_cell.html"

    def __init__(self, name, *, grant_url_name, **kwargs):
        super().__init__(name, **kwargs)
        self.grant_url_name = grant_url_name

    def get_cell_context_data(self, instance, parent_context):
        accounts = _accounts_by_email(parent_context["table"])
        instance.grant_account = accounts.get(instance.email.lower())
        return super().get_cell_context_data(instance, parent_context)

    def get_value(self, instance):
        if not hasattr(instance, "grant_account"):  # a row outside a listing
            instance.grant_account = _accounts_by_email_of([instance]).get(
                instance.email.lower()
            )
        return self._grant_link(instance.grant_account)

    def _grant_link(self, account) -> dict:
        if account is None:
            return {"url": None, "granted": False}
        membership = getattr(account, "membership", None)
        granted = bool(membership and membership.comp_is_active())
        query = QueryDict(mutable=True)
        query["email"] = account.email
        return {
            "url": f"{reverse(self.grant_url_name)}?{query.urlencode()}",
            "granted": granted,
        }


def _accounts_by_email(table) -> dict:
    if not hasattr(table, "_accounts_by_email"):
        table._accounts_by_email = _accounts_by_email_of(table.data)
    return table._accounts_by_email


def _accounts_by_email_of(requests) -> dict:
    """The live account of each request's address (any case), the oldest first."""
    emails = {request.email.lower() for request in requests}
    accounts = (
        get_user_model()
        .objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails, deleted_at__isnull=True)
        .select_related("membership")
        .order_by("pk")
    )
    found = {}
    for account in accounts:
        found.setdefault(account.email_lower, account)
    return found


def access_request_columns(*, grant_url_name: str) -> list[Column]:
    return [
        OwnZoneTimeColumn("created_at", label="Received", sort_key="created_at"),
        Column("name", label="Name", sort_key="name"),
        Column("email", label="Email", sort_key="email"),
        Column("note", label="About their practice"),
        GrantLinkColumn("grant", label="Membership", grant_url_name=grant_url_name),
    ]


# Webhook events --------------------------------------------------------------------


def _event_type_choices():
    types = StripeEvent.objects.order_by("type").values_list("type", flat=True)
    return [(name, name) for name in types.distinct()]


class StripeEventFilterSet(WagtailFilterSet):
    outcome = ChoiceFilter(choices=StripeEvent.Outcome.choices)
    # Choices are the types actually received, read when the form is built.
    type = ChoiceFilter(choices=_event_type_choices)
    flagged = BooleanFilter(label="Needs attention")

    class Meta:
        model = StripeEvent
        fields = ["outcome", "type", "flagged"]


def stripe_event_columns() -> list[Column]:
    return [
        "event_id",
        Column("type", label="Type", sort_key="type"),
        OwnZoneTimeColumn(
            "received_at", label="Received", sort_key="received_at", with_seconds=True
        ),
        Column("outcome", label="Outcome", accessor="get_outcome_display"),
        Column(
            "flagged",
            label="Needs attention",
            accessor=lambda e: "Yes" if e.flagged else "",
        ),
        Column("attempts", label="Attempts"),
        Column(
            "error",
            label="Error",
            accessor=lambda e: Truncator(e.error).chars(80),
        ),
    ]
