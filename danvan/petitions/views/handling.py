"""Staff pages of handling: the officer inbox, the case page, one page per action, and the
public list of published answers.

Views stay thin: parse the form, reach the case through ``access_case_for_staff`` (the
same 404 for a missing case and for another unit's case), call one service, redirect.
Every change is a POST with a CSRF token; a refused action shows the service's message on
the form, with what was typed kept.
"""

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.dashboard import register_panel
from danvan.core.exceptions import ApplicationError
from danvan.petitions.access import access_case_for_staff
from danvan.petitions.forms.handling import (
    AnswerForm,
    AnswerReturnForm,
    ClassifyForm,
    ComplexForm,
    ConditionsForm,
    ConfirmForm,
    ExtendForm,
    ForwardForm,
    InboxFilterForm,
    LinkPreviousForm,
    NoteForm,
    RefusalForm,
    RefusalIssueForm,
    RepresentativesForm,
    ResumeForm,
    ReturnForm,
    SplitForm,
    SuspendForm,
)
from danvan.petitions.models import Case, RefusalNotice
from danvan.petitions.selectors.duplicates import duplicate_panel_for_case
from danvan.petitions.selectors.handling import (
    InboxFilters,
    case_actions,
    case_page,
    deadline_badge,
    inbox_cases,
    inbox_counts,
    published_answer_get,
    published_answers,
    routing_suggest,
    warning_horizon,
)
from danvan.petitions.selectors.intake import case_attachments
from danvan.petitions.selectors.sealed import sealed_case_panel
from danvan.petitions.services import handling as services
from danvan.petitions.services.cases import case_running_deadline
from danvan.units.models import RoleAssignment, Unit, User

PAGE_SIZE = 25
STAFF_ROLES = frozenset(
    {
        RoleAssignment.Role.HANDLER,
        RoleAssignment.Role.HEAD,
        RoleAssignment.Role.RECEPTION_OFFICER,
    }
)
VIEW = "petitions.view_case"
HANDLE = "petitions.handle_case"
APPROVE = "petitions.approve_case"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _staff_unit(request: HttpRequest) -> tuple[Unit, bool]:
    """The unit of the active role and whether the inbox includes the units below (heads).

    Anyone who is not acting as a handler, head or reception officer gets a 404.
    """
    role: RoleAssignment | None = getattr(request, "active_role", None)
    if role is None or role.role not in STAFF_ROLES:
        raise Http404
    return role.unit, role.role == RoleAssignment.Role.HEAD


def _case_url(case: Case) -> str:
    return reverse("petitions:handling_case", kwargs={"code": case.tracking_code})


# ------------------------------------------------------------------------ inbox, case


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unit, include_below = _staff_unit(request)
    form = InboxFilterForm(request.GET or None)
    filters = InboxFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = InboxFilters(
            kind=data["kind"],
            status=data["status"],
            field_id=data["field"].pk if data["field"] is not None else None,
            due=data["due"],
            query=data["q"],
        )
    today = timezone.localdate()
    horizon = warning_horizon(today=today)
    queryset = inbox_cases(unit=unit, include_below=include_below, filters=filters, today=today)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (case, deadline_badge(due_on=case.due_on, today=today, horizon=horizon)) for case in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "unit": unit,
        "include_below": include_below,
        "form": form,
        "page": page,
        "rows": rows,
        "today": today,
        "querystring": query.urlencode(),
    }
    return render(request, "petitions/handling/inbox.html", context)


@login_required
@require_GET
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = access_case_for_staff(request.user, code=code, perm=VIEW)
    page = case_page(case=case, user=request.user)
    actions = [(name, spec.title) for name, spec in ACTIONS.items() if name in page.actions]
    dup_panel = duplicate_panel_for_case(case=case, user=request.user)
    context = {
        "page": page,
        "case": case,
        "actions": actions,
        # Files, duplicate suggestions and merged cases come from their own areas.
        "case_files": case_attachments(case=case),
        "dup_panel": dup_panel,
        "merged": dup_panel.family,
        "sealed_panel": sealed_case_panel(case=case, user=request.user),
    }
    return render(request, "petitions/handling/case.html", context)


# --------------------------------------------------------------------------- actions

FormFactory = Callable[[HttpRequest, Case, QueryDict | None], forms.Form]
Runner = Callable[[HttpRequest, Case, Any], None]


@dataclass(frozen=True)
class ActionSpec:
    """One action on the case page: who may do it, its form and the service it calls."""

    name: str
    perm: str
    title: Promise
    form: FormFactory
    run: Runner
    done: Promise
    intro: Promise | None = None


ACTION_TOKEN_SECONDS = 24 * 3600
ACTION_TOKEN_WAIT_SECONDS = 10.0


