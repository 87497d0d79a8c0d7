"""Billing pages beside the consultation they are about, under /consultations/."""

app_name = "consultation_billing"
urlpatterns = []
