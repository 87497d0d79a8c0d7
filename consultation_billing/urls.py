"""Billing pages beside the consultation they are about, under /consultations/."""

from django.urls import path

from consultation_billing import (
    figures_views,
    pay_views,
    payout_views,
    receipt_views,
)

app_name = "consultation_billing"
urlpatterns = [
    path("director/figures/", figures_views.figures_page, name="figures"),
    path("director/figures.csv", figures_views.figures_csv, name="figures-csv"),
    path("reviewer/payouts/", payout_views.payouts, name="payouts"),
    path(
        "reviewer/payouts/<int:pk>.pdf",
        payout_views.statement_pdf,
        name="statement-pdf",
    ),
    path(
        "reviewer/payouts/<int:pk>.csv",
        payout_views.statement_csv,
        name="statement-csv",
    ),
    path(
        "<int:pk>/receipts/<int:payment_id>.pdf",
        receipt_views.receipt_pdf,
        name="receipt",
    ),
    path("<int:pk>/payment/", pay_views.payment_step, name="pay"),
    path("<int:pk>/payment/done/", pay_views.payment_done, name="pay-done"),
]
