"""Reads about units, people and roles."""

from typing import Any

from django.db.models import QuerySet

from danvan.units.models import RoleAssignment


def role_assignment_list_for_user(*, user: Any) -> QuerySet[RoleAssignment]:
    """Return the user's active role assignments, units preloaded, in a stable order."""
    return (
        RoleAssignment.objects.filter(user=user, is_active=True, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


def role_assignment_get_active(*, user: Any, chosen_id: object) -> RoleAssignment | None:
    """Return the role the user chose in the switcher, or their first role, or ``None``."""
    assignments = list(role_assignment_list_for_user(user=user))
    for assignment in assignments:
        if str(assignment.pk) == str(chosen_id):
            return assignment
    return assignments[0] if assignments else None
