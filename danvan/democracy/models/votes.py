"""Community decisions ("dân bàn, dân quyết", Law 10/2022/QH15 Arts 15–23).

A ``CommunityDecision`` is one matter put to the households of a village (or, for items 1
and 2, of the whole commune): by a meeting, a ballot to every household, or online. The
votes area owns this module and extends it (ballots, meeting records, the online consent
poll, recognition); other areas (residents' proposals) only point at a decision.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.decisions.matters import DecisionForm, Matter, Scope
from danvan.units.models import Unit

__all__ = ["CommunityDecision"]


class CommunityDecision(BaseModel):
    """One matter the community decides, from preparation to the commune's recognition."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("community decision", "Being prepared")
        CONSENT_POLL = "consent_poll", _("Asking households to agree to vote online")
        OPEN = "open", pgettext_lazy("community decision", "Voting")
        COUNTED = "counted", _("Counted")
        SUBMITTED = "submitted", _("Sent to the commune for recognition")
        RECOGNISED = "recognised", _("Recognised by the commune")
        REFUSED = "refused", _("Recognition refused")
        REJECTED = "rejected", _("Not passed")

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": Unit.Kind.VILLAGE},
        verbose_name=_("village or residential group"),
        help_text=_("Empty for a matter decided by the whole commune."),
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.VILLAGE
    )
    matter = models.CharField(_("matter"), max_length=20, choices=Matter.choices)
    form = models.CharField(_("form of decision"), max_length=20, choices=DecisionForm.choices)
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("community decision")
        verbose_name_plural = _("community decisions")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        """The unit rules check: the village, or the commune for a commune-wide matter."""
        return self.village or self.commune
