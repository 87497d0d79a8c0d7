from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup(sender, **kwargs):
    from consultations.setup import ensure_schedules

    ensure_schedules()


class ConsultationsConfig(AppConfig):
    """Written second-opinion consultations: request, triage, offers with
    timers, the case conference, the signed formulation and its delivery."""

    name = "consultations"
    label = "consultations"
    verbose_name = "Consultations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from consultations import data_rights

        data_rights.register()
        post_migrate.connect(_setup, sender=self, dispatch_uid="consultations-setup")
