"""The director's attendance form: one tick and one minutes field per person
the site saw join (or the director added before), and one field to add
someone who joined another way.

The rows are built from the session's attendance records, so the form has a
field pair per row (``attended-<user id>``, ``minutes-<user id>``); a minutes
value is required for a ticked row and must lie between 1 and the session's
length plus an hour. Everything is validated before anything is saved.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.db.models import Value
from django.db.models.functions import Concat

from community.access import users_with_member_access
from sessions.models import ATTENDANCE_MINUTES_OVER, Attendance, CoachingSession
from sessions.services.attendance import AttendanceMark


def find_person(query: str):
    """The one member whose email, display name or full name is ``query`` (any
    case), or a message saying why there is none. Only people with member
    access: attendance is CE credit, and the site's join page would not have
    let anyone else in."""
    users = users_with_member_access()
    query = " ".join(query.split())
    if "@" in query:
        found = list(users.filter(email__iexact=query)[:2])
    else:
        found = list(users.filter(display_name__iexact=query)[:2]) or list(
            users.annotate(full=Concat("first_name", Value(" "), "last_name")).filter(
                full__iexact=query
            )[:2]
        )
    if not found:
        if get_user_model().objects.filter(email__iexact=query).exists():
            return None, "That account has no membership: it can't be given attendance."
        return None, "No member has that name or email."
    if len(found) > 1:
        return None, "Several members have that name: type their email instead."
    return found[0], ""


class AttendanceForm(forms.Form):
    add_member = forms.CharField(
        label="Add a member who joined another way",
        required=False,
        max_length=254,
        help_text="Their email address, or their name exactly as on the site.",
    )
    add_minutes = forms.IntegerField(label="Their minutes", required=False, min_value=1)

    def __init__(self, *args, session: CoachingSession, rows: list[Attendance], **kw):
        super().__init__(*args, **kw)
        self.session = session
        self.rows = rows
        self.longest = session.duration_minutes + ATTENDANCE_MINUTES_OVER
        self.fields["add_minutes"].validators.append(MaxValueValidator(self.longest))
        self.fields["add_minutes"].widget.attrs.update({"min": 1, "max": self.longest})
        self.fields[
            "add_minutes"
        ].help_text = f"Empty means the session's {session.duration_minutes}."
        for row in rows:
            name = row.user.get_display_name()
            attended = row.minutes is not None if row.confirmed_at else True
            self.fields[f"attended-{row.user_id}"] = forms.BooleanField(
                label=f"{name} attended", required=False, initial=attended
            )
            self.fields[f"minutes-{row.user_id}"] = forms.IntegerField(
                label=f"Minutes for {name}",
                required=False,
                min_value=1,
                max_value=self.longest,
                error_messages={
                    "max_value": f"Minutes for {name} can't be more than "
                    f"{self.longest} (the session's {session.duration_minutes}, "
                    "and an hour if it ran over).",
                    "min_value": f"Minutes for {name} must be at least 1.",
                },
                initial=row.minutes or session.duration_minutes,
                widget=forms.NumberInput(attrs={"class": "input-small"}),
            )

    def row_fields(self):
        """(record, tick, minutes) for the template's table."""
        return [
            (row, self[f"attended-{row.user_id}"], self[f"minutes-{row.user_id}"])
            for row in self.rows
        ]

    def clean(self):
        data = super().clean()
        for row in self.rows:
            minutes = f"minutes-{row.user_id}"
            if (
                data.get(f"attended-{row.user_id}")
                and data.get(minutes) is None
                and minutes not in self.errors
            ):
                self.add_error(minutes, "Give the minutes attended, or untick.")
        query = (data.get("add_member") or "").strip()
        self.added = None
        if query:
            person, problem = find_person(query)
            if person is None:
                self.add_error("add_member", problem)
            else:
                self.added = person
        elif data.get("add_minutes") is not None:
            self.add_error("add_member", "Say who the minutes are for.")
        return data

    def marks(self) -> list[AttendanceMark]:
        """What the director said, for ``attendance_confirm`` (valid forms only)."""
        data = self.cleaned_data
        marks = {
            row.user_id: AttendanceMark(
                user=row.user,
                minutes=data[f"minutes-{row.user_id}"]
                if data.get(f"attended-{row.user_id}")
                else None,
            )
            for row in self.rows
        }
        if self.added is not None:
            marks[self.added.pk] = AttendanceMark(
                user=self.added,
                minutes=data.get("add_minutes") or self.session.duration_minutes,
            )
        return list(marks.values())
