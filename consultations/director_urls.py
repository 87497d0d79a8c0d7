"""The director's URLs: all under /consultations/director/, which needs
two-factor (community.middleware.STAFF_TWO_FACTOR_PREFIXES)."""

from django.urls import path

from consultations import director_pool_views as pool
from consultations import director_views as views

urlpatterns = [
    path("director/", views.board, name="board"),
    path("director/<int:pk>/waive-fee/", views.waive_fee, name="director-waive-fee"),
    path("director/<int:pk>/triage/", views.triage_decide, name="director-triage"),
    path("director/<int:pk>/topics/", views.set_topics, name="director-topics"),
    path("director/<int:pk>/offer/", views.make_offer, name="director-offer"),
    path("director/<int:pk>/extend/", views.extend, name="director-extend"),
    path("director/<int:pk>/cancel/", views.cancel, name="director-cancel"),
    path("director/pool/", pool.pool, name="pool"),
    path("director/pool/topics/", pool.tag_add, name="pool-topic-add"),
    path("director/pool/<int:profile_pk>/", pool.pool_edit, name="pool-edit"),
    path(
        "director/pool/<int:profile_pk>/away/", pool.pool_away_add, name="pool-away-add"
    ),
    path(
        "director/pool/<int:profile_pk>/away/<int:away_pk>/remove/",
        pool.pool_away_remove,
        name="pool-away-remove",
    ),
    path(
        "director/pool/<int:profile_pk>/remove/", pool.pool_remove, name="pool-remove"
    ),
    path(
        "director/pool/<int:profile_pk>/restore/",
        pool.pool_restore,
        name="pool-restore",
    ),
]
