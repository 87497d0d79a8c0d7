"""What billing tells the apps above it.

``follow_up_paid`` (``payment_id``, ``call_id``) is sent inside the transaction
that makes a follow-up call's payment paid, so that the call is booked in the
same commit (``consultation_calls`` listens; billing imports nothing of it).
"""

from django.dispatch import Signal

follow_up_paid = Signal()
