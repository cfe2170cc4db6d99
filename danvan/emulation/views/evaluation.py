"""Pages of the year-end evaluation: the criteria, the year's round, evaluating one model,
recognising it, removing it, and recognising several models by one decision.

Views stay thin: access through the selectors (the same 404 for missing and forbidden
models), writes through the services, a refusal shown on the form with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.emulation.forms.evaluation import (
    BatchRecognitionForm,
    CriterionForm,
    EvaluateForm,
    RecognitionForm,
    RemoveForm,
)
from danvan.emulation.models import Criterion, Evaluation, Exemplar
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.services import evaluation as services
from danvan.units.models import User


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after login_required
    return request.user


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2009 <= year <= 2100 else timezone.localdate().year


def _acting(request: HttpRequest, exemplar: Exemplar) -> list[selectors.Committee]:
    """The person's committees for the model, the one they act in (unit switcher) first."""
    found = selectors.committees_for(_user(request), exemplar)
    active = getattr(getattr(request, "active_role", None), "unit_id", None)
    return sorted(found, key=lambda c: c.unit.pk != active)


def _may_manage(user: User) -> bool:
    return bool(user.has_perm("emulation.manage_criteria"))


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_criteria(request: HttpRequest) -> HttpResponse:
    """The criteria: everyone who evaluates may read them; the province's or the country's
    commission adds, edits, retires and orders them."""
    user = _user(request)
    may_manage = _may_manage(user)
    if not may_manage and not selectors.committees(user):
        raise PermissionDenied
    form = CriterionForm(_posted(request))
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.criterion_create(actor=user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The criterion was added."))
                return redirect("emulation:evaluation_criteria")
    context = {
        "criteria": selectors.criteria_all(),
        "form": form,
        "may_manage": may_manage,
        "pass_percent": selectors.pass_percent(),
    }
    return render(request, "emulation/evaluation/criteria.html", context)


def _criterion(request: HttpRequest, pk: int) -> Criterion:
    if not _may_manage(_user(request)):
        raise PermissionDenied
    return get_object_or_404(Criterion, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    form = CriterionForm(_posted(request), instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(
                criterion=Criterion.objects.get(pk=pk), actor=_user(request), **form.cleaned_data
            )
        except ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect("emulation:evaluation_criteria")
    return render(
        request, "emulation/evaluation/criterion_form.html", {"form": form, "criterion": criterion}
    )


@login_required
@require_POST
def evaluation_criterion_state(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    active = request.POST.get("active") == "1"
    services.criterion_set_active(criterion=criterion, actor=_user(request), active=active)
    messages.success(
        request, _("The criterion is in use again.") if active else _("The criterion was retired.")
    )
    return redirect("emulation:evaluation_criteria")


@login_required
@require_POST
def evaluation_criterion_move(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    services.criterion_move(criterion=criterion, actor=_user(request), step=step)
    return redirect("emulation:evaluation_criteria")


@login_required
@require_GET
def evaluation_index(request: HttpRequest) -> HttpResponse:
    return redirect("emulation:evaluation_year", year=timezone.localdate().year)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_year(request: HttpRequest, year: int) -> HttpResponse:
    """The year's round: the models the person's committees evaluate, their state, the
    counts, and the batch recognition of effective models by one decision."""
    user = _user(request)
    own = selectors.committees(user)
    if not own:
        raise PermissionDenied
    if not 2009 <= year <= 2100:
        return redirect("emulation:evaluation_index")
    rows = selectors.year_exemplars(user, year)
    ready = [
        r.pk
        for r in rows
        if r.evaluation is not None  # type: ignore[attr-defined]
        and r.evaluation.verdict == Evaluation.Verdict.EFFECTIVE  # type: ignore[attr-defined]
    ]
    form = BatchRecognitionForm(
        _posted(request), choices=Exemplar.objects.filter(pk__in=ready).order_by("title")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        committee = next((c for c in own if c.level == data["level"]), own[0])
        try:
            done = services.recognition_create_many(
                exemplars=list(data["exemplars"]),
                actor=user,
                committee=committee,
                level=data["level"],
                year=year,
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
            )
        except ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(count)s models were recognised.") % {"count": len(done)})
            return redirect("emulation:evaluation_year", year=year)
    context = {
        "year": year,
        "rows": rows,
        "counts": selectors.year_counts(rows),
        "form": form,
        "committees": own,
        "years": range(timezone.localdate().year, 2019, -1),
    }
    return render(request, "emulation/evaluation/year.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    exemplar = selectors.exemplar_for_committee(user, pk)
    year = _year(request)
    existing = selectors.evaluation_of(exemplar, year)
    criteria = selectors.criteria_for(exemplar.kind)
    form = EvaluateForm(_posted(request), criteria=criteria)
    if request.method == "POST" and existing is None and form.is_valid():
        committee = _acting(request, exemplar)[0]
        try:
            services.exemplar_evaluate(
                exemplar=exemplar,
                actor=user,
                committee=committee,
                year=year,
                points=form.points(),
                remarks=form.cleaned_data["remarks"],
                verdict=form.cleaned_data["verdict"] or None,
            )
        except ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The evaluation was recorded."))
            return redirect(reverse("emulation:evaluation_evaluate", args=[pk]) + f"?year={year}")
    context = {
        "exemplar": exemplar,
        "year": year,
        "existing": existing,
        "form": form,
        "pass_percent": selectors.pass_percent(),
    }
    return render(request, "emulation/evaluation/evaluate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    exemplar = selectors.exemplar_for_committee(user, pk)
    acting = _acting(request, exemplar)
    initial = {
        "year": _year(request),
        "level": acting[0].level if acting else "",
        "decision_date": timezone.localdate(),
    }
    form = RecognitionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        committee = next((c for c in acting if c.level == data["level"]), acting[0])
        try:
            services.recognition_create(exemplar=exemplar, actor=user, committee=committee, **data)
        except ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The recognition was recorded."))
            return redirect("emulation:registry_detail", pk=pk)
    context = {"exemplar": exemplar, "form": form, "committees": acting}
    return render(request, "emulation/evaluation/recognise.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    exemplar = selectors.exemplar_for_committee(user, pk)
    form = RemoveForm(_posted(request), initial={"removed_on": timezone.localdate()})
    if request.method == "POST" and not exemplar.is_removed and form.is_valid():
        try:
            services.exemplar_remove(
                exemplar=exemplar,
                actor=user,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["removed_on"],
            )
        except ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The model was removed; its record and history are kept."))
            return redirect("emulation:registry_detail", pk=pk)
    return render(request, "emulation/evaluation/remove.html", {"exemplar": exemplar, "form": form})
