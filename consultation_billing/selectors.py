"""What the billing side reads."""

from consultation_billing.models import ConsultationFee
from consultations.models import Case


def fee_for(case: Case) -> ConsultationFee | None:
    """The active fee for the case: the expedited one for an expedited case
    when there is one, else the standard one; None when nothing is charged."""
    kinds = [ConsultationFee.Kind.STANDARD]
    if case.urgency == Case.Urgency.EXPEDITED:
        kinds.insert(0, ConsultationFee.Kind.EXPEDITED)
    fees = {
        f.kind: f for f in ConsultationFee.objects.filter(kind__in=kinds, active=True)
    }
    return next((fees[kind] for kind in kinds if kind in fees), None)


def open_card_checkout(*, fee: ConsultationFee, **paid_for):
    """A card payment still waiting at a Checkout for the same amount (a
    second click reuses it); ``paid_for`` is ``case=`` and ``purpose=``, or
    ``follow_up_call=``."""
    from consultation_billing.models import CasePayment

    return (
        CasePayment.objects.filter(
            **paid_for,
            method=CasePayment.Method.CARD,
            status=CasePayment.Status.PENDING,
            amount=fee.amount,
            currency=fee.currency,
        )
        .exclude(hosted_url="")
        .first()
    )


def follow_up_fee() -> ConsultationFee | None:
    """The active fee of a follow-up call; None when calls are free."""
    return ConsultationFee.objects.filter(
        kind=ConsultationFee.Kind.FOLLOW_UP, active=True
    ).first()
