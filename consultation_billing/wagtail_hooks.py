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
    items = (FeeViewSet,)


@hooks.register("register_admin_viewset")
def register_consultation_billing_tools():
    return ConsultationBillingGroup()
