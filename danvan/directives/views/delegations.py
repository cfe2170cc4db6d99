"""Pages of the delegations area: plan, sessions and minutes, findings and recommendations,
the inspected unit's progress reports, the delegation's checks, the final report.

Thin views: access first (``selectors.delegations``: the delegation's pages for those who
manage its organising unit; a recommendation also for the staff of the unit it is made to;
the same 404 for everything else), then one service call. A refused change shows the
service's message with what was typed kept. Forms that create something carry a one-time
key (``services.delegations_once``): a double click or a retried request acts once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.docx_layout import Signer
from danvan.core.exceptions import ApplicationError
from danvan.directives.forms.delegations import (
    DelegationForm,
    FinalReportForm,
    FindingForm,
    MemberAddForm,
    MemberFormSet,
    ProgressForm,
    RecommendationForm,
    ReviewForm,
    SessionAddForm,
    SessionForm,
    VisitFormSet,
)
from danvan.directives.models import (
    Delegation,
    DelegationMember,
    Directive,
    Recommendation,
)
from danvan.directives.selectors.delegations import (
    delegation_for_manager_or_404,
    delegations_visible,
    directive_choices,
    is_overdue,
    organiser_choices,
    recommendation_for_user_or_404,
    recommendations_visible,
    session_for_manager_or_404,
    visit_choices,
)
from danvan.directives.selectors.monitoring import Scope, scope_for
from danvan.directives.services import delegations as services
from danvan.directives.services.delegations_docx import minutes_docx_build
from danvan.directives.services.delegations_once import (
    once_claim,
    once_done,
    once_new,
    once_release,
)
from danvan.directives.services.monitoring_docx import default_signer
from danvan.directives.views.monitoring import DOCX, file_slug
from danvan.units.models import Unit, User

Status = Delegation.Status


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after the access check: a signed-in officer
    return request.user


def _scope_or_404(request: HttpRequest) -> Scope:
    scope = scope_for(request.user)
    if scope.is_empty:
        raise Http404
    return scope


def _detail_url(delegation: Delegation, anchor: str = "") -> str:
    url = reverse("directives:delegations_detail", kwargs={"pk": delegation.pk})
    return f"{url}#{anchor}" if anchor else url


def _once(
    request: HttpRequest, key: str, *, fallback: str, act: Callable[[], str]
) -> HttpResponse | None:
    """Run ``act`` once for the form's key and redirect where it leads; on a refusal give
    the key back and return None (the caller shows the form again with the message)."""
    earlier = once_claim(key, fallback=fallback)
    if earlier is not None:
        return redirect(earlier)
    try:
        url = act()
    except ApplicationError:
        once_release(key)
        raise
    once_done(key, url)
    return redirect(url)


# --------------------------------------------------------------------------- list and plan


@require_GET
def delegations_list(request: HttpRequest) -> HttpResponse:
    scope = _scope_or_404(request)
    page = Paginator(delegations_visible(scope), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "may_create": bool(organiser_choices(request.user)),
        "has_own_units": bool(scope.own_unit_ids),
    }
    return render(request, "directives/delegations/list.html", context)


@require_http_methods(["GET", "POST"])
def delegations_create(request: HttpRequest) -> HttpResponse:
    organisers = organiser_choices(request.user)
    if not organisers:
        raise Http404
    scope = scope_for(request.user)
    units = visit_choices(scope)
    form_kwargs: dict[str, Any] = {
        "units": [(u.pk, u.name) for u in organisers],
        "directives": directive_choices(scope),
    }
    if request.method == "POST":
        form = DelegationForm(request.POST, **form_kwargs)
        members = MemberFormSet(request.POST, prefix="members")
        visits = VisitFormSet(request.POST, prefix="visits", form_kwargs={"units": units})
        valid = form.is_valid() & members.is_valid() & visits.is_valid()
        chosen_visits = [f.cleaned_data for f in visits if f.has_changed() and f.cleaned_data]
        if valid and not chosen_visits:
            form.add_error(None, _("Add at least one unit to visit, with its date."))
            valid = False
        if valid:
            data = form.cleaned_data

            def act() -> str:
                delegation = services.delegation_create(
                    actor=_user(request),
                    unit=Unit.objects.get(pk=data["unit"]),
                    kind=data["kind"],
                    title=data["title"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    members=[
                        services.MemberInput(
                            name=data["head_name"],
                            position=data["head_position"],
                            role=DelegationMember.Role.HEAD,
                        ),
                        *[
                            services.MemberInput(
                                name=m.cleaned_data["name"],
                                position=m.cleaned_data["position"],
                                role=m.cleaned_data["role"],
                            )
                            for m in members
                            if m.has_changed() and m.cleaned_data
                        ],
                    ],
                    visits=[
                        services.VisitInput(Unit.objects.get(pk=v["unit"]), v["scheduled_on"])
                        for v in chosen_visits
                    ],
                    subject_document=form.subject_document,
                    directive=Directive.objects.filter(pk=data["directive"]).first()
                    if data["directive"]
                    else None,
                )
                messages.success(request, _("The delegation is planned."))
                return _detail_url(delegation)

            try:
                done = _once(
                    request,
                    data["key"],
                    fallback=reverse("directives:delegations_list"),
                    act=act,
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                assert done is not None
                return done
    else:
        form = DelegationForm(initial={"key": once_new()}, **form_kwargs)
        members = MemberFormSet(prefix="members")
        visits = VisitFormSet(prefix="visits", form_kwargs={"units": units})
    return render(
        request,
        "directives/delegations/create.html",
        {"form": form, "members": members, "visits": visits},
    )


def _detail_context(request: HttpRequest, delegation: Delegation, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    sessions = list(delegation.sessions.select_related("unit").order_by("scheduled_on", "pk"))
    findings = list(
        delegation.findings.select_related("unit", "session").order_by("unit__name", "pk")
    )
    recommendations = list(
        delegation.recommendations.select_related("unit", "finding").order_by("pk")
    )
    units = sorted({(s.unit.pk, s.unit.name) for s in sessions}, key=lambda u: u[1])
    scope = scope_for(request.user)
    editable = delegation.status != Status.REPORTED
    return {
        "delegation": delegation,
        "members": list(delegation.members.all()),
        "sessions": sessions,
        "findings": findings,
        "recommendations": [(r, is_overdue(r, today)) for r in recommendations],
        "editable": editable,
        "member_form": forms.get("member_form") or MemberAddForm(initial={"key": once_new()}),
        "session_form": forms.get("session_form")
        or SessionAddForm(units=visit_choices(scope), initial={"key": once_new()}),
        "finding_form": forms.get("finding_form")
        or FindingForm(
            units=units,
            sessions=[(s.pk, f"{s.unit.name} — {s.scheduled_on:%d/%m/%Y}") for s in sessions],
            initial={"key": once_new()},
        ),
        "recommendation_form": forms.get("recommendation_form")
        or RecommendationForm(
            findings=[(f.pk, f"{f.unit.name}: {f.text[:80]}") for f in findings],
            initial={"key": once_new()},
        ),
    }


def _detail(
    request: HttpRequest, delegation: Delegation, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "directives/delegations/detail.html",
        _detail_context(request, delegation, **forms),
        status=status,
    )


@require_GET
def delegations_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, delegation_for_manager_or_404(request.user, pk))


def _post_on_detail(
    request: HttpRequest,
    delegation: Delegation,
    *,
    form: Any,
    form_name: str,
    run: Callable[[dict[str, Any]], str],
    done: str,
) -> HttpResponse:
    """Validate ``form``, run the service once for its key, or show the page again."""
    if form.is_valid():

        def act() -> str:
            anchor = run(form.cleaned_data)
            messages.success(request, done)
            return _detail_url(delegation, anchor)

        try:
            response = _once(
                request, form.cleaned_data["key"], fallback=_detail_url(delegation), act=act
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            assert response is not None
            return response
    return _detail(request, delegation, status=400, **{form_name: form})


@require_POST
def delegations_start(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)
    services.delegation_start(delegation=delegation, actor=_user(request))
    messages.success(request, _("The delegation is under way."))
    return redirect(_detail_url(delegation))


@require_POST
def delegations_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)

    def run(data: dict[str, Any]) -> str:
        services.delegation_member_add(
            delegation=delegation,
            actor=_user(request),
            member=services.MemberInput(
                name=data["name"], position=data["position"], role=data["role"]
            ),
        )
        return "members"

    return _post_on_detail(
        request,
        delegation,
        form=MemberAddForm(request.POST),
        form_name="member_form",
        run=run,
        done=_("The member is added."),
    )


@require_POST
def delegations_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)
    form = SessionAddForm(request.POST, units=visit_choices(scope_for(request.user)))

    def run(data: dict[str, Any]) -> str:
        services.session_add(
            delegation=delegation,
            actor=_user(request),
            unit=Unit.objects.get(pk=data["unit"]),
            scheduled_on=data["scheduled_on"],
        )
        return "sessions"

    return _post_on_detail(
        request,
        delegation,
        form=form,
        form_name="session_form",
        run=run,
        done=_("The working session is planned."),
    )


@require_http_methods(["GET", "POST"])
def delegations_session(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """The minutes of one working session."""
    session = session_for_manager_or_404(request.user, pk, session_pk)
    delegation = session.delegation
    editable = delegation.status != Status.REPORTED
    if request.method == "POST" and editable:
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                services.session_record(
                    session=session,
                    actor=_user(request),
                    held_on=form.cleaned_data["held_on"],
                    place=form.cleaned_data["place"],
                    minutes=form.cleaned_data["minutes"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect(_detail_url(delegation, "sessions"))
    else:
        form = SessionForm(
            initial={"held_on": session.held_on, "place": session.place, "minutes": session.minutes}
        )
    return render(
        request,
        "directives/delegations/session.html",
        {"session": session, "delegation": delegation, "form": form, "editable": editable},
    )


@require_GET
def delegations_session_minutes(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    session = session_for_manager_or_404(request.user, pk, session_pk)
    name = f"bien-ban-lam-viec-{file_slug(session.unit.name)}.docx"
    response = HttpResponse(minutes_docx_build(session), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def delegations_finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)
    sessions = list(delegation.sessions.select_related("unit"))
    form = FindingForm(
        request.POST,
        units=sorted({(s.unit.pk, s.unit.name) for s in sessions}),
        sessions=[(s.pk, s.unit.name) for s in sessions],
    )

    def run(data: dict[str, Any]) -> str:
        session = next((s for s in sessions if s.pk == data["session"]), None)
        services.finding_add(
            delegation=delegation,
            actor=_user(request),
            unit=next(s.unit for s in sessions if s.unit.pk == data["unit"]),
            kind=data["kind"],
            text=data["text"],
            session=session,
        )
        return "findings"

    return _post_on_detail(
        request,
        delegation,
        form=form,
        form_name="finding_form",
        run=run,
        done=_("The finding is recorded."),
    )


@require_POST
def delegations_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)
    findings = {f.pk: f for f in delegation.findings.select_related("unit", "delegation")}
    form = RecommendationForm(
        request.POST, findings=[(pk, f.text[:80]) for pk, f in findings.items()]
    )

    def run(data: dict[str, Any]) -> str:
        services.recommendation_add(
            finding=findings[data["finding"]],
            actor=_user(request),
            text=data["text"],
            due_on=data["due_on"],
        )
        return "recommendations"

    return _post_on_detail(
        request,
        delegation,
        form=form,
        form_name="recommendation_form",
        run=run,
        done=_("The recommendation is made; the unit is notified."),
    )


# --------------------------------------------------------------------------- final report


@require_http_methods(["GET", "POST"])
def delegations_report(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)
    if delegation.status == Status.REPORTED:
        return redirect(_detail_url(delegation, "report"))
    if request.method == "POST":
        form = FinalReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            signer = (
                Signer(name=data["signer_name"], title=data["signer_title"])
                if data["signer_name"] or data["signer_title"]
                else None
            )
            try:
                services.delegation_report(
                    delegation=delegation, actor=_user(request), text=data["text"], signer=signer
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The final report is issued; the delegation is closed.")
                )
                return redirect(_detail_url(delegation, "report"))
    else:
        signer = default_signer(delegation.unit)
        form = FinalReportForm(
            initial={
                "text": delegation.final_report,
                "signer_name": signer.name if signer else "",
                "signer_title": signer.title if signer else "",
            }
        )
    return render(
        request, "directives/delegations/report.html", {"delegation": delegation, "form": form}
    )


@require_GET
def delegations_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = delegation_for_manager_or_404(request.user, pk)
    if not delegation.final_report_content:
        raise Http404
    name = f"bao-cao-{file_slug(delegation.final_report_number)}.docx"
    response = HttpResponse(bytes(delegation.final_report_content), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --------------------------------------------------------------------------- recommendations


@require_GET
def delegations_recommendations(request: HttpRequest) -> HttpResponse:
    """Recommendations to follow: an inspected unit sees only those made to it."""
    scope = _scope_or_404(request)
    today = timezone.localdate()
    queryset = recommendations_visible(scope)
    if request.GET.get("open"):
        queryset = queryset.exclude(status=Recommendation.Status.DONE)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    rows = [(r, is_overdue(r, today)) for r in page.object_list]
    return render(
        request,
        "directives/delegations/recommendations.html",
        {"page": page, "rows": rows, "only_open": bool(request.GET.get("open"))},
    )


def _recommendation_page(
    request: HttpRequest, pk: int, *, status: int = 200, **forms: Any
) -> HttpResponse:
    access = recommendation_for_user_or_404(request.user, pk)
    recommendation = access.recommendation
    state = recommendation.status
    may_report = access.unit and state in (
        Recommendation.Status.OPEN,
        Recommendation.Status.IN_PROGRESS,
    )
    may_review = access.manager and state == Recommendation.Status.REPORTED_DONE
    context = {
        "recommendation": recommendation,
        "access": access,
        "overdue": is_overdue(recommendation, timezone.localdate()),
        "updates": list(recommendation.updates.select_related("author")),
        "finding": recommendation.finding if access.manager else None,
        "progress_form": (forms.get("progress_form") or ProgressForm(initial={"key": once_new()}))
        if may_report
        else None,
        "review_form": (forms.get("review_form") or ReviewForm(initial={"key": once_new()}))
        if may_review
        else None,
    }
    return render(request, "directives/delegations/recommendation.html", context, status=status)


@require_GET
def delegations_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    return _recommendation_page(request, pk)


def _recommendation_post(
    request: HttpRequest,
    pk: int,
    *,
    form: Any,
    form_name: str,
    run: Callable[[Recommendation, dict[str, Any]], None],
    done: str,
    allowed: Callable[[Any], bool],
) -> HttpResponse:
    access = recommendation_for_user_or_404(request.user, pk)
    if not allowed(access):
        raise Http404
    url = reverse("directives:delegations_recommendation", kwargs={"pk": pk})
    if form.is_valid():

        def act() -> str:
            run(access.recommendation, form.cleaned_data)
            messages.success(request, done)
            return url

        try:
            response = _once(request, form.cleaned_data["key"], fallback=url, act=act)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            assert response is not None
            return response
    return _recommendation_page(request, pk, status=400, **{form_name: form})


@require_POST
def delegations_recommendation_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspected unit reports progress on a recommendation made to it."""

    def run(recommendation: Recommendation, data: dict[str, Any]) -> None:
        services.recommendation_report(
            recommendation=recommendation,
            actor=_user(request),
            status=data["status"],
            note=data["note"],
        )

    return _recommendation_post(
        request,
        pk,
        form=ProgressForm(request.POST),
        form_name="progress_form",
        run=run,
        done=_("Your report is sent to the delegation."),
        allowed=lambda access: access.unit,
    )


@require_POST
def delegations_recommendation_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The delegation confirms a recommendation done or sends it back."""

    def run(recommendation: Recommendation, data: dict[str, Any]) -> None:
        services.recommendation_review(
            recommendation=recommendation,
            actor=_user(request),
            confirm=data["decision"] == ReviewForm.CONFIRM,
            note=data["note"],
        )

    return _recommendation_post(
        request,
        pk,
        form=ReviewForm(request.POST),
        form_name="review_form",
        run=run,
        done=_("The check is recorded; the unit is notified."),
        allowed=lambda access: access.manager,
    )
