"""Shared fixtures for the petitions tests: a commune and a province with staff."""

import pytest

from danvan.units.models import RoleAssignment, Unit, User


@pytest.fixture
def province(db: None) -> Unit:
    return Unit.objects.create(code="VN-33", name="Tỉnh Hưng Yên", kind=Unit.Kind.PROVINCE)


@pytest.fixture
def commune(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-12205",
        name="Xã Khoái Châu",
        kind=Unit.Kind.COMMUNE,
        parent=province,
        admin_code="12205",
    )


@pytest.fixture
def commune_committee(commune: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-12205-ubnd",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune,
    )


@pytest.fixture
def other_committee(province: Unit) -> Unit:
    other = Unit.objects.create(
        code="VN-11953", name="Phường Phố Hiến", kind=Unit.Kind.WARD, parent=province
    )
    return Unit.objects.create(
        code="VN-11953-ubnd",
        name="Ủy ban nhân dân phường Phố Hiến",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=other,
    )


def _staff(username: str, full_name: str, unit: Unit, role: str) -> User:
    user = User.objects.create_user(
        username=username,
        password="danvan-test-2026",
        full_name=full_name,
        email=f"{username}@example.com",
    )
    RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def handler(commune_committee: Unit) -> User:
    return _staff("trinhvanduc", "Trịnh Văn Đức", commune_committee, RoleAssignment.Role.HANDLER)


@pytest.fixture
def reception_officer(commune_committee: Unit) -> User:
    return _staff(
        "phamthuhuong", "Phạm Thu Hương", commune_committee, RoleAssignment.Role.RECEPTION_OFFICER
    )


@pytest.fixture
def head(commune_committee: Unit) -> User:
    return _staff("nguyenvanan", "Nguyễn Văn An", commune_committee, RoleAssignment.Role.HEAD)


@pytest.fixture
def other_handler(other_committee: Unit) -> User:
    return _staff("hoangvanbay", "Hoàng Văn Bảy", other_committee, RoleAssignment.Role.HANDLER)


@pytest.fixture
def citizen(db: None) -> User:
    return User.objects.create_user(
        username="tranthibinh",
        password="danvan-test-2026",
        full_name="Trần Thị Bình",
        email="tranthibinh@example.com",
    )


@pytest.fixture(autouse=True)
def _no_seeded_fields(request: pytest.FixtureRequest) -> None:
    """Start every database test with an empty field list, with or without migrations.

    Migration 0002 seeds the real fields; tests create exactly the fields they use, so they
    read the same whether the database was built by migrations or by ``--no-migrations``.
    """
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if not uses_db:
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from danvan.petitions.models import Field

    Field.objects.filter(cases__isnull=True).delete()
