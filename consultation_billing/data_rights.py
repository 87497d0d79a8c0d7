"""Billing's part of "download my data" and "delete my account".

Money records stay when an account is deleted (the program must keep its
accounts, and Stripe keeps its own copy): the amounts, dates and case
references of payments, payout lines and statements remain, tied to the
anonymised account. What goes is the billing contact a therapist typed for an
invoice (a patient's or a clinic's name and email): it was kept only so that
Stripe could send the invoice.
"""

from community.data_rights import register as register_part
from consultation_billing.models import CasePayment, PayoutLine, PayoutStatement


def export(*, user) -> tuple[str, object]:
    payments = [
        {
            "case_reference": p.case_reference,
            "purpose": p.purpose,
            "method": p.method,
            "status": p.status,
            "amount": p.amount,
            "currency": p.currency,
            "description": p.description,
            "billing_name": p.billing_name,
            "billing_email": p.billing_email,
            "created_at": p.created_at.isoformat(),
            "paid_at": p.paid_at.isoformat() if p.paid_at else None,
            "receipt_number": p.receipt_number,
            "refunded_amount": p.refunded_amount,
        }
        for p in CasePayment.objects.filter(payer=user).order_by("created_at")
    ]
    lines = [
        {
            "case_reference": line.case_reference,
            "kind": line.kind,
            "amount": line.amount,
            "currency": line.currency,
            "earned_on": line.earned_on.isoformat(),
            "statement": str(line.statement) if line.statement_id else None,
        }
        for line in PayoutLine.objects.filter(reviewer=user).select_related("statement")
    ]
    statements = [
        {
            "year": s.year,
            "quarter": s.quarter,
            "paid_on": s.paid_on.isoformat() if s.paid_on else None,
            "paid_reference": s.paid_reference,
        }
        for s in PayoutStatement.objects.filter(reviewer=user)
    ]
    return "consultation_billing", {
        "payments": payments,
        "payout_lines": lines,
        "payout_statements": statements,
    }


def erase(*, user) -> None:
    CasePayment.objects.filter(payer=user).update(billing_name="", billing_email="")


def register() -> None:
    register_part(
        models=[CasePayment, PayoutLine, PayoutStatement], export=export, erase=erase
    )
