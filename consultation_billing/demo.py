"""Demo fees: what a written consultation, an expedited one and a follow-up
call cost. Idempotent (keyed on the kind); an admin's later change is kept."""

from consultation_billing.models import ConsultationFee

DEMO_FEES = {
    ConsultationFee.Kind.STANDARD: 35000,
    ConsultationFee.Kind.EXPEDITED: 50000,
    ConsultationFee.Kind.FOLLOW_UP: 15000,
}


def seed_fees() -> None:
    for kind, amount in DEMO_FEES.items():
        ConsultationFee.objects.get_or_create(kind=kind, defaults={"amount": amount})
