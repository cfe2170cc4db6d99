"""Fixtures for the participation tests: a drafting agency, a draft with three articles."""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import timezone

from danvan.consultations.models import Consultation, DraftVersion, Provision
from danvan.consultations.tests.conftest import make_user
from danvan.units.models import RoleAssignment, Unit, User

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
ARTICLE_TEXTS = {
    "dieu-1": "Nhà nước bảo đảm quyền tham gia quản lý nhà nước và xã hội của công dân.",
    "dieu-2": "Công dân có quyền góp ý dự thảo văn bản quy phạm pháp luật.",
    "dieu-3": "Cơ quan chủ trì soạn thảo có trách nhiệm tiếp thu, giải trình ý kiến góp ý.",
}


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def agency(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-sotp",
        name="Sở Tư pháp tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )


@pytest.fixture
def other_agency(db: None) -> Unit:
    other = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE)
    return Unit.objects.create(
        code="VN-01-ubnd",
        name="Ủy ban nhân dân Thành phố Hà Nội",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=other,
    )


@pytest.fixture
def citizen(db: None) -> User:
    return make_user("lethimai", "Lê Thị Mai")


@pytest.fixture
def citizen2(db: None) -> User:
    return make_user("tranvanbinh", "Trần Văn Bình")


@pytest.fixture
def handler(agency: Unit) -> User:
    return make_user("phamvanduc", "Phạm Văn Đức", agency, RoleAssignment.Role.HANDLER)


@pytest.fixture
def outsider_handler(other_agency: Unit) -> User:
    return make_user("ngothilan", "Ngô Thị Lan", other_agency, RoleAssignment.Role.HANDLER)


def make_consultation(
    unit: Unit,
    *,
    slug: str = "du-thao-luat-1",
    audience: str = Consultation.Audience.EVERYONE,
    status: str = Consultation.Status.OPEN,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
) -> Consultation:
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Dự thảo Luật Thực hiện dân chủ ở cơ sở (sửa đổi)",
        slug=slug,
        unit=unit,
        audience=audience,
        status=status,
        opens_at=opens_at or now - dt.timedelta(days=1),
        closes_at=closes_at or now + dt.timedelta(days=20),
    )
    version = DraftVersion.objects.create(consultation=consultation, number=1)
    position = 0
    for index, (anchor, text) in enumerate(ARTICLE_TEXTS.items(), start=1):
        article = Provision.objects.create(
            version=version,
            level=Provision.Level.ARTICLE,
            label=f"Điều {index}",
            heading=f"Điều khoản {index}",
            text=text,
            anchor=anchor,
            position=position,
        )
        position += 1
        clause = Provision.objects.create(
            version=version,
            parent=article,
            level=Provision.Level.CLAUSE,
            label="Khoản 1",
            text=f"Khoản 1 của Điều {index}: quy định chi tiết.",
            anchor=f"{anchor}.k1",
            position=position,
        )
        position += 1
        Provision.objects.create(
            version=version,
            parent=clause,
            level=Provision.Level.POINT,
            label="Điểm a",
            text="Điểm a: trường hợp đặc biệt.",
            anchor=f"{anchor}.k1.a",
            position=position,
        )
        position += 1
    return consultation


@pytest.fixture
def consultation(agency: Unit, frozen: time_machine.Traveller) -> Consultation:
    return make_consultation(agency)
