"""Residents' inspection and supervision ("dân kiểm tra, giám sát", Law 10/2022 Arts 30–45).

Two kinds of board watch over the commune (or, for People's Inspection Boards, over an
agency, Arts 60–63):

* the People's Inspection Board of a commune (Arts 36–40): one member elected per village,
  at least 5, for the village head's term, directed by the commune Front;
* the Community Investment Supervision Board (Arts 41–45): one per programme or project,
  at least 5 members from the Front, the Inspection Board and the affected villages,
  dissolved when the project ends.

Members must not be commune or village staff (and, on an investment board, have no
relatives among those who decide, invest, advise or build): checked against the accounts we
know, declared for the rest. A board plans its activities; each activity's plan must reach
the commune at least 5 working days before it (ND 59/2023 Art 14, deadline rule
``inspection_plan_notice``); findings lead to recommendations, and the commune answers each
within the rule ``inspection_recommendation_answer`` (15 days by default [U]).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.units.models import Unit

__all__ = [
    "BoardMember",
    "SupervisionActivity",
    "SupervisionBoard",
    "SupervisionFinding",
    "SupervisionPlan",
    "SupervisionRecommendation",
]


class SupervisionBoard(BaseModel):
    """A People's Inspection Board (of a commune or an agency) or an investment board."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("People's Inspection Board")
        INVESTMENT = "investment", _("Community Investment Supervision Board")

    kind = models.CharField(_("kind of board"), max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune or agency"),
    )
    name = models.CharField(_("name of the board"), max_length=255)
    project = models.CharField(
        _("programme or project"),
        max_length=255,
        blank=True,
        help_text=_("For an investment supervision board: the programme or project it watches."),
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(
        _("term ends"),
        null=True,
        blank=True,
        help_text=_(
            "A commune's People's Inspection Board serves the village head's term: 5 years "
            "by default (Decree 185/2026, not yet verified); change the date if the term "
            "in force differs. Leave empty for an investment board, which serves until its "
            "project ends."
        ),
    )
    dissolved_on = models.DateField(
        _("dissolved on"),
        null=True,
        blank=True,
        help_text=_("An investment supervision board is dissolved when its project ends."),
    )
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("supervision board")
        verbose_name_plural = _("supervision boards")
        ordering = ("unit", "kind", "-term_start")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "kind", "name", "term_start"),
                name="democracy_board_unique_name_term",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_for_commune(self) -> bool:
        """A board of a commune (ward, special zone), not of an agency."""
        return self.unit.kind in Unit.COMMUNE_KINDS


class BoardMember(BaseModel):
    """One person on a board for a period (elected, replaced, resigned)."""

    class Role(models.TextChoices):
        HEAD = "head", pgettext_lazy("board member", "Head")
        DEPUTY = "deputy", pgettext_lazy("board member", "Deputy head")
        MEMBER = "member", pgettext_lazy("board member", "Member")

    board = models.ForeignKey(
        SupervisionBoard,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("board"),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": Unit.Kind.VILLAGE},
        verbose_name=_("village or residential group"),
    )
    role = models.CharField(
        pgettext_lazy("board member", "role on the board"),
        max_length=8,
        choices=Role.choices,
        default=Role.MEMBER,
    )
    from_date = models.DateField(pgettext_lazy("board member", "serves from"))
    to_date = models.DateField(pgettext_lazy("board member", "serves until"), null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("account"),
        help_text=_("Optional. With an account, the system checks the person holds no staff role."),
    )
    declared_not_staff = models.BooleanField(
        _("declared not to be commune or village staff"), default=False
    )
    declared_no_relatives = models.BooleanField(
        _(
            "declared to have no relatives among the decision-maker, investor, consultants or "
            "contractors"
        ),
        default=False,
    )
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ("board", "role", "full_name")
        constraints = [
            models.UniqueConstraint(
                fields=("board", "full_name", "from_date"),
                name="democracy_board_member_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def unit(self) -> Unit:
        return self.board.unit


class SupervisionPlan(BaseModel):
    """A board's plan (for a year, a quarter, a matter) grouping its activities."""

    board = models.ForeignKey(
        SupervisionBoard, on_delete=models.CASCADE, related_name="plans", verbose_name=_("board")
    )
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"), blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("supervision plan")
        verbose_name_plural = _("supervision plans")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("board", "title"), name="democracy_supervision_plan_unique_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        return self.board.unit


class SupervisionActivity(BaseModel):
    """One inspection or supervision activity; its plan is due at the commune beforehand."""

    plan = models.ForeignKey(
        SupervisionPlan,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("plan"),
    )
    subject = models.CharField(_("what is inspected or supervised"), max_length=255)
    place = models.CharField(_("place"), max_length=255, blank=True)
    starts_on = models.DateField(_("activity date"))
    notice_due_on = models.DateField(
        _("plan to be sent by"),
        help_text=_(
            "At least 5 working days before the activity (Decree 59/2023, Art 14), "
            "computed with the legal calendar."
        ),
    )
    notice_sent_on = models.DateField(_("plan sent on"), null=True, blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("supervision activity")
        verbose_name_plural = _("supervision activities")
        ordering = ("starts_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "subject", "starts_on"),
                name="democracy_supervision_activity_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def unit(self) -> Unit:
        return self.plan.board.unit


class SupervisionFinding(BaseModel):
    """What the board found during an activity."""

    activity = models.ForeignKey(
        SupervisionActivity,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("activity"),
    )
    content = models.TextField(pgettext_lazy("supervision", "finding"))
    recorded_on = models.DateField(_("recorded on"))
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("supervision finding")
        verbose_name_plural = _("supervision findings")
        ordering = ("recorded_on", "pk")

    def __str__(self) -> str:
        return self.content[:80]


class SupervisionRecommendation(BaseModel):
    """A recommendation sent to the commune, which must answer it within the deadline."""

    activity = models.ForeignKey(
        SupervisionActivity,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("activity"),
    )
    content = models.TextField(pgettext_lazy("supervision", "recommendation"))
    sent_on = models.DateField(_("sent to the commune on"))
    answer_due_on = models.DateField(
        _("answer due by"),
        help_text=_(
            "15 days after the commune receives it by default: the legal period is not yet "
            "verified, administrators can change it (rule inspection_recommendation_answer)."
        ),
    )
    answer = models.TextField(_("the commune's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = by_user(_("answer recorded by"))
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("supervision recommendation")
        verbose_name_plural = _("supervision recommendations")
        ordering = ("sent_on", "pk")

    def __str__(self) -> str:
        return self.content[:80]
