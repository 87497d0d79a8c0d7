"""``/members/``: the directory, a profile, and the director's licence queue."""

from django.urls import path

app_name = "directory"

urlpatterns: list = []
