"""The director's session tools inside Wagtail: who may use them, the schedule
rule's "create now" action, and the session forms whose changes reach members.

Moving and cancelling a session are not plain model saves: the members with a
question on it are emailed, so the edit form and the cancel page go through
``sessions.services``. Times are typed and shown in the director's own time zone
(the one on their account), not Wagtail's separate profile setting, so that "12:00"
means what the director means by it.
"""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import BasePermissionPolicy

from community.access import DIRECTOR_GROUP, can_moderate
from sessions import services
from sessions.models import CoachingSession, ScheduleRule
from sessions.schedule import occurrences

# Who may use the tools -------------------------------------------------------------


class ModeratorPermissionPolicy(BasePermissionPolicy):
    """The director and admins (``community.access.can_moderate``) may do
    ``actions``; nobody else may, whatever Django permissions they were given."""

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and can_moderate(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if not self.actions.intersection(actions):
            return users.none()
        return users.filter(
            Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=DIRECTOR_GROUP),
            is_active=True,
            deleted_at__isnull=True,
        ).distinct()


class ModeratorRequiredMixin:
    """For the tools' own views: a hidden menu item is not a lock."""

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied("The session tools are for the program director.")
        return super().dispatch(request, *args, **kwargs)


class DirectorTimeZoneMixin:
    """Read and show times in the signed-in user's own time zone.

    Wagtail wraps each admin view in the time zone of its own user profile and
    renders the response later; rendering here, inside our time zone, keeps the
    form's input and output in the same one.
    """

    def dispatch(self, request, *args, **kwargs):
        with timezone.override(services.user_time_zone(request.user)):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


def when(value) -> str:
    """A time in the active (the director's) time zone, with its abbreviation."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "D j M Y, H:i T")


def _time_zone_help() -> str:
    return f"In your time zone, {timezone.get_current_timezone_name()}."


def _formfield(db_field, **kwargs):
    """Wagtail's admin fields; a link typed without a scheme becomes https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return formfield_for_dbfield(db_field, **kwargs)


# The schedule rule -----------------------------------------------------------------


def next_dates(rule: ScheduleRule, *, count: int = 2) -> str:
    """The rule's next session times, for the listing: a check that the rule reads
    as the director meant it."""
    try:
        today = timezone.localdate()
        starts = occurrences(rule, start=today, end=today + timedelta(days=70))
    except ValidationError:
        return ""
    now = timezone.now()
    return "; ".join([when(start) for start in starts if start > now][:count])


def schedule_rule_columns() -> list:
    return [
        "title",
        Column("weekday", label="Weekday", accessor="get_weekday_display"),
        Column("weeks_of_month", label="Weeks of the month"),
        Column(
            "local_time",
            label="Local time",
            accessor=lambda r: f"{r.local_time:%H:%M} {r.time_zone}",
        ),
        Column("active", label="Active", accessor=lambda r: "Yes" if r.active else ""),
        Column("next", label="Next sessions", accessor=next_dates),
    ]


class ScheduleRuleForm(WagtailAdminModelForm):
    class Meta:
        model = ScheduleRule
        formfield_callback = _formfield
        fields = [
            "title",
            "weeks_of_month",
            "weekday",
            "local_time",
            "time_zone",
            "duration_minutes",
            "cutoff_hours",
            "meeting_url",
            "months_ahead",
            "active",
        ]


class TopUpButtonMixin:
    top_up_url_name = None

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Create the next months' sessions now",
                url=reverse(self.top_up_url_name),
                icon_name="calendar-alt",
            ),
        ]


class ScheduleRuleIndexView(DirectorTimeZoneMixin, TopUpButtonMixin, IndexView):
    pass


class ScheduleRuleCreateView(CreateView):
    top_up_url_name = None

    def get_success_buttons(self):
        return [
            *super().get_success_buttons(),
            messages.button(reverse(self.top_up_url_name), "Create the sessions now"),
        ]


class ScheduleRuleEditView(TopUpButtonMixin, EditView):
    pass


class TopUpView(
    ModeratorRequiredMixin,
    DirectorTimeZoneMixin,
    WagtailAdminTemplateMixin,
    TemplateView,
):
    """GET explains, POST creates: a state change is never a link."""

    template_name = "coaching_sessions/admin/top_up.html"
    page_title = "Create the next months' sessions now"
    header_icon = "calendar-alt"
    http_method_names = ["get", "post"]
    rules_url_name = None
    sessions_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.rules_url_name), "label": "Session schedule"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rules = list(ScheduleRule.objects.filter(active=True).order_by("pk"))
        for rule in rules:
            rule.next_dates = next_dates(rule, count=3)
        context["rules"] = rules
        return context

    def post(self, request):
        created = services.sessions_top_up()
        if created:
            messages.success(
                request,
                f"{created} new session{'s' if created != 1 else ''} created.",
            )
        else:
            messages.success(
                request,
                "No new sessions were needed: the schedule is already filled.",
            )
        return redirect(self.sessions_url_name)


