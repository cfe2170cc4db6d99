"""Directives: a directive turned into tasks for units.

A ``Directive`` is the follow-up a managing unit (a Party committee's mass mobilisation
commission, a People's Committee) keeps on one registered document — its own plan or
dispatch, or a document from above it has to carry out (Directive 33/CT-TTg, Conclusion
114-KL/TW, DOMAIN.md §9). The directive is split into tasks; each task goes to one or more
units, one of them (or more) responsible and the others coordinating, with either a due
date (counted by the deadline engine where the text gives "within N working days") or a
reporting cycle (quarterly, six-monthly, annual) whose reports are ``reports.ReportingRound``.

A unit sees only its own assignments; the managing unit and the units above it see all.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.directives.models.register import Document
from danvan.units.models import Unit

__all__ = [
    "Directive",
    "Task",
    "TaskAssignment",
    "TaskFormSubmission",
    "TaskReminder",
    "TaskUpdate",
]


class Directive(BaseModel):
    """One document followed up by a managing unit, split into tasks."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("directive", "Being prepared")
        ACTIVE = "active", pgettext_lazy("directive", "Being carried out")
        CLOSED = "closed", pgettext_lazy("directive", "Closed")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="directives"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("managing unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The commission or committee that follows the directive up."),
    )
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], name="directives_one_per_unit"),
        ]

    def __str__(self) -> str:
        return self.title


class Task(BaseModel):
    """One task of a directive (one numbered item of the dispatch)."""

    class Cycle(models.TextChoices):
        NONE = "", _("Once, by the due date")
        QUARTERLY = "quarterly", _("Quarterly")
        SEMIANNUAL = "semiannual", _("Every six months")
        ANNUAL = "annual", _("Annual")

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("task"), max_length=500)
    description = models.TextField(_("details"), blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days allowed"),
        null=True,
        blank=True,
        help_text=_("When the text says 'within N working days': the due date is counted."),
    )
    # The day the N working days are counted from (not counted itself: Civil Code Art 147),
    # kept so that the page can show how the due date was reached.
    counted_from = models.DateField(_("counted from"), null=True, blank=True)
    cycle = models.CharField(
        _("reporting cycle"), max_length=12, choices=Cycle.choices, default=Cycle.NONE, blank=True
    )
    units = models.ManyToManyField(
        Unit, through="TaskAssignment", verbose_name=_("units"), related_name="+"
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["directive", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "position"], name="directives_task_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def is_ongoing(self) -> bool:
        """Neither a due date nor a cycle: a standing task ("thường xuyên")."""
        return self.due_on is None and not self.cycle


class TaskAssignment(BaseModel):
    """A task given to one unit, as the responsible unit or a coordinating one."""

    class Role(models.TextChoices):
        RESPONSIBLE = "responsible", _("Responsible")
        COORDINATING = "coordinating", _("Coordinating")

    class Status(models.TextChoices):
        ASSIGNED = "assigned", pgettext_lazy("task", "Assigned")
        IN_PROGRESS = "in_progress", pgettext_lazy("task", "In progress")
        DONE = "done", pgettext_lazy("task", "Done")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        pgettext_lazy("assignment", "role"),
        max_length=12,
        choices=Role.choices,
        default=Role.RESPONSIBLE,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.ASSIGNED,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        ordering = ["task", "role", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="directives_assignment_unique"),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="directives_assign_unit_idx")]

    def __str__(self) -> str:
        return f"{self.task} → {self.unit}"


class TaskUpdate(BaseModel):
    """A progress note by the unit on its assignment (the history of what it did)."""

    assignment = models.ForeignKey(
        TaskAssignment,
        verbose_name=_("task assignment"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    status = models.CharField(_("status"), max_length=12, choices=TaskAssignment.Status.choices)
    note = models.TextField(_("note"), blank=True)
    result = models.TextField(_("result"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.status}"


class TaskReminder(models.Model):
    """A reminder sent to a responsible unit about one assignment: the record that it went.

    One row per (assignment, kind, due date): the daily run claims the row before it
    notifies anybody, so a second run on the same day (or two workers at once) sends
    nothing, and a due date moved later allows one new reminder.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    assignment = models.ForeignKey(
        TaskAssignment,
        verbose_name=_("task assignment"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due date"))
    sent_on = models.DateField(_("sent on"))
    run = models.CharField(max_length=32, db_index=True, editable=False)

    class Meta:
        verbose_name = _("task reminder")
        verbose_name_plural = _("task reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "due_on"], name="directives_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.kind} {self.due_on}"


class TaskFormSubmission(models.Model):
    """A one-time form token that was used: a re-sent form (double click, retry) does nothing.

    The token is written in the same transaction as the change the form makes, so either
    both are stored or neither; a second submission finds the row and is answered "already
    done" instead of creating a second task, assignment or progress note.
    """

    token = models.CharField(max_length=64, unique=True)
    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token
