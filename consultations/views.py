"""The case page: one page for every role, made of the parts their role opens
(``consultations.case_page``). Each stage's actions live in its own views
module (request_views, reviewer_views, director_views, team_views,
report_views, audit_views)."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from consultations.views_common import area_required, case_for, render_case_page


@area_required
@require_GET
@never_cache
def case_detail(request, pk):
    case, roles = case_for(request, pk, need=lambda roles: True, view_target="case")
    return render_case_page(request, case, roles)
