"""The registry's permissions over the fixture map (conftest.World)."""

from typing import Any

import pytest

from danvan.emulation.rules import committee_places
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.units.models import RoleAssignment
from danvan.units.predicates import forget_cached_roles

pytestmark = pytest.mark.django_db


def test_the_commune_head_registers_for_the_commune_only(world: World) -> None:
    # given the commune's head
    head = world.commune_head
    # then they register for the People's Committee below the commune, not for another commune
    assert head.has_perm("emulation.register", world.commune_committee)
    assert not head.has_perm("emulation.register", world.other_committee)
    assert not world.citizen.has_perm("emulation.register", world.commune_committee)


def test_the_provincial_commission_evaluates_every_commune_of_its_province(world: World) -> None:
    # given a model registered by the commune
    exemplar = make_exemplar(world.commune_committee)
    other = make_exemplar(world.other_committee, title="Khác")
    # then the provincial commission (another branch of the tree) evaluates both
    assert world.provincial_officer.has_perm("emulation.evaluate", exemplar)
    assert world.provincial_officer.has_perm("emulation.evaluate", other)
    # and the commune's own commission officer only the commune's
    assert world.commune_commission.has_perm("emulation.evaluate", exemplar)
    assert not world.commune_commission.has_perm("emulation.evaluate", other)
    # and the head who registered it does not evaluate it
    assert not world.commune_head.has_perm("emulation.evaluate", exemplar)
    assert world.central_officer.has_perm("emulation.evaluate", exemplar)


def test_criteria_are_managed_at_province_or_centre(world: World) -> None:
    assert world.provincial_officer.has_perm("emulation.manage_criteria")
    assert world.central_officer.has_perm("emulation.manage_criteria")
    assert not world.commune_commission.has_perm("emulation.manage_criteria")
    assert not world.commune_head.has_perm("emulation.manage_criteria")


def test_committee_places_are_read_once_per_person_and_again_after_a_role_change(
    world: World, django_assert_num_queries: Any
) -> None:
    # given the provincial officer's places, read once
    officer = world.provincial_officer
    first = committee_places(officer)
    # when a list checks the rule for many models, then no query is made again
    exemplars = [make_exemplar(world.commune_committee, title=f"Mô hình {i}") for i in range(3)]
    with django_assert_num_queries(0):
        assert all(officer.has_perm("emulation.evaluate", e) for e in exemplars)
        assert committee_places(officer) == first
    # when the officer's role is revoked (and the cached roles forgotten), then it is read again
    RoleAssignment.objects.filter(user=officer).update(is_active=False)
    forget_cached_roles(officer)
    assert committee_places(officer) == []
    assert not officer.has_perm("emulation.evaluate", exemplars[0])
