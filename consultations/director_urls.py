"""Placeholder: filled in by its stage."""

from django.urls import path

from consultations import director_views

urlpatterns = [
    path("director/", director_views.board, name="board"),
]
