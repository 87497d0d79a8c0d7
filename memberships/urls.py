from django.urls import path

from memberships import views, webhooks

app_name = "memberships"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/checkout/", views.checkout, name="checkout"),
    path("join/request-access/", views.request_access, name="request-access"),
    path("join/success/", views.checkout_success, name="checkout-success"),
    path("account/billing/", views.billing, name="billing"),
    path("account/billing/portal/", views.portal, name="portal"),
    path("memberships/stripe/webhook/", webhooks.stripe_webhook, name="stripe-webhook"),
]
