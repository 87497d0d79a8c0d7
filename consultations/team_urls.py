"""The case team: the questions thread, the conference, its panel, schedule,
join door and calendar file, and the interview."""

from django.urls import path

from consultations import team_views

urlpatterns = [
    path("<int:pk>/questions/", team_views.questions, name="questions"),
    path("<int:pk>/conference/", team_views.conference, name="conference"),
    path(
        "<int:pk>/conference/open/",
        team_views.conference_open,
        name="conference-open",
    ),
    path(
        "<int:pk>/conference/start-report/",
        team_views.drafting_start,
        name="start-drafting",
    ),
    path(
        "<int:pk>/conference/schedule/",
        team_views.conference_schedule,
        name="conference-schedule",
    ),
    path(
        "<int:pk>/conference/join/",
        team_views.conference_join,
        name="conference-join",
    ),
    path(
        "<int:pk>/conference/calendar.ics",
        team_views.conference_ics,
        name="conference-ics",
    ),
    path("<int:pk>/panel/invite/", team_views.panel_invite, name="panel-invite"),
    path(
        "<int:pk>/panel/<int:seat_pk>/remove/",
        team_views.panel_remove,
        name="panel-remove",
    ),
    path("<int:pk>/interview/", team_views.interview, name="interview"),
]
