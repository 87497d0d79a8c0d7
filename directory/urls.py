"""``/members/``: the directory, a profile, and the director's licence queue."""

from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.directory_list, name="list"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("<int:pk>/photo/", views.profile_photo, name="photo"),
]
