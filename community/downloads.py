"""The one way a view hands a person a file to save (a report, a receipt, a
certificate, a transcript, a statement, their data export): an attachment
that no cache may keep, since every one of them is somebody's own."""

from django.http import HttpResponse


def file_download(body, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
