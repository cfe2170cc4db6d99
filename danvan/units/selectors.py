"""Reads about units, people and roles."""

from collections.abc import Collection
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit


def unit_get_by_code(*, code: str) -> Unit | None:
    return Unit.objects.filter(code=code).select_related("parent").first()


def unit_list_children(
    *, unit: Unit, kinds: Collection[str] | None = None, active_only: bool = True
) -> QuerySet[Unit]:
    """The units directly under ``unit``, in the official order (by code)."""
    queryset = Unit.objects.filter(parent=unit)
    if kinds is not None:
        queryset = queryset.filter(kind__in=kinds)
    if active_only:
        queryset = queryset.filter(is_active=True)
    return queryset.order_by("path")


def unit_subtree(
    *,
    unit: Unit,
    include_self: bool = True,
    kinds: Collection[str] | None = None,
    active_only: bool = False,
) -> QuerySet[Unit]:
    """``unit`` and everything below it, at any depth, parents before children.

    One indexed prefix query on ``path``, however deep the tree.
    """
    below = Q(path__startswith=unit.path + PATH_SEPARATOR)
    queryset = Unit.objects.filter(below | Q(pk=unit.pk) if include_self else below)
    if kinds is not None:
        queryset = queryset.filter(kind__in=kinds)
    if active_only:
        queryset = queryset.filter(is_active=True)
    return queryset.order_by("path")


def unit_ancestors(*, unit: Unit, include_self: bool = False) -> QuerySet[Unit]:
    """The units above ``unit``, from the root down (read from its path, one query)."""
    codes = unit.path.split(PATH_SEPARATOR)
    if not include_self:
        codes = codes[:-1]
    return Unit.objects.filter(code__in=codes).order_by("path")


def unit_search(
    *,
    query: str,
    kinds: Collection[str] | None = None,
    within: Unit | None = None,
    active_only: bool = True,
    limit: int = 20,
) -> list[Unit]:
    """Find units by name, ignoring diacritics and case ("phu dong" finds "Xã Phù Đổng").

    Every word must appear in the name; names that start with the query come first. A
    query of digits also matches the official administrative code exactly.
    """
    folded = fold_for_search(query)
    if not folded:
        return []
    by_words = Q()
    for word in folded.split():
        by_words &= Q(search_name__contains=word)
    matches = by_words | Q(admin_code=folded) if folded.isdigit() else by_words
    queryset = Unit.objects.filter(matches)
    if kinds is not None:
        queryset = queryset.filter(kind__in=kinds)
    if within is not None:
        queryset = queryset.filter(
            Q(pk=within.pk) | Q(path__startswith=within.path + PATH_SEPARATOR)
        )
    if active_only:
        queryset = queryset.filter(is_active=True)
    ranked = queryset.annotate(
        rank=Case(
            When(admin_code=folded, then=Value(0)),
            When(search_name=folded, then=Value(1)),
            When(search_name__startswith=folded, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
    return list(ranked.select_related("parent").order_by("rank", "search_name", "path")[:limit])


def role_assignment_list_for_user(*, user: Any) -> QuerySet[RoleAssignment]:
    """Return the user's active role assignments, units preloaded, in a stable order."""
    return (
        RoleAssignment.objects.filter(user=user, is_active=True, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


def role_assignment_list_history_for_user(*, user: Any) -> QuerySet[RoleAssignment]:
    """Roles the user no longer holds (revoked, or in a unit that was closed)."""
    return (
        RoleAssignment.objects.filter(user=user)
        .filter(Q(is_active=False) | Q(unit__is_active=False))
        .select_related("unit")
        .order_by("-updated_at")
    )


def role_assignment_list_for_unit(*, unit: Unit) -> QuerySet[RoleAssignment]:
    """Who holds which active role in ``unit`` itself."""
    return (
        RoleAssignment.objects.filter(unit=unit, is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )


def role_assignment_get_active(
    *, user: Any, chosen_id: object, assignments: list[RoleAssignment] | None = None
) -> RoleAssignment | None:
    """Return the role the user chose in the switcher, or their first role, or ``None``.

    ``assignments``, when given, is the user's list already read for this request.
    """
    if assignments is None:
        assignments = list(role_assignment_list_for_user(user=user))
    for assignment in assignments:
        if str(assignment.pk) == str(chosen_id):
            return assignment
    return assignments[0] if assignments else None
