"""Democracy inside State agencies and public service units (Law 10/2022/QH15, Chapter III).

- ``AgencyProfile``: what the rules of Chapter III need to know about one agency that the
  unit tree does not say: how many staff it has (the denominator of every threshold and the
  "fewer than 100" and "7 or fewer" cases of Art 51), whether it works in dispersed places,
  its trade union, and how a written ballot is counted (the law does not say; configurable).
- ``StaffConference``: the conference of officials, public employees and workers (Art 51),
  annual (after the work year, by 31 March) or extraordinary (on an Art 50(1) proposal).
- ``StaffMatter``: a matter the staff decide (Art 49), at a conference or by a written ballot
  of all staff (Art 50(2)).
- ``ResolutionCheck``: the six-monthly check of the conference resolution (Art 52).
- ``StaffConsultationLink``: a matter staff comment on before the head decides (Art 53),
  carried by an internal consultation of the consultations module (not a second engine).

Disclosure to staff (Arts 46–48) is kept in the disclosure register, not here.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.consultations.models import Consultation
from danvan.core.models import BaseModel
from danvan.democracy.decisions.proposals import add_months
from danvan.democracy.models._fields import by_user
from danvan.units.models import Unit

__all__ = [
    "AGENCY_KINDS",
    "AgencyProfile",
    "ResolutionCheck",
    "StaffConference",
    "StaffConsultationLink",
    "StaffMatter",
]

# The units Chapter III applies to: State agencies and public service units.
AGENCY_KINDS = (
    Unit.Kind.MINISTRY,
    Unit.Kind.DEPARTMENT,
    Unit.Kind.PEOPLES_COMMITTEE,
    Unit.Kind.PUBLIC_UNIT,
)
# Art 51: 100 staff or more may meet as delegates; 7 or fewer may hold a conference if needed.
DELEGATES_FROM = 100
SMALL_UNIT_MAX = 7
# Art 51: the annual conference is held no later than 3 months into the next year.
DEADLINE_MONTH, DEADLINE_DAY = 3, 31
# Art 52: the resolution's implementation is checked every 6 months.
CHECK_EVERY_MONTHS = 6
CHECKS_PER_RESOLUTION = 2


def conference_deadline(year: int) -> dt.date:
    """The last day for the annual conference reviewing work ``year`` (31 March of the next)."""
    return dt.date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)


class BallotBase(models.TextChoices):
    """What a written ballot's "more than half" is counted over (Art 50(2) does not say)."""

    ALL_STAFF = "all_staff", _("More than half of all staff")
    BALLOTS_RETURNED = "ballots_returned", _("More than half of the ballots returned")


class AgencyProfile(BaseModel):
    """The facts about one agency that Chapter III's thresholds are computed from."""

    agency = models.OneToOneField(
        Unit,
        on_delete=models.PROTECT,
        related_name="democracy_profile",
        limit_choices_to={"kind__in": AGENCY_KINDS},
        verbose_name=_("agency or public service unit"),
    )
    staff_count = models.PositiveIntegerField(
        _("number of staff"),
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text=_("Officials, public employees and workers on the payroll today."),
    )
    is_dispersed = models.BooleanField(
        _("staff work in dispersed places"),
        default=False,
        help_text=_(
            "An agency working in dispersed places may hold its conference as a delegates' "
            "conference even with fewer than 100 staff (Law 10/2022, Art 51)."
        ),
    )
    union_name = models.CharField(
        _("grassroots trade union"),
        max_length=255,
        blank=True,
        help_text=_("As it signs the emulation pledge, e.g. 'Công đoàn cơ sở Sở Nội vụ'."),
    )
    ballot_base = models.CharField(
        _("a written ballot passes with"),
        max_length=20,
        choices=BallotBase.choices,
        default=BallotBase.ALL_STAFF,
        help_text=_(
            "Article 50(2) calls for a written ballot of all staff but does not say how it "
            "is counted. By default a matter passes with the approval of more than half of "
            "all staff, like a conference needs; your democracy regulation may say otherwise."
        ),
    )

    class Meta:
        verbose_name = _("agency democracy profile")
        verbose_name_plural = _("agency democracy profiles")

    def __str__(self) -> str:
        return str(self.agency)

    @property
    def unit(self) -> Unit:
        return self.agency

    @property
    def is_small(self) -> bool:
        """Seven staff or fewer: a conference is held only if needed (Art 51)."""
        return self.staff_count <= SMALL_UNIT_MAX

    @property
    def may_use_delegates(self) -> bool:
        return self.staff_count >= DELEGATES_FROM or self.is_dispersed


