"""How member-only files leave the site: after the access check, and only then.

Uploads live in private storage (``PRIVATE_MEDIA_ROOT``), which no web server
serves as it is. Once ``courses.wagtail_hooks`` has let a member through, the
file goes out one of two ways, chosen by ``SENDFILE_BACKEND``:

- an offloading backend of django-sendfile2 (``django_sendfile.backends.nginx``:
  ``X-Accel-Redirect`` to nginx's ``internal`` location at ``SENDFILE_URL``), so
  that nginx sends the bytes, ranges included, and no Python worker waits on a
  one-hour recording;
- otherwise (``simple``, the default) Django streams it here, answering HTTP
  byte ranges: Safari and iOS play a video only from a server that answers
  ``Range`` with 206, and seeking needs it everywhere. django-sendfile2's own
  ``simple`` backend reads the whole file into memory and ignores ``Range``,
  so it is never called.
"""

import os
import re

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django_sendfile import sendfile

STREAMED_BY_DJANGO = {
    "django_sendfile.backends.simple",
    "django_sendfile.backends.development",
}
CHUNK_SIZE = 64 * 1024
# One range only: several ranges (multipart/byteranges) are answered with the
# whole file, which RFC 9110 allows and which no video player asks for.
SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class UnsatisfiableRange(Exception):
    """The range asks for nothing that the file has: answered with 416."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte that a ``Range`` header asks for, within ``size``.

    None means "send the whole file": no header, another unit, several ranges or
    a header we cannot read are ignored, as RFC 9110 lets a server do.
    """
    match = SINGLE_RANGE.fullmatch(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # a suffix: the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise UnsatisfiableRange
        return max(size - suffix, 0), size - 1
    first = int(first)
    last = size - 1 if last == "" else int(last)
    if first >= size or last < first:
        raise UnsatisfiableRange
    return first, min(last, size - 1)


def _if_range_holds(request, *, etag: str, last_modified: int) -> bool:
    """False when ``If-Range`` names another version: then the whole file goes."""
    validator = request.headers.get("If-Range", "").strip()
    if not validator:
        return True
    if validator.startswith(('"', "W/")):
        return validator == etag  # a strong comparison: weak tags never match
    return parse_http_date_safe(validator) == last_modified


def _chunks(path, *, start: int, length: int):
    with open(path, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def ranged_file_response(
    request, path, *, content_type: str, disposition: str, etag: str = ""
) -> HttpResponse:
    """A file streamed from disk: 200 whole, 206 for one range, 416, or 304."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    size = stat.st_size
    last_modified = int(stat.st_mtime)
    etag = quote_etag(etag or f"{stat.st_mtime_ns:x}-{size:x}")
    conditional = get_conditional_response(
        request, etag=etag, last_modified=last_modified
    )
    if conditional is not None:  # 304 Not Modified, 412 Precondition Failed
        return conditional
    try:
        wanted = None
        if _if_range_holds(request, etag=etag, last_modified=last_modified):
            wanted = byte_range(request.headers.get("Range", ""), size)
    except UnsatisfiableRange:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        first, last = wanted or (0, size - 1)
        length = last - first + 1
        response = StreamingHttpResponse(
            _chunks(path, start=first, length=length),
            status=206 if wanted else 200,
            content_type=content_type,
        )
        response["Content-Length"] = str(length)
        if wanted:
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Disposition"] = disposition
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


def file_response(
    request, path, *, content_type: str, disposition: str, etag: str = ""
) -> HttpResponse:
    """A private file, by nginx when it is configured, else streamed with ranges."""
    if settings.SENDFILE_BACKEND in STREAMED_BY_DJANGO:
        response = ranged_file_response(
            request,
            path,
            content_type=content_type,
            disposition=disposition,
            etag=etag,
        )
    else:
        response = sendfile(request, path, mimetype=content_type)
        response["Content-Disposition"] = disposition
    # Member content: a browser may keep it, a shared cache may not.
    patch_cache_control(response, private=True)
    return response


def serve_document(request, document) -> HttpResponse | None:
    """A Wagtail document for someone the access check has let through.

    None for storages without local files (object storage): Wagtail's own view
    then streams the file, or redirects to its address, as configured.
    """
    try:
        path = document.file.path
    except NotImplementedError:
        return None
    response = file_response(
        request,
        path,
        content_type=document.content_type,
        disposition=document.content_disposition,
        etag=document.file_hash,
    )
    # As Wagtail does for documents: nothing in a file runs in our origin.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
