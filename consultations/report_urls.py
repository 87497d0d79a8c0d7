"""The written formulation: editor and versions, sign-off, the delivered report,
its two PDFs and the therapist's acknowledgement."""

from django.urls import path

from consultations import report_views as views

urlpatterns = [
    path("<int:pk>/report/", views.report_detail, name="report"),
    path("<int:pk>/report/edit/", views.report_edit, name="report-edit"),
    path("<int:pk>/report/versions/", views.report_versions, name="report-versions"),
    path(
        "<int:pk>/report/versions/<int:number>/",
        views.report_version,
        name="report-version",
    ),
    path("<int:pk>/report/sign-off/", views.report_signoff, name="report-signoff"),
    path(
        "<int:pk>/report/sign-off/edit/",
        views.report_signoff_edit,
        name="report-signoff-edit",
    ),
    path(
        "<int:pk>/report/acknowledge/",
        views.report_acknowledge,
        name="report-acknowledge",
    ),
    path("<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path(
        "<int:pk>/report-shareable.pdf",
        views.report_shareable_pdf,
        name="report-shareable-pdf",
    ),
]
