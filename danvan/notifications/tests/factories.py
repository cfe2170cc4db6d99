"""Factories for notification tests, with Vietnamese data."""

# factory_boy's declarations carry no annotations; the factories' create() is typed.
# mypy: disable-error-code="no-untyped-call"

from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory, Password
from factory.faker import Faker

from danvan.notifications.models import Notification
from danvan.units.models import User


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = Sequence(lambda n: f"nguoidung{n}")
    full_name = Faker("name", locale="vi_VN")
    email = LazyAttribute(lambda user: f"{user.username}@danvan.example.vn")
    password = Password("mat-khau-an-toan-2026")


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    recipient = SubFactory(UserFactory)
    kind = "petition.accepted"
    title = Sequence(lambda n: f"Đơn số {n:04d}/2026 đã được thụ lý")
    body = "Cơ quan có thẩm quyền đã thụ lý đơn của ông/bà."
    url = "/don/tra-cuu/"
