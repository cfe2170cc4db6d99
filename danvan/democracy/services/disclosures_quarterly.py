"""The quarterly list of disclosures, prepared automatically (Law 10/2022 Art 13(2)).

:func:`quarterly_lists_prepare` prepares, for every register with a disclosure in the
quarter, the list of the quarter that ended (the Word document the commune signs and
posts). Run :data:`quarterly_lists_task` every day (a timer or cron enqueues it): on the
first day of a quarter it prepares the quarter just ended; on other days it prepares any
list still missing, so a day the worker was down is caught up. Re-running changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.democracy.models.disclosures import DisclosurePosting, DisclosureQuarterList
from danvan.democracy.selectors.disclosures import Quarter, quarterly_list
from danvan.democracy.services.disclosures_docx import quarterly_list_docx
from danvan.units.models import Unit

logger = logging.getLogger(__name__)


@transaction.atomic
def quarterly_list_prepare(
    *, unit: Unit, quarter: Quarter, today: dt.date
) -> DisclosureQuarterList:
    """The unit's list for ``quarter``, prepared now unless it already was (idempotent)."""
    existing = DisclosureQuarterList.objects.filter(
        unit=unit, year=quarter.year, quarter=quarter.number
    ).first()
    if existing is not None:
        return existing
    prepared = DisclosureQuarterList.objects.create(
        unit=unit,
        year=quarter.year,
        quarter=quarter.number,
        lines=len(quarterly_list(unit, quarter)),
        document=quarterly_list_docx(unit=unit, quarter=quarter, today=today),
    )
    audit_record(
        actor=None,
        verb="democracy_disclosure.quarter_list",
        target=unit,
        data={"quarter": quarter.slug, "lines": prepared.lines},
    )
    return prepared


def quarterly_lists_prepare(*, today: dt.date | None = None) -> list[DisclosureQuarterList]:
    """The lists of the quarter before ``today``'s, for every register that disclosed in it."""
    day = today or timezone.localdate()
    quarter = Quarter.of(day).previous
    unit_ids = (
        DisclosurePosting.objects.filter(posted_from__range=(quarter.first_day, quarter.last_day))
        .values_list("disclosure__unit_id", flat=True)
        .distinct()
    )
    return [
        quarterly_list_prepare(unit=unit, quarter=quarter, today=day)
        for unit in Unit.objects.filter(pk__in=list(unit_ids)).order_by("pk")
    ]


@task()
def quarterly_lists_task(*, on: str | None = None) -> dict[str, object]:
    """The daily run of :func:`quarterly_lists_prepare`; ``on`` is an ISO date."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    lists = quarterly_lists_prepare(today=day)
    logger.info("disclosure quarterly lists %s: %d", day.isoformat(), len(lists))
    return {"on": day.isoformat(), "lists": len(lists)}
