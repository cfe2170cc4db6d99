"""Reads of residents' proposals: the count against 10 % of households, and page access."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.decisions.proposals import (
    ProposalCount,
    proposal_reaches_threshold,
    proposal_threshold,
    support_valid_until,
)
from danvan.democracy.models.households import Household
from danvan.democracy.models.proposals import ProposalSupport, ResidentProposal
from danvan.democracy.selectors.households import household_count, manages
from danvan.units.models import Unit

Status = ResidentProposal.Status


def proposal_count(proposal: ResidentProposal, *, today: dt.date | None = None) -> ProposalCount:
    """The households supporting ``proposal`` on ``today``, against the village's active ones.

    Supports of households taken off the register since no longer count, as they are no
    longer in the denominator. A village whose register is empty counts as one household
    (no threshold below one support), so the page still shows a count instead of an error.
    """
    on = today or timezone.localdate()
    rows = list(
        ProposalSupport.objects.filter(
            proposal=proposal, signed_on__lte=on, household__is_active=True
        ).values_list("household_id", "signed_on")
    )
    total = max(household_count(proposal.village), 1)
    return proposal_reaches_threshold(
        total_households=total,
        supporting_household_ids=[row[0] for row in rows],
        signed_on_dates=[row[1] for row in rows],
        today=on,
    )


def status_now(proposal: ResidentProposal, count: ProposalCount) -> str:
    """The status a reader sees today: a collecting proposal whose every support has
    lapsed has expired (Art 16(2): support is valid for three months)."""
    if proposal.status == Status.COLLECTING and count.supporting == 0 and count.expired > 0:
        return str(Status.EXPIRED)
    return str(proposal.status)


def status_label(status: str) -> str:
    return str(Status(status).label)


def threshold_of(village: Unit) -> int:
    return proposal_threshold(max(household_count(village), 1))


def supports_of(proposal: ResidentProposal) -> QuerySet[ProposalSupport]:
    """Supports with their households (staff pages only: the public page shows a count)."""
    return (
        ProposalSupport.objects.filter(proposal=proposal)
        .select_related("household", "recorded_by")
        .order_by("household__code")
    )


def support_is_valid(support: ProposalSupport, *, today: dt.date | None = None) -> bool:
    return (today or timezone.localdate()) <= support_valid_until(support.signed_on)


def proposals_of_commune(commune: Unit) -> QuerySet[ResidentProposal]:
    return ResidentProposal.objects.filter(commune=commune).select_related("village")


def proposals_of_village(village: Unit) -> QuerySet[ResidentProposal]:
    return ResidentProposal.objects.filter(village=village).select_related("village")


def households_of_account(user: Any, village: Unit) -> list[Household]:
    """The active households of ``village`` whose representative signs in as ``user``."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Household.objects.filter(village=village, account=user, is_active=True).order_by("code")
    )


def proposal_for_manager_or_404(user: Any, pk: int) -> ResidentProposal:
    return get_object_for_user_or_404(
        ResidentProposal.objects.select_related("village", "commune", "proposer_household"),
        allowed=lambda p: manages(user, p.village),
        pk=pk,
    )


def proposal_public_or_404(pk: int) -> ResidentProposal:
    """Every proposal is public (its count, never its supporters)."""
    return get_object_for_user_or_404(
        ResidentProposal.objects.select_related("village", "commune", "decision"),
        allowed=lambda p: True,
        pk=pk,
    )
