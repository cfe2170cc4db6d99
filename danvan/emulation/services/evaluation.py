"""Writes of the year-end evaluation: criteria, evaluations, recognitions and removals
(DOMAIN §9.1, steps 3–6).

A recognition is made at the committee's own level only (a commune's committee at commune
level, a province's at provincial, the central commission at central), and only after an
"effective" evaluation of that year. A removed model keeps its row, its reason and its
history; it is never evaluated, recognised or edited again. Each step writes one
``ExemplarEvent`` and one audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.emulation.models import (
    Criterion,
    Evaluation,
    EvaluationScore,
    Exemplar,
    ExemplarEvent,
    Level,
    Recognition,
)
from danvan.emulation.selectors.evaluation import Committee, criteria_for, pass_percent
from danvan.units.models import User
from danvan.units.predicates import path_covers

LEVEL_ORDER = {Level.COMMUNE: 1, Level.PROVINCIAL: 2, Level.CENTRAL: 3}
CRITERION_FIELDS = ("code", "name", "description", "max_points", "applies_to", "is_required")


def _event(exemplar: Exemplar, kind: str, actor: User, note: str = "", **data: Any) -> None:
    ExemplarEvent.objects.create(
        exemplar=exemplar, kind=kind, at=timezone.now(), actor=actor, note=note, data=data
    )


def _not_removed(exemplar: Exemplar) -> None:
    if exemplar.is_removed:
        raise ApplicationError(_("This model was removed: it cannot be changed any more."))


def _covers(committee: Committee, exemplar: Exemplar) -> None:
    if not path_covers(committee.place_path, exemplar.unit):
        raise ApplicationError(
            _("“%(title)s” is outside the place your committee serves.") % {"title": exemplar.title}
        )


@transaction.atomic
def criterion_create(*, actor: User, **values: Any) -> Criterion:
    """Add a criterion at the end of the list (codes are unique; a retired one keeps its)."""
    if Criterion.objects.filter(code=values.get("code")).exists():
        raise ApplicationError(_("A criterion with this code already exists."))
    last = Criterion.objects.order_by("-position").values_list("position", flat=True).first()
    criterion = Criterion(**{k: values[k] for k in CRITERION_FIELDS if k in values})
    criterion.position = (last or 0) + 1
    criterion.full_clean()
    criterion.save()
    audit_record(
        actor=actor,
        verb="emulation_criterion.create",
        target=criterion,
        data={"code": criterion.code},
    )
    return criterion


@transaction.atomic
def criterion_update(*, criterion: Criterion, actor: User, **values: Any) -> Criterion:
    """Edit a criterion. Old evaluations keep their own score rows, so nothing is rewritten."""
    if Criterion.objects.filter(code=values.get("code")).exclude(pk=criterion.pk).exists():
        raise ApplicationError(_("A criterion with this code already exists."))
    changed = [k for k in CRITERION_FIELDS if k in values and getattr(criterion, k) != values[k]]
    for key in changed:
        setattr(criterion, key, values[key])
    if changed:
        criterion.full_clean()
        criterion.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            verb="emulation_criterion.update",
            target=criterion,
            data={"fields": changed},
        )
    return criterion


@transaction.atomic
def criterion_set_active(*, criterion: Criterion, actor: User, active: bool) -> Criterion:
    """Retire or restore a criterion (never deleted: old scores point at it)."""
    if criterion.is_active != active:
        criterion.is_active = active
        criterion.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            verb="emulation_criterion.set_active",
            target=criterion,
            data={"active": active},
        )
    return criterion


@transaction.atomic
def criterion_move(*, criterion: Criterion, actor: User, step: int) -> None:
    """Move a criterion up (-1) or down (+1) in the list."""
    items = list(Criterion.objects.order_by("position", "pk"))
    index = items.index(criterion)
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for position, item in enumerate(items, start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position", "updated_at"])
        audit_record(
            actor=actor, verb="emulation_criterion.move", target=criterion, data={"step": step}
        )


def suggest_verdict(points: Mapping[Criterion, int]) -> tuple[int, int, str]:
    """(total, maximum, suggested verdict): effective when the total reaches the pass mark
    and no required criterion scored zero."""
    total = sum(points.values())
    maximum = sum(c.max_points for c in points)
    failed_required = any(c.is_required and p == 0 for c, p in points.items())
    passed = maximum > 0 and total * 100 >= pass_percent() * maximum
    verdict = (
        Evaluation.Verdict.EFFECTIVE
        if passed and not failed_required
        else (Evaluation.Verdict.INEFFECTIVE)
    )
    return total, maximum, verdict


def exemplar_evaluate(
    *,
    exemplar: Exemplar,
    actor: User,
    committee: Committee,
    year: int,
    points: Mapping[int, int],
    remarks: str = "",
    verdict: str | None = None,
    on: dt.date | None = None,
) -> Evaluation:
    """Evaluate the model for ``year``. One evaluation per model and year: a retry (a
    second click, a second tab) returns the evaluation already made."""
    existing = Evaluation.objects.filter(exemplar=exemplar, year=year).first()
    if existing is not None:
        return existing
    _not_removed(exemplar)
    _covers(committee, exemplar)
    if year < exemplar.year:
        raise ApplicationError(
            _("A model cannot be evaluated for a year before it was registered.")
        )
    criteria = criteria_for(exemplar.kind)
    if not criteria:
        raise ApplicationError(_("No criterion is in use for this kind of model."))
    scored: dict[Criterion, int] = {}
    for criterion in criteria:
        value = points.get(criterion.pk)
        if value is None or not 0 <= value <= criterion.max_points:
            raise ApplicationError(
                _("The points for “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.name, "max": criterion.max_points}
            )
        scored[criterion] = value
    total, maximum, suggested = suggest_verdict(scored)
    verdict = verdict or suggested
    remarks = remarks.strip()
    if verdict not in Evaluation.Verdict.values:
        raise ApplicationError(_("Choose a verdict."))
    if verdict != suggested and not remarks:
        raise ApplicationError(
            _("Give the reason in the remarks when the verdict differs from the suggestion.")
        )
    try:
        with transaction.atomic():
            evaluation = Evaluation(
                exemplar=exemplar,
                year=year,
                committee=committee.unit,
                total_points=total,
                max_points=maximum,
                verdict=verdict,
                remarks=remarks,
                evaluated_on=on or timezone.localdate(),
                evaluated_by=actor,
            )
            evaluation.full_clean(validate_constraints=False)
            evaluation.save()
            EvaluationScore.objects.bulk_create(
                EvaluationScore(evaluation=evaluation, criterion=c, points=p)
                for c, p in scored.items()
            )
            _event(
                exemplar,
                ExemplarEvent.EventKind.EVALUATED,
                actor,
                remarks,
                year=year,
                total=total,
                max=maximum,
                verdict=verdict,
                committee=committee.unit.code,
            )
            audit_record(
                actor=actor,
                verb="emulation_exemplar.evaluate",
                target=exemplar,
                data={"year": year, "verdict": verdict, "total": total, "max": maximum},
            )
    except IntegrityError:
        return Evaluation.objects.get(exemplar=exemplar, year=year)
    return evaluation


def _recognise_one(
    *,
    exemplar: Exemplar,
    actor: User,
    committee: Committee,
    level: str,
    year: int,
    decision_number: str,
    decision_date: dt.date,
    is_outstanding: bool,
) -> Recognition:
    existing = Recognition.objects.filter(exemplar=exemplar, level=level, year=year).first()
    if existing is not None:
        return existing
    _not_removed(exemplar)
    _covers(committee, exemplar)
    if committee.level != level:
        raise ApplicationError(
            _("Your committee recognises at its own level only (%(level)s).")
            % {"level": Level(committee.level).label if committee.level else "—"}
        )
    if not Evaluation.objects.filter(
        exemplar=exemplar, year=year, verdict=Evaluation.Verdict.EFFECTIVE
    ).exists():
        raise ApplicationError(
            _("“%(title)s” has no “effective” evaluation for %(year)s: evaluate it first.")
            % {"title": exemplar.title, "year": year}
        )
    recognition = Recognition(
        exemplar=exemplar,
        level=level,
        year=year,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        issuer=committee.unit,
        is_outstanding=is_outstanding,
        recorded_by=actor,
    )
    recognition.full_clean(validate_constraints=False)
    recognition.save()
    levels = list(exemplar.recognitions.values_list("level", flat=True))
    exemplar.status = Exemplar.Status.RECOGNISED
    exemplar.recognised_level = max(levels, key=lambda v: LEVEL_ORDER[Level(v)])
    exemplar.recognised_year = max(exemplar.recognised_year or 0, year)
    exemplar.is_outstanding = exemplar.recognitions.filter(is_outstanding=True).exists()
    exemplar.save(
        update_fields=[
            "status",
            "recognised_level",
            "recognised_year",
            "is_outstanding",
            "updated_at",
        ]
    )
    _event(
        exemplar,
        ExemplarEvent.EventKind.RECOGNISED,
        actor,
        recognition.decision_number,
        level=level,
        year=year,
        decision_number=recognition.decision_number,
        decision_date=decision_date.isoformat(),
        outstanding=is_outstanding,
    )
    audit_record(
        actor=actor,
        verb="emulation_exemplar.recognise",
        target=exemplar,
        data={"level": level, "year": year, "decision": recognition.decision_number},
    )
    return recognition


def _check_decision(decision_number: str) -> None:
    if not decision_number.strip():
        raise ApplicationError(_("Enter the decision number."))


@transaction.atomic
def recognition_create(
    *,
    exemplar: Exemplar,
    actor: User,
    committee: Committee,
    level: str,
    year: int,
    decision_number: str,
    decision_date: dt.date,
    is_outstanding: bool = False,
) -> Recognition:
    """Record one recognition decision (a retry returns the recognition already made)."""
    _check_decision(decision_number)
    return _recognise_one(
        exemplar=exemplar,
        actor=actor,
        committee=committee,
        level=level,
        year=year,
        decision_number=decision_number,
        decision_date=decision_date,
        is_outstanding=is_outstanding,
    )


@transaction.atomic
def recognition_create_many(
    *,
    exemplars: Sequence[Exemplar],
    actor: User,
    committee: Committee,
    level: str,
    year: int,
    decision_number: str,
    decision_date: dt.date,
) -> list[Recognition]:
    """One decision that lists several models: all are recognised, or none is."""
    _check_decision(decision_number)
    if not exemplars:
        raise ApplicationError(_("Choose at least one model."))
    return [
        _recognise_one(
            exemplar=e,
            actor=actor,
            committee=committee,
            level=level,
            year=year,
            decision_number=decision_number,
            decision_date=decision_date,
            is_outstanding=False,
        )
        for e in exemplars
    ]


@transaction.atomic
def exemplar_remove(
    *, exemplar: Exemplar, actor: User, reason: str, on: dt.date | None = None
) -> Exemplar:
    """Drop a model from the movement, with the reason. The row and its history stay."""
    exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    if exemplar.is_removed:
        return exemplar
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the reason for removing the model."))
    exemplar.status = Exemplar.Status.REMOVED
    exemplar.removed_on = on or timezone.localdate()
    exemplar.removed_reason = reason
    exemplar.removed_by = actor
    exemplar.save(
        update_fields=["status", "removed_on", "removed_reason", "removed_by", "updated_at"]
    )
    _event(
        exemplar,
        ExemplarEvent.EventKind.REMOVED,
        actor,
        reason,
        removed_on=exemplar.removed_on.isoformat(),
    )
    audit_record(
        actor=actor,
        verb="emulation_exemplar.remove",
        target=exemplar,
        data={"on": exemplar.removed_on.isoformat()},
    )
    return exemplar
