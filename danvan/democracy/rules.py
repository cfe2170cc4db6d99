"""Who may do what in grassroots democracy (django-rules; docs/permissions.md has the table).

Targets are Units (a commune, a village) or objects with a ``unit``. Roles reach their unit
and every unit below it, so the commune's People's Committee staff (attached under the
commune) act for the commune's villages through the commune place: the commune's officers
hold their roles in the People's Committee, whose place is the commune.

- ``democracy.manage``: heads, handlers and commission staff of the commune's bodies (or of
  a unit above) — keep the household register, prepare votes, record results.
"""

from typing import Any

from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
from danvan.units.predicates import add_perm, held_roles, is_active_person, predicate, unit_of

Role = RoleAssignment.Role
MANAGER_ROLES = frozenset({Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.ADMINISTRATOR})


def _place_path(path: str, kinds: dict[str, str]) -> str:
    """The path of the place a body serves (the body itself when it is a place)."""
    parts = path.split(PATH_SEPARATOR)
    for depth in range(len(parts), 0, -1):
        if kinds.get(parts[depth - 1]) in Unit.PLACE_KINDS:
            return PATH_SEPARATOR.join(parts[:depth])
    return path


@predicate
def serves_target_place(user: Any, target: Any) -> bool:
    """A manager role in a body of the target's place (or of a place above it)."""
    unit = unit_of(target)
    if unit is None:
        return False
    held = [h for h in held_roles(user) if h.role in MANAGER_ROLES]
    if not held:
        return False
    codes = {c for h in held for c in h.unit_path.split(PATH_SEPARATOR)}
    kinds = dict(Unit.objects.filter(code__in=codes).values_list("code", "kind"))
    for h in held:
        place = _place_path(h.unit_path, kinds)
        if unit.path == place or unit.path.startswith(place + PATH_SEPARATOR):
            return True
    return False


add_perm("democracy.manage", is_active_person & serves_target_place)
