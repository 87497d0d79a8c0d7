"""/consultations/: each stage keeps its own URL list; the case page is shared."""

from django.urls import path

from consultations import (
    audit_urls,
    director_urls,
    report_urls,
    request_urls,
    reviewer_urls,
    team_urls,
    views,
)

app_name = "consultations"

urlpatterns = [
    path("<int:pk>/", views.case_detail, name="case"),
    *request_urls.urlpatterns,
    *reviewer_urls.urlpatterns,
    *director_urls.urlpatterns,
    *team_urls.urlpatterns,
    *report_urls.urlpatterns,
    *audit_urls.urlpatterns,
]
