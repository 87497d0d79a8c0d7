"""The admins' "Consultation billing" menu in Wagtail (/cms/consultation-billing/)
and this app's hooks into consultations and the Stripe webhook pipeline.

Like the membership tools, billing is for admins only: the director triages
and may waive a fee on a case, but keeps no prices and sees no payments here.
"""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from community.admin_policy import RuleViewSet
from consultation_billing.models import ConsultationFee
from consultation_billing.payment_admin import PaymentViewSet
from consultation_billing.statement_admin import StatementViewSet
from memberships.wagtail_admin.policy import admin_only_policy

# No "delete": payments keep their own amount, but a fee is switched off, not lost.
register_permission_policy(
    ConsultationFee, admin_only_policy(ConsultationFee, actions={"add", "change"})
)


class FeeViewSet(RuleViewSet):
    model = ConsultationFee
    name = "consultation_fees"
    url_prefix = "consultation-billing/fees"
    icon = "tag"
    menu_label = "Fees"
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "kind",
        Column("display_amount", label="Amount"),
        "stripe_price_id",
        BooleanColumn("active", label="Active", sort_key="active"),
    ]
    panels = [
        FieldPanel("kind"),
        FieldPanel("amount"),
        FieldPanel("currency"),
        FieldPanel("stripe_price_id"),
        FieldPanel("active"),
    ]


class ConsultationBillingGroup(ViewSetGroup):
    menu_label = "Consultation billing"
    menu_icon = "doc-full"
    menu_order = 260
    items = (FeeViewSet, PaymentViewSet, StatementViewSet)


@hooks.register("register_admin_viewset")
def register_consultation_billing_tools():
    return ConsultationBillingGroup()


@hooks.register("stripe_event_handlers")
def consultation_refund_handlers():
    """Refunds and disputes of consultation payments (``refund_handlers``)."""
    from consultation_billing.refund_handlers import HANDLERS

    return HANDLERS


@hooks.register("consultation_reviewer_links")
def reviewer_payouts_link(request):
    """ "My payouts" on the reviewer's page (consultations.reviewer_views)."""
    from django.urls import reverse

    return [("My payouts", reverse("consultation_billing:payouts"))]


@hooks.register("consultation_payment_step")
def consultation_payment_step(case):
    """ "Pay to send": the payer's choice, when the case has a fee to pay."""
    from django.urls import reverse

    from consultation_billing.selectors import fee_for

    if fee_for(case) is None:
        return None
    return reverse("consultation_billing:pay", args=[case.pk])


@hooks.register("stripe_event_handlers")
def consultation_payment_handlers():
    """Card Checkouts and invoices of consultations (``stripe_handlers``)."""
    from consultation_billing.stripe_handlers import HANDLERS

    return HANDLERS


@hooks.register("consultation_case_parts")
def consultation_payment_part():
    """The "Payment" part of the case page, for the requester and the director."""
    from consultation_billing.pay_views import show_payment_part
    from consultations.case_page import Part

    return [
        Part(
            "consultation_billing/case/_payment.html",
            show_payment_part,
            "consultation_billing.pay_views.payment_part",
        )
    ]
