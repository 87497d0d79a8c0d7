"""The one-click unsubscribe of every bulk email: anyone holding a valid link,
signed in or not (``community.unsubscribe``)."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from community import unsubscribe


@csrf_exempt  # RFC 8058: mail clients POST without a form; the signature is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    try:
        user_id, kind = unsubscribe.read(token)
    except unsubscribe.BadToken as error:
        return render(
            request,
            "community/unsubscribe.html",
            {"error": str(error)},
            status=400,
        )
    label = unsubscribe.KINDS[kind][1]
    if request.method == "POST" or unsubscribe.is_off(user_id=user_id, kind=kind):
        unsubscribe.unsubscribe(user_id=user_id, kind=kind)
        return render(
            request, "community/unsubscribe.html", {"done": True, "label": label}
        )
    return render(
        request, "community/unsubscribe.html", {"label": label, "token": token}
    )
