"""The forum's part of "download my data" and "delete my account".

What others could read and answer stays: the member's published topics and
replies keep their author link, which reads "Deleted member" once the account is
a tombstone, so the threads others took part in stay whole. What only the member
and the director ever saw goes: posts still waiting for approval, the earlier
versions of the member's posts, the text of rejected posts, and the notes on the
flags they raised (the flag itself, its reason and status, stays with the
director: a safety concern does not vanish because its reporter left). The
signature, follows, read markers, digest queue, poll votes and per-member forum
permissions go too. Approved moderation decisions stay (no text, only who and
when); privacy confirmations stay with the published posts they are about.
The moderation log holds no text, only who did what to which ids and why: its
entries stay, the actor's and the author's links both, like an approved
decision's (the tombstone reads "Deleted member"). The claims that a new post's
notification was sent go with the account.
"""

from django.apps import apps
from django.db import transaction

from community.data_rights import register as register_part
from forum.models import (
    DigestItem,
    ModerationDecision,
    ModerationLogEntry,
    PostFlag,
    PostNotification,
    PostPrivacyConfirmation,
    PostReaction,
    PostRevision,
)
from forum.selectors import forum_export

MODELS = [
    "forum_conversation.Topic",
    "forum_conversation.Post",
    "forum_polls.TopicPollVote",
    "forum_tracking.ForumReadTrack",
    "forum_tracking.TopicReadTrack",
    "forum_member.ForumProfile",
    "forum_permission.UserForumPermission",
    PostFlag,
    PostPrivacyConfirmation,
    PostRevision,
    ModerationDecision,
    ModerationLogEntry,
    DigestItem,
    PostNotification,
    PostReaction,
]


@transaction.atomic
def erase(*, user) -> None:
    # machina's models live where its model loader puts them: ask the registry.
    Post = apps.get_model("forum_conversation", "Post")
    ForumProfile = apps.get_model("forum_member", "ForumProfile")
    UserForumPermission = apps.get_model("forum_permission", "UserForumPermission")
    TopicPollVote = apps.get_model("forum_polls", "TopicPollVote")
    ForumReadTrack = apps.get_model("forum_tracking", "ForumReadTrack")
    TopicReadTrack = apps.get_model("forum_tracking", "TopicReadTrack")

    # One by one: machina's Post.delete removes a topic left empty and updates
    # the topic's and forum's counters.
    for post in Post.objects.filter(poster=user, approved=False).order_by("-pk"):
        if Post.objects.filter(pk=post.pk).exists():  # its topic may be gone
            post.delete()
    PostRevision.objects.filter(post__poster=user).delete()
    ModerationDecision.objects.filter(
        post_author=user, action=ModerationDecision.Action.REJECTED
    ).delete()
    PostFlag.objects.filter(flagged_by=user).exclude(note="").update(note="")

    profile = ForumProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.avatar = None
        profile.signature = ""
        profile.save()

    user.topic_subscriptions.clear()
    for model in (
        ForumReadTrack,
        TopicReadTrack,
        DigestItem,
        PostNotification,
        PostReaction,
        UserForumPermission,
    ):
        model.objects.filter(user=user).delete()
    TopicPollVote.objects.filter(voter=user).delete()


def register() -> None:
    register_part(models=MODELS, export=forum_export, erase=erase)
