"""Directives: survey and inspection delegations (đoàn khảo sát, đoàn kiểm tra, giám sát).

A delegation is planned by a commission (subject document, units to visit, members, dates),
holds working sessions with each unit (minutes), records findings, and makes
recommendations that the inspected unit must carry out: each recommendation is tracked to
done, with the unit's reports of what it did and the delegation's check. A final report
closes the delegation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.directives.models.register import Document
from danvan.directives.models.tasks import Directive
from danvan.units.models import Unit

__all__ = [
    "Delegation",
    "DelegationMember",
    "Finding",
    "Recommendation",
    "RecommendationUpdate",
    "WorkingSession",
]


class Delegation(BaseModel):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey")
        INSPECTION = "inspection", _("Inspection")
        SUPERVISION = "supervision", _("Supervision")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("delegation", "Planned")
        UNDER_WAY = "under_way", pgettext_lazy("delegation", "Under way")
        REPORTED = "reported", pgettext_lazy("delegation", "Final report issued")

    unit = models.ForeignKey(
        Unit, verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    subject_document = models.ForeignKey(
        Document,
        verbose_name=_("subject document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegations",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    final_report = models.TextField(_("final report"), blank=True)
    final_report_number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    reported_on = models.DateField(_("final report date"), null=True, blank=True)
    final_report_content = models.BinaryField(_("final report (Word)"), null=True, blank=True)
    visited_units = models.ManyToManyField(
        Unit, through="WorkingSession", verbose_name=_("units visited"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class DelegationMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of the delegation")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(
        pgettext_lazy("delegation member", "position"), max_length=200, blank=True
    )
    role = models.CharField(
        pgettext_lazy("delegation member", "role"),
        max_length=10,
        choices=Role.choices,
        default=Role.MEMBER,
    )

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "role", "name"]

    def __str__(self) -> str:
        return self.name


class WorkingSession(BaseModel):
    """A working session with one visited unit, and its minutes (biên bản làm việc)."""

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit visited"), on_delete=models.PROTECT, related_name="+"
    )
    scheduled_on = models.DateField(_("scheduled on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("working session")
        verbose_name_plural = _("working sessions")
        ordering = ["delegation", "scheduled_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "unit", "scheduled_on"], name="directives_session_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} – {self.unit}"


class Finding(BaseModel):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        SHORTCOMING = "shortcoming", _("Shortcoming")

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    session = models.ForeignKey(
        WorkingSession,
        verbose_name=_("working session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("finding"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["delegation", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("recommendation", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("recommendation", "In progress")
        REPORTED_DONE = "reported_done", pgettext_lazy("recommendation", "Reported done")
        DONE = "done", pgettext_lazy("recommendation", "Done (confirmed)")

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit to carry it out"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("recommendation"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["delegation", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class RecommendationUpdate(BaseModel):
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    status = models.CharField(_("status"), max_length=14, choices=Recommendation.Status.choices)
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recommendation update")
        verbose_name_plural = _("recommendation updates")
        ordering = ["created_at", "pk"]
