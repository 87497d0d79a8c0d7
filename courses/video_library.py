"""The video library's listing: filters, search and pagination.

Members filter by tag and length and search titles, speakers and descriptions
with Wagtail search; everyone else sees the titles only, as a teaser for Join
(search would reveal what descriptions say, so it is for members only).
A listing page costs the same few queries however many videos there are: the
page of results is fetched once more by primary key with its tags, posters and
their renditions prefetched, then the provider thumbnails that Wagtail already
stored and the member's watched marks are read in one query each.

A card's picture is the uploaded poster; else, for an embed, the thumbnail that
the provider named when Wagtail fetched the embed (read from Wagtail's table,
never asked of the provider at request time) if its host is one the
Content-Security-Policy lets images come from; else a neutral placeholder.
"""

from contextlib import suppress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from taggit.models import Tag
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from community import access
from courses.models import VideoIndexPage, VideoPage, VideoPageTag, VideoWatch

PER_PAGE = 12
DURATIONS = {
    "short": ("Under 15 minutes", None, 15),
    "medium": ("15 to 45 minutes", 15, 45),
    "long": ("Over 45 minutes", 45, None),
}
MAX_QUERY_LENGTH = 200
THUMBNAIL = "fill-480x270"


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


def with_tags(videos, *, posters: bool = False) -> list[VideoPage]:
    """The same videos, in the same order, with their tags in one more query
    (and their posters' renditions in two more)."""
    ids = [video.pk for video in videos]
    fetched = VideoPage.objects.filter(pk__in=ids).prefetch_related("tags")
    if posters:
        images = get_image_model().objects.prefetch_renditions(THUMBNAIL)
        fetched = fetched.prefetch_related(Prefetch("poster", queryset=images))
    by_id = {video.pk: video for video in fetched}
    return [by_id[pk] for pk in ids if pk in by_id]


def _allowed_thumbnail(url: str) -> bool:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" in settings.VIDEO_THUMBNAIL_HOSTS


def with_thumbnails(videos: list[VideoPage]) -> list[VideoPage]:
    """Sets ``thumbnail_url`` on each video: its poster, its provider's, or ""."""
    stored = {}
    embedded = [video.video_url for video in videos if video.video_url]
    if embedded:
        for url, thumbnail in Embed.objects.filter(url__in=embedded).values_list(
            "url", "thumbnail_url"
        ):
            if thumbnail and _allowed_thumbnail(thumbnail):
                stored[url] = thumbnail
    for video in videos:
        video.thumbnail_url = stored.get(video.video_url, "")
        if video.poster is not None:
            # A poster whose file is gone leaves the placeholder.
            with suppress(SourceImageIOError):
                video.thumbnail_url = video.poster.get_rendition(THUMBNAIL).url
    return videos


def watched_ids(*, user, videos: list[VideoPage]) -> set[int]:
    if not user.is_authenticated or not videos:
        return set()
    return set(
        VideoWatch.objects.filter(user=user, video__in=videos).values_list(
            "video_id", flat=True
        )
    )


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
    videos = with_thumbnails(with_tags(page_obj.object_list, posters=True))
    return {
        "is_member": is_member,
        "page_obj": page_obj,
        "videos": videos,
        "watched_ids": watched_ids(user=request.user, videos=videos)
        if is_member
        else set(),
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
