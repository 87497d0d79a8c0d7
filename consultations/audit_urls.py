"""The audit pages and the therapist's own deletion of a finished case. The
director's trail stays under /consultations/director/ (two-factor)."""

from django.urls import path

from consultations import audit_views, data_rights_views

urlpatterns = [
    path("<int:pk>/audit/", audit_views.case_audit, name="case-audit"),
    path("<int:pk>/delete/", data_rights_views.case_delete, name="case-delete"),
    path("director/audit/", audit_views.director_audit, name="audit"),
]
