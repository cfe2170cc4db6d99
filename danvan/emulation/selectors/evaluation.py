"""Reads of the year-end evaluation: the criteria, the committees a person acts for, the
models a committee evaluates in a year, and their state (DOMAIN §9.1, steps 3–6).

A committee's level follows the place it serves: a commune's (ward's, special zone's)
committee recognises at commune level, a province's at provincial level, the country's at
central level. The person acts for every committee where they are head or commission
staff, and administrators for their own unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from danvan.core.access import get_object_for_user_or_404
from danvan.emulation.models import Criterion, Evaluation, Exemplar, Kind, Level, Recognition
from danvan.emulation.rules import COMMITTEE_KINDS, COMMITTEE_ROLES
from danvan.emulation.selectors.registry import _subtree
from danvan.units.models import RoleAssignment, Unit
from danvan.units.predicates import held_roles, path_covers, places_served

ACTIVE_STATUSES = (Exemplar.Status.REGISTERED, Exemplar.Status.RECOGNISED)


@dataclass(frozen=True)
class Committee:
    """A unit the person evaluates and recognises for, the place it serves, its level."""

    unit: Unit
    place_path: str
    level: str | None

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label) if self.level else ""


def pass_percent() -> int:
    """The pass mark in per cent of the maximum points [M/U]: a setting, not a national rule."""
    return int(settings.DANVAN.get("EMULATION_PASS_PERCENT", 70))


def level_of_place(kind: str | None) -> str | None:
    if kind in Unit.COMMUNE_KINDS:
        return Level.COMMUNE
    if kind in Unit.PROVINCE_KINDS:
        return Level.PROVINCIAL
    if kind == Unit.Kind.COUNTRY:
        return Level.CENTRAL
    return None


def committees(user: Any) -> list[Committee]:
    """Every committee unit the person acts in (head or commission staff of a committee
    unit; administrator of a unit), with the place it serves and its level."""
    held = [
        h
        for h in held_roles(user)
        if h.role in COMMITTEE_ROLES | {RoleAssignment.Role.ADMINISTRATOR}
    ]
    if not held:
        return []
    served = places_served({h.unit_path for h in held})
    units = Unit.objects.in_bulk([h.unit_id for h in held])
    codes = {place.rsplit("/", 1)[-1] for _, place in served.values()}
    kinds = dict(Unit.objects.filter(code__in=codes).values_list("code", "kind"))
    found: dict[int, Committee] = {}
    for h in held:
        unit_kind, place = served[h.unit_path]
        if h.role != RoleAssignment.Role.ADMINISTRATOR and unit_kind not in COMMITTEE_KINDS:
            continue
        level = level_of_place(kinds.get(place.rsplit("/", 1)[-1]))
        found.setdefault(h.unit_id, Committee(units[h.unit_id], place, level))
    return sorted(found.values(), key=lambda c: c.unit.path)


def committees_for(user: Any, exemplar: Exemplar) -> list[Committee]:
    """The person's committees whose place covers the model's unit."""
    return [c for c in committees(user) if path_covers(c.place_path, exemplar.unit)]


def may_evaluate(user: Any, exemplar: Exemplar) -> bool:
    return bool(user.has_perm("emulation.evaluate", exemplar))


def exemplar_for_committee(user: Any, pk: int) -> Exemplar:
    """The model, for a committee serving its place (the same 404 for missing and forbidden)."""
    return get_object_for_user_or_404(
        Exemplar.objects.select_related("unit", "place"),
        allowed=lambda e: may_evaluate(user, e),
        pk=pk,
    )


def criteria_all() -> QuerySet[Criterion]:
    return Criterion.objects.all()


def criteria_for(kind: str) -> list[Criterion]:
    """The active criteria that apply to a model (collective) or an example (individual)."""
    applies = (
        Criterion.AppliesTo.BOTH,
        Criterion.AppliesTo.MODEL if kind == Kind.MODEL else Criterion.AppliesTo.EXAMPLE,
    )
    return list(Criterion.objects.filter(is_active=True, applies_to__in=applies))


def year_exemplars(user: Any, year: int) -> list[Exemplar]:
    """The models the person's committees evaluate for ``year`` (registered that year or
    before, not removed), each with ``evaluation`` (of that year, or None) and
    ``year_recognitions`` (that year's recognitions)."""
    paths = {c.place_path for c in committees(user)}
    if not paths:
        return []
    rows = list(
        Exemplar.objects.filter(
            _subtree(paths, "unit__path"), status__in=ACTIVE_STATUSES, year__lte=year
        )
        .select_related("unit", "place")
        .order_by("unit__path", "title", "pk")
    )
    evaluations = {
        e.exemplar_id: e
        for e in Evaluation.objects.filter(exemplar__in=rows, year=year).select_related("committee")
    }
    recognitions: dict[int, list[Recognition]] = {}
    for r in Recognition.objects.filter(exemplar__in=rows, year=year):
        recognitions.setdefault(r.exemplar_id, []).append(r)
    for row in rows:
        row.evaluation = evaluations.get(row.pk)  # type: ignore[attr-defined]
        row.year_recognitions = recognitions.get(row.pk, [])  # type: ignore[attr-defined]
    return rows


def year_counts(rows: list[Exemplar]) -> dict[str, int]:
    """To evaluate / effective / not effective / recognised that year."""
    counts = {"total": len(rows), "to_evaluate": 0, "effective": 0, "ineffective": 0}
    counts["recognised"] = counts["effective_unrecognised"] = 0
    for row in rows:
        evaluation = getattr(row, "evaluation", None)
        recognised = bool(getattr(row, "year_recognitions", []))
        if evaluation is None:
            counts["to_evaluate"] += 1
        elif evaluation.verdict == Evaluation.Verdict.EFFECTIVE:
            counts["effective"] += 1
            if not recognised:
                counts["effective_unrecognised"] += 1
        else:
            counts["ineffective"] += 1
        if recognised:
            counts["recognised"] += 1
    return counts


def evaluation_of(exemplar: Exemplar, year: int) -> Evaluation | None:
    return (
        Evaluation.objects.filter(exemplar=exemplar, year=year)
        .prefetch_related("scores__criterion")
        .first()
    )
