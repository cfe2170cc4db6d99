"""Pages of community decisions under /dan-chu/quyet-dinh/.

Staff (``democracy.manage`` on the decision's village or commune) prepare, open, record and
count the vote and record the commune's recognition; residents answer the consent poll and
vote with the account linked to their household; anyone reads a counted result.

Thin views: access first (the same 404 for missing and not allowed), then one service
call; a refused action shows the service's message with what was typed kept. A retried
vote hits the one-vote-per-household rule and gets the message, never a second vote.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.dashboard import register_panel
from danvan.core.exceptions import ApplicationError
from danvan.democracy.decisions import DecisionForm
from danvan.democracy.forms import votes as forms
from danvan.democracy.models.votes import CommunityDecision
from danvan.democracy.rules import MANAGER_ROLES
from danvan.democracy.selectors import households as household_selectors
from danvan.democracy.selectors import votes as selectors
from danvan.democracy.services import votes as services
from danvan.democracy.services.votes_docx import decision_record_docx
from danvan.democracy.views.common import acting_user as _user
from danvan.democracy.views.common import posted as _posted
from danvan.democracy.views.common import submit

Status = CommunityDecision.Status


def _detail(decision: CommunityDecision) -> HttpResponse:
    return redirect("democracy:votes_detail", pk=decision.pk)


# --------------------------------------------------------------------------- staff


@require_GET
def votes_index(request: HttpRequest) -> HttpResponse:
    communes = household_selectors.communes_managed(request.user)
    if not communes:
        raise Http404
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    decisions = list(selectors.decisions_of(communes, status=status)[:200])
    today = timezone.localdate()
    context = {
        "communes": communes,
        "rows": [(d, selectors.is_overdue(d, today)) for d in decisions],
        "statuses": Status.choices,
        "status": status,
    }
    return render(request, "democracy/votes/index.html", context)


@require_http_methods(["GET", "POST"])
def votes_create(request: HttpRequest, pk: int) -> HttpResponse:
    commune = household_selectors.commune_for_manager_or_404(request.user, pk)
    form = forms.DecisionCreateForm(
        _posted(request),
        villages=household_selectors.villages_of(commune),
        initial={"form_token": forms.new_token()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(
                actor=_user(request), commune=commune, **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision is prepared."))
            return _detail(decision)
    return render(request, "democracy/votes/create.html", {"commune": commune, "form": form})


@require_http_methods(["GET", "POST"])
def votes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a draft (title, form, content): the forms the law refuses are shown beside."""
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    if decision.status != Status.DRAFT:
        raise Http404
    form = forms.DecisionEditForm(
        _posted(request),
        initial={"title": decision.title, "form": decision.form, "content": decision.content},
    )
    if request.method == "POST" and form.is_valid():
        services.decision_update(decision=decision, actor=_user(request), **form.cleaned_data)
        messages.success(request, _("The draft is saved."))
        return _detail(decision)
    context = {
        "decision": decision,
        "form": form,
        "refusals": selectors.form_refusals(decision),
    }
    return render(request, "democracy/votes/edit.html", context)


@require_GET
def votes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    context: dict[str, Any] = {
        "decision": decision,
        "matter": selectors.matter_label(decision),
        "figures": selectors.result_figures(decision),
        "progress": selectors.progress(decision),
        "villages": selectors.villages_rows(decision),
        "overdue": selectors.is_overdue(decision),
        "refusals": selectors.form_refusals(decision)
        if decision.status in (Status.DRAFT, Status.CONSENT_POLL)
        else {},
        "ballots": selectors.ballots_of(decision)[:50],
        "now": timezone.now(),
        "is_meeting": decision.form == DecisionForm.MEETING,
        "is_online": decision.form == DecisionForm.ONLINE,
        "submit_form": forms.SubmitForm(initial={"submitted_on": timezone.localdate()}),
    }
    return render(request, "democracy/votes/detail.html", context)


def _action(request: HttpRequest, call: Any, done: str) -> None:
    """Run a one-button step; its refusal, or its success, becomes the page's message."""
    try:
        call()
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