def _action_token_key(token: str) -> str:
    return "petitions:action:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def _action_replayed(request: HttpRequest, token: str) -> str | None:
    """Claim the form's one-time token; where it was used, the URL the first use led to.

    Each action form carries a token. A double click, a browser retry after a lost
    response, or the Back button and a second submit bring the same token back: the
    second request does not run the action again (nor fail on the case having moved on)
    but waits for the first and leads to the same page. Tokens live in the shared cache.
    """
    if not token:
        return None
    key = _action_token_key(token)
    if cache.add(key, "", ACTION_TOKEN_SECONDS):
        return None
    deadline = time.monotonic() + ACTION_TOKEN_WAIT_SECONDS
    while True:
        outcome = cache.get(key)
        if outcome or time.monotonic() >= deadline:
            return str(outcome or reverse("petitions:handling_inbox"))
        time.sleep(0.1)


def _action(request: HttpRequest, code: str, spec: ActionSpec) -> HttpResponse:
    case = access_case_for_staff(request.user, code=code, perm=spec.perm)
    token = request.POST.get("action_token", "")[:64] if request.method == "POST" else ""
    replayed = _action_replayed(request, token)
    if replayed is not None:
        messages.info(request, _("This was already done; it was not done a second time."))
        return redirect(replayed)
    if spec.name not in case_actions(case=case, user=request.user):
        if token:
            cache.delete(_action_token_key(token))
        messages.error(request, _("This action is not possible in the case's current state."))
        return redirect(_case_url(case))
    data = request.POST if request.method == "POST" else None
    form = spec.form(request, case, data)
    if data is not None and form.is_valid():
        try:
            spec.run(request, case, form)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, str(spec.done))
            moved = Case.objects.select_related("unit").get(pk=case.pk)
            target = (
                _case_url(moved)
                if request.user.has_perm(VIEW, moved)
                else reverse("petitions:handling_inbox")
            )
            if token:
                cache.set(_action_token_key(token), target, ACTION_TOKEN_SECONDS)
            return redirect(target)
    if token:
        # Not done (invalid input, refused): the corrected form may be sent again.
        cache.delete(_action_token_key(token))
    context: dict[str, Any] = {
        "case": case,
        "form": form,
        "spec": spec,
        "action_token": token or secrets.token_urlsafe(24),
    }
    if spec.name == "forward":
        context["suggestion"] = routing_suggest(case=case)
    return render(request, "petitions/handling/action.html", context)


def _plain(form_class: type[forms.Form]) -> FormFactory:
    return lambda request, case, data: form_class(data)


def _with_case(form_class: Callable[..., forms.Form]) -> FormFactory:
    return lambda request, case, data: form_class(data, case=case)


def _classify(request: HttpRequest, case: Case, form: ClassifyForm) -> None:
    services.case_classify(
        case=case,
        actor=_user(request),
        kind=Case.Kind(form.cleaned_data["kind"]),
        field=form.cleaned_data["field"],
        note=form.cleaned_data["note"],
    )


def _conditions(request: HttpRequest, case: Case, form: ConditionsForm) -> None:
    data = form.cleaned_data
    services.case_conditions_check(
        case=case,
        actor=_user(request),
        checklist=services.ConditionsInput(
            has_name=data["has_name"],
            has_address=data["has_address"],
            has_signature=data["has_signature"],
            content_clear=data["content_clear"],
            already_settled=data["already_settled"],
            within_competence=data["within_competence"],
            known_act_on=data.get("known_act_on"),
            delay_justified=bool(data.get("delay_justified")),
            group_all_signed=bool(data.get("group_all_signed")),
            group_appointment_written=bool(data.get("group_appointment_written")),
            reason=data["reason"],
        ),
    )


def _representatives(request: HttpRequest, case: Case, form: RepresentativesForm) -> None:
    services.case_representatives_set(
        case=case,
        actor=_user(request),
        people_count=form.cleaned_data["people_count"],
        representatives=form.representatives(),
    )


def _split(request: HttpRequest, case: Case, form: SplitForm) -> None:
    services.case_split(case=case, actor=_user(request), parts=form.parts())


def _accept(request: HttpRequest, case: Case, form: NoteForm) -> None:
    services.case_accept(case=case, actor=_user(request), note=form.cleaned_data["note"])


def _forward(request: HttpRequest, case: Case, form: ForwardForm) -> None:
    services.case_forward(
        case=case,
        actor=_user(request),
        to_unit=form.cleaned_data["unit_code"],
        letter_number=form.cleaned_data["letter_number"],
        note=form.cleaned_data["note"],
    )


def _forward_form(request: HttpRequest, case: Case, data: QueryDict | None) -> ForwardForm:
    suggestion = routing_suggest(case=case) if data is None else None
    initial = {"unit_code": suggestion.unit.code} if suggestion is not None else {}
    return ForwardForm(data, initial=initial)


