"""Reads of residents' supervision: boards with their flags, activities, recommendations,
and the access checks of the pages (the same 404 for missing and not allowed).

A commune's boards are managed by the commune's officers (``democracy.manage``); an
agency's People's Inspection Board by the agency's managers (``democracy.manage_agency``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.models.supervision import (
    BoardMember,
    SupervisionActivity,
    SupervisionBoard,
    SupervisionPlan,
    SupervisionRecommendation,
)
from danvan.democracy.selectors.households import manages, villages_of
from danvan.units.models import Unit

# Arts 36 and 42: at least 5 members; a commune's inspection board has one per village.
MIN_MEMBERS = 5
AGENCY_KINDS = (
    Unit.Kind.MINISTRY,
    Unit.Kind.DEPARTMENT,
    Unit.Kind.PEOPLES_COMMITTEE,
    Unit.Kind.PUBLIC_UNIT,
)


def today() -> dt.date:
    return timezone.localdate()


def units_managed(user: Any) -> list[Unit]:
    """The communes whose boards and dialogues this person manages, then the agencies where
    they hold a managing role (an agency's own inspection board and staff dialogues)."""
    from danvan.democracy.selectors.households import communes_managed
    from danvan.units.models import RoleAssignment

    communes = communes_managed(user)
    if not user.is_authenticated:
        return communes
    agencies = Unit.objects.filter(
        pk__in=RoleAssignment.objects.filter(
            user=user, is_active=True, unit__kind__in=AGENCY_KINDS
        ).values("unit_id")
    ).order_by("name")
    return communes + [a for a in agencies if manages(user, a) and a not in communes]


def unit_for_manager_or_404(user: Any, pk: int) -> Unit:
    """A commune or an agency whose boards this person manages."""
    return get_object_for_user_or_404(
        Unit.objects.filter(kind__in=(*Unit.COMMUNE_KINDS, *AGENCY_KINDS)),
        allowed=lambda u: manages(user, u),
        pk=pk,
    )


def board_for_manager_or_404(user: Any, pk: int) -> SupervisionBoard:
    return get_object_for_user_or_404(
        SupervisionBoard.objects.select_related("unit"),
        allowed=lambda b: manages(user, b.unit),
        pk=pk,
    )


def member_for_manager_or_404(user: Any, pk: int) -> BoardMember:
    return get_object_for_user_or_404(
        BoardMember.objects.select_related("board__unit"),
        allowed=lambda m: manages(user, m.board.unit),
        pk=pk,
    )


def plan_for_manager_or_404(user: Any, pk: int) -> SupervisionPlan:
    return get_object_for_user_or_404(
        SupervisionPlan.objects.select_related("board__unit"),
        allowed=lambda p: manages(user, p.board.unit),
        pk=pk,
    )


def activity_for_manager_or_404(user: Any, pk: int) -> SupervisionActivity:
    return get_object_for_user_or_404(
        SupervisionActivity.objects.select_related("plan__board__unit"),
        allowed=lambda a: manages(user, a.plan.board.unit),
        pk=pk,
    )


def recommendation_for_manager_or_404(user: Any, pk: int) -> SupervisionRecommendation:
    return get_object_for_user_or_404(
        SupervisionRecommendation.objects.select_related("activity__plan__board__unit"),
        allowed=lambda r: manages(user, r.activity.plan.board.unit),
        pk=pk,
    )


# --------------------------------------------------------------------------- boards


def boards_of(unit: Unit) -> QuerySet[SupervisionBoard]:
    return SupervisionBoard.objects.filter(unit=unit).select_related("unit")


def current_members(board: SupervisionBoard, on: dt.date | None = None) -> QuerySet[BoardMember]:
    """The members serving on ``on`` (today by default)."""
    day = on or today()
    return (
        board.members.filter(from_date__lte=day)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=day))
        .select_related("village")
    )


ROLE_RANK: dict[str, int] = {
    BoardMember.Role.HEAD: 0,
    BoardMember.Role.DEPUTY: 1,
    BoardMember.Role.MEMBER: 2,
}


def members_of(board: SupervisionBoard) -> list[BoardMember]:
    """Everyone who served on the board: those still serving first, head, deputies, then
    members, by name."""
    members = board.members.select_related("village", "account")
    return sorted(
        members,
        key=lambda m: (m.to_date is not None, ROLE_RANK.get(m.role, 9), m.full_name),
    )


def minimum_members(board: SupervisionBoard) -> int | None:
    """The legal minimum size: a commune's inspection board has one member per village and
    at least 5 (Art 37); an investment board at least 5 (Art 42). DOMAIN.md gives no
    number for an agency's board, so none is checked there."""
    if board.kind == SupervisionBoard.Kind.INVESTMENT:
        return MIN_MEMBERS
    if board.is_for_commune:
        return max(MIN_MEMBERS, villages_of(board.unit).count())
    return None


@dataclass
class BoardState:
    """A board with what needs attention on a given day."""

    board: SupervisionBoard
    member_count: int
    minimum: int | None
    flags: list[Promise] = field(default_factory=list)

    @property
    def is_active(self) -> bool:
        return not self.board.dissolved_on


def board_state(board: SupervisionBoard, on: dt.date | None = None) -> BoardState:
    day = on or today()
    count = current_members(board, day).count()
    minimum = minimum_members(board)
    state = BoardState(board=board, member_count=count, minimum=minimum)
    if board.dissolved_on is not None and board.dissolved_on <= day:
        state.flags.append(_("Dissolved"))
        return state
    if minimum is not None and count < minimum:
        state.flags.append(_("Fewer members than the legal minimum"))
    if board.term_end is not None and board.term_end < day:
        state.flags.append(_("Term ended: elect a new board"))
    return state


def board_states(unit: Unit, on: dt.date | None = None) -> list[BoardState]:
    return [board_state(board, on) for board in boards_of(unit)]


# --------------------------------------------------------------- activities and answers


def notice_is_late(activity: SupervisionActivity, on: dt.date | None = None) -> bool:
    """The plan went (or, not sent yet, can no longer go) out in time."""
    if activity.notice_sent_on is not None:
        return activity.notice_sent_on > activity.notice_due_on
    return (on or today()) > activity.notice_due_on


def answer_is_overdue(recommendation: SupervisionRecommendation, on: dt.date | None = None) -> bool:
    """Not answered by its deadline (answered late counts too: the flag stays visible)."""
    if recommendation.answered_on is not None:
        return recommendation.answered_on > recommendation.answer_due_on
    return (on or today()) > recommendation.answer_due_on


def recommendations_of(unit: Unit) -> QuerySet[SupervisionRecommendation]:
    return SupervisionRecommendation.objects.filter(
        activity__plan__board__unit=unit
    ).select_related("activity__plan__board")


def overdue_recommendations(
    unit: Unit, on: dt.date | None = None
) -> list[SupervisionRecommendation]:
    """Recommendations the commune has not answered past their deadline."""
    day = on or today()
    return list(
        recommendations_of(unit)
        .filter(answered_on__isnull=True, answer_due_on__lt=day)
        .order_by("answer_due_on", "pk")
    )


def activities_of(plan: SupervisionPlan) -> QuerySet[SupervisionActivity]:
    return plan.activities.prefetch_related("findings", "recommendations")
