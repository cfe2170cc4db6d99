"""Residents' proposals (Law 10/2022/QH15 Art 16(2)): a matter of Art 15 that residents
propose themselves, put to the community once 10 % of the village's households support it.

Support is counted per household (one support per household, a database constraint) and
lapses three months after it was signed (``decisions.proposals``). A proposal below the
threshold may still be endorsed by the village's Front work committee; either way the
village head then puts it to the community, which makes a ``CommunityDecision``.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.decisions.matters import Matter
from danvan.democracy.models._fields import by_user
from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import CommunityDecision
from danvan.units.models import Unit

__all__ = ["ProposalSupport", "ResidentProposal"]


class ResidentProposal(BaseModel):
    """One proposal of residents of a village, from collecting support to its outcome."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("Collecting support")
        REACHED = "reached", _("Supported by 10 per cent of households")
        EXPIRED = "expired", _("Support lapsed")
        ENDORSED = "endorsed", _("Endorsed by the Front work committee")
        PUT = "put", _("Put to the community")
        DECLINED = "declined", pgettext_lazy("residents' proposal", "Declined")

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="resident_proposals",
        limit_choices_to={"kind": Unit.Kind.VILLAGE},
        verbose_name=_("village or residential group"),
    )
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"))
    matter = models.CharField(_("matter"), max_length=20, choices=Matter.choices)
    proposer_name = models.CharField(_("proposer"), max_length=150)
    proposer_household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposer's household"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.COLLECTING,
        db_index=True,
    )
    reached_on = models.DateField(_("threshold reached on"), null=True, blank=True)
    endorsed_by_name = models.CharField(
        _("endorsed by (head of the Front work committee)"), max_length=150, blank=True
    )
    endorsed_on = models.DateField(_("endorsed on"), null=True, blank=True)
    decision = models.OneToOneField(
        CommunityDecision,
        on_delete=models.PROTECT,
        related_name="resident_proposal",
        null=True,
        blank=True,
        verbose_name=_("community decision"),
    )
    put_at = models.DateTimeField(_("put to the community at"), null=True, blank=True)
    decline_reasons = models.TextField(_("reasons for declining"), blank=True)
    decided_by = by_user(_("recorded by"))
    decided_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    created_by = by_user(_("created by"))
    # One-time key of the form that created it: a retried submission finds this row.
    submission_key = models.CharField(_("form key"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("residents' proposal")
        verbose_name_plural = _("residents' proposals")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("created_by", "submission_key"),
                condition=~Q(submission_key=""),
                name="democracy_proposal_unique_submission",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        """The unit rules check: the village (its commune's staff manage it)."""
        return self.village


class ProposalSupport(BaseModel):
    """One household's support, given online by its account or recorded from a paper list."""

    class Channel(models.TextChoices):
        PAPER = "paper", _("Signed list (recorded by staff)")
        ONLINE = "online", _("Online, by the household's account")

    proposal = models.ForeignKey(
        ResidentProposal,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("residents' proposal"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )
    signed_on = models.DateField(_("signed on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recorded_by = by_user(_("recorded by"))

    class Meta:
        verbose_name = _("support for a proposal")
        verbose_name_plural = _("supports for proposals")
        ordering = ("proposal", "signed_on")
        constraints = [
            models.UniqueConstraint(
                fields=("proposal", "household"), name="democracy_proposal_one_support"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}/{self.household_id}"
