import pytest
from django.test import Client

from danvan.notifications.tests.factories import UserFactory
from danvan.units.models import User


@pytest.fixture
def an(db: None) -> User:
    """Nguyễn Văn An, a petition handler with an e-mail address."""
    return UserFactory.create(
        username="an.nv", full_name="Nguyễn Văn An", email="an.nv@xatanphu.gov.vn"
    )


@pytest.fixture
def binh(db: None) -> User:
    """Trần Thị Bình, head of the commune People's Committee."""
    return UserFactory.create(
        username="binh.tt", full_name="Trần Thị Bình", email="binh.tt@xatanphu.gov.vn"
    )


@pytest.fixture
def client_an(an: User) -> Client:
    client = Client()
    client.force_login(an)
    return client
