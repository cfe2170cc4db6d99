"""The role × permission matrix of docs/permissions.md, cell by cell.

The person holds one role in Xã Khoái Châu (the place). Targets: the commune itself, a body
under it (its People's Committee), the province above it, and a ward elsewhere.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.predicates import (
    has_any_role_in_unit,
    has_role_anywhere,
    has_role_in_unit_or_ancestor,
    is_administrator,
    is_administrator_anywhere,
    is_head_of_unit,
    is_role_in_unit,
)
from danvan.units.services import role_revoke
from danvan.units.tests.conftest import Tree, give_role
from danvan.units.tests.factories import UserFactory

Role = RoleAssignment.Role
TARGETS = ("own", "below", "above", "elsewhere")
ALL_BELOW = {"own", "below"}
NOWHERE: set[str] = set()

# permission → role → targets where it is granted
MATRIX: dict[str, dict[str, set[str]]] = {
    "units.view_unit": dict.fromkeys(Role.values, ALL_BELOW),
    "units.change_unit": {Role.ADMINISTRATOR: ALL_BELOW},
    "units.add_child_unit": {Role.ADMINISTRATOR: ALL_BELOW},
    "units.move_unit": {Role.ADMINISTRATOR: ALL_BELOW},
    "units.view_unit_people": {Role.ADMINISTRATOR: ALL_BELOW, Role.HEAD: {"own"}},
    "units.assign_role": {Role.ADMINISTRATOR: ALL_BELOW, Role.HEAD: {"own"}},
    "units.assign_privileged_role": {Role.ADMINISTRATOR: ALL_BELOW},
}


def target_units(tree: Tree) -> dict[str, Unit]:
    return {
        "own": tree.commune,
        "below": tree.commune_committee,
        "above": tree.province,
        "elsewhere": tree.other_ward,
    }


@pytest.mark.parametrize("permission", sorted(MATRIX))
@pytest.mark.parametrize("role", Role.values)
def test_permission_matrix(tree: Tree, person: User, permission: str, role: str) -> None:
    # given
    give_role(person, tree.commune, role)
    granted = MATRIX[permission].get(role, NOWHERE)
    # when
    results = {name: person.has_perm(permission, unit) for name, unit in target_units(tree).items()}
    # then
    assert results == {name: name in granted for name in TARGETS}


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_no_role_means_no_permission(tree: Tree, person: User, permission: str) -> None:
    assert not any(person.has_perm(permission, unit) for unit in target_units(tree).values())


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_superuser_has_every_permission(tree: Tree, permission: str) -> None:
    superuser = UserFactory.create(username="root", is_superuser=True)
    assert all(superuser.has_perm(permission, unit) for unit in target_units(tree).values())


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_inactive_account_and_inactive_unit_grant_nothing(
    tree: Tree, person: User, permission: str
) -> None:
    # given an administrator whose account is switched off
    give_role(person, tree.country, Role.ADMINISTRATOR)
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert not person.has_perm(permission, tree.commune)
    # given an administrator of a unit that was closed
    other = UserFactory.create(username="other")
    give_role(other, tree.ward, Role.ADMINISTRATOR)
    tree.ward.is_active = False
    tree.ward.save(update_fields=["is_active"])
    assert not other.has_perm(permission, tree.ward)


def test_revoked_role_grants_nothing(tree: Tree, person: User) -> None:
    assignment = give_role(person, tree.commune, Role.ADMINISTRATOR)
    assert person.has_perm("units.change_unit", tree.commune)
    role_revoke(actor=None, assignment=assignment)
    fresh = User.objects.get(pk=person.pk)
    assert not fresh.has_perm("units.change_unit", tree.commune)


def test_permissions_without_a_target_are_refused(tree: Tree, person: User) -> None:
    # Object permissions need the unit; a bare check must not grant "everything".
    give_role(person, tree.commune, Role.ADMINISTRATOR)
    assert not person.has_perm("units.change_unit")
    assert not person.has_perm("units.view_unit")


@dataclass
class Petitionish:
    """Any object with a ``unit`` attribute is a target (petitions, disclosures...)."""

    unit: Any


def test_predicates_accept_objects_with_a_unit(tree: Tree, person: User) -> None:
    # given
    give_role(person, tree.commune_committee, Role.HANDLER)
    give_role(person, tree.province, Role.COMMISSION_STAFF)
    # then
    assert is_role_in_unit(Role.HANDLER).test(person, Petitionish(tree.commune_committee))
    assert not is_role_in_unit(Role.HANDLER).test(person, Petitionish(tree.commune))
    assert has_role_in_unit_or_ancestor(Role.COMMISSION_STAFF).test(
        person, Petitionish(tree.commune)
    )
    assert not has_role_in_unit_or_ancestor(Role.COMMISSION_STAFF).test(person, tree.other_ward)
    assert has_any_role_in_unit.test(person, tree.province)
    assert not has_any_role_in_unit.test(person, Petitionish(None))
    assert not is_head_of_unit.test(person, tree.commune_committee)
    assert has_role_anywhere(Role.HANDLER).test(person)
    assert not has_role_anywhere(Role.HEAD).test(person)
    # administrators: of a unit and below; "anywhere" for screens without a target
    give_role(person, tree.other_ward, Role.ADMINISTRATOR)
    fresh = User.objects.get(pk=person.pk)
    assert is_administrator_anywhere.test(fresh)
    assert not is_administrator.test(fresh, None)
    assert not is_administrator.test(fresh, tree.province)
    assert is_administrator.test(fresh, tree.other_ward)


def test_roles_are_read_once_per_user_object(
    tree: Tree, person: User, django_assert_num_queries: Any
) -> None:
    give_role(person, tree.commune, Role.HEAD)
    fresh = User.objects.get(pk=person.pk)
    with django_assert_num_queries(1):
        for permission in MATRIX:
            for unit in target_units(tree).values():
                fresh.has_perm(permission, unit)
