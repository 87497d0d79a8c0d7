"""``/members/licences/``: the director's (and admins') verification queue."""

from django.urls import path

from directory import licence_views as views

app_name = "licence-review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/unverify/", views.unverify, name="unverify"),
    path("<int:pk>/not-verified/", views.decline, name="decline"),
]
