"""What the community adds to machina's forum: flags, the privacy confirmation,
moderation decisions, and the queue behind daily digest emails.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PostFlag(models.Model):
    """A member's report that a post needs the director's attention."""

    class Reason(models.TextChoices):
        IDENTIFIABLE = "identifiable", "It may identify a client"
        SAFETY = "safety", "A safety concern (risk to someone)"
        DISRESPECTFUL = "disrespectful", "Disrespectful or harassing"
        SPAM = "spam", "Spam or advertising"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Dismissed"
        ACTIONED = "actioned", "Acted on"

    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="flags"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "flagged_by"],
                condition=Q(status="open"),
                name="one_open_flag_per_member_and_post",
            )
        ]

    def __str__(self):
        return f"Flag on post {self.post_id}: {self.get_reason_display()}"


class PostPrivacyConfirmation(models.Model):
    """The author confirmed that the post is de-identified despite possible matches."""

    post = models.OneToOneField(
        "forum_conversation.Post",
        on_delete=models.CASCADE,
        related_name="privacy_confirmation",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)
    matches = models.JSONField(
        default=list, help_text="What the privacy check found when it was confirmed."
    )

    def __str__(self):
        return f"Privacy confirmed for post {self.post_id}"


class PostRevision(models.Model):
    """An earlier version of an edited post: the forum keeps its history, with
    what the privacy guard finds in it redacted (services.post_record_revision)."""

    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="revisions"
    )
    subject = models.CharField(max_length=255)
    content = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self):
        return f"Earlier version of post {self.post_id}"


class ModerationDecision(models.Model):
    """A record of a post the director approved or rejected, with the note sent."""

    class Action(models.TextChoices):
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    action = models.CharField(max_length=10, choices=Action.choices)
    post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic_subject = models.CharField(max_length=255)
    content = models.TextField(
        blank=True,
        help_text=(
            "A rejected post's text, kept for its author for "
            "FORUM_REJECTED_RETENTION_DAYS, then blanked."
        ),
    )
    note = models.TextField(blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.topic_subject}"


class DigestItem(models.Model):
    """A new reply waiting for a subscriber's daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_digest_item")
        ]

    def __str__(self):
        return f"Digest item for user {self.user_id}: post {self.post_id}"


class ModerationAlertState(models.Model):
    """When the director was last emailed about new flags and pending posts."""

    last_sent_at = models.DateTimeField()

    def __str__(self):
        return f"Moderation alerts last sent {self.last_sent_at:%Y-%m-%d %H:%M}"


class ModerationLogEntry(models.Model):
    """The audit trail of the director's decisions: who did what, when and why,
    to which post or topic.

    Ids, not foreign keys, for the post and the topic: the entry outlives a
    deleted topic. No text at all, neither the post's nor its title (both may
    describe a client), and no free-text reason: the reason is one of the flag
    categories. The people stay linked; an erased account is a tombstone that
    reads "Deleted member" here as on its posts (forum/data_rights.py).
    """

    class Action(models.TextChoices):
        POST_APPROVED = "post_approved", "Post approved"
        POST_REJECTED = "post_rejected", "Post rejected"
        POST_REMOVED = "post_removed", "Post removed"
        TOPIC_DELETED = "topic_deleted", "Topic deleted"
        FLAGS_DISMISSED = "flags_dismissed", "Flags dismissed"

    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.CharField(
        max_length=20, choices=PostFlag.Reason.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post_id = models.PositiveIntegerField(null=True, blank=True)
    topic_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "moderation log entries"

    def __str__(self):
        return f"{self.get_action_display()} (topic {self.topic_id})"


class PostNotification(models.Model):
    """A subscriber's claim on a new post's notification: created, under a unique
    constraint, in the same transaction as their email or digest item, so that a
    retried task or two workers tell each subscriber once."""

    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user"], name="one_notification_per_post_and_user"
            )
        ]

    def __str__(self):
        return f"Post {self.post_id} notified to user {self.user_id}"


class PostReaction(models.Model):
    """A member's "Helpful" or "Thank you" on a post: one of each per member
    (the unique constraint decides between two clicks at once)."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", "Helpful"
        THANKS = "thanks", "Thank you"

    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "kind"], name="one_reaction_of_a_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind} on post {self.post_id} by {self.user_id}"
