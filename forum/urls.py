"""Our forum pages, beside machina's (both mounted at /forum/ in community/urls.py)."""

from django.urls import path

from forum import views

app_name = "community_forum"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("mentions/", views.mention_candidates, name="mention-candidates"),
    path("topics/<int:topic_id>/", views.topic_link, name="topic-link"),
    path("posts/<int:post_id>/flag/", views.flag_post, name="flag"),
    path("posts/<int:post_id>/react/", views.react, name="react"),
    path("posts/<int:post_id>/history/", views.post_history, name="post-history"),
    path("flags/", views.flag_queue, name="flags"),
    path("flags/<int:post_id>/resolve/", views.resolve_flags, name="resolve-flags"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation-log"),
    path("decisions/<int:decision_id>/", views.decision, name="decision"),
]
