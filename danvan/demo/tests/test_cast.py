"""The cast and world data: consistent, covering every role, usable as stable test names."""

import pytest

from danvan.demo import cast, world
from danvan.units.models import RoleAssignment


def test_usernames_are_unique_lowercase_ascii() -> None:
    usernames = [member.username for member in cast.CAST]
    assert len(set(usernames)) == len(usernames)
    for username in usernames:
        assert username.isascii()
        assert username.isalnum()
        assert username == username.lower()


def test_names_are_written_with_vietnamese_diacritics() -> None:
    for member in cast.CAST:
        assert not member.full_name.isascii(), member.full_name


def test_every_role_is_played_by_someone() -> None:
    played = {role.role for member in cast.CAST for role in member.roles}
    assert played == set(RoleAssignment.Role)


def test_exactly_one_person_holds_roles_in_several_units() -> None:
    several = [m for m in cast.CAST if len({r.unit for r in m.roles}) > 1]
    assert several == [cast.MULTI_ROLE]
    assert len(cast.MULTI_ROLE.roles) == 3


def test_every_role_points_at_a_known_unit() -> None:
    known = {unit.code for unit in world.DEMO_UNITS} | {
        world.COUNTRY,
        world.PROVINCE,
        world.COMMUNE,
        world.WARD,
    }
    for member in cast.CAST:
        for role in member.roles:
            assert role.unit in known, (member.username, role.unit)


def test_world_lists_parents_before_children() -> None:
    seen = {world.COUNTRY, world.PROVINCE, world.COMMUNE, world.WARD}
    for unit in world.DEMO_UNITS:
        assert unit.parent in seen, unit.code
        seen.add(unit.code)


def test_only_the_superuser_has_no_role() -> None:
    assert [m for m in cast.CAST if not m.roles] == [cast.SUPERUSER]
    assert cast.SUPERUSER.is_superuser


def test_cast_member_lookup() -> None:
    assert cast.cast_member("nguyenvanan") is cast.COMMUNE_HEAD
    with pytest.raises(KeyError):
        cast.cast_member("nobody")


def test_demo_mail_goes_to_a_reserved_domain() -> None:
    assert cast.COMMUNE_HEAD.email == "nguyenvanan@example.com"
