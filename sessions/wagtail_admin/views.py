"""The session tools' views: the schedule rule's listing and "create now"
action, the sessions listing, and creating, editing and cancelling a session
through ``sessions.services.schedule`` (which email the members a change concerns).

Everything a director reads or types here is in their own time zone
(``community.time_zones.OwnTimeZoneMixin``); the views outside Wagtail's generic
ones ask ``policy.ModeratorRequiredMixin`` themselves.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from community.time_zones import OwnTimeZoneMixin
from sessions import selectors
from sessions.models import CoachingSession, ScheduleRule
from sessions.services import schedule
from sessions.wagtail_admin.columns import SETTLED_STATUSES, next_dates, when
from sessions.wagtail_admin.forms import (
    SessionCancelForm,
    add_service_errors,
    session_fields,
)
from sessions.wagtail_admin.policy import ModeratorRequiredMixin

# The schedule rule -----------------------------------------------------------------


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


class ScheduleRuleIndexView(OwnTimeZoneMixin, TopUpButtonMixin, IndexView):
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
    OwnTimeZoneMixin,
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
        created = schedule.sessions_top_up()
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


def _cancel_button(label: str, *, session: CoachingSession, url_name: str) -> list:
    """The way to a session's cancel page, or nothing for a session that is
    already cancelled or has taken place."""
    if session.status in SETTLED_STATUSES:
        return []
    url = reverse(url_name, args=[session.pk])
    return [Button(label, url=url, icon_name="cross", priority=40)]


class SessionIndexView(OwnTimeZoneMixin, IndexView):
    """Upcoming sessions first, soonest at the top, then the past ones, latest
    first; clicking a column heading sorts by that column instead."""

    cancel_url_name = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                # The questions the director has still to decide, as the
                # board lists them: not those already on the agenda.
                pending_questions=Count(
                    "questions", filter=Q(questions__status__in=selectors.TO_DECIDE)
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
        return [
            *super().get_list_more_buttons(instance),
            *_cancel_button(
                "Cancel session", session=instance, url_name=self.cancel_url_name
            ),
        ]


# Sessions: creating and editing ----------------------------------------------------


class _ServiceSaveMixin:
    """Save through a service; its ValidationError becomes a form error, and the
    transaction it ran in is rolled back, so nothing is half saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _session_data(form, *, with_recording: bool) -> dict:
    """What a session form hands to the services: each of its fields, by name."""
    fields = session_fields(with_recording=with_recording)
    return {name: form.cleaned_data[name] for name in fields}


class SessionCreateView(OwnTimeZoneMixin, _ServiceSaveMixin, CreateView):
    def save_instance(self):
        session = schedule.session_create(
            moderator=self.request.user,
            **_session_data(self.form, with_recording=False),
        )
        log(instance=session, action="wagtail.create", user=self.request.user)
        return session


class SessionEditView(OwnTimeZoneMixin, _ServiceSaveMixin, EditView):
    cancel_url_name = None

    def save_instance(self):
        session = schedule.session_update(
            session=self.object,
            moderator=self.request.user,
            **_session_data(self.form, with_recording=True),
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
        return [
            *super().header_more_buttons,
            *_cancel_button(
                "Cancel this session",
                session=self.object,
                url_name=self.cancel_url_name,
            ),
        ]


# Sessions: cancelling --------------------------------------------------------------


class SessionCancelView(
    ModeratorRequiredMixin, OwnTimeZoneMixin, WagtailAdminTemplateMixin, FormView
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
            cancellable=session.status not in SETTLED_STATUSES,
            pending_count=session.questions.filter(
                status__in=schedule.PENDING_QUESTION_STATUSES
            ).count(),
            next_session=schedule.session_next_scheduled(after=session),
            action_url=self.request.path,
            edit_url=reverse(self.edit_url_name, args=[session.pk]),
        )
        if context["next_session"] is not None:
            context["next_starts"] = when(context["next_session"].starts_at)
        return context

    def form_valid(self, form):
        try:
            session = schedule.session_cancel(
                session=self.session,
                moderator=self.request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
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
