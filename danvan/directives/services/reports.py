"""Periodic reports, the commission's side: report templates and reporting rounds.

A *template* is what a commission asks units to report on (narrative sections and
indicators). :func:`template_default_create` gives a commission the mass-mobilisation
report of Directive 33/CT-TTg and Conclusion 114-KL/TW (DOMAIN.md §9.3–9.4) to start
from; a template that a round has used is fixed (its reports point at its sections and
indicators), so changing it means copying it first.

A *round* asks a set of units for one period: a quarter, six months or a year of a
directive's periodic task (the periods of the current year are offered), or a one-off
period. Creating it creates one ``UnitReport`` per unit in a few bulk inserts (a national
round asks 3,321 communes) and notifies the units' staff once.

Unit-side services (fill, submit, review) are in ``reports_filing``; the synthesis in
``reports_synthesis``; the daily sweep (next rounds, reminders) in ``reports_sweep``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import (
    Indicator,
    ReportingRound,
    ReportTemplate,
    Task,
    TemplateSection,
    UnitReport,
)
from danvan.directives.prefill import validate_source
from danvan.directives.services.reports_prefill import (
    CITIZENS_RECEIVED,
    CONSULTATION_OPINIONS,
    CONSULTATIONS_OPENED,
    PETITIONS_ON_TIME,
    PETITIONS_RECEIVED,
    PETITIONS_RESOLVED,
)
from danvan.notifications.services import notify
from danvan.units.folding import fold_for_search
from danvan.units.models import RoleAssignment, Unit, User

__all__ = [
    "DEFAULT_TEMPLATE",
    "MANAGE",
    "UNIT_STAFF_ROLES",
    "ReportPeriod",
    "indicator_add",
    "indicator_delete",
    "indicator_move",
    "indicator_update",
    "period_containing",
    "round_close",
    "round_create",
    "round_periods",
    "section_add",
    "section_delete",
    "section_move",
    "section_update",
    "template_copy",
    "template_create",
    "template_default_create",
    "template_in_use",
    "template_update",
    "unit_staff",
]

MANAGE = "directives.manage"
ACT_FOR_UNIT = "directives.act_for_unit"
Role = RoleAssignment.Role
# The roles ``directives.act_for_unit`` accepts: the people who write the unit's report.
UNIT_STAFF_ROLES = (Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.RECEPTION_OFFICER)
BULK_BATCH = 1000
ROMAN = ("I", "II", "III", "IV")


# --------------------------------------------------------------------------- default template

# The mass-mobilisation report of the authorities (Conclusion 114-KL/TW, Directive
# 33/CT-TTg, DOMAIN.md §9.3–9.4): what it asks the authorities to report on. The texts are
# data of the template (Vietnamese, as the report is); a commission edits its copy.
DEFAULT_TEMPLATE: dict[str, Any] = {
    "title": "Báo cáo kết quả công tác dân vận chính quyền",
    "description": (
        "Theo Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư và Chỉ thị số 33/CT-TTg "
        "của Thủ tướng Chính phủ về tăng cường, đổi mới công tác dân vận của cơ quan hành "
        "chính nhà nước, chính quyền các cấp."
    ),
    "sections": [
        (
            "Kết quả thực hiện",
            "Công tác lãnh đạo, chỉ đạo, quán triệt; thực hiện dân chủ ở cơ sở, công khai, "
            "đối thoại với Nhân dân; tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, "
            "phản ánh; lấy ý kiến Nhân dân; cải cách hành chính, tác phong, thái độ của cán "
            "bộ, công chức; phong trào thi đua “Dân vận khéo”.",
        ),
        (
            "Hạn chế, nguyên nhân",
            "Những hạn chế, khó khăn, vướng mắc; nguyên nhân khách quan và chủ quan.",
        ),
        (
            "Phương hướng, nhiệm vụ thời gian tới",
            "Các nhiệm vụ, giải pháp trọng tâm trong kỳ tới.",
        ),
        ("Đề xuất, kiến nghị", "Đề xuất, kiến nghị với cấp trên (nếu có)."),
    ],
    "indicators": [
        ("doi-thoai", "Số cuộc đối thoại với Nhân dân", "cuộc", ""),
        ("tiep-cong-dan", "Số lượt công dân được tiếp", "lượt", CITIZENS_RECEIVED),
        ("don-tiep-nhan", "Số đơn thư tiếp nhận", "đơn", PETITIONS_RECEIVED),
        ("don-giai-quyet", "Số đơn thư đã giải quyết", "vụ việc", PETITIONS_RESOLVED),
        ("don-dung-han", "Số đơn thư giải quyết đúng hạn", "vụ việc", PETITIONS_ON_TIME),
        ("lay-y-kien", "Số văn bản lấy ý kiến Nhân dân", "văn bản", CONSULTATIONS_OPENED),
        ("y-kien-nhan-dan", "Số ý kiến góp ý của Nhân dân", "ý kiến", CONSULTATION_OPINIONS),
        ("dan-van-kheo", "Số mô hình “Dân vận khéo” đăng ký", "mô hình", ""),
        ("hoi-nghi-quan-triet", "Số hội nghị quán triệt, tuyên truyền", "hội nghị", ""),
        (
            "can-bo-vi-pham",
            "Số cán bộ, công chức vi phạm quy tắc ứng xử bị xử lý",
            "người",
            "",
        ),
    ],
}


# --------------------------------------------------------------------------- helpers


def _require_manager(actor: User | None, target: Any) -> None:
    if actor is not None and not actor.has_perm(MANAGE, target):
        raise ApplicationError(_("You do not direct this unit."))


def template_in_use(template: ReportTemplate) -> bool:
    """True once a round has used the template: its structure is then fixed."""
    return ReportingRound.objects.filter(template=template).exists()


def _require_editable(template: ReportTemplate) -> None:
    if template_in_use(template):
        raise ApplicationError(
            _(
                "This template is already used by a reporting round, so its sections and "
                "indicators can no longer change. Make a copy and change the copy."
            )
        )


def _lock_template(template: ReportTemplate) -> ReportTemplate:
    return ReportTemplate.objects.select_for_update().get(pk=template.pk)


def _next_position(queryset: Any) -> int:
    return int(queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def _code_from_label(label: str, taken: Iterable[str]) -> str:
    """A slug of the label without diacritics ("Số lượt tiếp" → "so-luot-tiep"), unique
    in the template (a number is added when needed)."""
    used = set(taken)
    base = slugify(fold_for_search(label))[:50].strip("-") or "chi-tieu"
    code, suffix = base, 2
    while code in used:
        code = f"{base}-{suffix}"
        suffix += 1
    return code


def unit_staff(unit_ids: Iterable[int]) -> list[User]:
    """The active people who write the reports of these units (their staff roles)."""
    user_ids = set(
        RoleAssignment.objects.filter(
            unit_id__in=list(unit_ids),
            role__in=UNIT_STAFF_ROLES,
            is_active=True,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=user_ids))


# --------------------------------------------------------------------------- templates


@transaction.atomic
def template_create(
    *, unit: Unit, actor: User | None, title: str, description: str = ""
) -> ReportTemplate:
    """An empty template owned by ``unit`` (sections and indicators are added after)."""
    _require_manager(actor, unit)
    template = ReportTemplate(unit=unit, title=title.strip(), description=description.strip())
    template.full_clean()
    template.save()
    audit_record(
        actor=actor, verb="directives_report_template.create", target=template,
        data={"unit": unit.code},
    )  # fmt: skip
    return template


@transaction.atomic
def template_update(
    *,
    template: ReportTemplate,
    actor: User | None,
    title: str,
    description: str,
    is_active: bool,
) -> ReportTemplate:
    """Title, description and whether it is offered for new rounds (always editable)."""
    _require_manager(actor, template)
    template = _lock_template(template)
    template.title, template.description = title.strip(), description.strip()
    template.is_active = is_active
    template.full_clean()
    template.save(update_fields=["title", "description", "is_active", "updated_at"])
    audit_record(
        actor=actor, verb="directives_report_template.update", target=template,
        data={"is_active": is_active},
    )  # fmt: skip
    return template


def _fill(
    template: ReportTemplate,
    sections: Sequence[tuple[str, str]],
    indicators: Sequence[tuple[str, str, str, str]],
) -> None:
    section_rows = [
        TemplateSection(template=template, position=position, title=title, guidance=guidance)
        for position, (title, guidance) in enumerate(sections, start=1)
    ]
    indicator_rows = [
        Indicator(
            template=template,
            position=position,
            code=code,
            label=label,
            measure=measure,
            source=source,
        )
        for position, (code, label, measure, source) in enumerate(indicators, start=1)
    ]
    for row in [*section_rows, *indicator_rows]:
        row.full_clean(exclude=["template"])
    TemplateSection.objects.bulk_create(section_rows)
    Indicator.objects.bulk_create(indicator_rows)


@transaction.atomic
def template_default_create(*, unit: Unit, actor: User | None) -> ReportTemplate:
    """The mass-mobilisation report (CT 33/CT-TTg, KL 114-KL/TW) as a template of ``unit``.

    Four sections and ten indicators; the indicators danvan can count (citizens received,
    petitions, consultations) name their pre-fill source. Not a data migration: each
    commission makes its own copy, and changes it freely until a round uses it.
    """
    _require_manager(actor, unit)
    template = ReportTemplate(
        unit=unit, title=DEFAULT_TEMPLATE["title"], description=DEFAULT_TEMPLATE["description"]
    )
    template.full_clean()
    template.save()
    _fill(template, DEFAULT_TEMPLATE["sections"], DEFAULT_TEMPLATE["indicators"])
    audit_record(
        actor=actor, verb="directives_report_template.default_create", target=template,
        data={"unit": unit.code},
    )  # fmt: skip
    return template


@transaction.atomic
def template_copy(*, template: ReportTemplate, unit: Unit, actor: User | None) -> ReportTemplate:
    """A copy of ``template`` owned by ``unit`` (to change a template a round has used, or
    to start from another commission's)."""
    _require_manager(actor, unit)
    copy = ReportTemplate(
        unit=unit,
        title=_("%(title)s (copy)") % {"title": template.title},
        description=template.description,
    )
    copy.title = copy.title[:300]
    copy.full_clean()
    copy.save()
    _fill(
        copy,
        list(template.sections.order_by("position").values_list("title", "guidance")),
        list(
            template.indicators.order_by("position").values_list(
                "code", "label", "measure", "source"
            )
        ),
    )
    audit_record(
        actor=actor, verb="directives_report_template.copy", target=copy,
        data={"from": template.pk},
    )  # fmt: skip
    return copy


# --------------------------------------------------------------------------- sections


@transaction.atomic
def section_add(
    *, template: ReportTemplate, actor: User | None, title: str, guidance: str = ""
) -> TemplateSection:
    _require_manager(actor, template)
    template = _lock_template(template)
    _require_editable(template)
    section = TemplateSection(
        template=template,
        position=_next_position(template.sections.all()),
        title=title.strip(),
        guidance=guidance.strip(),
    )
    section.full_clean()
    section.save()
    audit_record(actor=actor, verb="directives_report_section.add", target=template,
                 data={"section": section.pk})  # fmt: skip
    return section


@transaction.atomic
def section_update(
    *, section: TemplateSection, actor: User | None, title: str, guidance: str
) -> TemplateSection:
    _require_manager(actor, section.template)
    _lock_template(section.template)
    _require_editable(section.template)
    section.title, section.guidance = title.strip(), guidance.strip()
    section.full_clean()
    section.save(update_fields=["title", "guidance"])
    audit_record(actor=actor, verb="directives_report_section.update", target=section.template,
                 data={"section": section.pk})  # fmt: skip
    return section


@transaction.atomic
def section_delete(*, section: TemplateSection, actor: User | None) -> None:
    _require_manager(actor, section.template)
    _lock_template(section.template)
    _require_editable(section.template)
    pk = section.pk
    section.delete()
    audit_record(actor=actor, verb="directives_report_section.delete", target=section.template,
                 data={"section": pk})  # fmt: skip


def _swap(row: Any, neighbour: Any) -> None:
    """Swap two positions under the unique (template, position) constraint: through a
    free position (0 is never used: positions start at 1)."""
    model = type(row)
    mine, theirs = row.position, neighbour.position
    model.objects.filter(pk=row.pk).update(position=0)
    model.objects.filter(pk=neighbour.pk).update(position=mine)
    model.objects.filter(pk=row.pk).update(position=theirs)
    row.position = theirs


def _move(row: Any, siblings: Any, up: bool) -> None:
    if up:
        neighbour = siblings.filter(position__lt=row.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=row.position).order_by("position").first()
    if neighbour is not None:
        _swap(row, neighbour)


@transaction.atomic
def section_move(*, section: TemplateSection, actor: User | None, up: bool) -> TemplateSection:
    """Move a section one place up or down (nothing at either end)."""
    _require_manager(actor, section.template)
    _lock_template(section.template)
    _require_editable(section.template)
    _move(section, section.template.sections.all(), up)
    return section


# --------------------------------------------------------------------------- indicators


def _indicator_clean(indicator: Indicator) -> None:
    validate_source(indicator.source)
    indicator.full_clean()


@transaction.atomic
def indicator_add(
    *,
    template: ReportTemplate,
    actor: User | None,
    label: str,
    measure: str = "",
    source: str = "",
    code: str = "",
) -> Indicator:
    """Add an indicator; without a code one is made from the label."""
    _require_manager(actor, template)
    template = _lock_template(template)
    _require_editable(template)
    taken = template.indicators.values_list("code", flat=True)
    if code and code in set(taken):
        raise ApplicationError(_("Another indicator of this template has that code."))
    indicator = Indicator(
        template=template,
        position=_next_position(template.indicators.all()),
        code=code or _code_from_label(label, taken),
        label=label.strip(),
        measure=measure.strip(),
        source=source,
    )
    _indicator_clean(indicator)
    indicator.save()
    audit_record(actor=actor, verb="directives_report_indicator.add", target=template,
                 data={"indicator": indicator.code, "source": source})  # fmt: skip
    return indicator


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    actor: User | None,
    label: str,
    measure: str,
    source: str,
    code: str,
) -> Indicator:
    _require_manager(actor, indicator.template)
    _lock_template(indicator.template)
    _require_editable(indicator.template)
    code = code or indicator.code
    others = indicator.template.indicators.exclude(pk=indicator.pk)
    if others.filter(code=code).exists():
        raise ApplicationError(_("Another indicator of this template has that code."))
    indicator.label, indicator.measure = label.strip(), measure.strip()
    indicator.source, indicator.code = source, code
    _indicator_clean(indicator)
    indicator.save(update_fields=["label", "measure", "source", "code"])
    audit_record(actor=actor, verb="directives_report_indicator.update",
                 target=indicator.template,
                 data={"indicator": indicator.code, "source": source})  # fmt: skip
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor: User | None) -> None:
    _require_manager(actor, indicator.template)
    _lock_template(indicator.template)
    _require_editable(indicator.template)
    code = indicator.code
    indicator.delete()
    audit_record(actor=actor, verb="directives_report_indicator.delete",
                 target=indicator.template, data={"indicator": code})  # fmt: skip


