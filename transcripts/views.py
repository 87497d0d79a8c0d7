"""The member's transcript page, its PDF, and the public check of a code.

Earned is earned, as for certificates: the page and the PDFs need a signed-in
account, not a current membership. The public check shares the certificates'
address (``/certificates/<code>/``): this view answers first for a transcript's
code and hands any other code to the certificate check, so the one lookup form
serves both and courses never has to know about transcripts.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from community.downloads import file_download
from courses.views import certificate_verify
from transcripts.models import Transcript
from transcripts.pdf import render_transcript_pdf
from transcripts.selectors import (
    dated,
    transcript_content,
    transcript_for_owner,
    transcripts_issued,
)
from transcripts.services import transcript_issue


@login_required
@require_GET
def page(request):
    content = transcript_content(user=request.user)
    return render(
        request,
        "transcripts/page.html",
        {
            "content": content,
            "items": dated(content.items),
            "totals": content.totals,
            "issued": transcripts_issued(user=request.user),
        },
    )


@login_required
@require_POST
def issue(request):
    try:
        transcript = transcript_issue(user=request.user)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
        return redirect("transcripts:page")
    return redirect("transcripts:download", code=transcript.code)


@login_required
@require_GET
@never_cache
def download(request, code: str):
    transcript = transcript_for_owner(code=code, user=request.user)
    if transcript is None:
        raise Http404("You have no transcript with this code.")
    return file_download(
        render_transcript_pdf(transcript),
        filename=f"transcript-{transcript.code}.pdf",
        content_type="application/pdf",
    )


@require_GET
def verify(request, code: str):
    """Public: a transcript's code shows what its PDF states; any other code
    is the certificate check's, which also sends a loosely typed code on to
    its clean form (the same address, so this view answers it then)."""
    transcript = Transcript.objects.select_related("user").filter(code=code).first()
    if transcript is None:
        return certificate_verify(request, code)
    return render(
        request,
        "transcripts/verify.html",
        {"transcript": transcript, "items": dated(transcript.items)},
    )
