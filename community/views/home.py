"""``/``: the dashboard for members, the landing page for everyone else."""

from wagtail.views import serve as wagtail_serve

from community import access
from community.views.dashboard import dashboard


def home(request):
    if access.has_member_access(request.user):
        return dashboard(request)
    return wagtail_serve(request, "")
