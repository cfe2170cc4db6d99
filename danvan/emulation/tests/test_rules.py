"""The registry's permissions over the fixture map (conftest.World)."""

import pytest

from danvan.emulation.tests.conftest import World, make_exemplar

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
