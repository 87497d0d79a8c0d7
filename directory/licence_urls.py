"""``/account/licences/``: a member's own licences."""

from django.urls import path

from directory import licence_views as views

app_name = "licences"

urlpatterns = [
    path("", views.licence_list, name="list"),
    path("add/", views.licence_add, name="add"),
    path("<int:pk>/edit/", views.licence_edit, name="edit"),
    path("<int:pk>/delete/", views.licence_delete, name="delete"),
]
