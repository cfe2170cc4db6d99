"""Reads of the periodic reports: who sees which template, round and report, the report
sheet a unit fills, and the synthesis roll-up.

Access (``danvan.core.access``: the same 404 for a missing row and a forbidden one):

* templates and rounds: ``directives.manage`` on their unit (the commission and those who
  direct it);
* a unit report, to fill: ``directives.act_for_unit`` on the report's unit — staff of the
  unit itself; a unit sees only its own reports;
* a unit report, to review: ``directives.manage`` on the round.

The roll-up reads a round of 3,321 units in a handful of grouped queries (indicator totals,
status counts, units missing), never one query per report; the exports stream the rows
with ``values_list(...).iterator()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from danvan.core.access import get_object_for_user_or_404
from danvan.directives.models import (
    Directive,
    Indicator,
    IndicatorValue,
    ReportingRound,
    ReportTemplate,
    SectionAnswer,
    SynthesisFile,
    Task,
    TemplateSection,
    UnitReport,
    UnitReportEvent,
)
from danvan.directives.prefill import source_get
from danvan.directives.rules import MANAGER_ROLES, manager_remits
from danvan.directives.services.reports import ACT_FOR_UNIT, MANAGE, UNIT_STAFF_ROLES
from danvan.units.models import PATH_SEPARATOR, Unit
from danvan.units.predicates import held_roles

__all__ = [
    "INCLUDED",
    "Rollup",
    "RollupIndicator",
    "SheetIndicator",
    "SheetSection",
    "askable_units",
    "commune_committees",
    "manager_units",
    "report_events",
    "report_for_reviewer_or_404",
    "report_for_unit_or_404",
    "report_sheet",
    "reports_for_unit_staff",
    "round_for_manager_or_404",
    "round_reports",
    "round_status_counts",
    "rounds_for_manager",
    "synthesis_files",
    "synthesis_narratives",
    "synthesis_rollup",
    "synthesis_samples",
    "synthesis_unit_rows",
    "tasks_for_manager",
    "template_for_manager_or_404",
    "template_indicator_or_404",
    "template_section_or_404",
    "templates_for_manager",
]

Status = UnitReport.Status
# The reports a synthesis counts: sent to the commission (accepted or awaiting review). A
# returned report is being corrected and counts again once it is submitted again.
INCLUDED = (Status.SUBMITTED, Status.ACCEPTED)


def _remit_filter(user: Any, field_name: str) -> Q:
    """Rows whose ``field_name`` unit lies in one of the person's remits (none: nothing)."""
    condition = Q(pk__in=[])
    for remit in manager_remits(user):
        condition |= Q(**{f"{field_name}__path": remit}) | Q(
            **{f"{field_name}__path__startswith": remit + PATH_SEPARATOR}
        )
    return condition


def manager_units(user: Any) -> list[Unit]:
    """The units in which the person is commission staff or head: the units a template or
    a round may belong to (the requesting unit)."""
    ids = {held.unit_id for held in held_roles(user) if held.role in MANAGER_ROLES}
    return list(Unit.objects.filter(pk__in=ids, is_active=True).order_by("path"))


def askable_units(user: Any) -> QuerySet[Unit]:
    """Bodies the person directs (not places: a report is written by a body)."""
    return (
        Unit.objects.filter(_unit_remit(user))
        .exclude(kind__in=Unit.PLACE_KINDS)
        .filter(is_active=True)
        .order_by("path")
    )


def _unit_remit(user: Any) -> Q:
    condition = Q(pk__in=[])
    for remit in manager_remits(user):
        condition |= Q(path=remit) | Q(path__startswith=remit + PATH_SEPARATOR)
    return condition


def commune_committees(user: Any) -> QuerySet[Unit]:
    """The People's Committees of every commune, ward and special zone the person directs."""
    return askable_units(user).filter(
        kind=Unit.Kind.PEOPLES_COMMITTEE, parent__kind__in=Unit.COMMUNE_KINDS
    )


# --------------------------------------------------------------------------- templates


def templates_for_manager(user: Any) -> QuerySet[ReportTemplate]:
    return (
        ReportTemplate.objects.filter(_remit_filter(user, "unit"))
        .select_related("unit")
        .annotate(
            section_count=Count("sections", distinct=True),
            indicator_count=Count("indicators", distinct=True),
            round_count=Count("rounds", distinct=True),
        )
        .order_by("unit__path", "title", "pk")
    )


def template_for_manager_or_404(user: Any, pk: int) -> ReportTemplate:
    return get_object_for_user_or_404(
        ReportTemplate.objects.select_related("unit"),
        allowed=lambda template: bool(user.has_perm(MANAGE, template)),
        pk=pk,
    )


def template_section_or_404(template: ReportTemplate, pk: int) -> TemplateSection:
    section = TemplateSection.objects.filter(template=template, pk=pk).first()
    if section is None:
        raise Http404
    section.template = template
    return section


