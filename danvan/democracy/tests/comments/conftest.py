"""Fixtures of the comments tests: a commune matter put out one vote per household, the
households of two villages with their accounts, and another ward's household."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.utils import timezone, translation

from danvan.consultations.models import Consultation
from danvan.consultations.tests.participation.conftest import make_consultation
from danvan.democracy.models import Household
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import Unit, User


def local(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_default_timezone())


NOW = local(2026, 3, 10)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages compared with their English msgids (the catalogue is built by the lead)."""
    with translation.override("en"):
        yield


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class Residents:
    first: User  # the account of household DT-001
    second_member: User  # lives in DT-001, but DT-001's account is ``first``
    neighbour: User  # the account of household AV-001, another village of the commune
    no_household: User
    other_commune: User  # the account of a household of Phường Phố Hiến
    household: Household
    neighbour_household: Household


def household(village: Unit, code: str, account: User | None) -> Household:
    return Household.objects.create(
        village=village, code=code, representative="Chủ hộ " + code, account=account
    )


@pytest.fixture
def residents(commune: Commune) -> Residents:
    first = make_user("hodan1", "Nguyễn Văn Một")
    second = make_user("hodan1b", "Nguyễn Thị Hai")
    neighbour = make_user("hodan2", "Lê Văn Ba")
    outsider = make_user("hophuong", "Trần Văn Bốn")
    ward_village = Unit.objects.create(
        code="VN-11953-to-1",
        name="Tổ dân phố 1",
        kind=Unit.Kind.VILLAGE,
        parent=commune.other_commune,
    )
    household(ward_village, "TDP-001", outsider)
    return Residents(
        first=first,
        second_member=second,
        neighbour=neighbour,
        no_household=commune.citizen,
        other_commune=outsider,
        household=household(commune.villages[0], "DT-001", first),
        neighbour_household=household(commune.villages[1], "AV-001", neighbour),
    )


@pytest.fixture
def consultation(commune: Commune, frozen: object) -> Consultation:
    """Open since yesterday for 21 days, with three articles (dieu-1 … dieu-3)."""
    matter = make_consultation(
        commune.committee, slug="quy-che-dan-chu-xa", audience=Consultation.Audience.HOUSEHOLDS
    )
    Consultation.objects.filter(pk=matter.pk).update(
        kind=Consultation.Kind.COMMUNE_MATTER,
        opens_at=local(2026, 3, 9),
        closes_at=local(2026, 3, 31, 0),
    )
    matter.refresh_from_db()
    return matter
