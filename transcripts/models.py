"""An issued continuing-education transcript: a snapshot, like a certificate.

What the PDF states is copied here when the member downloads it (the items and
totals as they were, in their name), so that the public verification page
shows exactly what was printed, whatever later happens to courses, sessions or
cases. Its code has the certificates' shape and is unique across both tables,
so the one public lookup at /certificates/ answers for either.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from community.time_zones import user_time_zone
from courses.models import Certificate, new_certificate_code


def new_transcript_code() -> str:
    """A certificate-shaped code that no certificate or transcript has."""
    while True:
        code = new_certificate_code()
        if not (
            Certificate.objects.filter(code=code).exists()
            or Transcript.objects.filter(code=code).exists()
        ):
            return code


class Transcript(models.Model):
    code = models.CharField(max_length=14, unique=True, default=new_transcript_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transcripts"
    )
    recipient_name = models.CharField(max_length=255)
    issued_at = models.DateTimeField(auto_now_add=True)
    # {"certificates": [...], "sessions": [...], "received": [...], "given": [...]}
    items = models.JSONField(default=dict)
    totals = models.JSONField(default=dict)

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"Transcript {self.code}"

    @property
    def issued_on(self) -> date:
        """The issue date in the member's own zone, as the PDF prints it."""
        return timezone.localtime(self.issued_at, user_time_zone(self.user)).date()
