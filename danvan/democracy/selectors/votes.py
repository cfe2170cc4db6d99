"""Reads of community decisions: the lists, the result with the Art 20 figures, and the
access checks (the same 404 for a decision that is missing and one not allowed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.decisions import (
    DecisionForm,
    Matter,
    Scope,
    commune_result,
    forms_allowed,
    village_result,
)
from danvan.democracy.decisions.errors import DecisionInputError
from danvan.democracy.decisions.thresholds import two_thirds_threshold
from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import (
    Ballot,
    CommunityDecision,
    ConsentAnswer,
    DecisionVillage,
    MeetingAttendance,
)
from danvan.democracy.selectors.households import household_count, manages
from danvan.units.models import Unit

Status = CommunityDecision.Status
PUBLIC_STATUSES = (
    Status.COUNTED,
    Status.SUBMITTED,
    Status.RECOGNISED,
    Status.REFUSED,
    Status.REJECTED,
)


def decision_for_manager_or_404(user: Any, pk: int) -> CommunityDecision:
    return get_object_for_user_or_404(
        CommunityDecision.objects.select_related("commune", "village", "follows"),
        allowed=lambda d: manages(user, d.unit),
        pk=pk,
    )


def public_decision_or_404(pk: int) -> CommunityDecision:
    """A decision whose result is disclosed: counted or later (never a draft or open vote)."""
    return get_object_for_user_or_404(
        CommunityDecision.objects.select_related("commune", "village"),
        allowed=lambda d: d.status in PUBLIC_STATUSES,
        pk=pk,
    )


def public_decisions_of(commune: Unit) -> QuerySet[CommunityDecision]:
    return (
        CommunityDecision.objects.filter(commune=commune, status__in=PUBLIC_STATUSES)
        .select_related("commune", "village")
        .order_by("-counted_at", "-pk")
    )


def decisions_of(communes: list[Unit], *, status: str = "") -> QuerySet[CommunityDecision]:
    decisions = CommunityDecision.objects.filter(commune__in=communes).select_related(
        "commune", "village"
    )
    if status:
        decisions = decisions.filter(status=status)
    return decisions.order_by("-created_at")


def is_overdue(decision: CommunityDecision, today: dt.date | None = None) -> bool:
    """Submitted and not recognised (nor refused) by the end of the due day."""
    return (
        decision.status == Status.SUBMITTED
        and decision.recognition_due is not None
        and (today or timezone.localdate()) > decision.recognition_due
    )


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class VillageFigures:
    """One village's Art 20 figures."""

    name: str
    total: int
    represented: int
    not_represented: int
    approve: int
    reject: int
    other: int
    not_voted: int
    threshold: int
    passed: bool
    basis: str


@dataclass(frozen=True)
class ResultFigures:
    """The figures the Art 20 record needs, for the whole decision."""

    total: int
    represented: int
    not_represented: int
    approve: int
    reject: int
    other: int
    not_voted: int
    villages: list[VillageFigures]
    total_villages: int
    villages_passed: int
    villages_needed: int
    threshold: int  # households (village scope) or villages (commune scope) needed
    passed: bool
    basis: str


def result_figures(decision: CommunityDecision) -> ResultFigures | None:
    """The counted result with its legal basis (None before the count)."""
    if decision.counted_at is None:
        return None
    villages: list[VillageFigures] = []
    results = {}
    for row in decision.villages.select_related("village").order_by("village__name"):
        result = village_result(
            decision.matter,
            total_households=row.household_count,
            approve=row.approve or 0,
            reject=row.reject or 0,
            abstain=row.other or 0,
            not_voted=row.not_voted or 0,
        )
        results[row.village.code] = result
        represented = row.represented or 0
        villages.append(
            VillageFigures(
                name=row.village.name,
                total=row.household_count,
                represented=represented,
                not_represented=row.household_count - represented,
                approve=result.approve,
                reject=result.reject,
                other=result.abstain,
                not_voted=result.not_voted,
                threshold=result.threshold,
                passed=result.passed,
                basis=str(result.basis),
            )
        )
    total_villages = decision.village_count or len(villages)
    if decision.scope == Scope.COMMUNE:
        commune = commune_result(
            decision.matter, total_villages=total_villages, village_results=results
        )
        threshold, passed, basis = commune.threshold, commune.passed, str(commune.basis)
    else:
        threshold, passed, basis = villages[0].threshold, villages[0].passed, villages[0].basis
    return ResultFigures(
        total=sum(v.total for v in villages),
        represented=sum(v.represented for v in villages),
        not_represented=sum(v.not_represented for v in villages),
        approve=sum(v.approve for v in villages),
        reject=sum(v.reject for v in villages),
        other=sum(v.other for v in villages),
        not_voted=sum(v.not_voted for v in villages),
        villages=villages,
        total_villages=total_villages,
        villages_passed=sum(1 for v in villages if v.passed),
        villages_needed=two_thirds_threshold(total_villages),
        threshold=threshold,
        passed=passed,
        basis=basis,
    )


