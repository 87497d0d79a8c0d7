from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup(sender, **kwargs):
    from referrals.setup import ensure_guide_page

    ensure_guide_page()


class ReferralsConfig(AppConfig):
    """The referral directory (``/referrals/``): psychiatrists and other
    specialists the community refers to. Members suggest entries, the director
    approves them, members who referred someone leave a recommendation. The
    "When to refer to psychiatry" guide is a page in the library."""

    name = "referrals"
    label = "referrals"
    verbose_name = "Referral directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from referrals import data_rights

        data_rights.register()
        post_migrate.connect(_setup, sender=self, dispatch_uid="referrals-setup")
