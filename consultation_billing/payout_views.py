"""The reviewer's own payouts: their statements (PDF and CSV) and the lines
not on a statement yet, at /consultations/reviewer/payouts/.

Consultants in the pool, and former ones with payout lines
(``payee_required``). A statement is its reviewer's alone: to anyone else,
another reviewer included, it does not exist (404). Admins see every statement in
/cms/ (``wagtail_hooks``), not here.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from community.downloads import file_download
from consultation_billing import statement_files, statements
from consultation_billing.models import PayoutLine, PayoutStatement
from consultations import rules


def payee_required(view):
    """Consultants in the pool, and anyone who has earned payout lines (a
    consultant who has left the pool still reads what they are owed); a
    visitor signs in, anyone else is refused."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (
            rules.is_consultant(user)
            or PayoutLine.objects.filter(reviewer=user).exists()
        ):
            raise PermissionDenied("Payouts are for reviewers of the pool.")
        return view(request, *args, **kwargs)

    return wrapped


def _own_statement(request, pk: int) -> statements.StatementView:
    statement = (
        PayoutStatement.objects.select_related("reviewer")
        .filter(pk=pk, reviewer=request.user)
        .first()
    )
    if statement is None:
        raise Http404("No such statement.")
    return statements.statement_view(statement)


@payee_required
@require_safe
@never_cache
def payouts(request):
    user = request.user
    open_lines = list(statements.open_lines_for(reviewer=user))
    return render(
        request,
        "consultation_billing/payouts.html",
        {
            "statements": statements.statements_for(reviewer=user),
            "open_lines": open_lines,
            "open_total": statements.money(
                sum(line.amount for line in open_lines),
                settings.CONSULT_PAYOUT_CURRENCY,
            ),
        },
    )


FILES = {
    "pdf": (statement_files.statement_pdf, "application/pdf"),
    "csv": (statement_files.statement_csv, "text/csv; charset=utf-8"),
}


def _statement_file(request, pk: int, kind: str) -> HttpResponse:
    view = _own_statement(request, pk)
    render_file, content_type = FILES[kind]
    return file_download(
        render_file(view),
        content_type=content_type,
        filename=statement_files.filename(view, kind),
    )


@payee_required
@require_safe
@never_cache
def statement_pdf(request, pk: int):
    return _statement_file(request, pk, "pdf")


@payee_required
@require_safe
@never_cache
def statement_csv(request, pk: int):
    return _statement_file(request, pk, "csv")
