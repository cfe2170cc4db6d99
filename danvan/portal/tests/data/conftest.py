"""Fixtures for the open-data tests: the world of public and private rows, time frozen."""

from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache

from danvan.portal.tests.data.world import NOW, PublicWorld, build_world


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def public_world(db: None, frozen: time_machine.Traveller) -> PublicWorld:
    return build_world()
