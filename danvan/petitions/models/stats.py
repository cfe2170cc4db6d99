"""Where a petition is about: the location an Open311 client (or a future map) sends.

GeoReport v2 requests carry a place (``lat``/``long`` or ``address_string``/``address_id``)
and optionally a link to a photo (``media_url``). None of this belongs on ``Case``, which
every channel shares, so it lives in its own row, one per case at most. The address here
is the place of the problem reported, not the petitioner's home address.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.petitions.models.case import Case

__all__ = ["CaseLocation"]


class CaseLocation(BaseModel):
    """The place a case is about (GeoReport ``lat``, ``long``, ``address_string``)."""

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="location"
    )
    lat = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    long = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    address_string = models.CharField(_("address of the place"), max_length=255, blank=True)
    address_id = models.CharField(_("address identifier"), max_length=64, blank=True)
    media_url = models.URLField(_("link to a photo or video"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("case location")
        verbose_name_plural = _("case locations")
        constraints = [
            # A point needs both coordinates; half a point is no place at all.
            models.CheckConstraint(
                condition=Q(lat__isnull=True, long__isnull=True)
                | Q(lat__isnull=False, long__isnull=False),
                name="petitions_location_lat_long_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.lat},{self.long} {self.address_string}"

    def clean(self) -> None:
        super().clean()
        if (self.lat is None) != (self.long is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))