@transaction.atomic
def indicator_move(*, indicator: Indicator, actor: User | None, up: bool) -> Indicator:
    _require_manager(actor, indicator.template)
    _lock_template(indicator.template)
    _require_editable(indicator.template)
    _move(indicator, indicator.template.indicators.all(), up)
    return indicator


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class ReportPeriod:
    """A reporting period of a cycle: its key in forms ("q3", "h1", "y"), the Vietnamese
    words reports use ("quý III năm 2026"), and its first and last days."""

    key: str
    label: str
    start: dt.date
    end: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def round_periods(cycle: str, year: int) -> list[ReportPeriod]:
    """The periods of ``cycle`` in ``year`` (calendar year = fiscal year in Vietnam)."""
    if cycle == Task.Cycle.QUARTERLY:
        return [
            ReportPeriod(
                f"q{q}",
                f"quý {ROMAN[q - 1]} năm {year}",
                dt.date(year, 3 * q - 2, 1),
                _month_end(year, 3 * q),
            )
            for q in range(1, 5)
        ]
    if cycle == Task.Cycle.SEMIANNUAL:
        return [
            ReportPeriod(
                "h1", f"6 tháng đầu năm {year}", dt.date(year, 1, 1), dt.date(year, 6, 30)
            ),
            ReportPeriod(
                "h2", f"6 tháng cuối năm {year}", dt.date(year, 7, 1), dt.date(year, 12, 31)
            ),
        ]
    if cycle == Task.Cycle.ANNUAL:
        return [ReportPeriod("y", f"năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31))]
    return []


def period_containing(cycle: str, day: dt.date) -> ReportPeriod | None:
    return next((p for p in round_periods(cycle, day.year) if p.start <= day <= p.end), None)


# --------------------------------------------------------------------------- rounds


def _notify_requested(reporting_round: ReportingRound, unit_ids: list[int]) -> int:
    recipients = unit_staff(unit_ids)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return len(_notify_round(reporting_round, recipients))


def _notify_round(reporting_round: ReportingRound, recipients: list[User]) -> list[Any]:
    return notify(
        recipients=recipients,
        kind="directives.report_requested",
        title=_("Report requested: %(title)s") % {"title": reporting_round.title},
        body=_(
            "%(unit)s asks your unit for the report “%(title)s” for %(start)s–%(end)s. "
            "Due date: %(due)s."
        )
        % {
            "unit": reporting_round.unit.name,
            "title": reporting_round.title,
            "start": f"{reporting_round.period_start:%d/%m/%Y}",
            "end": f"{reporting_round.period_end:%d/%m/%Y}",
            "due": f"{reporting_round.due_on:%d/%m/%Y}",
        },
        url=reverse("directives:reports_inbox"),
    )


@transaction.atomic
def round_create(
    *,
    unit: Unit,
    template: ReportTemplate,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    due_on: dt.date,
    units: Sequence[Unit],
    actor: User | None,
    task: Task | None = None,
) -> ReportingRound:
    """Ask ``units`` for a report on ``template`` for the period; notify their staff.

    One ``UnitReport`` per unit, inserted in batches (a national round asks 3,321
    communes); the staff of all units get one notification each, linking to their list of
    reports. ``actor`` None is the daily sweep opening a periodic task's next round.
    A periodic task has one round per period (a unique constraint): asking twice is refused.
    """
    _require_manager(actor, unit)
    if template.unit_id != unit.pk:
        raise ApplicationError(_("Use a template of the requesting unit (copy it first)."))
    if not template.sections.exists() and not template.indicators.exists():
        raise ApplicationError(_("The template has no section and no indicator yet."))
    asked = {u.pk: u for u in units if u.pk != unit.pk}
    if not asked:
        raise ApplicationError(_("Choose at least one unit to ask for a report."))
    if actor is not None and not all(actor.has_perm(MANAGE, u) for u in asked.values()):
        raise ApplicationError(_("You may only ask units you direct for reports."))
    if period_end < period_start:
        raise ApplicationError(_("The period ends before it starts."))
    if due_on < period_start:
        raise ApplicationError(_("The due date cannot be before the period starts."))
    reporting_round = ReportingRound(
        template=template,
        directive=task.directive if task is not None else None,
        task=task,
        unit=unit,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        created_by=actor,
    )
    reporting_round.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            reporting_round.save()
    except IntegrityError:
        raise ApplicationError(
            _("This task already has a reporting round for that period.")
        ) from None
    UnitReport.objects.bulk_create(
        [UnitReport(round=reporting_round, unit_id=pk) for pk in asked], batch_size=BULK_BATCH
    )
    notified = _notify_requested(reporting_round, list(asked))
    audit_record(
        actor=actor, verb="directives_reporting_round.create", target=reporting_round,
        data={"units": len(asked), "notified": notified, "task": task.pk if task else None,
              "period": [period_start, period_end], "due_on": due_on},
    )  # fmt: skip
    return reporting_round


@transaction.atomic
def round_close(*, reporting_round: ReportingRound, actor: User | None) -> ReportingRound:
    """Close a round: units can no longer change or submit their reports (idempotent)."""
    _require_manager(actor, reporting_round)
    locked = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
    if locked.status == ReportingRound.Status.CLOSED:
        return locked
    locked.status = ReportingRound.Status.CLOSED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, verb="directives_reporting_round.close", target=locked)
    return locked
