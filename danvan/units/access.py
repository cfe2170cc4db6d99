"""Access to units and role assignments: the same 404 for "missing" and "not yours".

Telling the two apart would let anyone probe which unit codes or assignment ids exist.
"""

from typing import Any

from danvan.core.access import get_object_for_user_or_404
from danvan.units.models import RoleAssignment, Unit


def access_unit_for_user(user: Any, *, code: str, perm: str = "units.view_unit") -> Unit:
    """Return the unit ``code`` if ``user`` has ``perm`` on it; otherwise raise ``Http404``.

    Inactive units (abolished places, dissolved bodies) are shown to administrators only.
    """
    return get_object_for_user_or_404(
        Unit.objects.select_related("parent"),
        allowed=lambda unit: (
            (unit.is_active or user.has_perm("units.change_unit", unit))
            and user.has_perm(perm, unit)
        ),
        code=code,
    )


def access_role_assignment_for_owner(user: Any, *, assignment_id: object) -> RoleAssignment:
    """Return one of ``user``'s own active assignments (the unit switcher); else ``Http404``."""
    return get_object_for_user_or_404(
        RoleAssignment.objects.select_related("unit"),
        allowed=lambda assignment: (
            getattr(user, "is_authenticated", False)
            and assignment.user_id == user.pk
            and assignment.is_active
            and assignment.unit.is_active
        ),
        pk=assignment_id,
    )
