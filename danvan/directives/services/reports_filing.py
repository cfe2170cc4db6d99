"""Periodic reports, the units' side and the review: fill, pre-fill, submit, return, accept.

A unit writes its report (one text per section, one figure per indicator), saves it as
often as it likes, and submits it once every figure and every section is there. The
commission returns it with comments (required) or accepts it; each step is kept in
``UnitReportEvent`` and the unit is notified.

Every step locks the report row (``select_for_update``) and checks its status under the
lock, so a double click, a retried request or two officers at once never submit, return
or accept twice: a second submit or accept finds the step done and changes nothing.

Pre-filled figures: :func:`report_prefill` asks the pre-fill registry for each indicator
that names a source and keeps the figure (``prefilled_value``) and its note. The unit's
own figure (``value``) follows the count until the unit types another one; from then on
a recount updates only the count, so what the unit typed is never overwritten and the
reviewer sees both.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import (
    Indicator,
    IndicatorValue,
    ReportingRound,
    SectionAnswer,
    TemplateSection,
    UnitReport,
    UnitReportEvent,
)
from danvan.directives.prefill import source_count
from danvan.directives.services.reports import ACT_FOR_UNIT, MANAGE, unit_staff
from danvan.notifications.services import notify
from danvan.units.models import User

__all__ = [
    "EDITABLE",
    "IncompleteReportError",
    "report_accept",
    "report_is_editable",
    "report_prefill",
    "report_return",
    "report_save",
    "report_submit",
]

Status = UnitReport.Status
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class IncompleteReportError(ApplicationError):
    """Submit refused: ``missing_indicators`` and ``missing_sections`` are the ids."""

    def __init__(
        self, message: str, *, missing_indicators: list[int], missing_sections: list[int]
    ) -> None:
        super().__init__(
            message,
            extra={"indicators": missing_indicators, "sections": missing_sections},
        )
        self.missing_indicators = missing_indicators
        self.missing_sections = missing_sections


def report_is_editable(report: UnitReport) -> bool:
    """The unit may still change it: being written or returned, in an open round."""
    return report.status in EDITABLE and report.round.status == ReportingRound.Status.OPEN


def _lock(report: UnitReport) -> UnitReport:
    return (
        UnitReport.objects.select_for_update(of=("self",))
        .select_related("round", "round__template", "round__unit", "unit")
        .get(pk=report.pk)
    )


def _require_unit_staff(actor: User | None, report: UnitReport) -> None:
    if actor is not None and not actor.has_perm(ACT_FOR_UNIT, report):
        raise ApplicationError(_("Only the staff of the unit may write its report."))


def _require_editable(report: UnitReport) -> None:
    if report.round.status != ReportingRound.Status.OPEN:
        raise ApplicationError(_("The reporting round is closed; the report can no longer change."))
    if report.status not in EDITABLE:
        raise ApplicationError(
            _("The report has been submitted; it can change again only if it is returned.")
        )


# --------------------------------------------------------------------------- writing


@transaction.atomic
def report_save(
    *,
    report: UnitReport,
    actor: User | None,
    texts: Mapping[int, str],
    values: Mapping[int, Decimal | None],
) -> UnitReport:
    """Keep what the unit typed (section id → text, indicator id → figure), as a draft.

    Ids of other templates are ignored. Saving never validates completeness: that is
    :func:`report_submit`'s job, so a half-written report is never lost.
    """
    _require_unit_staff(actor, report)
    report = _lock(report)
    _require_editable(report)
    template = report.round.template
    section_ids = set(
        TemplateSection.objects.filter(template=template).values_list("pk", flat=True)
    )
    indicator_ids = set(Indicator.objects.filter(template=template).values_list("pk", flat=True))

    answers = {a.section_id: a for a in SectionAnswer.objects.filter(report=report)}
    new_answers, changed_answers = [], []
    for section_id, text in texts.items():
        if section_id not in section_ids:
            continue
        clean = text.strip()
        answer = answers.get(section_id)
        if answer is None:
            new_answers.append(SectionAnswer(report=report, section_id=section_id, text=clean))
        elif answer.text != clean:
            answer.text = clean
            changed_answers.append(answer)
    SectionAnswer.objects.bulk_create(new_answers)
    SectionAnswer.objects.bulk_update(changed_answers, ["text"])

    rows = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=report)}
    new_rows, changed_rows = [], []
    for indicator_id, value in values.items():
        if indicator_id not in indicator_ids:
            continue
        if value is not None and value < 0:
            raise ApplicationError(_("A figure cannot be negative."))
        row = rows.get(indicator_id)
        if row is None:
            new_rows.append(IndicatorValue(report=report, indicator_id=indicator_id, value=value))
        elif row.value != value:
            row.value = value
            changed_rows.append(row)
    for row in new_rows + changed_rows:
        row.full_clean(exclude=["report", "indicator"], validate_unique=False)
    IndicatorValue.objects.bulk_create(new_rows)
    IndicatorValue.objects.bulk_update(changed_rows, ["value"])
    report.save(update_fields=["updated_at"])
    return report


@transaction.atomic
def report_prefill(*, report: UnitReport, actor: User | None) -> int:
    """Count the indicators that name a source; return how many were counted.

    The unit's figure follows the count while the unit has not typed another one (it is
    empty or equal to the previous count); a figure the unit changed is kept.
    """
    _require_unit_staff(actor, report)
    report = _lock(report)
    _require_editable(report)
    reporting_round = report.round
    indicators = list(
        Indicator.objects.filter(template=reporting_round.template).exclude(source="")
    )
    rows = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=report)}
    new_rows, changed_rows = [], []
    counted = 0
    for indicator in indicators:
        figure = source_count(
            indicator.source,
            unit=report.unit,
            period_start=reporting_round.period_start,
            period_end=reporting_round.period_end,
        )
        if figure is None:
            continue
        counted += 1
        row = rows.get(indicator.pk)
        if row is None:
            new_rows.append(
                IndicatorValue(
                    report=report,
                    indicator=indicator,
                    value=figure.value,
                    prefilled_value=figure.value,
                    source_note=figure.note[:300],
                )
            )
            continue
        if row.value is None or row.value == row.prefilled_value:
            row.value = figure.value
        row.prefilled_value, row.source_note = figure.value, figure.note[:300]
        changed_rows.append(row)
    IndicatorValue.objects.bulk_create(new_rows)
    IndicatorValue.objects.bulk_update(changed_rows, ["value", "prefilled_value", "source_note"])
    report.prefilled_at = timezone.now()
    report.save(update_fields=["prefilled_at", "updated_at"])
    return counted


# --------------------------------------------------------------------------- submitting


def _quoted(items: list[str]) -> str:
    return ", ".join(f"“{item}”" for item in items)


def _missing(report: UnitReport) -> tuple[list[Indicator], list[TemplateSection]]:
    template = report.round.template
    filled = set(
        IndicatorValue.objects.filter(report=report, value__isnull=False).values_list(
            "indicator_id", flat=True
        )
    )
    written = set(
        SectionAnswer.objects.filter(report=report)
        .exclude(text="")
        .values_list("section_id", flat=True)
    )
    indicators = [
        i for i in Indicator.objects.filter(template=template).order_by("position")
        if i.pk not in filled
    ]  # fmt: skip
    sections = [
        s for s in TemplateSection.objects.filter(template=template).order_by("position")
        if s.pk not in written
    ]  # fmt: skip
    return indicators, sections


def _event(report: UnitReport, actor: User | None, comment: str = "") -> None:
    UnitReportEvent.objects.create(
        report=report, status=report.status, comment=comment, actor=actor
    )


@transaction.atomic
def report_submit(*, report: UnitReport, actor: User | None) -> UnitReport:
    """Send the report to the commission once it is complete (idempotent).

    Every indicator needs a figure (0 is a figure) and every section a text; otherwise
    ``IncompleteReportError`` says, in words, what is missing. A report already submitted
    or accepted is returned unchanged.
    """
    _require_unit_staff(actor, report)
    report = _lock(report)
    if report.status in (Status.SUBMITTED, Status.ACCEPTED):
        return report
    _require_editable(report)
    indicators, sections = _missing(report)
    if indicators or sections:
        parts = []
        if indicators:
            parts.append(
                _("no figure yet for %(labels)s")
                % {"labels": _quoted([i.label for i in indicators])}
            )
        if sections:
            parts.append(
                _("nothing written yet in %(titles)s")
                % {"titles": _quoted([s.title for s in sections])}
            )
        raise IncompleteReportError(
            _("The report cannot be submitted yet: %(missing)s.") % {"missing": "; ".join(parts)},
            missing_indicators=[i.pk for i in indicators],
            missing_sections=[s.pk for s in sections],
        )
    report.status = Status.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _event(report, actor)
    audit_record(actor=actor, verb="directives_unit_report.submit", target=report,
                 data={"round": report.round_id, "unit": report.unit.code})  # fmt: skip
    return report


# --------------------------------------------------------------------------- review


def _require_reviewer(actor: User | None, report: UnitReport) -> None:
    if actor is not None and not actor.has_perm(MANAGE, report.round):
        raise ApplicationError(_("Only the commission that asked for the report reviews it."))


def _notify_unit(report: UnitReport, *, kind: str, title: str, body: str) -> None:
    """Notify the unit's staff (the texts are made in the site language by the caller)."""
    notify(
        recipients=unit_staff([report.unit_id]),
        kind=kind,
        title=title,
        body=body,
        url=reverse("directives:reports_fill", kwargs={"pk": report.pk}),
    )


