"""Named role predicates for the audit log (django-rules)."""

from typing import Any

from rules.predicates import Predicate

from danvan.units.models import RoleAssignment


def _holds_administrator_role(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return RoleAssignment.objects.filter(
        user=user,
        role=RoleAssignment.Role.ADMINISTRATOR,
        is_active=True,
        unit__is_active=True,
    ).exists()


is_administrator = Predicate(_holds_administrator_role, name="is_administrator")
"""True for a person holding an active administrator role in an active unit."""
