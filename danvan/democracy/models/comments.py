"""Comments before decisions ("dân tham gia ý kiến", Law 10/2022/QH15 Arts 25–28).

The consultations app does the work (the draft, the window, votes and comments, the
synthesis report); this area only says which Art 25 matter a commune consultation is
(``CommuneMatter``) and records which household answered (``HouseholdAnswer``): with the
audience "one vote per household", the first account that answers for a household is the
household's, and no other account may answer for it in the same consultation.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models import Consultation
from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.democracy.models.households import Household
from danvan.units.models import Unit

__all__ = ["ART25_ITEMS", "CommuneMatter", "HouseholdAnswer"]

ART25_ITEMS = {
    1: _("Draft socio-economic plan, restructuring, resettlement and trade plans"),
    2: _("Draft land-use planning and management of land entrusted to the commune"),
    3: _("Investment, land, environment, compensation and resettlement policies of projects"),
    4: _("Establishing, merging, splitting or renaming administrative units and villages"),
    5: _("Draft decisions of the People's Committee affecting community interests"),
    6: _("Draft construction and rural residential planning"),
    7: _("Draft democracy regulations of the commune and of sectors"),
    8: _("Draft decisions imposing obligations on or restricting rights of citizens"),
    9: _("Other matters by law, regulation, request or the commune's choice"),
}


class CommuneMatter(BaseModel):
    """A commune consultation put out on one of the matters of Art 25 (items 1–9)."""

    consultation = models.OneToOneField(
        Consultation,
        on_delete=models.CASCADE,
        related_name="commune_matter",
        verbose_name=_("consultation"),
    )
    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    item = models.PositiveSmallIntegerField(
        _("Article 25 item"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    special_law = models.CharField(
        _("specific law allowing a shorter consultation"),
        max_length=255,
        blank=True,
        help_text=_(
            "Only when a specific law sets a period shorter than 20 days (Art 28): its "
            "number, article and clause."
        ),
    )
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("commune matter for comments")
        verbose_name_plural = _("commune matters for comments")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.item}: {self.consultation_id}"

    @property
    def unit(self) -> Unit:
        return self.commune

    @property
    def item_label(self) -> str:
        return str(ART25_ITEMS.get(self.item, ""))


class HouseholdAnswer(BaseModel):
    """The account that answers for a household in a one-vote-per-household consultation."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="household_answers",
        verbose_name=_("consultation"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("representative's account"),
    )

    class Meta:
        verbose_name = _("household answer")
        verbose_name_plural = _("household answers")
        constraints = [
            models.UniqueConstraint(
                fields=("consultation", "household"), name="democracy_one_answer_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.household_id}"
