"""The therapist's side: "My consultations", the request, its attachments and
the patient's consent."""

from django.urls import path

from consultations import request_file_views, request_views

urlpatterns = [
    path("", request_views.my_consultations, name="mine"),
    path("new/", request_views.request_new, name="new"),
    path("<int:pk>/edit/", request_views.request_edit, name="edit"),
    path(
        "<int:pk>/edit/autosave/",
        request_views.request_autosave,
        name="request-autosave",
    ),
    path("<int:pk>/send/", request_views.request_submit, name="request-submit"),
    path("<int:pk>/cancel/", request_views.request_cancel, name="request-cancel"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        request_file_views.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/consent/", request_file_views.consent_record, name="consent"),
    path(
        "<int:pk>/consent/withdraw/",
        request_file_views.consent_withdraw,
        name="consent-withdraw",
    ),
]
