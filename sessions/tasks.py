"""django-q2 tasks for coaching sessions (run by the schedules in sessions/setup.py)."""

from sessions import services


def top_up_sessions() -> int:
    return services.sessions_top_up()


def send_reminders() -> int:
    from sessions.reminders import send_due_reminders

    return send_due_reminders()
