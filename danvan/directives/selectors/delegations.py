"""Reads of the delegations area, and who may see what.

A delegation's pages (plan, sessions, minutes, findings, final report) are for those who
manage its organising unit (``directives.manage``). An inspected unit sees ONLY the
recommendations made to it (``directives.act_for_unit`` on the recommendation's unit): not
the delegation's other findings, not the recommendations to the other units it visited.
Anything else gets the same 404 as something that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.core.access import get_object_for_user_or_404
from danvan.directives.models import (
    Delegation,
    Directive,
    Document,
    Recommendation,
    WorkingSession,
)
from danvan.directives.selectors.monitoring import Scope, under
from danvan.units.models import Unit
from danvan.units.predicates import held_roles

MANAGE = "directives.manage"
ACT = "directives.act_for_unit"
MANAGER_ROLES = frozenset({"commission_staff", "head"})
CHOICE_LIMIT = 2000
OPEN_STATUSES = (
    Recommendation.Status.OPEN,
    Recommendation.Status.IN_PROGRESS,
    Recommendation.Status.REPORTED_DONE,
)


def delegations_visible(scope: Scope) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(under("unit__path", scope.remits))
        .select_related("unit")
        .annotate(
            open_recommendations=Count(
                "recommendations",
                filter=Q(recommendations__status__in=OPEN_STATUSES),
            )
        )
        .order_by("-starts_on", "-pk")
    )


def delegation_for_manager_or_404(user: Any, pk: int) -> Delegation:
    return get_object_for_user_or_404(
        Delegation.objects.select_related("unit", "subject_document", "directive"),
        allowed=lambda delegation: user.has_perm(MANAGE, delegation),
        pk=pk,
    )


def session_for_manager_or_404(user: Any, delegation_pk: int, pk: int) -> WorkingSession:
    return get_object_for_user_or_404(
        WorkingSession.objects.select_related("delegation", "delegation__unit", "unit"),
        allowed=lambda session: user.has_perm(MANAGE, session.delegation),
        pk=pk,
        delegation_id=delegation_pk,
    )


def recommendations_visible(scope: Scope) -> QuerySet[Recommendation]:
    """Recommendations of delegations the person manages, and those made to their units."""
    return (
        Recommendation.objects.filter(
            under("delegation__unit__path", scope.remits) | Q(unit_id__in=scope.own_unit_ids)
        )
        .select_related("delegation", "unit")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class RecommendationAccess:
    recommendation: Recommendation
    manager: bool  # may check it (confirm done, send back)
    unit: bool  # may report progress on it


def recommendation_for_user_or_404(user: Any, pk: int) -> RecommendationAccess:
    recommendation = get_object_for_user_or_404(
        Recommendation.objects.select_related("delegation", "delegation__unit", "unit", "finding"),
        allowed=lambda r: user.has_perm(MANAGE, r.delegation) or user.has_perm(ACT, r),
        pk=pk,
    )
    return RecommendationAccess(
        recommendation,
        manager=user.has_perm(MANAGE, recommendation.delegation),
        unit=user.has_perm(ACT, recommendation),
    )


def is_overdue(recommendation: Recommendation, today: dt.date) -> bool:
    return (
        recommendation.due_on is not None
        and recommendation.due_on < today
        and recommendation.status != Recommendation.Status.DONE
    )


# --------------------------------------------------------------------------- form choices


def organiser_choices(user: Any) -> list[Unit]:
    """Units the person may organise a delegation for (where they are staff or head)."""
    ids = {h.unit_id for h in held_roles(user) if h.role in MANAGER_ROLES}
    return [u for u in Unit.objects.filter(pk__in=ids).order_by("name") if user.has_perm(MANAGE, u)]


def visit_choices(scope: Scope) -> list[tuple[int, str]]:
    """Units the person may visit: the units of the places they direct (bodies first)."""
    return list(
        Unit.objects.filter(under("path", scope.remits), is_active=True)
        .order_by("path")
        .values_list("pk", "name")[:CHOICE_LIMIT]
    )


def directive_choices(scope: Scope) -> list[tuple[int, str]]:
    return list(
        Directive.objects.filter(under("unit__path", scope.remits))
        .exclude(status=Directive.Status.DRAFT)
        .order_by("title")
        .values_list("pk", "title")[:CHOICE_LIMIT]
    )


def fold_symbol(text: str) -> str:
    """The register's matching key: Đ→D (and the look-alike Ð), dashes, no spaces, capitals."""
    folded = text.strip()
    for prefix in ("Số:", "Số", "số"):
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
    for dash in ("–", "—", "−"):
        folded = folded.replace(dash, "-")
    folded = folded.replace("Đ", "D").replace("đ", "d").replace("Ð", "D").replace("ð", "d")
    return "".join(folded.split()).upper()


def document_by_symbol(symbol: str) -> Document | None:
    """The registered document with this number and symbol (the latest, if the number
    repeats across years or terms)."""
    key = fold_symbol(symbol)
    if not key:
        return None
    return Document.objects.filter(symbol_key=key).order_by("-issued_on", "-pk").first()
