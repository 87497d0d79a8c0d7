from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup(sender, **kwargs):
    from consultation_calls.setup import ensure_schedules

    ensure_schedules()


class ConsultationCallsConfig(AppConfig):
    """Follow-up video calls after a delivered consultation: the requester asks,
    the reviewer offers times (or takes the one proposed), the requester picks
    one and pays, both join through the site's gated door.

    Above ``consultations`` (the case, its roles, its emails) and
    ``consultation_billing`` (the fee, Checkout, refunds, the payout ledger),
    which tells this app that a call's payment arrived through its
    ``follow_up_paid`` signal."""

    name = "consultation_calls"
    label = "consultation_calls"
    verbose_name = "Consultation follow-up calls"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultation_billing.signals import follow_up_paid
        from consultation_calls import data_rights, receivers

        data_rights.register()
        follow_up_paid.connect(
            receivers.on_follow_up_paid, dispatch_uid="calls-follow-up-paid"
        )
        post_migrate.connect(_setup, sender=self, dispatch_uid="calls-setup")
