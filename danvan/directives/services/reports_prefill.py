"""The pre-fill sources this app registers: what danvan already counts about a unit.

Petitions (the reception book and the petition register) and consultations. Each function
counts for a unit and the units below it: a commune's report covers its People's Committee,
which is where petitions are addressed and consultations drafted (petitions' intake sends a
petition addressed to a commune to the commune's committee), and a province's covers every
body of the province. The periods include both ends; days are Vietnam's (``received_on``
and ``occurred_on`` are already local days, datetimes are compared in local time).

Definitions, chosen to match what a quarterly report means by them:

* petitions received: letters the units received in the period (``receiving_unit``), one
  per letter (the cases split out of a mixed letter are not counted again);
* petitions resolved: cases whose first answer or decision was sent in the period, by the
  unit handling them now (``unit``), whenever they were received (a report counts the
  work done in the quarter, including the backlog);
* resolved on time: of those, answered on or before their legal due date;
* citizens received: lines of the reception book (form 03/TCD) in the period: one line is
  one visit ("lượt"); the note also gives the number of people;
* consultations opened: consultations of the units whose window opened in the period;
* opinions received: comments posted in the period on those units' consultations, hidden
  ones (spam, abuse) excluded.

The notes are written in Vietnamese whatever the interface language: they are stored with
the figure and printed in the report, which is a Vietnamese administrative document.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models import Comment, Consultation
from danvan.directives.prefill import register_source
from danvan.petitions.models import Case, CaseEvent, ReceptionBookEntry
from danvan.units.models import PATH_SEPARATOR, Unit

__all__ = [
    "CITIZENS_RECEIVED",
    "CONSULTATIONS_OPENED",
    "CONSULTATION_OPINIONS",
    "PETITIONS_ON_TIME",
    "PETITIONS_RECEIVED",
    "PETITIONS_RESOLVED",
    "period_text",
    "subtree_ids",
]

CITIZENS_RECEIVED = "citizens_received"
PETITIONS_RECEIVED = "petitions_received"
PETITIONS_RESOLVED = "petitions_resolved"
PETITIONS_ON_TIME = "petitions_on_time"
CONSULTATIONS_OPENED = "consultations_held"
CONSULTATION_OPINIONS = "consultation_opinions"

Figure = tuple[int, str]


def period_text(start: dt.date, end: dt.date) -> str:
    """ "01/07–30/09/2026" (one year) or "01/12/2025–28/02/2026"."""
    if start.year == end.year:
        return f"{start:%d/%m}–{end:%d/%m/%Y}"
    return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"


def subtree_ids(unit: Unit) -> list[int]:
    """The unit and every unit below it, as ids (resolved first, so the counts below use
    the foreign-key indexes rather than joining every row to its unit)."""
    return list(
        Unit.objects.filter(
            Q(pk=unit.pk) | Q(path__startswith=unit.path + PATH_SEPARATOR)
        ).values_list("pk", flat=True)
    )


def _local_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) in Vietnam's time zone."""
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return first, after


def _number(value: int) -> str:
    """Counts as Vietnamese running text prints them: "5", "42", "1.234" (a dot between
    thousands). Unlike document numbers ("05/KH-UBND"), counts take no leading zero."""
    return f"{value:,}".replace(",", ".")


# --------------------------------------------------------------------------- petitions


def petitions_received(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    count = Case.objects.filter(
        receiving_unit_id__in=subtree_ids(unit),
        received_on__gte=start,
        received_on__lte=end,
        split_from__isnull=True,
    ).count()
    note = f"Tự động từ sổ tiếp nhận đơn: {_number(count)} đơn, {period_text(start, end)}"
    return count, note


def _answered(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(cases first answered in the period, of which on or before their due date)."""
    first_answer = Subquery(
        CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=CaseEvent.Kind.ANSWER_SENT)
        .order_by("occurred_on")
        .values("occurred_on")[:1]
    )
    totals = (
        Case.objects.filter(unit_id__in=subtree_ids(unit))
        .annotate(answered_on=first_answer)
        .filter(answered_on__gte=start, answered_on__lte=end)
        .aggregate(
            resolved=Count("pk"),
            on_time=Count("pk", filter=Q(due_on__isnull=False, answered_on__lte=F("due_on"))),
        )
    )
    return int(totals["resolved"]), int(totals["on_time"])


def petitions_resolved(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    resolved, _on_time = _answered(unit, start, end)
    note = (
        f"Tự động từ sổ xử lý đơn: {_number(resolved)} vụ việc đã có văn bản trả lời, "
        f"{period_text(start, end)}"
    )
    return resolved, note


def petitions_on_time(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    resolved, on_time = _answered(unit, start, end)
    note = (
        f"Tự động từ sổ xử lý đơn: {_number(on_time)}/{_number(resolved)} vụ việc trả lời "
        f"đúng hạn, {period_text(start, end)}"
    )
    return on_time, note


def citizens_received(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    totals = ReceptionBookEntry.objects.filter(
        unit_id__in=subtree_ids(unit), received_on__gte=start, received_on__lte=end
    ).aggregate(visits=Count("pk"), people=Sum("people_count"))
    visits, people = int(totals["visits"]), int(totals["people"] or 0)
    note = (
        f"Tự động từ sổ tiếp công dân: {_number(visits)} lượt ({_number(people)} người), "
        f"{period_text(start, end)}"
    )
    return visits, note


# --------------------------------------------------------------------------- consultations


def consultations_opened(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    first, after = _local_bounds(start, end)
    count = (
        Consultation.objects.filter(
            unit_id__in=subtree_ids(unit), opens_at__gte=first, opens_at__lt=after
        )
        .exclude(status=Consultation.Status.DRAFT)
        .count()
    )
    note = (
        f"Tự động từ mục lấy ý kiến: {_number(count)} cuộc lấy ý kiến mở trong kỳ, "
        f"{period_text(start, end)}"
    )
    return count, note


def consultation_opinions(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    first, after = _local_bounds(start, end)
    totals = Comment.objects.filter(
        consultation__unit_id__in=subtree_ids(unit),
        created_at__gte=first,
        created_at__lt=after,
        status=Comment.Status.VISIBLE,
    ).aggregate(opinions=Count("pk"), people=Count("participant_id", distinct=True))
    opinions, people = int(totals["opinions"]), int(totals["people"])
    note = (
        f"Tự động từ mục lấy ý kiến: {_number(opinions)} ý kiến góp ý của "
        f"{_number(people)} người, {period_text(start, end)}"
    )
    return opinions, note


register_source(CITIZENS_RECEIVED, _("Citizens received (reception book)"), citizens_received)
register_source(PETITIONS_RECEIVED, _("Petitions received"), petitions_received)
register_source(PETITIONS_RESOLVED, _("Petitions resolved"), petitions_resolved)
register_source(PETITIONS_ON_TIME, _("Petitions resolved on time"), petitions_on_time)
register_source(CONSULTATIONS_OPENED, _("Consultations opened"), consultations_opened)
register_source(
    CONSULTATION_OPINIONS, _("Opinions received in consultations"), consultation_opinions
)