@dataclass(frozen=True)
class Progress:
    """While voting: how many households answered the consent poll or voted."""

    total: int
    voted: int
    agreed: int
    answered: int
    represented: int


def progress(decision: CommunityDecision) -> Progress:
    return Progress(
        total=decision.household_count or 0,
        voted=Ballot.objects.filter(decision=decision).count(),
        agreed=ConsentAnswer.objects.filter(
            decision=decision, answer=ConsentAnswer.Choice.APPROVE
        ).count(),
        answered=ConsentAnswer.objects.filter(decision=decision).count(),
        represented=MeetingAttendance.objects.filter(decision=decision).count(),
    )


def form_refusals(decision: CommunityDecision) -> dict[str, str]:
    """Forms the law refuses for the matter now, with the reason (shown on a draft)."""
    total = decision.household_count
    if total is None:
        if decision.village is not None:
            total = household_count(decision.village)
        else:
            total = sum(
                household_count(v)
                for v in Unit.objects.filter(
                    kind=Unit.Kind.VILLAGE, path__startswith=decision.commune.path + "/"
                )
            )
    represented = None
    if decision.follows is not None:
        represented = sum(v.represented or 0 for v in decision.follows.villages.all())
    try:
        allowed = forms_allowed(
            decision.matter,
            total_households=total,
            meeting_represented=represented,
            online_agreed=progress(decision).agreed
            if decision.status == Status.CONSENT_POLL
            else None,
            scope=Scope(decision.scope),
        )
    except DecisionInputError as error:
        return {str(DecisionForm(decision.form).label): error.message}
    return {str(DecisionForm(f).label): str(reason) for f, reason in allowed.refused.items()}


def villages_rows(decision: CommunityDecision) -> list[DecisionVillage]:
    return list(decision.villages.select_related("village").order_by("village__name"))


def roll_households(decision: CommunityDecision) -> QuerySet[Household]:
    """The households that may vote: on the register when the electorate was fixed."""
    if decision.electorate_fixed_at is None:
        return Household.objects.none()
    return (
        Household.objects.filter(
            village_id__in=decision.villages.values("village_id"),
            is_active=True,
            created_at__lte=decision.electorate_fixed_at,
        )
        .select_related("village")
        .order_by("village__name", "code")
    )


def ballots_of(decision: CommunityDecision) -> QuerySet[Ballot]:
    return (
        Ballot.objects.filter(decision=decision)
        .select_related("household", "village")
        .order_by("-cast_at")
    )


def attending_ids(decision: CommunityDecision) -> set[int]:
    return set(
        MeetingAttendance.objects.filter(decision=decision).values_list("household_id", flat=True)
    )


def matter_label(decision: CommunityDecision) -> str:
    matter = Matter(decision.matter)
    return f"{matter.item}. {matter.label}"


# --------------------------------------------------------------------------- residents


@dataclass(frozen=True)
class HouseholdItem:
    decision: CommunityDecision
    household: Household
    ballot: Ballot | None
    consent: ConsentAnswer | None


def decisions_for_account(user: Any) -> list[HouseholdItem]:
    """Decisions asking the signed-in person's household to answer or vote now."""
    if not user.is_authenticated:
        return []
    households = list(Household.objects.filter(account=user, is_active=True))
    items: list[HouseholdItem] = []
    for household in households:
        decisions = (
            CommunityDecision.objects.filter(
                villages__village_id=household.village_id,
                electorate_fixed_at__gte=household.created_at,
            )
            .filter(
                Q(status=Status.CONSENT_POLL)
                | Q(
                    status=Status.OPEN,
                    form__in=(DecisionForm.HOUSEHOLD_BALLOT, DecisionForm.ONLINE),
                )
            )
            .select_related("commune", "village")
            .order_by("closes_at", "-created_at")
        )
        for decision in decisions:
            items.append(
                HouseholdItem(
                    decision=decision,
                    household=household,
                    ballot=Ballot.objects.filter(decision=decision, household=household).first(),
                    consent=ConsentAnswer.objects.filter(
                        decision=decision, household=household
                    ).first(),
                )
            )
    return items


def household_item_or_404(user: Any, pk: int) -> HouseholdItem:
    """The decision, seen by the account of a household on its roll (404 otherwise)."""
    for item in decisions_for_account(user):
        if item.decision.pk == pk:
            return item
    raise Http404
