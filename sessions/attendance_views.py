"""The director's attendance page: after a session has started, confirm who
attended and for how long (the minutes the CE transcript lists), add someone
who joined another way, and correct it later by confirming again."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from community.access import director_required
from sessions.attendance_forms import AttendanceForm
from sessions.models import Attendance, CoachingSession
from sessions.services.attendance import attendance_confirm


def _rows(session: CoachingSession) -> list[Attendance]:
    """Joiners in order of first join, then those added by hand (one query)."""
    return list(
        Attendance.objects.filter(session=session)
        .select_related("user")
        .order_by(F("first_joined_at").asc(nulls_last=True), "user__display_name")
    )


def _closed_reason(session: CoachingSession, now) -> str:
    if session.status == CoachingSession.Status.CANCELLED:
        return "cancelled"
    if now < session.starts_at:
        return "not_started"
    return ""


@director_required
@require_http_methods(["GET", "POST"])
@never_cache
def attendance(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    now = timezone.now()
    closed = _closed_reason(session, now)
    if closed:
        return render(
            request,
            "coaching_sessions/attendance_closed.html",
            {"session": session, "reason": closed},
            status=400 if request.method == "POST" else 200,
        )
    rows = _rows(session)
    form = AttendanceForm(request.POST or None, session=session, rows=rows)
    if request.method == "POST" and form.is_valid():
        saved = attendance_confirm(
            session=session, marks=form.marks(), confirmed_by=request.user, now=now
        )
        attended = sum(1 for row in saved if row.minutes is not None)
        messages.success(
            request,
            f"Attendance confirmed: {attended} "
            f"member{'s' if attended != 1 else ''} attended.",
        )
        return redirect("coaching_sessions:attendance", pk=session.pk)
    return render(
        request,
        "coaching_sessions/attendance.html",
        {"session": session, "form": form},
        status=400 if form.is_bound else 200,
    )
