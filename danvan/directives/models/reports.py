"""Directives: periodic reports of units and their synthesis.

A ``ReportTemplate`` is what the commission asks every unit to report: narrative sections
("Kết quả thực hiện", "Hạn chế, nguyên nhân", "Phương hướng, kiến nghị") and indicators
(dialogues held, citizens received, petitions resolved on time, models registered). A
``ReportingRound`` asks a set of units for one period (a quarter, six months, a year, or a
one-off task); each unit fills its ``UnitReport`` (draft → submitted → returned | accepted).

Indicators danvan already knows (petitions, consultations, democracy, emulation) are
pre-filled: ``IndicatorValue.prefilled_value`` keeps what the system counted and
``source_note`` says where from, so the reviewer sees both the unit's figure and the
system's. The synthesis rolls every unit's indicators up and collects the narratives; its
Word (Party or State format) and Excel files are kept in ``SynthesisFile``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.directives.models.tasks import Directive, Task
from danvan.directives.prefill import validate_source
from danvan.units.models import Unit

__all__ = [
    "Indicator",
    "IndicatorValue",
    "ReportReminder",
    "ReportTemplate",
    "ReportingRound",
    "SectionAnswer",
    "SynthesisFile",
    "TemplateSection",
    "UnitReport",
    "UnitReportEvent",
]


class ReportTemplate(BaseModel):
    """The sections and indicators a commission asks units to report on."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TemplateSection(models.Model):
    """A narrative section of a template."""

    template = models.ForeignKey(
        ReportTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "position"], name="directives_section_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A figure every unit reports; ``source`` names what danvan can count for it.

    ``source`` is a code of the pre-fill registry (``danvan.directives.prefill``), not a
    fixed list: petitions and consultations register their counts here, grassroots
    democracy and emulation register theirs from their own apps, and a template keeps
    working when a source it names is added later. Empty means "entered by the unit".
    """

    template = models.ForeignKey(
        ReportTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("indicator"), max_length=300)
    measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    source = models.CharField(
        _("pre-filled from"),
        max_length=64,
        default="",
        blank=True,
        validators=[validate_source],
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="directives_indicator_code"),
        ]

    def __str__(self) -> str:
        return self.label


class ReportingRound(BaseModel):
    """One request for reports: a template, a period, the units asked, a due date."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("reporting round", "Open")
        CLOSED = "closed", pgettext_lazy("reporting round", "Closed")

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="rounds"
    )
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rounds",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rounds",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("requesting unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for a round opened automatically for a periodic task."),
    )

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-due_on", "-pk"]
        constraints = [
            # A periodic task has one round per period: the daily sweep that opens the next
            # one, run twice or by two workers, cannot open it twice.
            models.UniqueConstraint(
                fields=["task", "period_start"],
                condition=models.Q(task__isnull=False),
                name="directives_round_task_period_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="directives_round_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class UnitReport(BaseModel):
    """One unit's report for one round."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("unit report", "Being written")
        SUBMITTED = "submitted", pgettext_lazy("unit report", "Submitted")
        RETURNED = "returned", pgettext_lazy("unit report", "Returned for changes")
        ACCEPTED = "accepted", pgettext_lazy("unit report", "Accepted")

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comments"), blank=True)
    prefilled_at = models.DateTimeField(
        _("figures counted at"),
        null=True,
        blank=True,
        help_text=_("When danvan last counted the pre-filled indicators."),
    )

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        ordering = ["round", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="directives_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.unit}"


class SectionAnswer(models.Model):
    report = models.ForeignKey(
        UnitReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="answers"
    )
    section = models.ForeignKey(
        TemplateSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("section text")
        verbose_name_plural = _("section texts")
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="directives_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.section}"


class IndicatorValue(models.Model):
    report = models.ForeignKey(
        UnitReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    prefilled_value = models.DecimalField(
        _("value counted by danvan"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source_note = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="directives_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class UnitReportEvent(BaseModel):
    """The history of a report: submitted, returned (with the comments), accepted."""

    report = models.ForeignKey(
        UnitReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("status"), max_length=10, choices=UnitReport.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["created_at", "pk"]


class SynthesisFile(BaseModel):
    """A rendered synthesis of a round (Word or Excel), kept so a download is a read."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="synthesis_files",
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    issued_on = models.DateField(pgettext_lazy("document", "date of issue"), null=True, blank=True)
    content = models.BinaryField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("synthesis file")
        verbose_name_plural = _("synthesis files")
        ordering = ["-created_at"]
        constraints = [
            # The issued synthesis is one numbered document: issuing again finds it.
            models.UniqueConstraint(
                fields=["round", "format"], name="directives_synthesis_file_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} ({self.format})"


class ReportReminder(models.Model):
    """A reminder sent to a unit about its report: before the due date, or once it is late.

    One row per (report, kind, day) is what makes the daily sweep idempotent: a second run
    on the same day (or two workers at once) inserts nothing new and so notifies nobody.
    """

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Before the due date")
        OVERDUE = "overdue", _("After the due date")

    report = models.ForeignKey(
        UnitReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    sent_on = models.DateField(_("sent on"))
    run = models.CharField(_("sweep run"), max_length=32, db_index=True)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "sent_on"], name="directives_reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} {self.sent_on}"
