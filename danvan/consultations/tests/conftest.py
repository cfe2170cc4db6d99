"""Fixtures shared by every consultations area's tests: the demo province and people in it."""

import pytest

from danvan.units.models import RoleAssignment, Unit, User

PASSWORD = "danvan-test-2026"


def make_user(username: str, full_name: str, unit: Unit | None = None, role: str = "") -> User:
    """An active account, with ``role`` in ``unit`` when a unit is given."""
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        full_name=full_name,
        email=f"{username}@example.com",
    )
    if unit is not None:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def province(db: None) -> Unit:
    return Unit.objects.create(code="VN-33", name="Tỉnh Hưng Yên", kind=Unit.Kind.PROVINCE)