def _return(request: HttpRequest, case: Case, form: ReturnForm) -> None:
    services.case_return(
        case=case,
        actor=_user(request),
        guidance=form.cleaned_data["guidance"],
        guided_to=form.cleaned_data["guided_to"],
        letter_number=form.cleaned_data["letter_number"],
    )


def _refuse(request: HttpRequest, case: Case, form: RefusalForm) -> None:
    services.case_refusal_propose(
        case=case,
        actor=_user(request),
        ground=RefusalNotice.Ground(form.cleaned_data["ground"]),
        reason=form.cleaned_data["reason"],
    )


def _issue_refusal(request: HttpRequest, case: Case, form: RefusalIssueForm) -> None:
    services.case_refusal_issue(
        case=case, actor=_user(request), notice_number=form.cleaned_data["notice_number"]
    )


def _suspend(request: HttpRequest, case: Case, form: SuspendForm) -> None:
    services.case_suspend(
        case=case,
        actor=_user(request),
        reason=form.cleaned_data["reason"],
        legal_basis=form.cleaned_data["legal_basis"],
    )


def _resume(request: HttpRequest, case: Case, form: ResumeForm) -> None:
    services.case_resume(
        case=case,
        actor=_user(request),
        legal_basis=form.cleaned_data["legal_basis"],
        note=form.cleaned_data["note"],
    )


def _extend_form(request: HttpRequest, case: Case, data: QueryDict | None) -> ExtendForm:
    running = case_running_deadline(case=case)
    return ExtendForm(data, rule=running.rule if running is not None else None)


def _extend(request: HttpRequest, case: Case, form: ExtendForm) -> None:
    services.case_extend(
        case=case,
        actor=_user(request),
        extension=form.cleaned_data["extension"],
        legal_basis=form.cleaned_data["legal_basis"],
        count=form.cleaned_data["count"],
    )


def _complex(request: HttpRequest, case: Case, form: ComplexForm) -> None:
    services.case_mark_complex(
        case=case,
        actor=_user(request),
        reason=Case.ComplexReason(form.cleaned_data["reason"]),
        note=form.cleaned_data["note"],
    )


def _link_previous(request: HttpRequest, case: Case, form: LinkPreviousForm) -> None:
    try:
        previous = access_case_for_staff(request.user, code=form.cleaned_data["code"], perm=VIEW)
    except Http404:
        raise ApplicationError(_("No case with this code that you may see.")) from None
    services.case_link_previous(case=case, actor=_user(request), previous=previous)


def _answer(request: HttpRequest, case: Case, form: AnswerForm) -> None:
    services.case_answer_draft(case=case, actor=_user(request), body=form.cleaned_data["body"])


def _approve(request: HttpRequest, case: Case, form: ConfirmForm) -> None:
    services.case_answer_approve(case=case, actor=_user(request))


def _return_answer(request: HttpRequest, case: Case, form: AnswerReturnForm) -> None:
    services.case_answer_return(
        case=case, actor=_user(request), comment=form.cleaned_data["comment"]
    )


def _send(request: HttpRequest, case: Case, form: ConfirmForm) -> None:
    services.case_answer_send(case=case, actor=_user(request))


def _publish(request: HttpRequest, case: Case, form: ConfirmForm) -> None:
    services.case_answer_publish(case=case, actor=_user(request))


