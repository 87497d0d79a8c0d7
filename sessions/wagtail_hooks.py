"""The "Coaching sessions" menu in Wagtail (/cms/coaching/...): the schedule rule and
the sessions it creates, for the program director and admins.

Members have no Wagtail access at all; the director has, and so do admins. Each
model gets a permission policy built on ``community.access.can_moderate`` so
that Wagtail's menu, buttons and generic views decide by the same rule as the
site, and the custom views ask it again themselves.
"""

from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from community.admin_policy import RuleViewSet
from sessions.models import CoachingSession, ScheduleRule
from sessions.wagtail_admin import columns, forms, views
from sessions.wagtail_admin.policy import moderator_policy

# Registered before any viewset asks, or Wagtail falls back to model permissions.
# No "delete" for either: a session is cancelled (its members are told and its
# questions move on), and a rule is switched off, which keeps its sessions.
for model in (ScheduleRule, CoachingSession):
    register_permission_policy(
        model, moderator_policy(model, actions={"add", "change", "view"})
    )

TOP_UP_URL_NAME = "session_schedule:top_up"


class _SessionToolViewSet(RuleViewSet):
    # The daily top-up saves sessions in bulk; nothing refers to them via Wagtail.
    add_to_reference_index = False
    copy_view_enabled = False


class ScheduleRuleViewSet(_SessionToolViewSet):
    model = ScheduleRule
    name = "session_schedule"
    url_prefix = "coaching/schedule"
    icon = "calendar-alt"
    menu_label = "Session schedule"
    add_item_label = "Add a schedule rule"
    index_view_class = views.ScheduleRuleIndexView
    add_view_class = views.ScheduleRuleCreateView
    edit_view_class = views.ScheduleRuleEditView
    list_display = columns.schedule_rule_columns()
    ordering = ["-active", "pk"]
    edit_handler_panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("weeks_of_month"), FieldPanel("weekday")]),
                FieldRowPanel([FieldPanel("local_time"), FieldPanel("time_zone")]),
            ],
            heading="When",
        ),
        FieldPanel("duration_minutes"),
        FieldPanel("cutoff_hours"),
        FieldPanel(
            "meeting_url",
            help_text="Every session's join page leads here, unless the session "
            "has a link of its own. Members never see it.",
        ),
        FieldPanel(
            "months_ahead",
            help_text="How many months of sessions are kept created ahead.",
        ),
        FieldPanel(
            "active",
            help_text="Switched off, the rule creates no more sessions; the "
            "existing ones stay.",
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(
            self.edit_handler_panels, base_form_class=forms.ScheduleRuleForm
        ).bind_to_model(self.model)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            top_up_url_name=TOP_UP_URL_NAME, page_title="Session schedule", **kwargs
        )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(top_up_url_name=TOP_UP_URL_NAME, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(top_up_url_name=TOP_UP_URL_NAME, **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "top-up/",
                views.TopUpView.as_view(
                    rules_url_name=self.get_url_name("index"),
                    sessions_url_name=CoachingSessionViewSet.name + ":index",
                ),
                name="top_up",
            ),
        ]


def _session_panels(*, with_recording: bool) -> list:
    """The session form's panels; editing adds the recording (see ``forms``)."""
    return [
        FieldPanel("title"),
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
        FieldPanel("questions_close_at"),
        FieldPanel("meeting_url"),
        *([FieldPanel("recording_url")] if with_recording else []),
        FieldPanel("notes"),
    ]


class CoachingSessionViewSet(_SessionToolViewSet):
    model = CoachingSession
    name = "coaching_sessions_admin"
    url_prefix = "coaching/sessions"
    icon = "date"
    menu_label = "Sessions"
    add_item_label = "Add a one-off session"
    index_view_class = views.SessionIndexView
    add_view_class = views.SessionCreateView
    edit_view_class = views.SessionEditView
    filterset_class = columns.SessionFilterSet
    search_fields = ["title", "topic"]
    list_display = columns.session_columns()
    list_per_page = 30

    def _edit_handler_for(self, *, for_update: bool):
        """Two forms: creating takes no recording, editing may move the session."""
        form_class = forms.SessionEditForm if for_update else forms.SessionCreateForm
        return ObjectList(
            _session_panels(with_recording=for_update),
            base_form_class=form_class,
        ).bind_to_model(self.model)

    def get_form_class(self, for_update=False):
        return self._edit_handler_for(for_update=for_update).get_form_class()

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            panel=self._edit_handler_for(for_update=False), **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            panel=self._edit_handler_for(for_update=True),
            cancel_url_name=self.get_url_name("cancel"),
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            cancel_url_name=self.get_url_name("cancel"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "cancel/<int:pk>/",
                views.SessionCancelView.as_view(
                    index_url_name=self.get_url_name("index"),
                    edit_url_name=self.get_url_name("edit"),
                ),
                name="cancel",
            ),
        ]


class CoachingSessionToolsGroup(ViewSetGroup):
    menu_label = "Coaching sessions"
    menu_icon = "date"
    menu_order = 240
    items = (CoachingSessionViewSet, ScheduleRuleViewSet)


@hooks.register("register_admin_viewset")
def register_coaching_session_tools():
    return CoachingSessionToolsGroup()
