"""Fixtures for the sealed-area tests: custodians, a superuser, the leak-test denunciation."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from danvan.petitions.services.sealed import DenunciationReceipt
from danvan.petitions.tests.sealed.leaks import make_leak_denunciation
from danvan.units.models import RoleAssignment, Unit, User


def make_user(username: str, full_name: str, unit: Unit | None = None, role: str = "") -> User:
    user = User.objects.create_user(
        username=username,
        password="danvan-test-2026",
        full_name=full_name,
        email=f"{username}@example.com",
    )
    if unit is not None and role:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def custodian(commune_committee: Unit) -> User:
    return make_user(
        "buithikimoanh", "Bùi Thị Kim Oanh", commune_committee, RoleAssignment.Role.CUSTODIAN
    )


@pytest.fixture
def province_custodian(province: Unit) -> User:
    return make_user("dangvanhai", "Đặng Văn Hải", province, RoleAssignment.Role.CUSTODIAN)


@pytest.fixture
def other_custodian(other_committee: Unit) -> User:
    return make_user("vuthilan", "Vũ Thị Lan", other_committee, RoleAssignment.Role.CUSTODIAN)


@pytest.fixture
def superuser(db: None) -> User:
    return User.objects.create_superuser(
        username="quantri", password="danvan-test-2026", email="quantri@example.com"
    )


@pytest.fixture
def denunciation(commune_committee: Unit) -> DenunciationReceipt:
    """The standard leak-test denunciation, received on the public form."""
    return make_leak_denunciation(unit=commune_committee)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
