"""Factories for audit tests: people and roles with Vietnamese data."""

# factory_boy's declarations carry no annotations; the factories' create() is typed.
# mypy: disable-error-code="no-untyped-call"

from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory, Password
from factory.faker import Faker

from danvan.units.models import RoleAssignment, Unit, User


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = Sequence(lambda n: f"canbo{n}")
    full_name = Faker("name", locale="vi_VN")
    email = LazyAttribute(lambda user: f"{user.username}@danvan.example.vn")
    password = Password("mat-khau-an-toan-2026")


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = Sequence(lambda n: f"xa-{n:05d}")
    name = Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = Unit.Kind.COMMUNE
    path = LazyAttribute(lambda unit: unit.code)


class RoleAssignmentFactory(DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = SubFactory(UserFactory)
    unit = SubFactory(UnitFactory)
    role = RoleAssignment.Role.HANDLER
