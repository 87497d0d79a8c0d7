"""What the calls app does when billing reports a payment."""

from consultation_calls import services


def on_follow_up_paid(sender, *, call_id: int, **kwargs) -> None:
    services.call_paid(call_id=call_id)
