from django.urls import include, path

from sessions import attendance_views, curation_views, join_views, views

app_name = "coaching_sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/join/", join_views.join, name="join"),
    path("<int:pk>/recording/", join_views.recording, name="recording"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path(
        "questions/<int:pk>/withdraw/",
        views.question_withdraw,
        name="question-withdraw",
    ),
    path("questions/<int:pk>/vote/", views.question_vote, name="question-vote"),
    path("<int:pk>/curate/", curation_views.board, name="board"),
    path("<int:pk>/agenda/", curation_views.agenda, name="agenda"),
    path("<int:pk>/merge/", curation_views.merge, name="merge"),
    path("<int:pk>/close/", curation_views.close, name="close"),
    path("<int:pk>/attendance/", attendance_views.attendance, name="attendance"),
    path("from-topic/<int:topic_id>/", curation_views.from_topic, name="from-topic"),
    path("questions/<int:pk>/curate/", curation_views.act, name="question-act"),
    path("", include("sessions.calendar_urls")),
]
