"""django-q2 tasks for refunds: thin, each calls a service with an id."""

from consultation_billing.refunds import payment_close_waived, payment_refund


def refund_payment(payment_id: int) -> str:
    return payment_refund(payment_id=payment_id)


def close_waived_payment(payment_id: int) -> str:
    return payment_close_waived(payment_id=payment_id)
