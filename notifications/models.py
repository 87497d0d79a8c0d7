"""One entry of a person's notification centre, and the kinds they turned off.

An entry holds a neutral title ("A reply in a topic you follow") and a path on
this site; never a topic title, a post's or a case's text: it follows the same
rule as the emails, since it is shown in the header of every page.
"""

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    FORUM_REPLY = "forum_reply", "Replies in topics I follow"
    MENTION = "mention", "Mentions of me"
    POST_REVIEWED = "post_reviewed", "My posts approved or rejected"
    REACTION = "reaction", "Reactions to my posts"
    QUESTION = "question", "My session questions: accepted, declined, merged, answered"
    AGENDA = "agenda", "A session's agenda is published"
    RECORDING = "recording", "A session's recording is posted"
    CONSULTATION = "consultation", "Consultation steps that ask something of me"
    LICENCE = "licence", "My licences: verified, expiring, expired"
    REFERRAL = "referral", "Referral directory entries I suggested"
    ATTENDANCE = "attendance", "My attendance and CE transcript"


class Notification(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300, help_text="A path on this site.")
    # What makes an entry once-only (e.g. "reply:<post id>"): a second run of
    # the same task adds nothing.
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.title}"


class MutedKind(models.Model):
    """A kind of entry the person does not want in their centre."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="muted_kind_once")
        ]

    def __str__(self):
        return f"{self.user_id} muted {self.kind}"
