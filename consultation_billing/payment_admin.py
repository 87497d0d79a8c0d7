"""The admins' read-only listing of consultation payments in /cms/: status,
amount, what was refunded, disputes and refunds Stripe refused.

Stripe is the source of truth for money, so there is no add, edit or delete
view here (as memberships' webhook event log): a refund Stripe refused is
made by hand in Stripe's dashboard, whose ``charge.refunded`` event then
updates the row.
"""

from django.urls import path
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy

from community.admin_policy import RuleViewSet
from consultation_billing.models import CasePayment
from memberships.money import format_money
from memberships.wagtail_admin.policy import admin_only_policy

register_permission_policy(
    CasePayment, admin_only_policy(CasePayment, actions={"view"})
)


class RefundedColumn(Column):
    def get_value(self, instance):
        if not instance.refunded_amount:
            return ""
        return format_money(instance.refunded_amount, instance.currency)


class PaymentViewSet(RuleViewSet):
    model = CasePayment
    name = "consultation_payments"
    url_prefix = "consultation-billing/payments"
    icon = "doc-full"
    menu_label = "Payments"
    add_to_reference_index = False
    list_display = [
        Column("case_reference", label="Case"),
        Column("receipt_number", label="Receipt"),
        Column("purpose", label="For", accessor="get_purpose_display"),
        Column("method", label="Method", accessor="get_method_display"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("display_amount", label="Amount"),
        RefundedColumn("refunded_amount", label="Refunded"),
        DateColumn("disputed_at", label="Disputed"),
        Column("dispute_status", label="Dispute"),
        Column("refund_error", label="Refund error"),
        DateColumn("created_at", label="Created"),
    ]
    list_filter = ["status", "method", "purpose"]
    search_fields = ["case_reference", "receipt_number"]
    ordering = "-created_at"
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def register_admin_url_finder(self):
        pass
