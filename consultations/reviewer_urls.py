"""Placeholder: filled in by its stage."""

from django.urls import path

from consultations import reviewer_views

urlpatterns = [
    path("reviewer/", reviewer_views.reviewer_home, name="reviewer"),
]
