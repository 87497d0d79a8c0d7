"""django-q2 tasks for coaching sessions (run by the schedules in sessions/setup.py)."""

from sessions.services import schedule


def top_up_sessions() -> int:
    return schedule.sessions_top_up()


def send_reminders() -> int:
    from sessions.reminders import send_due_reminders

    return send_due_reminders()