@transaction.atomic
def report_return(*, report: UnitReport, actor: User | None, comment: str) -> UnitReport:
    """Send a submitted report back to the unit with the reviewer's comments (required)."""
    _require_reviewer(actor, report)
    comment = comment.strip()
    if not comment:
        raise ApplicationError(_("Say what the unit should change: the comments are required."))
    report = _lock(report)
    if report.status == Status.RETURNED and report.review_comment == comment:
        return report  # the same return, sent again
    if report.status != Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted report can be returned."))
    report.status = Status.RETURNED
    report.review_comment = comment
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.save(
        update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"]
    )
    _event(report, actor, comment)
    audit_record(actor=actor, verb="directives_unit_report.return", target=report,
                 data={"round": report.round_id, "unit": report.unit.code})  # fmt: skip
    with translation.override(settings.LANGUAGE_CODE):
        _notify_unit(
            report,
            kind="directives.report_returned",
            title=_("Report returned for changes: %(title)s") % {"title": report.round.title},
            body=_("%(unit)s returned your report with these comments:\n%(comment)s")
            % {"unit": report.round.unit.name, "comment": comment},
        )
    return report


@transaction.atomic
def report_accept(*, report: UnitReport, actor: User | None, comment: str = "") -> UnitReport:
    """Accept a submitted report (idempotent: accepting again changes nothing)."""
    _require_reviewer(actor, report)
    report = _lock(report)
    if report.status == Status.ACCEPTED:
        return report
    if report.status != Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted report can be accepted."))
    report.status = Status.ACCEPTED
    report.review_comment = comment.strip()
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.save(
        update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"]
    )
    _event(report, actor, report.review_comment)
    audit_record(actor=actor, verb="directives_unit_report.accept", target=report,
                 data={"round": report.round_id, "unit": report.unit.code})  # fmt: skip
    with translation.override(settings.LANGUAGE_CODE):
        _notify_unit(
            report,
            kind="directives.report_accepted",
            title=_("Report accepted: %(title)s") % {"title": report.round.title},
            body=_("%(unit)s accepted your report.") % {"unit": report.round.unit.name},
        )
    return report
