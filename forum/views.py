"""Our forum pages: search, flags and the director's moderation overview."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from community.access import can_moderate, director_required, member_required
from forum import selectors, services
from forum.models import ModerationDecision, PostFlag
from forum.search import query_words, search_posts
from forum.search_forms import SearchForm
from forum.teasers import topic_teaser

# The director's queues and the log, a page at a time.
QUEUE_PER_PAGE = 25
LOG_PER_PAGE = 50


def _readable_forums(request):
    return selectors.readable_forums(
        user=request.user, permission_handler=request.forum_permission_handler
    )


def _post_or_404(request, post_id, *, own_pending: bool = False):
    """An approved post of a forum the member reads (``own_pending``: or one of
    their own still waiting for approval)."""
    from machina.apps.forum_conversation.models import Post

    visible = Q(approved=True)
    if own_pending:
        visible |= Q(poster_id=request.user.pk)
    post = get_object_or_404(
        Post.objects.select_related("topic", "topic__forum", "poster").filter(visible),
        pk=post_id,
    )
    if post.topic.forum not in _readable_forums(request):
        raise Http404("No such post.")
    return post


@member_required
@require_http_methods(["GET"])
def search(request):
    form = SearchForm(request.GET or None, readable_forums=_readable_forums(request))
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else ""
    results = []
    if query:
        results = search_posts(
            query=query,
            readable_forums=form.forums_searched(),
            since=form.cleaned_data["since"],
            until=form.cleaned_data["until"],
        )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "community_forum/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "results": page.object_list,
            "result_count": len(results),
            "too_short": bool(query) and not query_words(query),
        },
        status=400 if form.errors else 200,
    )


class FlagForm(forms.ModelForm):
    class Meta:
        model = PostFlag
        fields = ["reason", "note"]
        widgets = {
            "reason": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
        labels = {
            "reason": "Why are you flagging this post?",
            "note": "Anything to add?",
        }
        help_texts = {"note": "Only the program director sees your flag."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A reason is chosen, never preselected: no blank "---------" radio.
        self.fields["reason"].choices = PostFlag.Reason.choices


@member_required
@require_http_methods(["GET", "POST"])
def flag_post(request, post_id):
    post = _post_or_404(request, post_id)
    already = PostFlag.objects.filter(
        post=post, flagged_by=request.user, status=PostFlag.Status.OPEN
    ).exists()
    if already:
        messages.info(request, "You have already flagged this post; thank you.")
        return redirect(services.topic_url(post.topic, post))
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        flag = services.flag_create(
            post=post,
            user=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        if flag is None:
            messages.info(request, "You have already flagged this post; thank you.")
        else:
            messages.success(
                request, "Thank you. The program director will look at it."
            )
        return redirect(services.topic_url(post.topic, post))
    return render(
        request,
        "community_forum/flag_post.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


@director_required
def moderation(request):
    return render(
        request,
        "community_forum/moderation.html",
        {
            "pending_count": selectors.pending_posts().count(),
            "flagged_count": selectors.open_flags_by_post().count(),
            "decisions": ModerationDecision.objects.select_related(
                "post_author", "decided_by"
            )[:20],
        },
    )


@director_required
def moderation_log(request):
    page = Paginator(selectors.moderation_log(), LOG_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "community_forum/moderation_log.html",
        {
            "entries": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
        },
    )


class RemoveForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is it removed?",
        choices=PostFlag.Reason.choices,
        help_text="The author is told this reason by email; the log keeps it.",
    )


def _flag_queue(request, *, form_errors=None, status=200):
    page = Paginator(selectors.open_flags_by_post(), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    posts = list(page.object_list)
    for post in posts:
        post.remove_errors = (form_errors or {}).get(post.pk)
    return render(
        request,
        "community_forum/flag_queue.html",
        {
            "posts": posts,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "reasons": PostFlag.Reason.choices,
        },
        status=status,
    )


@director_required
@require_http_methods(["GET"])
def flag_queue(request):
    return _flag_queue(request)


@director_required
@require_POST
def resolve_flags(request, post_id):
    from machina.apps.forum_conversation.models import Post

    post = get_object_or_404(Post.objects.select_related("topic"), pk=post_id)
    action = request.POST.get("action")
    if action == "dismiss":
        services.flags_dismiss(post=post, moderator=request.user)
        messages.success(request, "Flags dismissed; the post stays as it is.")
    elif action == "remove":
        form = RemoveForm(request.POST)
        if not form.is_valid():
            return _flag_queue(
                request, form_errors={post.pk: form.errors["reason"]}, status=400
            )
        entry = services.post_remove(
            post=post, moderator=request.user, reason=form.cleaned_data["reason"]
        )
        if entry is None:
            messages.info(request, "That post was already removed.")
        else:
            messages.success(
                request,
                "The post's text is removed; the topic and its replies stay. "
                "The author has been told.",
            )
    else:
        messages.error(request, "Choose to dismiss the flags or remove the post.")
        return _flag_queue(request, status=400)
    return redirect("community_forum:flags")


@member_required
def decision(request, decision_id):
    """A rejected post's author reads the director's note and their own text."""
    decision = get_object_or_404(ModerationDecision, pk=decision_id)
    if decision.post_author_id != request.user.pk:
        raise Http404("No such decision.")
    return render(
        request,
        "community_forum/decision.html",
        {
            "decision": decision,
            "retention_days": settings.FORUM_REJECTED_RETENTION_DAYS,
        },
    )


@member_required(teaser=topic_teaser)
def topic_link(request, topic_id):
    """Emails link here rather than to the topic: machina's address carries the
    topic's slug, its title, which must not leave the site. Members only; the
    topic page itself then asks machina whether this member may read it."""
    from machina.apps.forum_conversation.models import Topic

    topic = get_object_or_404(Topic.objects.select_related("forum"), pk=topic_id)
    url = reverse(
        "forum_conversation:topic",
        args=[topic.forum.slug, topic.forum.pk, topic.slug, topic.pk],
    )
    post = request.GET.get("post", "")
    if post.isdigit():
        url += f"?post={post}#{post}"
    return redirect(url)


@member_required
def post_history(request, post_id):
    """Earlier versions of an edited post, for its author (a pending one too)
    and the moderators."""
    post = _post_or_404(request, post_id, own_pending=True)
    if post.poster_id != request.user.pk and not can_moderate(request.user):
        raise Http404("No such post.")
    revisions = post.revisions.select_related("edited_by")
    return render(
        request,
        "community_forum/post_history.html",
        {"post": post, "revisions": revisions},
    )


@member_required
@require_POST
def react(request, post_id):
    """Add or take back a reaction; htmx gets the post's reactions back."""
    from forum.models import PostReaction
    from forum.services import reactions

    post = _post_or_404(request, post_id)
    kind = request.POST.get("kind", "")
    if kind not in PostReaction.Kind.values or post.poster_id == request.user.pk:
        return HttpResponseBadRequest("Choose Helpful or Thank you on someone's post.")
    if request.POST.get("action") == "remove":
        reactions.reaction_remove(post=post, user=request.user, kind=kind)
    else:
        reactions.reaction_add(post=post, user=request.user, kind=kind)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "community_forum/_reactions_swap.html",
            {"post": post, "posts": [post]},
        )
    return redirect(services.topic_url(post.topic, post))


@member_required
@require_http_methods(["GET"])
def mention_candidates(request):
    """The @mention autocomplete (htmx): members who can read the forum."""
    from machina.apps.forum.models import Forum

    from forum import mentions

    forum_id = request.GET.get("forum", "")
    forum = Forum.objects.filter(pk=forum_id).first() if forum_id.isdigit() else None
    if forum is None or forum not in _readable_forums(request):
        raise Http404("No such forum.")
    query = request.GET.get("q", "")[:60]
    return render(
        request,
        "community_forum/_mention_candidates.html",
        {
            "query": query,
            "people": mentions.candidates(
                forum=forum, query=query, exclude=request.user
            ),
        },
    )
