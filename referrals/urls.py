"""``/referrals/``: the referral directory (members) and its review queue
(the director and admins)."""

from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("suggest/", views.suggest, name="suggest"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/referred-again/", views.referred_again, name="referred-again"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/", views.review_entry, name="review-entry"),
    path("review/<int:pk>/reject/", views.reject, name="reject"),
]
