"""The video library's listing: filters, search and pagination.

Members filter by tag and length and search titles, speakers and descriptions
with Wagtail search; everyone else sees the titles only, as a teaser for Join
(search would reveal what descriptions say, so it is for members only).
A listing page costs the same few queries however many videos there are: the
page of results is fetched once more by primary key with its tags prefetched.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from taggit.models import Tag

from community import access
from courses.models import VideoIndexPage, VideoPage, VideoPageTag

PER_PAGE = 12
DURATIONS = {
    "short": ("Under 15 minutes", None, 15),
    "medium": ("15 to 45 minutes", 15, 45),
    "long": ("Over 45 minutes", 45, None),
}
MAX_QUERY_LENGTH = 200


def _videos(index: VideoIndexPage | None = None):
    videos = VideoPage.objects.live().public()
    if index is not None:
        videos = videos.descendant_of(index)
    return videos.order_by("-recorded_on", "-id")


def filter_videos(*, index, tag: str = "", duration: str = "", query: str = ""):
    """Newest first, narrowed by tag slug, length bucket and a search query."""
    videos = _videos(index)
    if tag:
        videos = videos.filter(
            id__in=VideoPageTag.objects.filter(tag__slug=tag).values(
                "content_object_id"
            )
        )
    if duration in DURATIONS:
        _label, shortest, longest = DURATIONS[duration]
        if shortest is not None:
            videos = videos.filter(duration_minutes__gte=shortest)
        if longest is not None:
            videos = videos.filter(duration_minutes__lt=longest)
    if query:
        return videos.search(query, order_by_relevance=False)
    return videos


def with_tags(videos) -> list[VideoPage]:
    """The same videos, in the same order, with their tags in one more query."""
    ids = [video.pk for video in videos]
    fetched = VideoPage.objects.filter(pk__in=ids).prefetch_related("tags")
    by_id = {video.pk: video for video in fetched}
    return [by_id[pk] for pk in ids if pk in by_id]


def used_tags(*, index: VideoIndexPage):
    return (
        Tag.objects.filter(
            courses_videopagetag_items__content_object__in=_videos(index)
        )
        .distinct()
        .order_by("name")
    )


def library_context(*, index: VideoIndexPage, request) -> dict:
    is_member = access.has_member_access(request.user)
    params = request.GET
    tag = params.get("tag", "")[:100] if is_member else ""
    duration = params.get("duration", "") if is_member else ""
    query = params.get("q", "").strip()[:MAX_QUERY_LENGTH] if is_member else ""
    videos = filter_videos(index=index, tag=tag, duration=duration, query=query)
    paginator = Paginator(videos, PER_PAGE)
    try:
        page_obj = paginator.page(params.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    filters = params.copy()
    filters.pop("page", None)
    return {
        "is_member": is_member,
        "page_obj": page_obj,
        "videos": with_tags(page_obj.object_list),
        "tags": list(used_tags(index=index)) if is_member else [],
        "durations": [(key, label) for key, (label, _lo, _hi) in DURATIONS.items()],
        "tag": tag,
        "duration": duration if duration in DURATIONS else "",
        "query": query,
        "filtered": bool(tag or duration in DURATIONS or query),
        "filter_query": filters.urlencode(),
    }


def newest_videos(*, limit: int = 4) -> list[VideoPage]:
    return with_tags(_videos()[:limit])
