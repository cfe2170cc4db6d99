"""Who may do what in the "Dân vận khéo" registry (django-rules; docs/permissions.md).

Targets are Units or objects with a ``unit`` (an Exemplar, a Book).

- ``emulation.register``: the head, handlers, commission staff and administrators of the
  registering unit or of a unit above it — register, edit, add photos and documents, and
  replicate a model into that unit.
- ``emulation.evaluate``: the Mass Mobilisation Commission (or Party committee, or Front)
  serving the place the unit belongs to: its commission staff and head, or an administrator
  above — evaluate, recognise, remove, and compile books. A commission under the Tỉnh ủy
  serves the whole province though it sits in another branch of the tree, hence the
  ``places_served`` lookup rather than a plain subtree test. The level a recognition may
  take is checked by the service (a commune's committee recognises at commune level only).
- ``emulation.manage_criteria``: commission staff and administrators of a province or the
  country (the criteria are shared data).
"""

from typing import Any

from danvan.units.models import RoleAssignment, Unit
from danvan.units.predicates import (
    HeldRole,
    add_perm,
    held_roles,
    is_active_person,
    path_covers,
    places_served,
    predicate,
    unit_of,
)

Role = RoleAssignment.Role
REGISTER_ROLES = frozenset({Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.ADMINISTRATOR})
COMMITTEE_KINDS = frozenset(
    {Unit.Kind.PARTY_COMMISSION, Unit.Kind.PARTY_COMMITTEE, Unit.Kind.FATHERLAND_FRONT}
)
COMMITTEE_ROLES = frozenset({Role.HEAD, Role.COMMISSION_STAFF})
CRITERIA_PLACE_KINDS = frozenset({Unit.Kind.COUNTRY, *Unit.PROVINCE_KINDS})


@predicate
def registers_for_unit(user: Any, target: Any) -> bool:
    unit = unit_of(target)
    return unit is not None and any(
        h.role in REGISTER_ROLES and path_covers(h.unit_path, unit) for h in held_roles(user)
    )


_PLACES_ATTRIBUTE = "_danvan_committee_places"


def committee_places(user: Any) -> list[tuple[str | None, str]]:
    """(kind of the place, path of the place) for every place the person evaluates for:
    the place served by each committee unit where they are head or commission staff, and
    the subtree of each unit where they are administrator.

    Kept on the user object beside the roles it is derived from (two queries, and a list
    checks ``emulation.evaluate`` once per row); recomputed when the roles are read afresh
    (``forget_cached_roles`` after a role change)."""
    roles = held_roles(user)
    cached = getattr(user, _PLACES_ATTRIBUTE, None)
    if cached is not None and cached[0] is roles:
        return list(cached[1])
    places = _committee_places(roles)
    if roles:
        setattr(user, _PLACES_ATTRIBUTE, (roles, tuple(places)))
    return places


def _committee_places(roles: tuple[HeldRole, ...]) -> list[tuple[str | None, str]]:
    held = [h for h in roles if h.role in COMMITTEE_ROLES | {Role.ADMINISTRATOR}]
    if not held:
        return []
    served = places_served({h.unit_path for h in held})
    codes = {path.rsplit("/", 1)[-1] for _, path in served.values()}
    kinds = dict(Unit.objects.filter(code__in=codes).values_list("code", "kind"))
    places: list[tuple[str | None, str]] = []
    for h in held:
        unit_kind, place = served[h.unit_path]
        if h.role == Role.ADMINISTRATOR or unit_kind in COMMITTEE_KINDS:
            places.append((kinds.get(place.rsplit("/", 1)[-1]), place))
    return places


@predicate
def evaluates_for_unit(user: Any, target: Any) -> bool:
    unit = unit_of(target)
    return unit is not None and any(path_covers(place, unit) for _, place in committee_places(user))


@predicate
def manages_criteria(user: Any) -> bool:
    return any(kind in CRITERIA_PLACE_KINDS for kind, _ in committee_places(user))


add_perm("emulation.register", is_active_person & registers_for_unit)
add_perm("emulation.evaluate", is_active_person & evaluates_for_unit)
add_perm("emulation.manage_criteria", is_active_person & manages_criteria)
