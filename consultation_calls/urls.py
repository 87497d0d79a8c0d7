"""Follow-up calls, beside the consultation they follow, under /consultations/."""

from django.urls import path

from consultation_calls import views

app_name = "consultation_calls"
CALL = "<int:pk>/follow-ups/<int:call_id>/"
urlpatterns = [
    path("<int:pk>/follow-ups/ask/", views.ask, name="ask"),
    path(CALL + "times/", views.offer_times, name="offer-times"),
    path(CALL + "accept/", views.accept, name="accept"),
    path(CALL + "choose/", views.choose, name="choose"),
    path(CALL + "pay/", views.pay, name="pay"),
    path(CALL + "paid/", views.paid, name="paid"),
    path(CALL + "cancel/", views.cancel, name="cancel"),
    path(CALL + "call.ics", views.call_ics, name="ics"),
    path(CALL + "join/", views.join, name="join"),
]
