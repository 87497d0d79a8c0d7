"""Course actions that are not pages: marking lessons and videos, certificates,
documents."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.documents.views.serve import serve as wagtail_document_serve

from community import access
from community.downloads import file_download
from courses.certificate_pdf import render_certificate_pdf
from courses.media import serve_document
from courses.models import (
    Certificate,
    LessonPage,
    VideoPage,
    normalise_certificate_code,
)
from courses.selectors import certificate_for_owner
from courses.services import (
    lesson_mark_complete,
    lesson_mark_incomplete,
    video_mark_unwatched,
    video_mark_watched,
)

CODE_SHAPE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
NO_LESSON_ACCESS = "Lessons are for members: join or renew to keep your progress."
NO_VIDEO_ACCESS = "The video library is for members: join or renew to watch."


def _live_page_for_member(request, model, pk: int, *, missing: str, refused: str):
    """A live page (a lesson, a video) that a member marks: 404 if there is
    none, 403 if the user is not a member."""
    page = model.objects.live().public().filter(pk=pk).first()
    if page is None:
        raise Http404(missing)
    if not access.has_member_access(request.user):
        raise PermissionDenied(refused)
    return page


def _lesson_for_progress(request, lesson_id: int) -> LessonPage:
    return _live_page_for_member(
        request,
        LessonPage,
        lesson_id,
        missing="There is no such lesson.",
        refused=NO_LESSON_ACCESS,
    )


@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = _lesson_for_progress(request, lesson_id)
    certificate = lesson_mark_complete(user=request.user, lesson=lesson)
    if certificate is not None:
        messages.success(
            request,
            "You have completed the course. Your certificate is ready to download.",
        )
        return redirect(certificate.course.url + "#certificate")
    messages.success(request, f"“{lesson.title}” is marked as done.")
    following = request.POST.get("next_lesson")
    if following and following.isdigit():
        next_lesson = LessonPage.objects.live().filter(pk=following).first()
        if next_lesson is not None:
            return redirect(next_lesson.url)
    return redirect(lesson.url)


@require_POST
def lesson_incomplete(request, lesson_id: int):
    lesson = _lesson_for_progress(request, lesson_id)
    lesson_mark_incomplete(user=request.user, lesson=lesson)
    messages.info(request, f"“{lesson.title}” is no longer marked as done.")
    return redirect(lesson.url)


def _video_for_marks(request, video_id: int) -> VideoPage:
    return _live_page_for_member(
        request,
        VideoPage,
        video_id,
        missing="There is no such video.",
        refused=NO_VIDEO_ACCESS,
    )


def _marked(request, video: VideoPage, message: str):
    """The player's script posts when a video ends and needs no page back; the
    button (without JavaScript) is sent back to the video with a message."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, message)
    return redirect(video.url)


@require_POST
def video_watched(request, video_id: int):
    video = _video_for_marks(request, video_id)
    video_mark_watched(user=request.user, video=video)
    return _marked(request, video, f"“{video.title}” is marked as watched.")


@require_POST
def video_unwatched(request, video_id: int):
    video = _video_for_marks(request, video_id)
    video_mark_unwatched(user=request.user, video=video)
    return _marked(request, video, f"“{video.title}” is no longer marked as watched.")


@require_GET
@login_required
def certificate_download(request, code: str):
    """The owner's PDF. Earned is earned: a lapsed member still downloads it."""
    certificate = certificate_for_owner(code=code, user=request.user)
    if certificate is None:
        raise Http404("You have no certificate with this code.")
    return file_download(
        render_certificate_pdf(certificate),
        filename=f"certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )


@require_GET
def certificate_verify(request, code: str):
    """Public: confirms a certificate and shows only what is printed on it."""
    normalised = normalise_certificate_code(code)
    if normalised != code and CODE_SHAPE.fullmatch(normalised):
        return redirect("certificates:verify", code=normalised)
    certificate = Certificate.objects.filter(code=code).first()
    status = 200 if certificate else 404
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=status,
    )


@require_GET
def certificate_lookup(request):
    """Public: a form to type a code in, for whoever holds a printed certificate."""
    code = request.GET.get("code", "").strip()
    if code:
        cleaned = normalise_certificate_code(code[:40])
        if CODE_SHAPE.fullmatch(cleaned):
            return redirect("certificates:verify", code=cleaned)
    return render(
        request,
        "courses/certificate_lookup.html",
        {"code": code[:40], "invalid": bool(code)},
        status=400 if code else 200,
    )


@require_safe
def document_serve(request, document_id, document_filename):
    """Wagtail's document view, with the file sent by ``courses.media``.

    The same checks as Wagtail's (the filename, every ``before_serve_document``
    hook: collection restrictions and the member rule), then the file leaves
    private storage with byte ranges, or through nginx. Wagtail's hook cannot
    do the sending: it takes only a plain HttpResponse, never a stream.
    """
    document = get_object_or_404(get_document_model(), id=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    response = serve_document(request, document)
    if response is None:  # object storage: Wagtail streams it or redirects
        return wagtail_document_serve(request, document_id, document_filename)
    document_served.send(sender=type(document), instance=document, request=request)
    return response
