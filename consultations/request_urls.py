"""Placeholder: filled in by its stage."""

from django.urls import path

from consultations import request_views

urlpatterns = [
    path("", request_views.my_consultations, name="mine"),
]
