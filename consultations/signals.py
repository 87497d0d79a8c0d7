"""What other apps may listen to, without consultations knowing them.

``case_moved`` is sent once the transaction that moved a case has committed
(``states.transition``), with ``case_id``, ``action`` (the transitions table's
name: "decline", "cancel", "approve_report", ...), ``from_status`` and
``to_status``. Ids and names only: a receiver reads what it needs, and nothing
of the case's text travels. The billing app refunds on a decline or a
cancellation and adds the reviewer's payout line on delivery.
"""

from django.dispatch import Signal

case_moved = Signal()
