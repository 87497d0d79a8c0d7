"""What a library video's page needs beyond its fields: where to start playing,
its poster and whether the member has watched it.

A start time arrives as ``?t=`` (what the sessions' recording links send) in
seconds or as ``1h2m3s``. The server writes it into the player's address as a
media fragment (``video.mp4#t=120``), which browsers honour without any script;
``static/js/video-player.js`` only adds ``#t=`` on the page's own address and
marks the video watched when it ends. A start time that cannot be read, or lies
past the end, is ignored: the video then starts at the beginning.
"""

import re

from courses.models import VideoPage, VideoWatch

START_TIME = re.compile(
    r"(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,4})m)?(?:(?P<s>\d{1,5})s?)?"
)


def parse_start_time(value: str | None, *, longest_seconds: int) -> int | None:
    """Seconds from "120", "2m", "1m30s" or "1h2m"; None when unreadable or too late."""
    text = (value or "").strip().lower()[:20]
    if not text:
        return None
    match = START_TIME.fullmatch(text)
    if match is None or not any(match.groups()):
        return None
    seconds = (
        int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)
    )
    return seconds if 0 < seconds < longest_seconds else None


def at_seconds(seconds: int) -> str:
    """ "1:02:03" or "12:05", as a player's clock shows it."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def has_watched(*, user, video: VideoPage) -> bool:
    if not user.is_authenticated or video.pk is None:  # an editor's first preview
        return False
    return VideoWatch.objects.filter(user=user, video=video).exists()


def video_page_context(*, video: VideoPage, request) -> dict:
    start = parse_start_time(
        request.GET.get("t"), longest_seconds=video.duration_minutes * 60
    )
    return {
        "start_seconds": start,
        "start_label": at_seconds(start) if start else "",
        "watched": has_watched(user=request.user, video=video),
    }
