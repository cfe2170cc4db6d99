"""Pages of residents' proposals under /dan-chu/kien-nghi/.

Staff pages (``democracy.manage`` on the village; the same 404 for missing and not allowed)
register proposals brought on paper, record supports from signed lists, and record the
outcome. Residents propose and support online for the household whose account they sign
in with. The public page of a proposal shows its count, never who supports it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.democracy.forms.proposals import (
    DeclineForm,
    EndorseForm,
    ProposalForm,
    PutForm,
    ResidentProposalForm,
    SupportForm,
    submission_key_new,
)
from danvan.democracy.models.proposals import ResidentProposal
from danvan.democracy.selectors import households as household_selectors
from danvan.democracy.selectors import proposals as selectors
from danvan.democracy.services import proposals as services
from danvan.democracy.views.common import acting_user as _user
from danvan.democracy.views.common import posted as _posted
from danvan.democracy.views.common import submit


def _with_counts(proposals: Any) -> list[dict[str, Any]]:
    rows = []
    for proposal in proposals:
        count = selectors.proposal_count(proposal)
        status = selectors.status_now(proposal, count)
        rows.append(
            {
                "proposal": proposal,
                "count": count,
                "status": status,
                "status_label": selectors.status_label(status),
            }
        )
    return rows


# ------------------------------------------------------------------ staff


@require_GET
def proposals_index(request: HttpRequest) -> HttpResponse:
    communes = household_selectors.communes_managed(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("democracy:proposals_commune", pk=communes[0].pk)
    return render(request, "democracy/proposals/index.html", {"communes": communes})


@require_GET
def proposals_commune(request: HttpRequest, pk: int) -> HttpResponse:
    commune = household_selectors.commune_for_manager_or_404(request.user, pk)
    context = {
        "commune": commune,
        "rows": _with_counts(selectors.proposals_of_commune(commune)),
        "villages": household_selectors.villages_of(commune),
    }
    return render(request, "democracy/proposals/commune.html", context)


@require_http_methods(["GET", "POST"])
def proposals_create(request: HttpRequest, pk: int) -> HttpResponse:
    village = household_selectors.village_for_manager_or_404(request.user, pk)
    form = ProposalForm(
        _posted(request), village=village, initial={"submission_key": submission_key_new()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                actor=_user(request),
                village=village,
                title=data["title"],
                content=data["content"],
                matter=data["matter"],
                proposer_name=data["proposer_name"],
                proposer_household=data["proposer_household"],
                submission_key=data["submission_key"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Proposal registered."))
            return redirect("democracy:proposals_manage", pk=proposal.pk)
    context = {"village": village, "form": form}
    return render(request, "democracy/proposals/create.html", context)


def _manage_page(
    request: HttpRequest, proposal: ResidentProposal, *, status: int = 200, **forms: Any
) -> HttpResponse:
    count = selectors.proposal_count(proposal)
    state = selectors.status_now(proposal, count)
    supports = [
        {"support": s, "valid": selectors.support_is_valid(s, today=count.today)}
        for s in selectors.supports_of(proposal)
    ]
    context = {
        "proposal": proposal,
        "count": count,
        "status": state,
        "status_label": selectors.status_label(state),
        "supports": supports,
        "support_form": forms.get("support_form") or SupportForm(village=proposal.village),
        "endorse_form": forms.get("endorse_form") or EndorseForm(),
        "put_form": forms.get("put_form") or PutForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        # A section shows when its action is possible, or when its form was just refused.
        "collecting": state == ResidentProposal.Status.COLLECTING or "support_form" in forms,
        "may_endorse": (state in ("collecting", "expired") and not count.reached)
        or "endorse_form" in forms,
        "may_put": state in ("reached", "endorsed")
        or (state == "collecting" and count.reached)
        or "put_form" in forms,
        "may_decline": (state in ("collecting", "expired", "endorsed") and not count.reached)
        or "decline_form" in forms,
    }
    return render(request, "democracy/proposals/manage.html", context, status=status)


@require_GET
def proposals_manage(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_manager_or_404(request.user, pk)
    return _manage_page(request, proposal)


@require_POST
def proposals_support_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_manager_or_404(request.user, pk)
    form = SupportForm(request.POST, village=proposal.village)
    if form.is_valid():
        household = form.cleaned_data["household"]
        try:
            services.support_record(
                proposal=proposal,
                household=household,
                signed_on=form.cleaned_data["signed_on"],
                actor=_user(request),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Support of household %(code)s recorded.") % {"code": household.code}
            )
            return redirect("democracy:proposals_manage", pk=proposal.pk)
    return _manage_page(request, proposal, status=400, support_form=form)


@require_POST
def proposals_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_manager_or_404(request.user, pk)
    form = EndorseForm(request.POST)
    if submit(
        request,
        form,
        services.proposal_endorse,
        _("Endorsement by the Front work committee recorded."),
        proposal=proposal,
        actor=_user(request),
    ):
        return redirect("democracy:proposals_manage", pk=proposal.pk)
    return _manage_page(request, proposal, status=400, endorse_form=form)


@require_POST
def proposals_put(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_manager_or_404(request.user, pk)
    form = PutForm(request.POST)
    if submit(
        request,
        form,
        services.proposal_put,
        _("The proposal was put to the community."),
        proposal=proposal,
        actor=_user(request),
    ):
        return redirect("democracy:proposals_manage", pk=proposal.pk)
    return _manage_page(request, proposal, status=400, put_form=form)


@require_POST
def proposals_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_manager_or_404(request.user, pk)
    form = DeclineForm(request.POST)
    if submit(
        request,
        form,
        services.proposal_decline,
        _("The proposal was declined."),
        proposal=proposal,
        actor=_user(request),
    ):
        return redirect("democracy:proposals_manage", pk=proposal.pk)
    return _manage_page(request, proposal, status=400, decline_form=form)


# ------------------------------------------------------------------ residents and the public


@require_GET
def proposals_village(request: HttpRequest, pk: int) -> HttpResponse:
    """A village's proposals, for everyone; a household's account may propose from here."""
    village = household_selectors.village_public_or_404(pk)
    context = {
        "village": village,
        "rows": _with_counts(selectors.proposals_of_village(village)),
        "may_propose": bool(selectors.households_of_account(request.user, village)),
    }
    return render(request, "democracy/proposals/village.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposals_propose(request: HttpRequest, pk: int) -> HttpResponse:
    village = household_selectors.village_public_or_404(pk)
    form = ResidentProposalForm(_posted(request), initial={"submission_key": submission_key_new()})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                account=_user(request), village=village, **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your proposal was registered."))
            return redirect("democracy:proposals_public", pk=proposal.pk)
    context = {
        "village": village,
        "form": form,
        "has_household": bool(selectors.households_of_account(request.user, village)),
    }
    return render(request, "democracy/proposals/propose.html", context)


@require_GET
def proposals_public(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_public_or_404(pk)
    count = selectors.proposal_count(proposal)
    state = selectors.status_now(proposal, count)
    households = selectors.households_of_account(request.user, proposal.village)
    context = {
        "proposal": proposal,
        "count": count,
        "status": state,
        "status_label": selectors.status_label(state),
        "may_support": bool(households) and state == ResidentProposal.Status.COLLECTING,
    }
    return render(request, "democracy/proposals/public.html", context)


@login_required
@require_POST
def proposals_support_online(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_public_or_404(pk)
    try:
        services.support_give(proposal=proposal, account=_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your household's support was recorded."))
    return redirect("democracy:proposals_public", pk=proposal.pk)
