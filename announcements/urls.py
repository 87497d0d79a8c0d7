from django.urls import path

from announcements import views

app_name = "announcements"
urlpatterns = [
    path("topics/<int:topic_id>/email/", views.announce, name="announce"),
]
