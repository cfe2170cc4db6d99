"""Reads of dialogues: the staff lists with their flags, the public page, access checks.

The yearly flag: Art 32 asks the commune's People's Committee to hold at least one
dialogue with residents every year, so a commune without one in the current year is
flagged. A commitment is overdue when not done by its deadline (done late stays marked).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.models.dialogues import (
    Commitment,
    CommitmentUpdate,
    Dialogue,
    DialogueQuestion,
)
from danvan.democracy.selectors.households import manages
from danvan.democracy.selectors.supervision import AGENCY_KINDS
from danvan.units.models import Unit


def today() -> dt.date:
    return timezone.localdate()


def unit_for_manager_or_404(user: Any, pk: int) -> Unit:
    return get_object_for_user_or_404(
        Unit.objects.filter(kind__in=(*Unit.COMMUNE_KINDS, *AGENCY_KINDS)),
        allowed=lambda u: manages(user, u),
        pk=pk,
    )


def dialogue_for_manager_or_404(user: Any, pk: int) -> Dialogue:
    return get_object_for_user_or_404(
        Dialogue.objects.select_related("unit"), allowed=lambda d: manages(user, d.unit), pk=pk
    )


def commitment_for_manager_or_404(user: Any, pk: int) -> Commitment:
    return get_object_for_user_or_404(
        Commitment.objects.select_related("dialogue__unit"),
        allowed=lambda c: manages(user, c.dialogue.unit),
        pk=pk,
    )


def dialogues_of(unit: Unit) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(unit=unit).order_by("-held_on", "-pk")


def held_yearly_dialogue(commune: Unit, on: dt.date) -> bool:
    """Art 32: at least one dialogue with residents in ``on``'s year, held by ``on`` (a
    dialogue only planned does not count yet)."""
    return Dialogue.objects.filter(
        unit=commune,
        kind=Dialogue.Kind.RESIDENTS,
        held_on__year=on.year,
        held_on__lte=on,
    ).exists()


def missing_yearly_dialogue(commune: Unit, on: dt.date | None = None) -> bool:
    """True for a commune with no dialogue with residents held in the current year."""
    if commune.kind not in Unit.COMMUNE_KINDS:
        return False
    return not held_yearly_dialogue(commune, on or today())


def commitment_is_overdue(commitment: Commitment, on: dt.date | None = None) -> bool:
    if commitment.status == Commitment.Status.DONE:
        return commitment.done_on is not None and commitment.done_on > commitment.due_on
    return (on or today()) > commitment.due_on


def overdue_commitments(unit: Unit, on: dt.date | None = None) -> list[Commitment]:
    day = on or today()
    return list(
        Commitment.objects.filter(dialogue__unit=unit, due_on__lt=day)
        .exclude(status=Commitment.Status.DONE)
        .select_related("dialogue")
        .order_by("due_on", "pk")
    )


def public_dialogues(commune: Unit) -> list[Dialogue]:
    """The commune's dialogues with residents already held, with questions and commitments."""
    return list(
        Dialogue.objects.filter(unit=commune, kind=Dialogue.Kind.RESIDENTS, held_on__lte=today())
        .order_by("-held_on", "-pk")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=DialogueQuestion.objects.select_related("village").order_by("pk"),
            ),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.order_by("due_on", "pk").prefetch_related(
                    Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("on", "pk"))
                ),
            ),
        )
    )
