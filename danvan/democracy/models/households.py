"""Households: the register of households per village or residential group.

A household votes once per decision, and the legal thresholds (Law 10/2022 Art 21) are
counted over every household of the village, so the register is the denominator of every
vote. Households are deactivated (moved out, merged), never deleted: past votes keep the
voter they were cast by.
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.units.models import Unit

__all__ = ["VN_PHONE_RE", "Household", "HouseholdImport"]

# A Vietnamese phone number: mobile (0 + 9 digits) or landline (0 + 10 digits), or +84.
VN_PHONE_RE = r"^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$"


class Household(BaseModel):
    """One household of a village: its book number, address and representative."""

    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind": Unit.Kind.VILLAGE},
        verbose_name=_("village or residential group"),
    )
    code = models.CharField(_("household code"), max_length=40)
    address = models.CharField(_("address"), max_length=255, blank=True)
    representative = models.CharField(_("representative"), max_length=150)
    phone = models.CharField(
        _("phone number"),
        max_length=15,
        blank=True,
        validators=[
            RegexValidator(VN_PHONE_RE, _("Enter a Vietnamese phone number, e.g. 0912345678."))
        ],
    )
    members = models.PositiveSmallIntegerField(
        _("number of members"), default=1, validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(pgettext_lazy("household", "active"), default=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="households",
        null=True,
        blank=True,
        verbose_name=_("representative's account"),
        help_text=_(
            "The account the representative signs in with to vote online or comment for the "
            "household. Left empty, the household votes on paper or at meetings only."
        ),
    )
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ("village", "code")
        constraints = [
            models.UniqueConstraint(
                fields=("village", "code"), name="democracy_household_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.representative}"


class HouseholdImport(BaseModel):
    """One uploaded register spreadsheet, kept so a refused file can be fixed and re-sent.

    The file stays on the server with its list of bad rows; once a corrected file is
    accepted the import records what it created, updated and left unchanged.
    """

    class Status(models.TextChoices):
        REJECTED = "rejected", _("Rejected (nothing imported)")
        DONE = "done", _("Imported")

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    errors = models.JSONField(_("bad rows"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = by_user(_("uploaded by"))

    class Meta:
        verbose_name = _("household import")
        verbose_name_plural = _("household imports")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.filename
