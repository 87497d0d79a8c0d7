"""The billing app's schedules, kept in code and applied by ``migrate``.
Idempotent.

Statements for the quarter that ended are issued by a daily run rather than a
quarterly one: issuing is idempotent, so every run after the first in a quarter
changes nothing, and a run missed on the 1st is caught up the next day.
"""

from datetime import time

from community.schedules import ensure_daily

SCHEDULE_STATEMENTS = "consultation billing: quarterly statements"


def ensure_schedules() -> None:
    ensure_daily(
        name=SCHEDULE_STATEMENTS,
        func="consultation_billing.tasks.issue_last_quarter_statements",
        at=time(3, 15),
    )