# Sessions: listing -----------------------------------------------------------------


class SessionFilterSet(WagtailFilterSet):
    when = ChoiceFilter(
        label="When",
        choices=[("upcoming", "Upcoming"), ("past", "Past")],
        method="filter_when",
        empty_label="Any time",
    )
    status = ChoiceFilter(
        choices=CoachingSession.Status.choices, empty_label="Any status"
    )

    class Meta:
        model = CoachingSession
        fields = ["when", "status"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gte=now)
        if value == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset


def session_columns() -> list:
    return [
        "title",
        Column(
            "starts_at",
            label="Starts",
            accessor=lambda s: when(s.starts_at),
            sort_key="starts_at",
        ),
        Column(
            "questions_close_at",
            label="Questions close",
            accessor=lambda s: when(s.questions_close_at),
        ),
        Column("status", label="Status", accessor="get_status_display"),
        Column(
            "pending_questions",
            label="Pending questions",
            accessor="pending_questions",
            sort_key="pending_questions",
        ),
        Column(
            "origin",
            label="From",
            accessor=lambda s: "Schedule" if s.rule_id else "One-off",
        ),
    ]


class SessionIndexView(DirectorTimeZoneMixin, IndexView):
    """Upcoming sessions first, soonest at the top, then the past ones, latest
    first; clicking a column heading sorts by that column instead."""

    cancel_url_name = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                pending_questions=Count(
                    "questions",
                    filter=Q(questions__status__in=services.PENDING_QUESTION_STATUSES),
                )
            )
        )

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        now = timezone.now()
        return queryset.annotate(
            _is_past=Case(
                When(starts_at__lt=now, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            _upcoming_start=Case(When(starts_at__gte=now, then=F("starts_at"))),
        ).order_by("_is_past", "_upcoming_start", "-starts_at", "pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status not in (
            CoachingSession.Status.CANCELLED,
            CoachingSession.Status.DONE,
        ):
            buttons.append(
                Button(
                    "Cancel session",
                    url=reverse(self.cancel_url_name, args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


# Sessions: forms -------------------------------------------------------------------


def _same_minute(a, b) -> bool:
    """The admin's date-time widget has no seconds: a time the form sends back
    unchanged may differ from the stored one by them."""
    return (
        a is not None
        and b is not None
        and a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)
    )


class SessionCreateForm(WagtailAdminModelForm):
    """A one-off session. Only the checks a person can act on live here; the
    service repeats the ones that matter (a start in the past) for other callers."""

    class Meta:
        model = CoachingSession
        formfield_callback = _formfield
        fields = [
            "title",
            "topic",
            "starts_at",
            "duration_minutes",
            "questions_close_at",
            "meeting_url",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _time_zone_help()
        close = self.fields["questions_close_at"]
        close.required = False
        close.help_text = (
            f"{_time_zone_help()} Leave empty for "
            f"{services.DEFAULT_CUTOFF.total_seconds() / 3600:.0f} hours before the "
            "start."
        )
        self.fields["meeting_url"].help_text = "The Zoom (or other) link, https://…"

    def clean(self):
        cleaned = super().clean()
        starts_at = cleaned.get("starts_at")
        if starts_at is None:
            return cleaned
        if cleaned.get("questions_close_at") is None and not self.has_error(
            "questions_close_at"
        ):
            cleaned["questions_close_at"] = starts_at - services.DEFAULT_CUTOFF
        if starts_at <= timezone.now():
            self.add_error("starts_at", services.PAST_START_MESSAGE)
            return cleaned
        close = cleaned.get("questions_close_at")
        if close is not None and close > starts_at:
            self.add_error("questions_close_at", services.CUTOFF_MESSAGE)
        return cleaned


class SessionEditForm(WagtailAdminModelForm):
    """Details are saved as they are; a new start time is a move (members told)."""

    class Meta:
        model = CoachingSession
        formfield_callback = _formfield
        fields = [
            "title",
            "topic",
            "starts_at",
            "duration_minutes",
            "questions_close_at",
            "meeting_url",
            "recording_url",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_starts_at = self.instance.starts_at
        self.original_close_at = self.instance.questions_close_at
        self.fields["starts_at"].help_text = (
            f"{_time_zone_help()} Members with a question on this session are "
            "emailed the new time."
        )
        self.fields["questions_close_at"].help_text = (
            f"{_time_zone_help()} When the session moves, this moves with it "
            "unless you change it too."
        )
        self.fields["recording_url"].help_text = "https://… once the recording is up."
        if self.instance.status in (
            CoachingSession.Status.CANCELLED,
            CoachingSession.Status.DONE,
        ):
            for name in ("starts_at", "questions_close_at"):
                self.fields[name].disabled = True
                self.fields[name].help_text = (
                    f"A {self.instance.get_status_display().lower()} session keeps "
                    "its time."
                )

    @property
    def moved(self) -> bool:
        return self.cleaned_data.get("starts_at") != self.original_starts_at

    def clean(self):
        cleaned = super().clean()
        starts_at, close = cleaned.get("starts_at"), cleaned.get("questions_close_at")
        if _same_minute(starts_at, self.original_starts_at):
            cleaned["starts_at"] = starts_at = self.original_starts_at
        if _same_minute(close, self.original_close_at):
            cleaned["questions_close_at"] = close = self.original_close_at
        if starts_at is None:
            return cleaned
        if starts_at != self.original_starts_at:
            if starts_at <= timezone.now():
                self.add_error("starts_at", services.PAST_START_MESSAGE)
                return cleaned
            if close == self.original_close_at:
                # The cutoff keeps its distance before the start.
                cleaned["questions_close_at"] = close = self.original_close_at + (
                    starts_at - self.original_starts_at
                )
        if close is not None and close > starts_at:
            self.add_error("questions_close_at", services.CUTOFF_MESSAGE)
        return cleaned


def _add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form, on the field it names if it has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class _ServiceSaveMixin:
    """Save through a service; its ValidationError becomes a form error, and the
    transaction it ran in is rolled back, so nothing is half saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            _add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class SessionCreateView(DirectorTimeZoneMixin, _ServiceSaveMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        session = services.session_create(
            moderator=self.request.user,
            title=data["title"],
            topic=data["topic"],
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            questions_close_at=data["questions_close_at"],
            meeting_url=data["meeting_url"],
            notes=data["notes"],
        )
        log(instance=session, action="wagtail.create", user=self.request.user)
        return session


class SessionEditView(DirectorTimeZoneMixin, _ServiceSaveMixin, EditView):
    cancel_url_name = None

    def save_instance(self):
        data = self.form.cleaned_data
        session = services.session_update(
            session=self.object,
            moderator=self.request.user,
            title=data["title"],
            topic=data["topic"],
            duration_minutes=data["duration_minutes"],
            meeting_url=data["meeting_url"],
            recording_url=data["recording_url"],
            notes=data["notes"],
            starts_at=data["starts_at"],
            questions_close_at=data["questions_close_at"],
        )
        log(instance=session, action="wagtail.edit", user=self.request.user)
        return session

    def get_success_message(self):
        if self.form.moved:
            return (
                f"“{self.object.title}” moved to {when(self.object.starts_at)}; "
                "members with a question on it are emailed."
            )
        return super().get_success_message()

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status not in (
            CoachingSession.Status.CANCELLED,
            CoachingSession.Status.DONE,
        ):
            buttons.append(
                Button(
                    "Cancel this session",
                    url=reverse(self.cancel_url_name, args=[self.object.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


# Sessions: cancelling --------------------------------------------------------------


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label="A word to the members (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Included in the email to members with a question on the session.",
    )


class SessionCancelView(
    ModeratorRequiredMixin, DirectorTimeZoneMixin, WagtailAdminTemplateMixin, FormView
):
    template_name = "coaching_sessions/admin/session_cancel.html"
    form_class = SessionCancelForm
    header_icon = "cross"
    index_url_name = None
    edit_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(CoachingSession, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Cancel “{self.session.title}”"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Sessions"},
            {
                "url": reverse(self.edit_url_name, args=[self.session.pk]),
                "label": str(self.session.title),
            },
            {"url": "", "label": "Cancel"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.session
        context.update(
            session=session,
            starts=when(session.starts_at),
            cancellable=session.status
            not in (CoachingSession.Status.CANCELLED, CoachingSession.Status.DONE),
            pending_count=session.questions.filter(
                status__in=services.PENDING_QUESTION_STATUSES
            ).count(),
            next_session=services.session_next_scheduled(after=session),
            action_url=self.request.path,
            edit_url=reverse(self.edit_url_name, args=[session.pk]),
        )
        if context["next_session"] is not None:
            context["next_starts"] = when(context["next_session"].starts_at)
        return context

    def form_valid(self, form):
        try:
            session = services.session_cancel(
                session=self.session,
                moderator=self.request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
            messages.validation_error(
                self.request, "The session was not cancelled: see below.", form
            )
            return self.form_invalid(form)
        log(instance=session, action="wagtail.edit", user=self.request.user)
        messages.success(
            self.request,
            f"“{session.title}” on {when(session.starts_at)} is cancelled; members "
            "with a question on it are emailed.",
        )
        return redirect(self.index_url_name)