class AttendanceForm(models.TextChoices):
    ALL_STAFF = "all_staff", _("All staff")
    DELEGATES = "delegates", _("Delegates")


class AgendaItem(models.TextChoices):
    """What the conference deals with (Art 51), as a checklist."""

    POLICY_REVIEW = "policy_review", _("Review of the implementation of Party and State policies")
    RESOLUTION_REVIEW = (
        "resolution_review",
        _("Review of the previous resolution and of the democracy regulation"),
    )
    HEAD_ACCOUNTABILITY = (
        "head_accountability",
        _("The head's accountability for the year's work plan"),
    )
    EMULATION = "emulation", _("Emulation review and emulation pledges")
    ART49_DECISIONS = "art49_decisions", _("Decisions on the matters staff decide (Article 49)")
    DISCLOSURE = "disclosure", _("Disclosure, and comments on the matters of Article 53")


class Proposer(models.TextChoices):
    """Who may put a matter to the staff (Art 50(1))."""

    UNION = "union", _("The trade union executive")
    HEAD = "head", _("The head of the agency")
    STAFF = "staff", _("At least one third of staff")


class StaffConference(BaseModel):
    """One conference of officials, public employees and workers (Art 51)."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    agency = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": AGENCY_KINDS},
        verbose_name=_("agency or public service unit"),
    )
    year = models.PositiveSmallIntegerField(
        _("work year reviewed"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(
        pgettext_lazy("staff conference", "kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.ANNUAL,
    )
    held_on = models.DateField(_("date of the conference"))
    total_staff = models.PositiveIntegerField(
        _("total staff on that date"), validators=[MinValueValidator(1)]
    )
    attendance_form = models.CharField(
        _("who attends"),
        max_length=20,
        choices=AttendanceForm.choices,
        default=AttendanceForm.ALL_STAFF,
    )
    delegates_convened = models.PositiveIntegerField(_("delegates convened"), null=True, blank=True)
    union_agreed = models.BooleanField(
        _("the delegates' form was agreed with the trade union"), default=False
    )
    attendees = models.PositiveIntegerField(
        _("present"),
        null=True,
        blank=True,
        help_text=_("Staff (or delegates) present when the conference opened."),
    )
    agenda_done = models.JSONField(_("agenda dealt with"), default=list, blank=True)
    pledge_signed = models.BooleanField(
        _("emulation pledge signed by the head and the trade union"), default=False
    )
    pledge_signed_on = models.DateField(_("pledge signed on"), null=True, blank=True)
    resolution_number = models.CharField(_("resolution number"), max_length=60, blank=True)
    resolution_adopted_on = models.DateField(_("resolution adopted on"), null=True, blank=True)
    resolution_summary = models.TextField(_("main points of the resolution"), blank=True)
    proposer = models.CharField(
        _("proposed by"),
        max_length=20,
        choices=Proposer.choices,
        blank=True,
        help_text=_("For an extraordinary conference (Article 50(1))."),
    )
    supporters = models.PositiveIntegerField(
        _("staff who signed the proposal"), null=True, blank=True
    )
    chair_name = models.CharField(
        _("chaired by"),
        max_length=150,
        blank=True,
        help_text=_("The head, who chairs the conference with the trade union (Art 51)."),
    )
    secretary_name = models.CharField(_("secretary of the conference"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("staff conference")
        verbose_name_plural = _("staff conferences")
        ordering = ("-held_on",)
        constraints = [
            # A retried "create" cannot record the same conference twice.
            models.UniqueConstraint(
                fields=["agency", "held_on"],
                name="democracy_one_staff_conference_a_day",
                violation_error_message=_("This agency already has a conference on that date."),
            ),
            models.CheckConstraint(
                condition=Q(attendance_form="all_staff") | Q(delegates_convened__gt=0),
                name="democracy_conference_delegates_counted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.year}"

    @property
    def unit(self) -> Unit:
        return self.agency

    @property
    def deadline(self) -> dt.date:
        return conference_deadline(self.year)

    @property
    def is_late(self) -> bool:
        """An annual conference held after 31 March of the next year."""
        return self.kind == self.Kind.ANNUAL and self.held_on > self.deadline

    @property
    def quorum_base(self) -> int:
        """All staff, or the delegates convened (Art 51)."""
        if self.attendance_form == AttendanceForm.DELEGATES and self.delegates_convened:
            return self.delegates_convened
        return self.total_staff

    @property
    def quorum_needed(self) -> int:
        """The fewest present for a quorum: the ceiling of two thirds, in integers."""
        return (2 * self.quorum_base + 2) // 3

    @property
    def has_quorum(self) -> bool:
        """At least two thirds present (``attendees * 3 >= base * 2``); unknown = no."""
        return self.attendees is not None and self.attendees * 3 >= self.quorum_base * 2

    @property
    def agenda_missing(self) -> list[str]:
        return [str(item.label) for item in AgendaItem if item.value not in self.agenda_done]

    def check_due_dates(self) -> list[dt.date]:
        """When the resolution's implementation is to be checked (Art 52)."""
        base = self.resolution_adopted_on or self.held_on
        return [
            add_months(base, CHECK_EVERY_MONTHS * n) for n in range(1, CHECKS_PER_RESOLUTION + 1)
        ]


