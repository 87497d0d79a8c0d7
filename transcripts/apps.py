from django.apps import AppConfig


class TranscriptsConfig(AppConfig):
    """The continuing-education transcript (``/account/transcript/``): verified
    course hours, live sessions attended with their confirmed minutes, and
    consultations received and given; a PDF whose code the public certificate
    lookup confirms."""

    name = "transcripts"
    label = "transcripts"
    verbose_name = "CE transcripts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from transcripts import data_rights

        data_rights.register()
