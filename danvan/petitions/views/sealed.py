"""Pages of the sealed area.

* public: the denouncer's follow-up by receipt code (POST only, never in an address);
* handlers and heads: ask to open a sealed identity; the anonymous-report checklist;
* custodians: the queue of requests, the decision, and — after an approval — the identity
  itself, on a page that is never cached and whose every viewing is audited.

Views stay thin: access (404 for missing and forbidden alike), one service, redirect.
"""

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.client_ip import client_ip
from danvan.core.dashboard import register_panel
from danvan.core.exceptions import ApplicationError
from danvan.petitions import custody
from danvan.petitions.access import access_case_for_staff
from danvan.petitions.forms.sealed import (
    AnonymousCheckForm,
    AnonymousCloseForm,
    AnonymousForwardForm,
    AnonymousOutcomeForm,
    DecisionForm,
    FollowUpForm,
    IdentityRequestForm,
    TreatAsAnonymousForm,
)
from danvan.petitions.models import AnonymousReport, Case, IdentityOpenRequest
from danvan.petitions.selectors import sealed as selectors
from danvan.petitions.services import sealed as services
from danvan.units.models import RoleAssignment, Unit, User

logger = logging.getLogger(__name__)

VIEW = "petitions.view_case"
HANDLE = services.HANDLE_PERM
STAFF_ROLES = frozenset(
    {
        RoleAssignment.Role.HANDLER,
        RoleAssignment.Role.HEAD,
        RoleAssignment.Role.RECEPTION_OFFICER,
    }
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _no_store(response: HttpResponse) -> HttpResponse:
    """Neither the browser nor any proxy may keep a copy of this page."""
    response["Cache-Control"] = "no-store, private"
    response["Pragma"] = "no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --------------------------------------------------------------------------- public follow-up


def _follow_up_page(
    request: HttpRequest,
    form: FollowUpForm,
    *,
    view: selectors.FollowUpView | None = None,
    status: int = 200,
) -> HttpResponse:
    response = render(
        request, "petitions/sealed/follow_up.html", {"form": form, "view": view}, status=status
    )
    return _no_store(response)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """The denouncer enters the receipt code and sees the status, history and answer.

    Wrong, unknown and malformed codes get one message; every attempt counts towards the
    limits per address and per code prefix.
    """
    if request.method == "GET":
        return _follow_up_page(request, FollowUpForm())
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _follow_up_page(request, form, status=400)
    code = form.cleaned_data["code"]
    if not services.follow_up_attempt_allowed(client=client_ip(request), code=code):
        form.add_error(None, _("Too many attempts. Please wait 15 minutes and try again."))
        return _follow_up_page(request, form, status=429)
    case = selectors.follow_up_case_find(code=code)
    if case is None:
        form.add_error(
            "code",
            _("No denunciation matches this code. Check the code on your receipt."),
        )
        return _follow_up_page(request, form, status=404)
    return _follow_up_page(request, FollowUpForm(), view=selectors.follow_up_view(case=case))


# --------------------------------------------------------------------------- requesting


def _sealed_case(request: HttpRequest, code: str, perm: str) -> Case:
    case = access_case_for_staff(request.user, code=code, perm=perm)
    if not selectors.case_is_sealed(case=case):
        raise Http404
    return case


@login_required
@require_http_methods(["GET", "POST"])
def open_request(request: HttpRequest, code: str) -> HttpResponse:
    """A handler or head asks the custodian to open the identity, giving a reason."""
    case = _sealed_case(request, code, HANDLE)
    form = IdentityRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.identity_open_request_create(
                case=case, requested_by=_user(request), reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request was sent to the custodian."))
            return redirect("petitions:sealed_request", code=case.tracking_code)
    context = {
        "case": case,
        "form": form,
        "requests": selectors.identity_requests_of_case(case=case).filter(
            requested_by=_user(request)
        ),
    }
    return render(request, "petitions/sealed/request_form.html", context)


# --------------------------------------------------------------------------- custodian


def _require_custodian(request: HttpRequest) -> None:
    if not RoleAssignment.objects.filter(
        user=_user(request),
        role=RoleAssignment.Role.CUSTODIAN,
        is_active=True,
        unit__is_active=True,
    ).exists():
        raise Http404


@login_required
@require_GET
def custodian_queue(request: HttpRequest) -> HttpResponse:
    """The custodian's list: requests waiting first, then the decided ones."""
    _require_custodian(request)
    requests = selectors.identity_requests_for_custodian(user=_user(request))
    context = {
        "pending": requests.filter(status=IdentityOpenRequest.Status.PENDING),
        "decided": requests.exclude(status=IdentityOpenRequest.Status.PENDING)[:50],
    }
    return render(request, "petitions/sealed/custodian_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The custodian reads the reason and approves or refuses."""
    open_request_ = selectors.access_identity_request_for_custodian(request.user, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.identity_open_request_decide(
                open_request=open_request_,
                custodian=_user(request),
                approve=form.cleaned_data["decision"] == DecisionForm.APPROVE,
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your decision was recorded and the requester told."))
            return redirect("petitions:sealed_request_decide", pk=open_request_.pk)
    context = {
        "open_request": open_request_,
        "case": open_request_.case,
        "form": form,
        "can_view": open_request_.is_usable and open_request_.decided_by_id == request.user.pk,
    }
    return render(request, "petitions/sealed/request_decide.html", context)


class SealedPageError(Exception):
    """The identity page failed; the cause is logged by type only, never its details."""


@sensitive_variables()
def _identity_response(request: HttpRequest, open_request_: IdentityOpenRequest) -> HttpResponse:
    content = custody.identity_reveal(
        open_request=open_request_, custodian=_user(request), request=request
    )
    try:
        response = render(
            request,
            "petitions/sealed/identity.html",
            {"open_request": open_request_, "case": open_request_.case, "sealed": content},
        )
    except Exception as error:
        # Neither the message nor the traceback of what failed may carry the identity
        # into a log or an error e-mail: raise a bare error in its place.
        logger.error("sealed identity page failed: %s", type(error).__name__)
        raise SealedPageError("the sealed identity page could not be rendered") from None
    return _no_store(response)


@sensitive_variables()
@login_required
@never_cache
@require_GET
def identity_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The identity, for the custodian who approved the request (audited at every view)."""
    open_request_ = selectors.access_identity_request_for_custodian(request.user, pk=pk)
    try:
        return _identity_response(request, open_request_)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("petitions:sealed_request_decide", pk=open_request_.pk)


@sensitive_variables()
@login_required
@never_cache
@require_POST
def receipt_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the denouncer a new follow-up code (shown once to the custodian)."""
    open_request_ = selectors.access_identity_request_for_custodian(request.user, pk=pk)
    try:
        code = services.denouncer_receipt_reissue(
            open_request=open_request_, custodian=_user(request)
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("petitions:sealed_request_decide", pk=open_request_.pk)
    response = render(
        request,
        "petitions/sealed/receipt_reissued.html",
        {
            "open_request": open_request_,
            "case": open_request_.case,
            "code": services.receipt_code_display(code),
        },
    )
    return _no_store(response)


# --------------------------------------------------------------------------- anonymous reports


def _staff_unit(request: HttpRequest) -> tuple[Unit, bool]:
    role: RoleAssignment | None = getattr(request, "active_role", None)
    if role is None or role.role not in STAFF_ROLES:
        raise Http404
    return role.unit, role.role == RoleAssignment.Role.HEAD


@login_required
@require_GET
def anonymous_list(request: HttpRequest) -> HttpResponse:
    unit, include_below = _staff_unit(request)
    reports = selectors.anonymous_reports_for_unit(unit=unit, include_below=include_below)
    return render(
        request,
        "petitions/sealed/anonymous_list.html",
        {"unit": unit, "cases": reports[:200]},
    )


def _anonymous_case(request: HttpRequest, code: str, perm: str) -> Case:
    case = access_case_for_staff(request.user, code=code, perm=perm)
    if case.kind != Case.Kind.ANONYMOUS_REPORT:
        raise Http404
    return case


def _anonymous_forms(
    case: Case, report: AnonymousReport | None, data: Any = None, action: str = ""
) -> dict[str, Any]:
    """The forms for the steps open now (the one posted is bound to ``data``)."""
    status = report.status if report is not None else AnonymousReport.Status.RECEIVED
    warranted = report is not None and report.warrants_inspection
    forms: dict[str, Any] = {}
    if status in {AnonymousReport.Status.RECEIVED, AnonymousReport.Status.CHECKED}:
        initial = (
            {
                "names_violator": report.names_violator,
                "has_concrete_evidence": report.has_concrete_evidence,
                "has_basis_to_verify": report.has_basis_to_verify,
            }
            if report is not None
            else {}
        )
        forms["check"] = AnonymousCheckForm(
            data if action == "check" else None, initial=initial, prefix="check"
        )
    if status == AnonymousReport.Status.CHECKED and warranted:
        forms["inspect"] = AnonymousOutcomeForm(
            data if action == "inspect" else None, prefix="inspect"
        )
        forms["forward"] = AnonymousForwardForm(
            data if action == "forward" else None, prefix="forward"
        )
    closable = status in {AnonymousReport.Status.INSPECTED, AnonymousReport.Status.FORWARDED}
    if closable or (status == AnonymousReport.Status.CHECKED and not warranted):
        forms["close"] = AnonymousCloseForm(data if action == "close" else None, prefix="close")
    return forms


def _anonymous_page(
    request: HttpRequest, case: Case, forms: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    can_handle = request.user.has_perm(HANDLE, case)
    context = {
        "case": case,
        "report": selectors.anonymous_report_of(case=case),
        "forms": forms if can_handle else {},
    }
    return render(request, "petitions/sealed/anonymous_detail.html", context, status=status)


@login_required
@require_GET
def anonymous_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = _anonymous_case(request, code, VIEW)
    report = selectors.anonymous_report_of(case=case)
    return _anonymous_page(request, case, _anonymous_forms(case, report))


def _run_anonymous(request: HttpRequest, case: Case, action: str, form: Any) -> None:
    user = _user(request)
    data = form.cleaned_data
    if action == "check":
        services.anonymous_report_check(
            case=case,
            actor=user,
            names_violator=data["names_violator"],
            has_concrete_evidence=data["has_concrete_evidence"],
            has_basis_to_verify=data["has_basis_to_verify"],
            note=data["note"],
        )
    elif action == "inspect":
        services.anonymous_report_inspect(case=case, actor=user, outcome=data["outcome"])
    elif action == "forward":
        services.anonymous_report_forward(
            case=case, actor=user, to_unit=data["unit_code"], note=data["note"]
        )
    else:
        services.anonymous_report_close(case=case, actor=user, outcome=data["outcome"])


@login_required
@require_POST
def anonymous_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """One step of the anonymous-report workflow: check, inspect, forward, close."""
    case = _anonymous_case(request, code, HANDLE)
    report = selectors.anonymous_report_of(case=case)
    forms = _anonymous_forms(case, report, request.POST, action)
    form = forms.get(action)
    if form is None:
        messages.error(request, _("This step is not possible in the report's current state."))
        return redirect("petitions:sealed_anonymous_detail", code=case.tracking_code)
    if form.is_valid():
        try:
            _run_anonymous(request, case, action, form)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("petitions:sealed_anonymous_detail", code=case.tracking_code)
    return _anonymous_page(request, case, forms, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def treat_as_anonymous(request: HttpRequest, code: str) -> HttpResponse:
    """Art 25(1): the denouncer cannot be identified (or used another's name, or the form)."""
    case = access_case_for_staff(request.user, code=code, perm=HANDLE)
    if case.kind != Case.Kind.DENUNCIATION:
        raise Http404
    form = TreatAsAnonymousForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.denunciation_treat_as_anonymous(
                case=case,
                actor=_user(request),
                reason=AnonymousReport.Reason(form.cleaned_data["reason"]),
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The case is now information with denunciation content."))
            return redirect("petitions:sealed_anonymous_detail", code=case.tracking_code)
    return render(request, "petitions/sealed/treat_as_anonymous.html", {"case": case, "form": form})


# --------------------------------------------------------------------------- dashboard


def _custodian_panel(request: HttpRequest) -> dict[str, Any]:
    return {
        "pending_count": selectors.identity_requests_pending_count(user=request.user),
        "queue_url": reverse("petitions:sealed_custodian_queue"),
    }


def _anonymous_panel(request: HttpRequest) -> dict[str, Any]:
    role: RoleAssignment | None = getattr(request, "active_role", None)
    if role is None:
        return {"open_count": 0, "list_url": reverse("petitions:sealed_anonymous_list")}
    reports = selectors.anonymous_reports_for_unit(
        unit=role.unit, include_below=role.role == RoleAssignment.Role.HEAD
    )
    return {
        "open_count": reports.filter(status__in=Case.OPEN_STATUSES).count(),
        "list_url": reverse("petitions:sealed_anonymous_list"),
    }


def register_panels() -> None:
    """Custodians: requests waiting; handlers and heads: anonymous reports to check."""
    register_panel(
        key="petitions.sealed.custodian",
        template="petitions/sealed/panel_custodian.html",
        context=_custodian_panel,
        roles=[RoleAssignment.Role.CUSTODIAN],
        order=40,
    )
    register_panel(
        key="petitions.sealed.anonymous",
        template="petitions/sealed/panel_anonymous.html",
        context=_anonymous_panel,
        roles=[RoleAssignment.Role.HANDLER, RoleAssignment.Role.HEAD],
        order=60,
    )