def template_indicator_or_404(template: ReportTemplate, pk: int) -> Indicator:
    indicator = Indicator.objects.filter(template=template, pk=pk).first()
    if indicator is None:
        raise Http404
    indicator.template = template
    return indicator


def tasks_for_manager(user: Any) -> QuerySet[Task]:
    """Tasks of directives the person follows up, periodic ones first."""
    return (
        Task.objects.filter(_remit_filter(user, "directive__unit"))
        .exclude(directive__status=Directive.Status.CLOSED)
        .select_related("directive", "directive__unit")
        .order_by("-cycle", "directive__title", "position")
    )


# --------------------------------------------------------------------------- rounds


def rounds_for_manager(user: Any) -> QuerySet[ReportingRound]:
    return (
        ReportingRound.objects.filter(_remit_filter(user, "unit"))
        .select_related("unit", "template", "task")
        .annotate(
            asked=Count("reports"),
            reported=Count("reports", filter=Q(reports__status__in=INCLUDED)),
        )
        .order_by("-due_on", "-pk")
    )


def round_for_manager_or_404(user: Any, pk: int) -> ReportingRound:
    return get_object_for_user_or_404(
        ReportingRound.objects.select_related("unit", "template", "task", "directive"),
        allowed=lambda reporting_round: bool(user.has_perm(MANAGE, reporting_round)),
        pk=pk,
    )


def round_status_counts(reporting_round: ReportingRound) -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    rows = (
        UnitReport.objects.filter(round=reporting_round)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for status, count in rows:
        counts[status] = count
    return counts


def round_reports(reporting_round: ReportingRound, *, status: str = "") -> QuerySet[UnitReport]:
    reports = UnitReport.objects.filter(round=reporting_round).select_related("unit")
    if status in Status.values:
        reports = reports.filter(status=status)
    return reports.order_by("unit__search_name", "unit__code")


# --------------------------------------------------------------------------- unit reports


def _staff_unit_ids(user: Any) -> set[int]:
    return {held.unit_id for held in held_roles(user) if held.role in UNIT_STAFF_ROLES}


def is_unit_staff(user: Any) -> bool:
    """Whether the person holds a staff role in some unit (who may have reports to write);
    everyone else gets the same 404 as on every other staff page of the app."""
    return bool(_staff_unit_ids(user))


def reports_for_unit_staff(user: Any) -> QuerySet[UnitReport]:
    """The reports of the units the person works in (and only those)."""
    return (
        UnitReport.objects.filter(unit_id__in=_staff_unit_ids(user))
        .select_related("round", "round__unit", "unit")
        .order_by("round__due_on", "pk")
    )


def _report_queryset() -> QuerySet[UnitReport]:
    return UnitReport.objects.select_related(
        "round", "round__unit", "round__template", "unit", "submitted_by", "reviewed_by"
    )


def report_for_unit_or_404(user: Any, pk: int) -> UnitReport:
    """A report to fill: staff of its own unit only."""
    return get_object_for_user_or_404(
        _report_queryset(), allowed=lambda report: bool(user.has_perm(ACT_FOR_UNIT, report)),
        pk=pk,
    )  # fmt: skip


def report_for_reviewer_or_404(user: Any, pk: int) -> UnitReport:
    """A report to review: those who direct the round's requesting unit."""
    return get_object_for_user_or_404(
        _report_queryset(),
        allowed=lambda report: bool(user.has_perm(MANAGE, report.round)),
        pk=pk,
    )


def report_events(report: UnitReport) -> QuerySet[UnitReportEvent]:
    return UnitReportEvent.objects.filter(report=report).select_related("actor")


@dataclass(frozen=True)
class SheetSection:
    section: TemplateSection
    text: str


@dataclass(frozen=True)
class SheetIndicator:
    indicator: Indicator
    value: Decimal | None
    prefilled_value: Decimal | None
    source_note: str
    source_label: str

    @property
    def differs(self) -> bool:
        """The unit's figure is not the one danvan counted (the reviewer sees both)."""
        return self.prefilled_value is not None and self.value != self.prefilled_value


def report_sheet(report: UnitReport) -> tuple[list[SheetSection], list[SheetIndicator]]:
    """The sections and indicators of the report's template with what the unit wrote."""
    template = report.round.template
    texts = dict(SectionAnswer.objects.filter(report=report).values_list("section_id", "text"))
    values = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=report)}
    sections = [
        SheetSection(section=section, text=texts.get(section.pk, ""))
        for section in TemplateSection.objects.filter(template=template).order_by("position")
    ]
    indicators = []
    for indicator in Indicator.objects.filter(template=template).order_by("position"):
        row = values.get(indicator.pk)
        source = source_get(indicator.source)
        indicators.append(
            SheetIndicator(
                indicator=indicator,
                value=row.value if row else None,
                prefilled_value=row.prefilled_value if row else None,
                source_note=row.source_note if row else "",
                source_label=str(source.label) if source else "",
            )
        )
    return sections, indicators


