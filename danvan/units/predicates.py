"""Named role predicates (django-rules) used by every app's ``rules.py``.

A predicate receives the person and, usually, a target: a ``Unit`` or any object with a
``unit`` attribute (a petition, a disclosure, a role assignment). Predicates consider every
active role the person holds in an active unit, not only the one chosen in the unit
switcher: the switcher picks the working context, not the limits of what one may do.

"In the unit or an ancestor" follows the tree downwards: an administrator or a commission
officer of a province acts for every commune of that province; a head of a commune does not
act for the province. The person's roles are read once per user object (that is, once per
request) and kept on it; services that change roles drop that copy.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, cast

from rules import permissions as rules_permissions
from rules import predicates as rules_predicates
from rules.predicates import Predicate

from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit

Role = RoleAssignment.Role

# django-rules is not annotated; these typed names are what the apps' rules.py use.
predicate = cast(Callable[[Callable[..., bool]], Predicate], rules_predicates.predicate)
add_perm = cast(Callable[[str, Predicate], None], rules_permissions.add_perm)
_CACHE_ATTRIBUTE = "_danvan_held_roles"


@dataclass(frozen=True)
class HeldRole:
    role: str
    unit_id: int
    unit_path: str


def held_roles(user: Any) -> tuple[HeldRole, ...]:
    """The person's active roles in active units (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return ()
    cached: tuple[HeldRole, ...] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = tuple(
            HeldRole(role, unit_id, path)
            for role, unit_id, path in RoleAssignment.objects.filter(
                user=user, is_active=True, unit__is_active=True
            ).values_list("role", "unit_id", "unit__path")
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_cached_roles(user: Any) -> None:
    """Drop the cached roles of this user object (after a role change)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def unit_of(target: Any) -> Unit | None:
    """The unit a target belongs to: the target itself, or its ``unit`` attribute."""
    if isinstance(target, Unit):
        return target
    unit = getattr(target, "unit", None)
    return unit if isinstance(unit, Unit) else None


def path_covers(path: str, unit: Unit) -> bool:
    """True if ``unit`` is the unit at tree ``path`` or lies below it."""
    return unit.path == path or unit.path.startswith(path + PATH_SEPARATOR)


def _covers(held: HeldRole, unit: Unit) -> bool:
    return path_covers(held.unit_path, unit)


def places_served(paths: Collection[str]) -> dict[str, tuple[str | None, str]]:
    """For each tree path: the unit's kind and the path of the place it serves.

    The place is the unit itself when it is a place (a province, a commune), else its
    nearest place above (a commission under the Tỉnh ủy under the province serves the
    province); a path with no place above stays itself. One query for all the paths.
    """
    codes = {code for path in paths for code in path.split(PATH_SEPARATOR)}
    kinds: dict[str, str] = dict(Unit.objects.filter(code__in=codes).values_list("code", "kind"))
    served: dict[str, tuple[str | None, str]] = {}
    for path in paths:
        parts = path.split(PATH_SEPARATOR)
        place = path
        for depth in range(len(parts), 0, -1):
            if kinds.get(parts[depth - 1]) in Unit.PLACE_KINDS:
                place = PATH_SEPARATOR.join(parts[:depth])
                break
        served[path] = (kinds.get(parts[-1]), place)
    return served


def is_role_in_unit(role: str) -> Predicate:
    """True if the person holds ``role`` in the target's own unit."""

    def check(user: Any, target: Any) -> bool:
        unit = unit_of(target)
        if unit is None:
            return False
        return any(held.role == role and held.unit_id == unit.pk for held in held_roles(user))

    return Predicate(check, name=f"is_{role}_in_unit")


def has_role_in_unit_or_ancestor(role: str) -> Predicate:
    """True if the person holds ``role`` in the target's unit or in a unit above it."""

    def check(user: Any, target: Any) -> bool:
        unit = unit_of(target)
        if unit is None:
            return False
        return any(held.role == role and _covers(held, unit) for held in held_roles(user))

    return Predicate(check, name=f"has_{role}_in_unit_or_ancestor")


def has_role_anywhere(role: str) -> Predicate:
    """True if the person holds ``role`` in any active unit (for lists without a target)."""

    def check(user: Any) -> bool:
        return any(held.role == role for held in held_roles(user))

    return Predicate(check, name=f"has_{role}_anywhere")


@predicate
def has_any_role_in_unit(user: Any, target: Any) -> bool:
    """True if the person holds any role in the target's own unit."""
    unit = unit_of(target)
    return unit is not None and any(held.unit_id == unit.pk for held in held_roles(user))


@predicate
def has_any_role_in_unit_or_ancestor(user: Any, target: Any) -> bool:
    """True if the person holds any role in the target's unit or in a unit above it."""
    unit = unit_of(target)
    return unit is not None and any(_covers(held, unit) for held in held_roles(user))


# Administrator of the target's unit or of a unit above it. Without a target this is
# False: an administrator of one commune must not pass a check meant for "any unit".
is_administrator: Predicate = has_role_in_unit_or_ancestor(Role.ADMINISTRATOR)
# For screens without a target (a menu entry, a list filtered to one's own units).
is_administrator_anywhere: Predicate = has_role_anywhere(Role.ADMINISTRATOR)
is_head_of_unit: Predicate = is_role_in_unit(Role.HEAD)
is_reception_officer_of_unit: Predicate = is_role_in_unit(Role.RECEPTION_OFFICER)
is_handler_of_unit: Predicate = is_role_in_unit(Role.HANDLER)
is_custodian_of_unit: Predicate = is_role_in_unit(Role.CUSTODIAN)
is_citizen_of_unit: Predicate = has_role_in_unit_or_ancestor(Role.CITIZEN)
# Commission officers follow the work of every unit below their Party committee.
is_commission_staff_over_unit: Predicate = has_role_in_unit_or_ancestor(Role.COMMISSION_STAFF)
is_active_person: Predicate = rules_predicates.is_authenticated & rules_predicates.is_active

ROLE_PREDICATES: dict[str, Callable[..., bool]] = {
    Role.CITIZEN: is_citizen_of_unit,
    Role.RECEPTION_OFFICER: is_reception_officer_of_unit,
    Role.HANDLER: is_handler_of_unit,
    Role.HEAD: is_head_of_unit,
    Role.COMMISSION_STAFF: is_commission_staff_over_unit,
    Role.CUSTODIAN: is_custodian_of_unit,
    Role.ADMINISTRATOR: is_administrator,
}
