"""``/account/directory/`` and ``/account/licences/``: the member's own side."""

from django.urls import path

from directory import views

app_name = "directory-account"

urlpatterns = [
    path("directory/", views.settings_page, name="profile"),
]
