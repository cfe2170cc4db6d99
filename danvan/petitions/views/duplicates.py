"""Duplicate review (staff): a case's suggestions, merge, dismiss, undo a wrong merge.

Thin views: reach the case with ``access_case_for_staff`` (the same 404 for a missing case
and for another unit's), call one service, redirect. Every change is a POST with CSRF.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.petitions.access import access_case_for_staff
from danvan.petitions.forms.duplicates import CaseUnmergeForm, DuplicateDismissForm
from danvan.petitions.models import Case
from danvan.petitions.models.duplicates import DuplicateSuggestion
from danvan.petitions.selectors.duplicates import duplicate_review
from danvan.petitions.services.duplicates import (
    case_unmerge,
    duplicate_suggestion_confirm,
    duplicate_suggestion_dismiss,
    duplicate_suggestions_refresh,
)
from danvan.units.models import User

HANDLE = "petitions.handle_case"
APPROVE = "petitions.approve_case"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _case(request: HttpRequest, code: str) -> Case:
    return access_case_for_staff(request.user, code=code, perm=HANDLE)


def _review_page(
    request: HttpRequest, case: Case, *, status: int = 200, **forms: Any
) -> HttpResponse:
    review = duplicate_review(case=case, user=request.user)
    failed = forms.get("dismiss_form")
    pending = [
        (
            row,
            failed
            if failed is not None and forms.get("dismiss_pk") == row.suggestion.pk
            else DuplicateDismissForm(auto_id=f"id_dismiss{row.suggestion.pk}_%s"),
        )
        for row in review.pending
    ]
    context = {
        "review": review,
        "pending": pending,
        "unmerge_form": forms.get("unmerge_form") or CaseUnmergeForm(),
    }
    return render(request, "petitions/duplicates/review.html", context, status=status)


def _back(case: Case) -> HttpResponse:
    return redirect("petitions:duplicates_review", code=case.tracking_code)


def _suggestion(case: Case, pk: int) -> DuplicateSuggestion:
    return get_object_or_404(
        DuplicateSuggestion.objects.select_related("case", "candidate", "candidate__unit"),
        pk=pk,
        case=case,
    )


@login_required
@require_GET
def duplicates_review(request: HttpRequest, code: str) -> HttpResponse:
    return _review_page(request, _case(request, code))


@login_required
@require_POST
def duplicates_scan(request: HttpRequest, code: str) -> HttpResponse:
    case = _case(request, code)
    found = duplicate_suggestions_refresh(case=case, actor=_user(request))
    pending = sum(1 for s in found if s.status == DuplicateSuggestion.Status.PENDING)
    messages.success(
        request,
        ngettext(
            "Scan finished: %(count)d suggestion to review.",
            "Scan finished: %(count)d suggestions to review.",
            pending,
        )
        % {"count": pending},
    )
    return _back(case)


@login_required
@require_POST
def duplicates_merge(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    case = _case(request, code)
    suggestion = _suggestion(case, pk)
    # Merging changes the candidate too: the handler must be allowed to handle both.
    if not request.user.has_perm(HANDLE, suggestion.candidate):
        raise Http404
    try:
        into = duplicate_suggestion_confirm(suggestion=suggestion, actor=_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
        return _back(case)
    messages.success(
        request,
        _("Case %(code)s was merged into %(other)s.")
        % {"code": case.display_code, "other": into.display_code},
    )
    return _back(case)


@login_required
@require_POST
def duplicates_dismiss(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    case = _case(request, code)
    suggestion = _suggestion(case, pk)
    form = DuplicateDismissForm(request.POST, auto_id=f"id_dismiss{pk}_%s")
    if not form.is_valid():
        return _review_page(request, case, status=400, dismiss_form=form, dismiss_pk=pk)
    try:
        duplicate_suggestion_dismiss(
            suggestion=suggestion, actor=_user(request), note=form.cleaned_data["note"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return _back(case)
    messages.success(request, _("The suggestion was dismissed."))
    return _back(case)


@login_required
@require_POST
def duplicates_unmerge(request: HttpRequest, code: str) -> HttpResponse:
    case = _case(request, code)
    # Only the head of the surviving case's unit undoes a merge.
    if case.merged_into is None or not request.user.has_perm(APPROVE, case.merged_into):
        raise Http404
    into = case.merged_into
    form = CaseUnmergeForm(request.POST)
    if not form.is_valid():
        return _review_page(request, case, status=400, unmerge_form=form)
    case_unmerge(duplicate=case, actor=_user(request), reason=form.cleaned_data["reason"])
    messages.success(
        request,
        _("Case %(code)s was taken out of %(other)s.")
        % {"code": case.display_code, "other": into.display_code},
    )
    # The case may have gone back to another unit: show the one that stays here.
    return _back(into)
