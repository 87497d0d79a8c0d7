"""Course actions beside the Wagtail pages (which live at /course/ and /videos/)."""

from django.urls import path, re_path

from courses import views

learning_patterns = [
    path(
        "lessons/<int:lesson_id>/done/", views.lesson_complete, name="lesson-complete"
    ),
    path(
        "lessons/<int:lesson_id>/not-done/",
        views.lesson_incomplete,
        name="lesson-incomplete",
    ),
    path("videos/<int:video_id>/watched/", views.video_watched, name="video-watched"),
    path(
        "videos/<int:video_id>/not-watched/",
        views.video_unwatched,
        name="video-unwatched",
    ),
    path(
        "certificates/<str:code>.pdf",
        views.certificate_download,
        name="certificate-download",
    ),
]

# Public: anyone holding a certificate's code can check it.
certificate_patterns = [
    path("", views.certificate_lookup, name="lookup"),
    path("<str:code>/", views.certificate_verify, name="verify"),
]

# Before Wagtail's document URLs, at the same address and under the same name, so
# that ``document.url`` is unchanged: this view sends byte ranges, or hands the
# file to nginx.
document_patterns = [
    re_path(r"^(\d+)/(.*)$", views.document_serve, name="wagtaildocs_serve"),
]
