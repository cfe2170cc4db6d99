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

from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
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
AGENCY_MANAGER_ROLES = frozenset({Role.HEAD, Role.HANDLER, Role.ADMINISTRATOR})


def _commune_path(unit: Unit) -> str | None:
    """The path of the commune a commune or village target belongs to (None otherwise)."""
    if unit.kind in Unit.COMMUNE_KINDS:
        return unit.path
    if unit.kind == Unit.Kind.VILLAGE and PATH_SEPARATOR in unit.path:
        return unit.path.rsplit(PATH_SEPARATOR, 1)[0]
    return None


def _manages_agency(user: Any, unit: Unit) -> bool:
    return any(
        h.role in AGENCY_MANAGER_ROLES and path_covers(h.unit_path, unit) for h in held_roles(user)
    )


@predicate
def serves_target_place(user: Any, target: Any) -> bool:
    """For a commune or one of its villages: a manager role in a body serving that commune
    (its People's Committee, Party committee, Fatherland Front), or an administrator of a
    place above it. A provincial department or commission does not keep a commune's
    register or record its votes. For an agency (its disclosure register): the agency's
    own managers, as ``democracy.manage_agency``."""
    unit = unit_of(target)
    if unit is None:
        return False
    commune = _commune_path(unit)
    if commune is None:
        return _manages_agency(user, unit)
    held = [h for h in held_roles(user) if h.role in MANAGER_ROLES]
    if not held:
        return False
    served = places_served({h.unit_path for h in held})
    for h in held:
        place = served[h.unit_path][1]
        if place == commune or (h.role == Role.ADMINISTRATOR and path_covers(place, unit)):
            return True
    return False


add_perm("democracy.manage", is_active_person & serves_target_place)


@predicate
def manages_agency(user: Any, target: Any) -> bool:
    """A head, handler or administrator role in the agency itself or in a unit above it."""
    unit = unit_of(target)
    return unit is not None and _manages_agency(user, unit)


add_perm("democracy.manage_agency", is_active_person & manages_agency)
