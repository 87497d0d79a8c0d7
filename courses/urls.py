"""Course actions beside the Wagtail pages (which live at /course/ and /videos/)."""

from django.urls import path

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
