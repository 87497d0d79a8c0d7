"""An announcement emailed to the members, and the claim that makes every bulk
email go to each person once (a second run or a second worker skips whoever is
claimed)."""

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Announcement(models.Model):
    """The emailing of one Announcements topic (once per topic)."""

    topic = models.OneToOneField(
        "forum_conversation.Topic",
        on_delete=models.SET_NULL,
        null=True,
        related_name="announcement_email",
    )
    subject = models.CharField(max_length=255)
    sent_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.subject


class BulkEmailClaim(models.Model):
    """One person's copy of one bulk email: ``key`` names the email
    ("announcement:12", "videos:2026-W49")."""

    key = models.CharField(max_length=40)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "user"], name="bulk_email_once")
        ]

    def __str__(self):
        return f"{self.key} → {self.user_id}"
