"""``/``: the dashboard for members (and consultants), the landing page for
everyone else."""

from wagtail.views import serve as wagtail_serve

from community.views.dashboard import dashboard, shows_dashboard


def home(request):
    if shows_dashboard(request.user):
        return dashboard(request)
    return wagtail_serve(request, "")
