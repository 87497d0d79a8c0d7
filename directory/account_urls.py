"""``/account/directory/`` and ``/account/licences/``: the member's own side."""

from django.urls import path

app_name = "directory-account"

urlpatterns: list = []
