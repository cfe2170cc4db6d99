"""Figures the "Dân vận khéo" registry gives the directives' periodic reports (the pre-fill
registry, ``danvan.directives.prefill``): a report on the movement asks how many models were
registered, how many recognised and how many are in force, and danvan already knows.

The reporting unit is usually a body (the commune's Party committee, the provincial
commission); its figures are those of the place it serves and everything below it, counted
as the statistics page counts them (``selectors.statistics.scope_q``). Both ends of the
period are included. Notes are in Vietnamese whatever the interface language: they are
printed in a Vietnamese administrative report.

- registered in the period: by the date of the model's "registered" history entry (written
  by the registration service); a row with no such entry (imported) by its creation date;
- recognised in the period: models with a recognition decision dated in the period (a model
  recognised at two levels counts once);
- in force at the end of the period: registered for the end's year or before and not removed
  by the end date (the statistics' definition, at a date rather than a year's end).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from danvan.directives.prefill import register_source
from danvan.directives.services.reports_prefill import period_text
from danvan.units.models import Unit

REGISTERED = "emulation_models_registered"
RECOGNISED = "emulation_models_recognised"
IN_FORCE = "emulation_models_in_force"

Figure = tuple[int, str]


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def served_place(unit: Unit) -> Unit:
    """The place a reporting unit answers for: itself when it is a place, else the nearest
    place above it (a commune's Party committee answers for the commune)."""
    place: Unit | None = unit
    while place is not None and not place.is_place:
        place = place.parent
    return place or unit


def models_registered(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.emulation.models import ExemplarEvent
    from danvan.emulation.selectors.statistics import scope_exemplars

    registered = ExemplarEvent.objects.filter(
        exemplar=OuterRef("pk"), kind=ExemplarEvent.EventKind.REGISTERED
    )
    in_period = registered.filter(at__date__gte=start, at__date__lte=end)
    count = (
        scope_exemplars(served_place(unit))
        .filter(
            Exists(in_period)
            | (~Exists(registered) & Q(created_at__date__gte=start, created_at__date__lte=end))
        )
        .count()
    )
    note = (
        f"Tự động từ sổ “Dân vận khéo”: {_number(count)} mô hình, điển hình đăng ký, "
        f"{period_text(start, end)}"
    )
    return count, note


def models_recognised(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.emulation.models import Recognition
    from danvan.emulation.selectors.statistics import scope_exemplars

    decided = Recognition.objects.filter(
        exemplar=OuterRef("pk"), decision_date__gte=start, decision_date__lte=end
    )
    count = scope_exemplars(served_place(unit)).filter(Exists(decided)).count()
    note = (
        f"Tự động từ sổ “Dân vận khéo”: {_number(count)} mô hình, điển hình được công nhận, "
        f"{period_text(start, end)}"
    )
    return count, note


def models_in_force(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.emulation.models import Exemplar
    from danvan.emulation.selectors.statistics import scope_exemplars

    count = (
        scope_exemplars(served_place(unit))
        .filter(
            Q(year__lte=end.year) & (~Q(status=Exemplar.Status.REMOVED) | Q(removed_on__gt=end))
        )
        .count()
    )
    note = (
        f"Tự động từ sổ “Dân vận khéo”: {_number(count)} mô hình, điển hình đang duy trì "
        f"đến ngày {end:%d/%m/%Y}"
    )
    return count, note


def register() -> None:
    register_source(
        REGISTERED, _("“Dân vận khéo” models and examples registered"), models_registered
    )
    register_source(
        RECOGNISED, _("“Dân vận khéo” models and examples recognised"), models_recognised
    )
    register_source(
        IN_FORCE, _("“Dân vận khéo” models and examples in force at the end"), models_in_force
    )
