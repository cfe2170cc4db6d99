"""What administrators can change in the legal calendar and the deadline rules.

The rules and the statutory holidays stay in code (``danvan.deadlines.engine``); these
tables hold only the corrections an administrator enters with their legal basis: each
year's Prime Minister / Ministry of Home Affairs announcement (days off, swapped working
days), the answer to the open [U] question of 24 November, and rule counts changed by a
new legal text.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.deadlines.engine import RULE_BOOK


class HolidayOverride(BaseModel):
    """One date made a day off or a working day by an official announcement."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(
        _("date"),
        unique=True,
        help_text=_(
            "Overrides win over the built-in holiday data (the 'holidays' package) for this date."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        help_text=_(
            "Day off: for example a swapped day such as Friday 2/1/2026. Working day: for "
            "example a Saturday worked in exchange, such as Saturday 10/1/2026."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Shown on the public calendar, e.g. “Nghỉ Tết Dương lịch (hoán đổi)”."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_(
            "Number, issuer and date of the announcement, e.g. “Công văn 12729/VPCP-KGVX ngày "
            "25/12/2025”. Enter the Prime Minister's or Ministry of Home Affairs' announcement "
            "for every year as soon as it is published (usually October–December)."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), db_index=True, editable=False, help_text=_("Taken from the date.")
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday override")
        verbose_name_plural = _("holiday overrides")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"

    def clean(self) -> None:
        if self.date is not None:
            self.year = self.date.year
        if not self.legal_basis.strip():
            raise ValidationError({"legal_basis": _("Give the document that decided this day.")})


class CalendarSetting(BaseModel):
    """An administrator's answer to an open [U] question about the calendar."""

    class Key(models.TextChoices):
        CULTURE_DAY_OFF = (
            "culture_day_off",
            _("24 November (Vietnam Culture Day) is a day off"),
        )

    DEFAULTS = {Key.CULTURE_DAY_OFF: True}

    key = models.CharField(_("setting"), max_length=32, unique=True, choices=Key.choices)
    enabled = models.BooleanField(
        _("enabled"),
        help_text=_(
            "[U] Uncertain in the legal research: NQ 80-NQ/TW and NQ 30/NQ-CP (2026) chose 24/11 "
            "as a paid day off, but no amendment of Labour Code Art 112 was found. The default "
            "(day off) follows the 'holidays' package. Confirm it with the legal text."
        ),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The document on which the administrator relies."),
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("calendar setting")
        verbose_name_plural = _("calendar settings")

    def __str__(self) -> str:
        return str(self.get_key_display())


class RuleOverride(BaseModel):
    """A rule's time limit changed by a legal text, from a date.

    The rule itself (unit, anchor, extensions) stays as in code; only the counts change.
    Used when a [M] or [U] value turns out different, or a new text changes it.
    """

    rule_code = models.CharField(
        _("rule"),
        max_length=64,
        db_index=True,
        help_text=_("The code of the rule, as listed on the rules page."),
    )
    count = models.PositiveSmallIntegerField(
        _("time limit"), help_text=_("In the rule's unit (calendar days or working days).")
    )
    remote_area_count = models.PositiveSmallIntegerField(
        _("time limit in remote areas"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the law gives no longer limit for remote areas."),
    )
    effective_from = models.DateField(
        _("effective from"),
        help_text=_("Cases whose anchor event falls on or after this date use the new limit."),
    )
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The legal text that sets this limit: number, article, clause."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["rule_code", "effective_from"]
        verbose_name = _("rule override")
        verbose_name_plural = _("rule overrides")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gt=0), name="deadlines_ruleoverride_count_positive"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="deadlines_ruleoverride_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code}: {self.count} ({self.effective_from:%d/%m/%Y})"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        # Fields may still be empty here: full_clean() calls clean() after field errors.
        count: int | None = self.count
        start: dt.date | None = self.effective_from
        if self.rule_code not in RULE_BOOK:
            errors["rule_code"] = _("There is no rule with this code.")
        if (
            count is not None
            and self.remote_area_count is not None
            and self.remote_area_count < count
        ):
            errors["remote_area_count"] = _("The remote-area limit cannot be shorter.")
        if self.effective_to is not None and start is not None and self.effective_to < start:
            errors["effective_to"] = _("The end date is before the start date.")
        if not self.legal_basis.strip():
            errors["legal_basis"] = _("Give the legal text that sets this limit.")
        if not errors and start is not None:
            overlapping = RuleOverride.objects.filter(rule_code=self.rule_code).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                Q(effective_to__isnull=True) | Q(effective_to__gte=start)
            )
            if self.effective_to is not None:
                overlapping = overlapping.filter(effective_from__lte=self.effective_to)
            if overlapping.exists():
                errors["effective_from"] = _(
                    "Another override of this rule covers part of this period."
                )
        if errors:
            raise ValidationError(errors)
