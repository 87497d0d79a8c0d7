from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.centre, name="centre"),
    path("read-all/", views.mark_all_read, name="read-all"),
    path("settings/", views.settings_page, name="settings"),
    path("<int:pk>/open/", views.open_entry, name="open"),
    path("<int:pk>/read/", views.mark_read, name="read"),
]
