"""The demo commune's households."""

import re

import pytest

from danvan.democracy.models import VN_PHONE_RE, Household
from danvan.democracy.selectors.households import household_count
from danvan.democracy.services.households import demo_households_seed
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


def test_the_demo_seed_fills_the_villages_once(commune: Commune) -> None:
    # given the demo commune's villages (the fixture has three of the four)
    # when the seed runs twice
    first = demo_households_seed()
    second = demo_households_seed()
    # then the villages present get their households, once
    assert (first.villages, first.created) == (3, 118 + 86 + 64)
    assert second.created == 0
    assert household_count(commune.villages[0]) == 118
    assert Household.objects.count() == 268
    # and every record is valid: Vietnamese names, phones, member counts
    for household in Household.objects.all():
        household.full_clean()
        assert not household.phone or re.match(VN_PHONE_RE, household.phone)
    names = set(Household.objects.values_list("representative", flat=True))
    assert len(names) > 40
