"""Writes for the forum: what happens when a post is created, approved, rejected,
flagged or removed, and the emails that follow; one module per role.

Emails name the topic, the author and a link, never the post's text: clinical
material does not leave the site by email. Nor does the site keep what an author
took out: an edit's history is stored with the privacy guard's matches redacted,
a removed post's text goes with its history, and a rejected post's text is
deleted after FORUM_REJECTED_RETENTION_DAYS.
"""

from forum.services.bulk import BulkOutcome, posts_approve, posts_reject
from forum.services.emails import send_forum_email, topic_url
from forum.services.moderation import (
    REMOVED_TEXT,
    flag_create,
    flags_dismiss,
    flags_resolve,
    post_approve,
    post_reject,
    post_remove,
    topic_delete,
)
from forum.services.posting import (
    REVISION_WITHHELD,
    post_created,
    post_enqueue_notifications,
    post_published,
    post_record_privacy_confirmation,
    post_record_revision,
    quote_markdown,
    redact_identifiers,
)
from forum.services.scheduled import (
    rejected_texts_expire,
    send_digests,
    send_moderation_alerts,
)

__all__ = [
    "REMOVED_TEXT",
    "REVISION_WITHHELD",
    "BulkOutcome",
    "flag_create",
    "flags_dismiss",
    "flags_resolve",
    "post_approve",
    "post_created",
    "post_enqueue_notifications",
    "post_published",
    "post_record_privacy_confirmation",
    "post_record_revision",
    "post_reject",
    "posts_approve",
    "posts_reject",
    "post_remove",
    "quote_markdown",
    "redact_identifiers",
    "rejected_texts_expire",
    "send_digests",
    "send_forum_email",
    "send_moderation_alerts",
    "topic_delete",
    "topic_url",
]