ACTIONS: dict[str, ActionSpec] = {
    spec.name: spec
    for spec in (
        ActionSpec(
            "classify",
            HANDLE,
            gettext_lazy("Classify the case"),
            _with_case(ClassifyForm),
            _classify,
            gettext_lazy("The case has been classified."),
            gettext_lazy("Correcting the kind restarts the receipt time limit of the new kind."),
        ),
        ActionSpec(
            "conditions",
            HANDLE,
            gettext_lazy("Conditions for handling"),
            _with_case(ConditionsForm),
            _conditions,
            gettext_lazy("The conditions have been recorded."),
            gettext_lazy(
                "Tick what the petition meets. If a condition is not met, it is kept on file."
            ),
        ),
        ActionSpec(
            "representatives",
            HANDLE,
            gettext_lazy("Group representatives"),
            _with_case(RepresentativesForm),
            _representatives,
            gettext_lazy("The representatives have been recorded."),
            gettext_lazy(
                "5 to 10 people appoint 1 or 2 representatives; more than 10 at most 5; "
                "each must be one of the group (Law on Citizen Reception Art 29)."
            ),
        ),
        ActionSpec(
            "split",
            HANDLE,
            gettext_lazy("Split the petition"),
            _with_case(SplitForm),
            _split,
            gettext_lazy("The petition has been split; each part has its own tracking code."),
            gettext_lazy("Write each content under its kind. Each part becomes its own case."),
        ),
        ActionSpec(
            "accept",
            HANDLE,
            gettext_lazy("Accept for handling"),
            _plain(NoteForm),
            _accept,
            gettext_lazy("The case has been accepted and its time limit started."),
        ),
        ActionSpec(
            "forward",
            HANDLE,
            gettext_lazy("Forward to the competent unit"),
            _forward_form,
            _forward,
            gettext_lazy("The case has been forwarded."),
        ),
        ActionSpec(
            "return",
            HANDLE,
            gettext_lazy("Return with guidance"),
            _plain(ReturnForm),
            _return,
            gettext_lazy("The guidance has been recorded and the citizen told."),
            gettext_lazy("Guidance is given only once for the same content."),
        ),
        ActionSpec(
            "refuse",
            HANDLE,
            gettext_lazy("Refuse reception"),
            _plain(RefusalForm),
            _refuse,
            gettext_lazy("The refusal has been proposed; the head must issue the notice in time."),
            gettext_lazy("The head issues the written notice (form 01/TCD) within 3 working days."),
        ),
        ActionSpec(
            "issue_refusal",
            APPROVE,
            gettext_lazy("Issue the refusal notice"),
            _plain(RefusalIssueForm),
            _issue_refusal,
            gettext_lazy("The refusal notice has been issued."),
        ),
        ActionSpec(
            "suspend",
            HANDLE,
            gettext_lazy("Suspend the resolution"),
            _plain(SuspendForm),
            _suspend,
            gettext_lazy("The case has been suspended; its time limit is stopped."),
        ),
        ActionSpec(
            "resume",
            HANDLE,
            gettext_lazy("Resume the resolution"),
            _plain(ResumeForm),
            _resume,
            gettext_lazy("The case has been resumed."),
        ),
        ActionSpec(
            "extend",
            APPROVE,
            gettext_lazy("Extend the time limit"),
            _extend_form,
            _extend,
            gettext_lazy("The time limit has been extended."),
        ),
        ActionSpec(
            "complex",
            HANDLE,
            gettext_lazy("Mark as a complex case"),
            _plain(ComplexForm),
            _complex,
            gettext_lazy("The case has been marked complex."),
            gettext_lazy("For complaints, the longer time limit for complex cases applies."),
        ),
        ActionSpec(
            "link_previous",
            HANDLE,
            gettext_lazy("Second-time complaint"),
            _plain(LinkPreviousForm),
            _link_previous,
            gettext_lazy("The first-time complaint has been linked."),
            gettext_lazy("Type the tracking code of the first-time complaint."),
        ),
        ActionSpec(
            "answer",
            HANDLE,
            gettext_lazy("Draft the answer"),
            _with_case(AnswerForm),
            _answer,
            gettext_lazy("The answer has been saved and waits for the head's approval."),
        ),
        ActionSpec(
            "approve",
            APPROVE,
            gettext_lazy("Approve the answer"),
            _plain(ConfirmForm),
            _approve,
            gettext_lazy("The answer has been approved."),
        ),
        ActionSpec(
            "return_answer",
            APPROVE,
            gettext_lazy("Return the answer with comments"),
            _plain(AnswerReturnForm),
            _return_answer,
            gettext_lazy("The answer has been returned to the handler."),
        ),
        ActionSpec(
            "send",
            HANDLE,
            gettext_lazy("Send the answer"),
            _plain(ConfirmForm),
            _send,
            gettext_lazy("The answer has been sent to the citizen."),
        ),
        ActionSpec(
            "publish",
            APPROVE,
            gettext_lazy("Publish the answer"),
            _plain(ConfirmForm),
            _publish,
            gettext_lazy("The answer has been published with personal data redacted."),
            gettext_lazy(
                "Names, addresses, ID numbers and phone numbers are replaced by [đã che]."
            ),
        ),
    )
}


@login_required
@require_http_methods(["GET", "POST"])
def case_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    return _action(request, code, spec)


# ------------------------------------------------------------------- public answers


@require_GET
def published_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_answers(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "petitions/handling/published_list.html", {"page": page})


@require_GET
def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    answer = published_answer_get(pk=pk)
    if answer is None:
        raise Http404
    return render(request, "petitions/handling/published_detail.html", {"answer": answer})


# --------------------------------------------------------------------- dashboard panel


def panel_context(request: HttpRequest) -> dict[str, Any]:
    """The three counts of the officer's unit, with links into the inbox."""
    try:
        unit, include_below = _staff_unit(request)
    except Http404:
        return {"counts": None}
    return {"counts": inbox_counts(unit=unit, include_below=include_below), "unit": unit}


def register_panels() -> None:
    register_panel(
        key="petitions_handling",
        template="petitions/handling/panel.html",
        context=panel_context,
        roles=STAFF_ROLES,
        order=20,
    )
