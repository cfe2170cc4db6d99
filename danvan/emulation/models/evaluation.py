"""Year-end evaluation and recognition (DOMAIN §9.1, steps 3–6).

No national guidance on the criteria was found [M/U], so the criteria are data: the six
below are seeded as defaults (from provincial guidance, e.g. Lâm Đồng's "5 standards") and
the commission may edit, add or retire them. Each evaluation keeps one score row per
criterion it used, so a later change to the criteria never rewrites an old evaluation.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.emulation.models.registry import Exemplar, Level
from danvan.units.models import Unit

__all__ = ["Criterion", "Evaluation", "EvaluationScore", "Recognition"]


class Criterion(BaseModel):
    """One evaluation criterion. Retired criteria stay (``is_active`` false) for history."""

    class AppliesTo(models.TextChoices):
        BOTH = "both", _("Models and examples")
        MODEL = "model", _("Collective models only")
        EXAMPLE = "example", _("Individual examples only")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(pgettext_lazy("criterion", "name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), default=10, validators=[MinValueValidator(1)]
    )
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.BOTH
    )
    is_required = models.BooleanField(
        _("must be met"),
        default=False,
        help_text=_("A model scoring zero on a required criterion cannot be found effective."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.name


class Evaluation(BaseModel):
    """The committee's evaluation of one model for one year."""

    class Verdict(models.TextChoices):
        EFFECTIVE = "effective", _("Effective")
        INEFFECTIVE = "ineffective", _("Not effective")

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("model")
    )
    year = models.PositiveSmallIntegerField(
        _("year evaluated"), validators=[MinValueValidator(2009), MaxValueValidator(2100)]
    )
    committee = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluated by"),
        help_text=_("The Mass Mobilisation Commission or steering committee."),
    )
    total_points = models.PositiveIntegerField(_("total points"), default=0)
    max_points = models.PositiveIntegerField(_("maximum points"), default=0)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    remarks = models.TextField(_("remarks"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"))
    evaluated_by = by_user(_("evaluated by"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ("-year", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("exemplar", "year"), name="emulation_evaluation_once_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exemplar_id} {self.year} {self.verdict}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("evaluation")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    points = models.PositiveSmallIntegerField(_("points"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=("evaluation", "criterion"), name="emulation_score_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"


class Recognition(BaseModel):
    """A recognition decision at one level (commune or unit, provincial, central)."""

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, related_name="recognitions", verbose_name=_("model")
    )
    level = models.CharField(
        pgettext_lazy("emulation", "level"), max_length=12, choices=Level.choices
    )
    year = models.PositiveSmallIntegerField(
        _("year recognised"), validators=[MinValueValidator(2009), MaxValueValidator(2100)]
    )
    decision_number = models.CharField(
        _("decision number"), max_length=64, help_text=_("e.g. 125-QĐ/BDVTU")
    )
    decision_date = models.DateField(_("decision date"))
    issuer = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("recognition", "issued by"),
    )
    is_outstanding = models.BooleanField(_("outstanding (tiêu biểu)"), default=False)
    recorded_by = by_user(_("recorded by"))

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ("-year", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("exemplar", "level", "year"), name="emulation_recognition_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.level} {self.year}"