# --------------------------------------------------------------------------- synthesis


@dataclass(frozen=True)
class RollupIndicator:
    pk: int
    code: str
    label: str
    measure: str
    total: Decimal
    units: int  # units whose report gives a figure


@dataclass
class Rollup:
    """Every figure of the synthesis except the narratives (which are streamed)."""

    reporting_round: ReportingRound
    indicators: list[RollupIndicator]
    sections: list[TemplateSection]
    counts: dict[str, int]
    missing: list[str] = field(default_factory=list)  # names of the units not reported

    @property
    def asked(self) -> int:
        return sum(self.counts.values())

    @property
    def reported(self) -> int:
        return sum(self.counts[status] for status in INCLUDED)

    @property
    def accepted(self) -> int:
        return self.counts[Status.ACCEPTED]


def synthesis_rollup(reporting_round: ReportingRound) -> Rollup:
    """Totals per indicator over the reports sent, the status counts, the units missing.

    Five queries whatever the number of units: the indicators, the sections, one
    ``GROUP BY indicator`` over the values of the reports sent, one ``GROUP BY status``,
    and the names of the units not reported.
    """
    template = reporting_round.template
    totals = {
        indicator_id: (total, units)
        for indicator_id, total, units in IndicatorValue.objects.filter(
            report__round=reporting_round, report__status__in=INCLUDED
        )
        .values_list("indicator_id")
        .annotate(total=Sum("value"), units=Count("value"))
        .order_by()
    }
    indicators = [
        RollupIndicator(
            pk=indicator.pk,
            code=indicator.code,
            label=indicator.label,
            measure=indicator.measure,
            total=Decimal(totals.get(indicator.pk, (0, 0))[0] or 0),
            units=int(totals.get(indicator.pk, (0, 0))[1]),
        )
        for indicator in Indicator.objects.filter(template=template).order_by("position")
    ]
    missing = list(
        UnitReport.objects.filter(round=reporting_round)
        .exclude(status__in=INCLUDED)
        .order_by("unit__search_name", "unit__code")
        .values_list("unit__name", flat=True)
    )
    return Rollup(
        reporting_round=reporting_round,
        indicators=indicators,
        sections=list(TemplateSection.objects.filter(template=template).order_by("position")),
        counts=round_status_counts(reporting_round),
        missing=missing,
    )


def synthesis_narratives(reporting_round: ReportingRound) -> Iterator[tuple[int, str, str]]:
    """(section id, unit name, text) of the reports sent, section by section, units in
    alphabetical order; streamed."""
    return (
        SectionAnswer.objects.filter(report__round=reporting_round, report__status__in=INCLUDED)
        .exclude(text="")
        .order_by("section__position", "report__unit__search_name", "report__unit__code")
        .values_list("section_id", "report__unit__name", "text")
        .iterator(chunk_size=2000)
    )


def synthesis_unit_rows(
    reporting_round: ReportingRound,
) -> Iterator[tuple[str, str, str, dict[int, Decimal | None]]]:
    """(unit code, unit name, status, {indicator id: value}) for every unit asked, in
    alphabetical order; values only for the reports sent. Two streamed queries."""
    values: dict[int, dict[int, Decimal | None]] = {}
    rows = (
        IndicatorValue.objects.filter(report__round=reporting_round, report__status__in=INCLUDED)
        .values_list("report_id", "indicator_id", "value")
        .iterator(chunk_size=5000)
    )
    for report_id, indicator_id, value in rows:
        values.setdefault(report_id, {})[indicator_id] = value
    reports = (
        UnitReport.objects.filter(round=reporting_round)
        .order_by("unit__search_name", "unit__code")
        .values_list("pk", "unit__code", "unit__name", "status")
        .iterator(chunk_size=2000)
    )
    for pk, code, name, status in reports:
        yield code, name, status, values.get(pk, {})


def synthesis_samples(
    reporting_round: ReportingRound, *, per_section: int
) -> dict[int, tuple[list[tuple[str, str]], int]]:
    """For the page: the first ``per_section`` texts of each section and how many there
    are (the Word and Excel files have them all). One query per section plus one count."""
    answers = SectionAnswer.objects.filter(
        report__round=reporting_round, report__status__in=INCLUDED
    ).exclude(text="")
    counts = dict(answers.values_list("section_id").annotate(n=Count("pk")).order_by())
    samples: dict[int, tuple[list[tuple[str, str]], int]] = {}
    for section_id, count in counts.items():
        rows = (
            answers.filter(section_id=section_id)
            .order_by("report__unit__search_name", "report__unit__code")
            .values_list("report__unit__name", "text")[:per_section]
        )
        samples[section_id] = (list(rows), count)
    return samples


def synthesis_files(reporting_round: ReportingRound) -> dict[str, SynthesisFile]:
    """The issued files of the round by format (without their content)."""
    return {
        f.format: f for f in SynthesisFile.objects.filter(round=reporting_round).defer("content")
    }
