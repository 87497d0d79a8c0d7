"""The reviewer's pages: offers and cases, answering an offer, deadlines."""

from django.urls import path

from consultations import reviewer_views

urlpatterns = [
    path("reviewer/", reviewer_views.reviewer_home, name="reviewer"),
    path(
        "reviewer/deadlines.ics",
        reviewer_views.deadlines_ics,
        name="reviewer-deadlines-ics",
    ),
    path(
        "<int:pk>/deadlines.ics",
        reviewer_views.case_deadlines_ics,
        name="reviewer-case-ics",
    ),
    path(
        "<int:pk>/offers/<int:offer_id>/accept/",
        reviewer_views.offer_accept_view,
        name="offer-accept",
    ),
    path(
        "<int:pk>/offers/<int:offer_id>/decline/",
        reviewer_views.offer_decline_view,
        name="offer-decline",
    ),
]
