"""Who may do what with directives (django-rules; docs/permissions.md has the table).

Targets are Units or objects with a ``unit`` attribute (a directive's managing unit, a
report's unit, a delegation's organising unit).

- ``directives.manage``: commission staff and heads who direct the target's place. A Party
  committee, its commissions and a People's Committee direct every unit of the place they
  serve: the provincial commission for propaganda and mass mobilisation hangs under the
  Tỉnh ủy, which hangs under the province, and it follows the work of every commune and
  department of that province (its "remit" is the province's subtree). Any other body
  (a department, a public service unit) directs only its own subtree. They register
  documents, split directives into tasks, ask for reports and review them, send urging
  letters and run delegations.
- ``directives.act_for_unit``: a staff role in the unit itself (not above, not below) —
  update the unit's own task assignments, fill and submit its own reports, report on the
  recommendations made to it. A unit sees only its own tasks and reports.
- ``directives.read_register``: any active staff member (documents are public instruments).
"""

from typing import Any

from danvan.units.models import RoleAssignment, Unit
from danvan.units.predicates import (
    add_perm,
    has_role_anywhere,
    held_roles,
    is_active_person,
    is_role_in_unit,
    path_covers,
    places_served,
    predicate,
    unit_of,
)

Role = RoleAssignment.Role
MANAGER_ROLES = frozenset({Role.COMMISSION_STAFF, Role.HEAD})
# Roles the home page's directives panel is shown to (it then shows what the role may do).
STAFF_PANEL_ROLES = frozenset(
    {Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.RECEPTION_OFFICER}
)
# Bodies whose remit is the whole place they serve, not only their own subtree.
DIRECTING_KINDS = frozenset(
    {Unit.Kind.PARTY_COMMITTEE, Unit.Kind.PARTY_COMMISSION, Unit.Kind.PEOPLES_COMMITTEE}
)
_REMIT_CACHE = "_danvan_directives_remits"


def manager_remits(user: Any) -> tuple[str, ...]:
    """Tree paths the person directs as commission staff or head (cached on the user)."""
    cached: tuple[str, ...] | None = getattr(user, _REMIT_CACHE, None)
    if cached is not None:
        return cached
    held = [h for h in held_roles(user) if h.role in MANAGER_ROLES]
    served = places_served({h.unit_path for h in held})
    remits: list[str] = []
    for h in held:
        kind, place = served[h.unit_path]
        remits.append(place if kind in DIRECTING_KINDS else h.unit_path)
    result = tuple(remits)
    setattr(user, _REMIT_CACHE, result)
    return result


covers = path_covers


@predicate
def directs_target(user: Any, target: Any) -> bool:
    unit = unit_of(target)
    return unit is not None and any(covers(remit, unit) for remit in manager_remits(user))


is_unit_staff = (
    is_role_in_unit(Role.HEAD)
    | is_role_in_unit(Role.HANDLER)
    | is_role_in_unit(Role.COMMISSION_STAFF)
    | is_role_in_unit(Role.RECEPTION_OFFICER)
)
is_staff_anywhere = (
    has_role_anywhere(Role.HEAD)
    | has_role_anywhere(Role.HANDLER)
    | has_role_anywhere(Role.COMMISSION_STAFF)
    | has_role_anywhere(Role.RECEPTION_OFFICER)
    | has_role_anywhere(Role.ADMINISTRATOR)
)

add_perm("directives.manage", is_active_person & directs_target)
add_perm("directives.act_for_unit", is_active_person & is_unit_staff)
add_perm("directives.read_register", is_active_person & is_staff_anywhere)