@require_POST
def votes_consent_start(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    _action(
        request,
        lambda: services.decision_consent_start(decision=decision, actor=_user(request)),
        _("The households are asked whether to vote online."),
    )
    return _detail(decision)


@require_http_methods(["GET", "POST"])
def votes_open(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    form_class: Any = {
        DecisionForm.MEETING: forms.MeetingOpenForm,
        DecisionForm.HOUSEHOLD_BALLOT: forms.BallotOpenForm,
        DecisionForm.ONLINE: forms.OnlineOpenForm,
    }[DecisionForm(decision.form)]
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_open(decision=decision, actor=_user(request), **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Voting is open."))
            return _detail(decision)
    return render(request, "democracy/votes/open.html", {"decision": decision, "form": form})


@require_http_methods(["GET", "POST"])
def votes_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot team enters a paper ballot."""
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    if decision.status != Status.OPEN or decision.form != DecisionForm.HOUSEHOLD_BALLOT:
        raise Http404
    form = forms.PaperBallotForm(_posted(request), households=selectors.roll_households(decision))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ballot_cast(
                decision=decision,
                household=data["household"],
                actor=_user(request),
                choice=data["choice"],
                other_opinion=data["other_opinion"],
                received_at=data["received_at"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Ballot of household %(code)s recorded.") % {"code": data["household"].code},
            )
            return redirect("democracy:votes_ballot", pk=decision.pk)
    context = {"decision": decision, "form": form, "progress": selectors.progress(decision)}
    return render(request, "democracy/votes/ballot.html", context)


@require_http_methods(["GET", "POST"])
def votes_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    if decision.status != Status.OPEN or decision.form != DecisionForm.MEETING:
        raise Http404
    form = forms.AttendanceForm(
        _posted(request),
        households=selectors.roll_households(decision),
        initial={"households": list(selectors.attending_ids(decision))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.meeting_attendance_set(
                decision=decision, actor=_user(request), households=form.cleaned_data["households"]
            )
        except ApplicationError as error:  # pragma: no cover - the form offers the roll only
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(count)s households represented.") % {"count": count})
            return _detail(decision)
    return render(request, "democracy/votes/attendance.html", {"decision": decision, "form": form})


@require_http_methods(["GET", "POST"])
def votes_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's record (secretary, method, committee, witnesses, minutes) and count."""
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    if decision.status != Status.OPEN or decision.form != DecisionForm.MEETING:
        raise Http404
    rows = selectors.villages_rows(decision)
    record = forms.MeetingRecordForm(
        _posted(request),
        initial={
            "secretary": decision.secretary,
            "voting_method": decision.voting_method,
            "counting_committee": decision.counting_committee,
            "witnesses": decision.witnesses,
            "minutes": decision.minutes,
        },
    )
    count = forms.MeetingCountForm(_posted(request), rows=rows)
    if request.method == "POST" and record.is_valid() and count.is_valid():
        try:
            services.meeting_record(decision=decision, actor=_user(request), **record.cleaned_data)
            services.decision_count(
                decision=decision, actor=_user(request), meeting_counts=count.counts()
            )
        except ApplicationError as error:
            record.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is recorded and counted."))
            return _detail(decision)
    context = {
        "decision": decision,
        "record": record,
        "count": count,
        "progress": selectors.progress(decision),
    }
    return render(request, "democracy/votes/meeting.html", context)


@require_POST
def votes_count(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    _action(
        request,
        lambda: services.decision_count(decision=decision, actor=_user(request)),
        _("The votes are counted."),
    )
    return _detail(decision)


@require_POST
def votes_follow(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    try:
        ballot = services.decision_follow_by_ballot(decision=decision, actor=_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
        return _detail(decision)
    messages.success(request, _("A household ballot is prepared on the same matter."))
    return _detail(ballot)


@require_POST
def votes_submit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    form = forms.SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the commune received the decision."))
        return _detail(decision)
    _action(
        request,
        lambda: services.decision_submit(
            decision=decision, actor=_user(request), **form.cleaned_data
        ),
        _("Sent to the commune for recognition."),
    )
    return _detail(decision)


@require_http_methods(["GET", "POST"])
def votes_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune recognises the decision, or refuses it in writing with reasons."""
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    if decision.status != Status.SUBMITTED:
        raise Http404
    refuse = request.POST.get("outcome") == "refuse"
    initial = {"decided_on": timezone.localdate()}
    recognise_form = forms.RecogniseForm(
        request.POST if request.method == "POST" and not refuse else None, initial=initial
    )
    refuse_form = forms.RefuseForm(
        request.POST if request.method == "POST" and refuse else None, initial=initial
    )
    form = refuse_form if refuse else recognise_form
    if request.method == "POST" and form.is_valid():
        try:
            if refuse:
                services.decision_refuse(
                    decision=decision, actor=_user(request), **form.cleaned_data
                )
            else:
                services.decision_recognise(
                    decision=decision, actor=_user(request), **form.cleaned_data
                )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The commune's decision is recorded."))
            return _detail(decision)
    context = {
        "decision": decision,
        "recognise_form": recognise_form,
        "refuse_form": refuse_form,
        "overdue": selectors.is_overdue(decision),
        "body": CommunityDecision.RecognisingBody(services.recognising_body(decision.matter)),
    }
    return render(request, "democracy/votes/recognise.html", context)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
def votes_record_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The Art 20 community decision record, once counted, to print and sign."""
    decision = selectors.decision_for_manager_or_404(request.user, pk)
    if decision.counted_at is None:
        raise Http404
    response = HttpResponse(decision_record_docx(decision), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-{decision.pk}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


# --------------------------------------------------------------------------- dashboard

PANEL_STATUSES = (Status.CONSENT_POLL, Status.OPEN, Status.COUNTED, Status.SUBMITTED)


def votes_panel_context(request: HttpRequest) -> dict[str, Any]:
    """Community decisions of the person's communes that wait for someone: a poll or a
    vote under way, a count to send, a recognition due (overdue ones first)."""
    communes = household_selectors.communes_managed(request.user)
    decisions = selectors.decisions_of(communes).filter(status__in=PANEL_STATUSES)[:50]
    today = timezone.localdate()
    rows = sorted(
        ((d, selectors.is_overdue(d, today)) for d in decisions),
        key=lambda row: (not row[1], row[0].recognition_due or dt.date.max),
    )
    return {"rows": rows[:10], "has_communes": bool(communes)}


def votes_household_panel_context(request: HttpRequest) -> dict[str, Any]:
    """What the signed-in person's household is asked to answer or vote on now."""
    return {"items": selectors.decisions_for_account(request.user)}


def register_votes_panel() -> None:
    """Called from ``DemocracyConfig.ready``: the officers' panel, and the households' one
    (shown to every signed-in person, empty unless their household has a vote waiting)."""
    register_panel(
        key="democracy_votes",
        template="democracy/votes/panel.html",
        context=votes_panel_context,
        roles=MANAGER_ROLES,
        order=60,
    )
    register_panel(
        key="democracy_household_votes",
        template="democracy/votes/panel_household.html",
        context=votes_household_panel_context,
        order=20,
    )


# --------------------------------------------------------------------------- public


@require_GET
def votes_public_list(request: HttpRequest, pk: int) -> HttpResponse:
    """A commune's counted decisions, newest first (no login)."""
    commune = household_selectors.commune_public_or_404(pk)
    decisions = selectors.public_decisions_of(commune)
    page = Paginator(decisions, 30).get_page(request.GET.get("page"))
    return render(request, "democracy/votes/public_list.html", {"commune": commune, "page": page})


@require_GET
def votes_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The disclosed result: no login, no personal data (counts only)."""
    decision = selectors.public_decision_or_404(pk)
    context = {
        "decision": decision,
        "matter": selectors.matter_label(decision),
        "figures": selectors.result_figures(decision),
    }
    return render(request, "democracy/votes/public.html", context)


# --------------------------------------------------------------------------- residents


@require_GET
def votes_mine(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    items = selectors.decisions_for_account(request.user)
    return render(request, "democracy/votes/mine.html", {"items": items})


def _household_answer(
    request: HttpRequest,
    pk: int,
    status: str,
    form_class: type[Form],
    call: Any,
    success: str,
    template: str,
    /,
    **kwargs: Any,
) -> HttpResponse:
    """A household answers with its own account while the decision is at ``status``."""
    item = selectors.household_item_or_404(request.user, pk)
    decision = item.decision
    if decision.status != status:
        raise Http404
    form = form_class(_posted(request))
    if submit(
        request,
        form,
        call,
        success,
        decision=decision,
        household=item.household,
        actor=_user(request),
        **kwargs,
    ):
        return redirect("democracy:votes_mine")
    context = {"item": item, "decision": decision, "form": form}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def votes_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A household votes online with its own account."""
    return _household_answer(
        request,
        pk,
        Status.OPEN,
        forms.ResidentBallotForm,
        services.ballot_cast,
        _("Your household's vote is recorded. Thank you."),
        "democracy/votes/vote.html",
        online=True,
    )


@require_http_methods(["GET", "POST"])
def votes_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """A household answers whether the matter may be decided online."""
    return _household_answer(
        request,
        pk,
        Status.CONSENT_POLL,
        forms.ConsentForm,
        services.consent_answer,
        _("Your household's answer is recorded. Thank you."),
        "democracy/votes/consent.html",
    )
