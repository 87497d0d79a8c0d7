from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """The referral directory (``/referrals/``): psychiatrists and other
    specialists the community refers to. Members suggest entries, the director
    approves them, members who referred someone leave a recommendation."""

    name = "referrals"
    label = "referrals"
    verbose_name = "Referral directory"
    default_auto_field = "django.db.models.BigAutoField"
