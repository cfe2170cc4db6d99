"""Who may do what in grassroots democracy (django-rules; docs/permissions.md has the table).

Targets are Units (a commune, a village) or objects with a ``unit``. Roles reach their unit
and every unit below it, so the commune's People's Committee staff (attached under the
commune) act for the commune's villages through the commune place: the commune's officers
hold their roles in the People's Committee, whose place is the commune.

- ``democracy.manage``: heads, handlers and commission staff of the commune's bodies (or of
  a unit above) — keep the household register, prepare votes, record results.
- ``democracy.manage_agency``: the head, handlers and administrators of a State agency or
  public service unit (or of a unit above it) — its staff conference, the matters its staff
  decide and comment on (Chapter III).
"""

from typing import Any

from danvan.units.models import RoleAssignment
from danvan.units.predicates import (
    add_perm,
    held_roles,
    is_active_person,
    path_covers,
    places_served,
    predicate,
    unit_of,
)

Role = RoleAssignment.Role
MANAGER_ROLES = frozenset({Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.ADMINISTRATOR})


@predicate
def serves_target_place(user: Any, target: Any) -> bool:
    """A manager role in a body of the target's place (or of a place above it)."""
    unit = unit_of(target)
    if unit is None:
        return False
    paths = {h.unit_path for h in held_roles(user) if h.role in MANAGER_ROLES}
    if not paths:
        return False
    return any(path_covers(place, unit) for _kind, place in places_served(paths).values())


add_perm("democracy.manage", is_active_person & serves_target_place)


AGENCY_MANAGER_ROLES = frozenset({Role.HEAD, Role.HANDLER, Role.ADMINISTRATOR})


@predicate
def manages_agency(user: Any, target: Any) -> bool:
    """A head, handler or administrator role in the agency itself or in a unit above it."""
    unit = unit_of(target)
    if unit is None:
        return False
    return any(
        h.role in AGENCY_MANAGER_ROLES and path_covers(h.unit_path, unit) for h in held_roles(user)
    )


add_perm("democracy.manage_agency", is_active_person & manages_agency)
