"""Who manages a commune's grassroots democracy: the staff of the commune's bodies."""

import pytest

from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


def test_the_committee_staff_manage_the_commune_and_its_villages(commune: Commune) -> None:
    for person in (commune.head, commune.handler):
        assert person.has_perm("democracy.manage", commune.commune)
        for village in commune.villages:
            assert person.has_perm("democracy.manage", village)
    # not another commune, and not the province
    assert not commune.handler.has_perm("democracy.manage", commune.other_commune)
    assert not commune.handler.has_perm("democracy.manage", commune.province)
    assert not commune.other_handler.has_perm("democracy.manage", commune.villages[0])
    assert not commune.citizen.has_perm("democracy.manage", commune.villages[0])
