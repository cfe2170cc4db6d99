"""Consultations: the participation dashboard — who took part, counted, never named.

``ConsultationParticipant`` is one row per (consultation, participant), written the first
time the person takes part (a vote, a comment, a vote on a statement) and never again:
what they do next changes nothing here. It keeps a snapshot of what the dashboard counts
by — the channel, the province and commune of residence and the age band at that moment
— so a person who moves or has a birthday later does not move old figures.

``ParticipationCount`` holds the counts the pages read, so a page view adds up a few
thousand rows at most, never the participant rows (17 million for the 2025 constitutional
consultation). Its rows are changed in the same transaction as the participant row, with
one upsert, and sharded like ``ArticleTally``: a participant always writes to the shard
``participant_id % PARTICIPATION_SHARDS``, so the voters of one busy day do not queue on
one row lock. Two kinds of rows (``grain``) live in the table:

* ``profile``: per day × province × age band × channel (the time series and every
  breakdown but the commune);
* ``place``: per day × province × commune (the breakdown by commune, read for the
  consultations of a commune).

Places are unit ids in plain integer columns with 0 for "not declared" (not nullable
foreign keys): the unique key must treat "not declared" as one value, which NULL is not,
and counts are derived data that ``participation_counts_rebuild`` can always recompute.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models.drafts import Consultation
from danvan.units.models import Unit

__all__ = [
    "NOT_DECLARED",
    "PARTICIPATION_SHARDS",
    "AgeBand",
    "ConsultationParticipant",
    "ParticipantChannel",
    "ParticipationCount",
]

# Shards of each count row (see the module docstring); changing it needs a rebuild.
PARTICIPATION_SHARDS = 8
# The place id of "not declared" in ``ParticipationCount``.
NOT_DECLARED = 0


class ParticipantChannel(models.TextChoices):
    """How the person took part. Today the forms of the site produce only ``web``."""

    WEB = "web", _("Web form")
    APP = "app", _("Mobile app or API")
    PAPER = "paper", _("Paper form entered by staff")
    MEETING = "meeting", _("Meeting")


class AgeBand(models.TextChoices):
    """Age reached in the year of first participation (only the year of birth is known)."""

    FROM_18_TO_29 = "18-29", _("18–29")
    FROM_30_TO_44 = "30-44", _("30–44")
    FROM_45_TO_59 = "45-59", _("45–59")
    FROM_60 = "60+", _("60 and over")
    NOT_DECLARED = "unknown", _("Not declared")


class ConsultationParticipant(models.Model):
    """Someone took part in a consultation: when first, how, and where from (a snapshot)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="participant_records",
        db_index=False,  # the unique constraint below starts with it
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # read through the consultation, never by participant alone
    )
    first_at = models.DateTimeField(_("first took part at"))
    # The calendar day of ``first_at`` in Vietnam (Asia/Ho_Chi_Minh), not in UTC.
    day = models.DateField(_("day of first participation"))
    channel = models.CharField(
        _("participation channel"), max_length=10, choices=ParticipantChannel.choices
    )
    province = models.ForeignKey(
        Unit,
        verbose_name=_("province of residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("commune of residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)

    class Meta:
        verbose_name = _("consultation participant")
        verbose_name_plural = _("consultation participants")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "participant"], name="participant_once_per_consultation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.day} {self.channel} {self.age_band}"

    @property
    def audit_label(self) -> str:
        """Safe label for the audit log: never the person."""
        return f"participant record {self.pk}"


class ParticipationCount(models.Model):
    """One shard of one count of participants (see the module docstring for ``grain``)."""

    class Grain(models.TextChoices):
        PROFILE = "profile", _("Day, province, age band and channel")
        PLACE = "place", _("Day, province and commune")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="participation_counts",
        db_index=False,  # the unique constraint below starts with it
    )
    grain = models.CharField(_("grain"), max_length=8, choices=Grain.choices)
    day = models.DateField(_("day"))
    province = models.PositiveIntegerField(_("province id (0: not declared)"), default=0)
    commune = models.PositiveIntegerField(_("commune id (0: not declared)"), default=0)
    age_band = models.CharField(_("age band"), max_length=10, blank=True)
    channel = models.CharField(_("participation channel"), max_length=10, blank=True)
    shard = models.PositiveSmallIntegerField(_("shard"))
    participants = models.IntegerField(_("participants"), default=0)

    class Meta:
        verbose_name = _("participation count")
        verbose_name_plural = _("participation counts")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "consultation",
                    "grain",
                    "day",
                    "province",
                    "commune",
                    "age_band",
                    "channel",
                    "shard",
                ],
                name="participationcount_one_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.day}#{self.shard}: {self.participants}"