class StaffMatter(BaseModel):
    """A matter the staff decide (Art 49), and how it was decided."""

    class Item(models.TextChoices):
        INSPECTION_BOARD = (
            "inspection_board",
            _("Electing or dismissing members of the People's Inspection Board"),
        )
        CONTRIBUTIONS = "contributions", _("Staff contributions beyond those the law requires")
        RESOLUTION = "resolution", _("The resolution of the staff conference")
        OTHER = "other", _("Another self-management matter")

    class Method(models.TextChoices):
        CONFERENCE = "conference", _("At the staff conference")
        BALLOT = "ballot", _("Written ballot of all staff")

    class BallotReason(models.TextChoices):
        NO_CONFERENCE = "no_conference", _("A conference could not be held")
        NO_QUORUM_TWICE = "no_quorum_twice", _("The conference failed its quorum twice")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("staff matter", "Proposed")
        PASSED = "passed", pgettext_lazy("staff matter", "Passed")
        FAILED = "failed", pgettext_lazy("staff matter", "Not passed")

    agency = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": AGENCY_KINDS},
        verbose_name=_("agency or public service unit"),
    )
    item = models.CharField(_("matter (Article 49)"), max_length=20, choices=Item.choices)
    title = models.CharField(pgettext_lazy("staff matter", "title"), max_length=255)
    content = models.TextField(pgettext_lazy("staff matter", "content"), blank=True)
    proposer = models.CharField(_("proposed by"), max_length=20, choices=Proposer.choices)
    supporters = models.PositiveIntegerField(
        _("staff who signed the proposal"), null=True, blank=True
    )
    staff_at_proposal = models.PositiveIntegerField(
        _("total staff when proposed"), validators=[MinValueValidator(1)]
    )
    proposed_on = models.DateField(_("proposed on"))
    status = models.CharField(
        pgettext_lazy("staff matter", "status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PROPOSED,
        db_index=True,
    )
    method = models.CharField(
        _("how it was decided"), max_length=20, choices=Method.choices, blank=True
    )
    conference = models.ForeignKey(
        StaffConference,
        on_delete=models.PROTECT,
        related_name="matters",
        null=True,
        blank=True,
        verbose_name=_("staff conference"),
    )
    ballot_reason = models.CharField(
        _("why a written ballot"), max_length=20, choices=BallotReason.choices, blank=True
    )
    ballot_base = models.CharField(
        _("a written ballot passes with"), max_length=20, choices=BallotBase.choices, blank=True
    )
    voters = models.PositiveIntegerField(
        _("counted over"),
        null=True,
        blank=True,
        help_text=_("Those present at the conference, or all staff for a written ballot."),
    )
    approve = models.PositiveIntegerField(
        pgettext_lazy("staff vote", "approve"), null=True, blank=True
    )
    disagree = models.PositiveIntegerField(
        pgettext_lazy("staff vote", "disagree"), null=True, blank=True
    )
    abstain = models.PositiveIntegerField(
        pgettext_lazy("staff vote", "abstain"), null=True, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("matter staff decide")
        verbose_name_plural = _("matters staff decide")
        ordering = ("-proposed_on", "-created_at")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "title", "proposed_on"],
                name="democracy_staff_matter_once",
                violation_error_message=_("This matter was already proposed on that date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        return self.agency


class ResolutionCheck(BaseModel):
    """One six-monthly check of the conference resolution by the head and the union (Art 52)."""

    conference = models.ForeignKey(
        StaffConference,
        on_delete=models.CASCADE,
        related_name="checks",
        verbose_name=_("staff conference"),
    )
    period = models.PositiveSmallIntegerField(
        _("six-month period"),
        validators=[MinValueValidator(1), MaxValueValidator(CHECKS_PER_RESOLUTION)],
    )
    checked_on = models.DateField(_("checked on"))
    findings = models.TextField(_("findings"))
    staff_informed_on = models.DateField(_("staff informed on"), null=True, blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("check of the conference resolution")
        verbose_name_plural = _("checks of the conference resolution")
        ordering = ("period",)
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "period"],
                name="democracy_one_resolution_check_a_period",
                violation_error_message=_("This period has already been checked."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conference} — {self.period}"

    @property
    def unit(self) -> Unit:
        return self.conference.agency


class StaffConsultationLink(BaseModel):
    """An Art 53 matter put to the staff through an internal consultation."""

    class Item(models.TextChoices):
        POLICY_MEASURES = "policy_measures", _("Measures implementing Party and State policies")
        WORK_PLAN = "work_plan", _("The annual work plan")
        EMULATION = "emulation", _("Emulation movements")
        REVIEW_REPORTS = "review_reports", _("Review reports")
        REFORMS = (
            "reforms",
            _(
                "Organisational and work-style reforms; anti-corruption, thrift and "
                "anti-bureaucracy measures"
            ),
        )
        STAFFING_PLANS = "staffing_plans", _("Recruitment, training and appointment plans")
        ENTITLEMENTS = "entitlements", _("Staff entitlements")
        DEMOCRACY_REGULATION = "democracy_regulation", _("The draft democracy regulation")
        SPENDING_RULES = "spending_rules", _("The draft internal spending rules")
        INTERNAL_RULES = "internal_rules", _("Other internal rules")
        OTHER = "other", _("Other matters")

    agency = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": AGENCY_KINDS},
        verbose_name=_("agency or public service unit"),
    )
    consultation = models.OneToOneField(
        Consultation,
        on_delete=models.PROTECT,
        related_name="staff_matter",
        verbose_name=_("consultation"),
    )
    item = models.CharField(_("matter (Article 53)"), max_length=30, choices=Item.choices)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("matter staff comment on")
        verbose_name_plural = _("matters staff comment on")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return str(self.consultation)

    @property
    def unit(self) -> Unit:
        return self.agency
