"""Community decisions ("dân bàn, dân quyết", Law 10/2022/QH15 Arts 15–23).

A ``CommunityDecision`` is one matter put to the households of a village (or, for items 1
and 2, of the whole commune): by a meeting, a ballot to every household, or online. The
votes area owns this module and extends it (ballots, meeting records, the online consent
poll, recognition); other areas (residents' proposals) only point at a decision.

The thresholds are counted over ALL households (Art 21), so the number of households of
each village is frozen on ``DecisionVillage`` when the electorate is fixed (voting opens,
or the online consent poll starts): a household taken off the register mid-vote, or a new
one added, does not move the threshold. One household, one vote: ``Ballot`` and
``ConsentAnswer`` are unique per decision and household in the database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.decisions.matters import DecisionForm, Matter, Scope
from danvan.democracy.models._fields import by_user
from danvan.democracy.models.households import Household
from danvan.units.models import Unit

__all__ = [
    "Ballot",
    "CommunityDecision",
    "ConsentAnswer",
    "DecisionVillage",
    "MeetingAttendance",
]


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

    class VotingMethod(models.TextChoices):
        SHOW_OF_HANDS = "show_of_hands", _("Show of hands")
        SECRET_BALLOT = "secret_ballot", _("Secret ballot")

    class RecognisingBody(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("Commune People's Committee")
        FRONT = "front", _("Commune Fatherland Front Committee")

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
    title = models.CharField(pgettext_lazy("community decision", "title"), max_length=255)
    content = models.TextField(_("content"), blank=True)
    status = models.CharField(
        pgettext_lazy("community decision", "status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("meeting it follows"),
        help_text=_("The meeting that lacked enough households, for a household ballot."),
    )
    # The electorate, frozen (Art 21 counts over all households).
    electorate_fixed_at = models.DateTimeField(_("electorate fixed at"), null=True, blank=True)
    household_count = models.PositiveIntegerField(
        _("households when voting opened"), null=True, blank=True
    )
    village_count = models.PositiveSmallIntegerField(
        _("villages when voting opened"), null=True, blank=True
    )
    # Voting period (ballot return deadline; online vote start and end).
    opens_at = models.DateTimeField(_("voting opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes at"), null=True, blank=True)
    ballot_team = models.TextField(
        _("ballot team"),
        blank=True,
        help_text=_("One name per line (3 to 5 people, led by the Front work committee)."),
    )
    # Meeting (Art 18, Decree 59/2023 Art 3).
    notice_date = models.DateField(_("notice given on"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("meeting held at"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=255, blank=True)
    secretary = models.CharField(_("secretary"), max_length=150, blank=True)
    voting_method = models.CharField(
        _("voting method"), max_length=20, choices=VotingMethod.choices, blank=True
    )
    counting_committee = models.TextField(
        _("counting committee"), blank=True, help_text=_("One name per line (3 to 5 people).")
    )
    witnesses = models.TextField(
        _("witnessing household representatives"),
        blank=True,
        help_text=_("One name per line (2 household representatives)."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    # The count (totals over the villages; per village on DecisionVillage).
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    meeting_lacked_households = models.BooleanField(
        _("the meeting lacked enough households"), default=False
    )
    # Submission to the commune and recognition (Art 21(3)).
    submitted_on = models.DateField(_("sent to the commune on"), null=True, blank=True)
    recognition_due = models.DateField(_("recognition due by"), null=True, blank=True)
    recognised_on = models.DateField(_("recognition decided on"), null=True, blank=True)
    recognising_body = models.CharField(
        _("recognising body"), max_length=20, choices=RecognisingBody.choices, blank=True
    )
    recognition_number = models.CharField(_("document number"), max_length=50, blank=True)
    refusal_reasons = models.TextField(_("reasons for refusal"), blank=True)
    recognised_by = by_user(_("recorded by"))
    created_by = by_user(_("created by"))
    # The creation form's one-time token: a retried submission finds the draft it made.
    form_token = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("community decision")
        verbose_name_plural = _("community decisions")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("form_token",),
                condition=~models.Q(form_token=""),
                name="democracy_decision_unique_form_token",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        """The unit rules check: the village, or the commune for a commune-wide matter."""
        return self.village or self.commune


class DecisionVillage(BaseModel):
    """One village's part of a decision: its households frozen when the electorate was
    fixed, and its own count (a commune-wide matter passes village by village)."""

    decision = models.ForeignKey(
        CommunityDecision,
        on_delete=models.CASCADE,
        related_name="villages",
        verbose_name=_("community decision"),
    )
    village = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    household_count = models.PositiveIntegerField(_("households"))
    represented = models.PositiveIntegerField(_("households represented"), null=True, blank=True)
    approve = models.PositiveIntegerField(_("approve"), null=True, blank=True)
    reject = models.PositiveIntegerField(_("disagree"), null=True, blank=True)
    other = models.PositiveIntegerField(_("other opinion"), null=True, blank=True)
    not_voted = models.PositiveIntegerField(_("did not vote"), null=True, blank=True)
    threshold = models.PositiveIntegerField(_("approvals needed"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    clusters = models.JSONField(_("cluster meetings"), default=list, blank=True)

    class Meta:
        verbose_name = _("village of a community decision")
        verbose_name_plural = _("villages of a community decision")
        ordering = ("decision", "village__name")
        constraints = [
            models.UniqueConstraint(
                fields=("decision", "village"), name="democracy_decisionvillage_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} — {self.village}"


class Choice(models.TextChoices):
    APPROVE = "approve", pgettext_lazy("community vote", "Approve")
    DISAGREE = "disagree", pgettext_lazy("community vote", "Disagree")
    OTHER = "other", pgettext_lazy("community vote", "Other opinion")


class Ballot(BaseModel):
    """One household's vote (Art 19 household ballot, or Decree 59 Art 5 online vote)."""

    Choice = Choice

    class Channel(models.TextChoices):
        PAPER = "paper", _("Paper ballot entered by the ballot team")
        ONLINE = "online", pgettext_lazy("ballot channel", "Online")

    decision = models.ForeignKey(
        CommunityDecision,
        on_delete=models.CASCADE,
        related_name="ballots",
        verbose_name=_("community decision"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )
    village = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    other_opinion = models.TextField(_("other opinion"), blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    cast_at = models.DateTimeField(_("received at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("household ballot")
        verbose_name_plural = _("household ballots")
        ordering = ("decision", "cast_at")
        constraints = [
            models.UniqueConstraint(
                fields=("decision", "household"), name="democracy_ballot_one_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} — {self.household.code}"


class ConsentAnswer(BaseModel):
    """A household's answer to "shall we vote online?" (Decree 59/2023 Art 5(1)(b))."""

    Choice = Choice

    decision = models.ForeignKey(
        CommunityDecision,
        on_delete=models.CASCADE,
        related_name="consent_answers",
        verbose_name=_("community decision"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )
    answer = models.CharField(
        pgettext_lazy("consent poll", "answer"), max_length=10, choices=Choice.choices
    )
    opinion = models.TextField(_("other opinion"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("online voting consent")
        verbose_name_plural = _("online voting consents")
        constraints = [
            models.UniqueConstraint(
                fields=("decision", "household"), name="democracy_consent_one_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} — {self.household.code}"


class MeetingAttendance(BaseModel):
    """A household represented at the meeting (Art 20: representatives present)."""

    decision = models.ForeignKey(
        CommunityDecision,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("community decision"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )

    class Meta:
        verbose_name = _("household represented at the meeting")
        verbose_name_plural = _("households represented at the meeting")
        constraints = [
            models.UniqueConstraint(
                fields=("decision", "household"), name="democracy_attendance_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} — {self.household.code}"
