"""The heads' citizen reception days (lịch tiếp công dân của người đứng đầu).

Heads of bodies must receive citizens in person on a regular schedule (Law on Citizen
Reception Arts 12, 15, 18 as amended by Law 136/2025/QH15 from 1/7/2026; ND 154/2026
Art 10(2)); the schedule is published (Law Art 24, ND 154 Art 11(2)). How many days each
head owes is data, in ``danvan.petitions.selectors.schedule.RECEPTION_DUTIES``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.units.models import Unit

__all__ = ["ReceptionScheduleDay"]


class ReceptionScheduleDay(BaseModel):
    """One day (or half day) on which a head receives citizens."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular (định kỳ)")
        # Law Art 18(3): heated or complex cases, or a risk of serious harm.
        AD_HOC = "ad_hoc", _("Ad hoc (đột xuất)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="reception_days",
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head who receives"),
        on_delete=models.PROTECT,
        related_name="reception_days",
        help_text=_("The head whose reception duty this day fulfils."),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by (delegate)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegated_reception_days",
        help_text=_("A deputy who receives on the head's behalf, where the law allows it."),
    )
    kind = models.CharField(
        _("kind of reception"), max_length=10, choices=Kind.choices, default=Kind.REGULAR
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=255)
    online_link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("For online reception (Law Art 3a, ND 154/2026 Chapter V)."),
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    outcome_note = models.TextField(_("outcome"), max_length=2000, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        ordering = ["date", "start_time", "pk"]
        indexes = [
            models.Index(fields=["unit", "date"], name="petitions_reception_unit_idx"),
            models.Index(fields=["head", "date"], name="petitions_reception_head_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="petitions_reception_time_order"
            ),
            # One reception day per head per date (a cancelled one may be planned again).
            models.UniqueConstraint(
                fields=["head", "date"],
                condition=~Q(status="cancelled"),
                name="petitions_reception_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.date.isoformat()} {self.head}"

    @property
    def is_delegated(self) -> bool:
        return self.delegate_id is not None

    @property
    def audit_label(self) -> str:
        """Public information (Law Art 24): unit, date and status."""
        return f"{self.unit.code} {self.date.isoformat()} ({self.status})"
