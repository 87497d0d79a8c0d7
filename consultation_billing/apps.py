from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup(sender, **kwargs):
    from consultation_billing.setup import ensure_schedules

    ensure_schedules()


class ConsultationBillingConfig(AppConfig):
    """The money side of consultations: the fee and who pays it (card or an
    invoice to someone else), receipts, refunds and disputes, the reviewers'
    payout ledger and quarterly statements, and the turnaround figures.

    Above ``consultations`` (which knows no payment: it asks through
    ``consultations.payment_gate``'s hook) and ``memberships`` (whose Stripe
    client and verified webhook pipeline it reuses)."""

    name = "consultation_billing"
    label = "consultation_billing"
    verbose_name = "Consultation billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultation_billing import data_rights, receivers
        from consultations.signals import case_moved

        data_rights.register()

        case_moved.connect(receivers.on_case_moved, dispatch_uid="billing-case-moved")
        post_migrate.connect(_setup, sender=self, dispatch_uid="billing-setup")
