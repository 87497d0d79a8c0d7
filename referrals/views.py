"""The referral directory's pages: the listing with its filters, an entry with
its recommendations, suggesting an entry, and the director's review queue.

Members only (``community.access``); the queue is the director's and the
admins'. Every change is a POST that answers with a redirect, or with the form
and its errors (400) and nothing saved.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.access import can_moderate, director_required, member_required
from referrals import selectors, services
from referrals.forms import EntryForm, FilterForm, RecommendationForm, RejectForm
from referrals.models import ReferralEntry, Status
from referrals.setup import guide_url

PAGE_SIZE = 20


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@member_required
@require_http_methods(["GET", "HEAD"])
def entry_list(request):
    filters = selectors.Filters.from_params(request.GET)
    specialties = list(selectors.specialties())
    page = Paginator(selectors.listed_entries(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "entries": page.object_list,
            "filter_form": FilterForm(request.GET or None, specialties=specialties),
            "filters": filters,
            "filter_query": params.urlencode(),
            "my_suggestions": selectors.my_suggestions(user=request.user),
            "guide_url": guide_url(),
        },
    )


def _detail_page(request, entry, *, form=None, status=200):
    own = selectors.own_recommendation(entry=entry, user=request.user)
    if form is None and entry.status == Status.APPROVED:
        form = RecommendationForm(instance=own)
    return render(
        request,
        "referrals/detail.html",
        {
            "entry": entry,
            "recommendations": selectors.recommendations_for(entry=entry),
            "own": own,
            "form": form,
            "may_review": can_moderate(request.user),
            "guide_url": guide_url(),
        },
        status=status,
    )


def _entry(request, pk: int) -> ReferralEntry:
    entry = selectors.entry_for(
        pk=pk, user=request.user, may_review=can_moderate(request.user)
    )
    if entry is None:
        raise Http404("No such entry.")
    return entry


@member_required
@require_http_methods(["GET", "HEAD"])
def entry_detail(request, pk: int):
    return _detail_page(request, _entry(request, pk))


@member_required
@require_POST
def recommend(request, pk: int):
    entry = _entry(request, pk)
    own = selectors.own_recommendation(entry=entry, user=request.user)
    form = RecommendationForm(request.POST, instance=own)
    if form.is_valid():
        try:
            services.recommendation_save(
                entry=entry,
                author=request.user,
                communication=form.cleaned_data["communication"],
                seen_within=form.cleaned_data["seen_within"],
                privacy_matches=form.privacy_report(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Thank you: your recommendation is saved.")
            return redirect("referrals:detail", pk=entry.pk)
    return _detail_page(request, entry, form=form, status=400)


@member_required
@require_POST
def referred_again(request, pk: int):
    entry = _entry(request, pk)
    try:
        count = services.referred_again(entry=entry, author=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        times = f"{count} time{'s' if count != 1 else ''}"
        messages.success(request, f"Counted: you have referred again {times}.")
    return redirect("referrals:detail", pk=entry.pk)


@member_required
@require_http_methods(["GET", "POST"])
def suggest(request):
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_suggest(
                suggested_by=request.user, **form.entry_data()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you. Your suggestion is waiting for the director's approval.",
            )
            return redirect("referrals:detail", pk=entry.pk)
    return render(
        request,
        "referrals/suggest.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@director_required
@require_http_methods(["GET", "HEAD"])
def review_queue(request):
    return render(
        request,
        "referrals/review_queue.html",
        {"entries": selectors.review_queue()},
    )


def _pending(pk: int) -> ReferralEntry:
    return get_object_or_404(ReferralEntry, pk=pk, status=Status.PENDING)


@director_required
@require_http_methods(["GET", "POST"])
def review_entry(request, pk: int):
    """Edit a suggestion, then approve it ("Approve" saves the edit first); or
    keep a listed entry up to date (a wait that grew, a new practice)."""
    entry = get_object_or_404(
        ReferralEntry, pk=pk, status__in=[Status.PENDING, Status.APPROVED]
    )
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # an edit and its approval, or neither
                entry = services.entry_update(entry=entry, **form.entry_data())
                if (
                    request.POST.get("action") == "approve"
                    and entry.status == Status.PENDING
                ):
                    services.entry_approve(entry=entry, director=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if request.POST.get("action") == "approve":
                messages.success(request, f"“{entry.name}” is in the directory.")
                return redirect("referrals:review")
            messages.success(request, "Your changes are saved.")
            return redirect("referrals:review-entry", pk=entry.pk)
    return render(
        request,
        "referrals/review_entry.html",
        {
            "entry": entry,
            "form": form,
            "reject_form": RejectForm(),
            "already_listed": selectors.entries_like(entry),
        },
        status=400 if form.errors else 200,
    )


@director_required
@require_POST
def reject(request, pk: int):
    entry = _pending(pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.entry_reject(
                entry=entry, director=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"“{entry.name}” is not added.")
            return redirect("referrals:review")
    return render(
        request,
        "referrals/review_entry.html",
        {"entry": entry, "form": EntryForm(instance=entry), "reject_form": form},
        status=400,
    )
