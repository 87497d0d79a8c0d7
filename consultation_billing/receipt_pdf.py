"""The receipt for a paid consultation (fpdf2, the site's DejaVu fonts from
``community.pdf_fonts``), made so that the therapist, or the patient they hand it
to, can submit it to an insurer.

It says who paid, how much, when, to whom (the program's name and address) and
for what, in neutral words only: "Psychotherapy consultation, case reference
C-2026-0142". Nothing of the case's text is ever printed, so the receipt can
travel where the report must not. Refunds are listed below the payment.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from community.pdf_fonts import BRAND, INK, MUTED, SitePDF
from consultation_billing.models import CasePayment
from memberships.money import format_money

SERVICES = {
    CasePayment.Purpose.CONSULTATION: "Psychotherapy consultation",
    CasePayment.Purpose.FOLLOW_UP: "Psychotherapy consultation, follow-up call",
}
METHODS = {CasePayment.Method.CARD: "Card", CasePayment.Method.INVOICE: "Invoice"}
# A payment that took money: only these have a receipt.
RECEIPTED = frozenset(
    {
        CasePayment.Status.PAID,
        CasePayment.Status.PARTLY_REFUNDED,
        CasePayment.Status.REFUNDED,
    }
)


def has_receipt(payment: CasePayment) -> bool:
    return payment.status in RECEIPTED and bool(payment.receipt_number)


def service_description(payment: CasePayment) -> str:
    """Built here from the purpose and the reference, never copied from any
    text that could hold more."""
    service = SERVICES.get(payment.purpose, SERVICES[CasePayment.Purpose.CONSULTATION])
    return f"{service}, case reference {payment.case_reference}"


def payer_name(payment: CasePayment) -> str:
    """The invoice's billing contact, or the therapist who paid by card."""
    if payment.method == CasePayment.Method.INVOICE and payment.billing_name:
        return payment.billing_name
    if payment.payer is None:
        return "—"
    return payment.payer.get_full_name() or payment.payer.get_display_name()


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def render_receipt_pdf(payment: CasePayment, *, today=None) -> bytes:
    today = today or timezone.localdate()
    pdf = SitePDF(title=f"Receipt {payment.receipt_number}")

    def row(label, value):
        pdf.set_font("Sans", "", 10)
        pdf.set_text_color(*MUTED)
        pdf.cell(45, 7, label)
        pdf.set_text_color(*INK)
        pdf.set_font("Sans", "", 11)
        pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")

    pdf.para(settings.COMMUNITY_NAME, font="Serif", style="B", size=14, color=BRAND)
    address = settings.CONSULT_RECEIPT_ADDRESS.strip()
    if address:
        pdf.para(address, size=10, color=MUTED, space=6)
    else:
        pdf.ln(4)
    pdf.para("Receipt", font="Serif", style="B", size=20, space=4)

    row("Receipt number", payment.receipt_number)
    row("Date paid", _day(payment.paid_at) if payment.paid_at else "—")
    row("Received from", payer_name(payment))
    row("Paid by", METHODS.get(payment.method, payment.method))
    pdf.ln(4)
    row("Service", service_description(payment))
    row("Amount paid", f"{payment.display_amount} ({payment.currency.upper()})")

    if payment.refunded_amount:
        refunded = format_money(payment.refunded_amount, payment.currency)
        when = f" on {_day(payment.refunded_at)}" if payment.refunded_at else ""
        row("Refunded", f"{refunded}{when}")
        net = format_money(
            max(payment.amount - payment.refunded_amount, 0), payment.currency
        )
        row("Net amount paid", net)

    pdf.ln(8)
    pdf.para(
        f"Paid to {settings.COMMUNITY_NAME}. This receipt was issued on "
        f"{date_format(today, 'j F Y')}.",
        size=9,
        color=MUTED,
    )
    return bytes(pdf.output())
