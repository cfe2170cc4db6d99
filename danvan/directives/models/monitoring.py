"""Directives: monitoring, urging letters, and the number register of outgoing documents.

``UrgingLetter`` is the dispatch (công văn đôn đốc) a managing unit sends to the units that
are late on a directive's tasks or reports; it lists what each recipient still owes, as of
the day it was generated, and keeps its rendered Word file.

``NumberCounter`` gives outgoing documents (urging letters, synthesis reports, final reports
of delegations) their numbers: State bodies number per calendar year (Decree 30/2020 Art 15),
Party bodies per document type for the whole term of the committee (HD 36-HD/VPTW,
DOMAIN.md §7.2). One row per (unit, series, scope) is locked while a number is taken.

A generation of urging letters carries a one-time key (``batch``, from the form): a retried
or double-clicked generation finds the letters of its first run and takes no new number,
and the unique (``batch``, ``batch_index``) pair refuses a second copy even if two requests
race.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.directives.models.tasks import Directive
from danvan.units.models import Unit

__all__ = ["NumberCounter", "UrgingLetter"]


class NumberCounter(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=16, help_text="Type abbreviation (CV, BC…) or 'all'.")
    scope = models.CharField(max_length=20, help_text="Calendar year (State) or term (Party).")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "series", "scope"], name="directives_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.scope}: {self.last}"


class UrgingLetter(BaseModel):
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        on_delete=models.CASCADE,
        related_name="urging_letters",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("sending unit"), on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.ManyToManyField(Unit, verbose_name=_("recipients"), related_name="+")
    number = models.CharField(_("number and symbol"), max_length=80)
    issued_on = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    new_due_on = models.DateField(_("new deadline"), null=True, blank=True)
    items = models.JSONField(_("overdue items"), default=list)
    content = models.BinaryField(_("Word file"))
    batch = models.CharField(_("generation key"), max_length=64, blank=True, editable=False)
    batch_index = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("urging letter")
        verbose_name_plural = _("urging letters")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "batch_index"],
                condition=~models.Q(batch=""),
                name="directives_urging_batch_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.number
