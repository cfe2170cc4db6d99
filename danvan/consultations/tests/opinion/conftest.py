"""Fixtures for the opinion-map tests: a drafting agency, its staff, and a consultation whose
statements were voted on by two camps of residents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from danvan.consultations.models import Consultation, Statement, StatementVote
from danvan.consultations.tests.conftest import make_user
from danvan.units.models import RoleAssignment, Unit, User

CAMP_SIZE = 12
STATEMENT_TEXTS = [
    "Nên mở rộng đường liên xã trước mùa mưa.",
    "Cần lắp đèn chiếu sáng ở các ngõ xóm.",
    "Ưu tiên kinh phí cho nhà văn hóa thôn.",
    "Không nên thu thêm phí vệ sinh môi trường.",
    "Nên chuyển chợ tạm ra khỏi khu dân cư.",
    "Cần công khai dự toán ngân sách xã hằng quý.",  # everyone agrees
]
SHARED = 5


@pytest.fixture
def agency(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-kc",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )


@pytest.fixture
def other_agency(db: None) -> Unit:
    return Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE)


@pytest.fixture
def handler(agency: Unit) -> User:
    return make_user("phamvanduc", "Phạm Văn Đức", agency, RoleAssignment.Role.HANDLER)


@pytest.fixture
def outsider(other_agency: Unit) -> User:
    return make_user("ngothilan", "Ngô Thị Lan", other_agency, RoleAssignment.Role.HANDLER)


@pytest.fixture
def consultation(agency: Unit) -> Consultation:
    now = timezone.now()
    return Consultation.objects.create(
        title="Lấy ý kiến về kế hoạch đầu tư công của xã năm 2027",
        slug="ke-hoach-dau-tu-2027",
        unit=agency,
        kind=Consultation.Kind.COMMUNE_MATTER,
        status=Consultation.Status.OPEN,
        opens_at=now - dt.timedelta(days=2),
        closes_at=now + dt.timedelta(days=20),
    )


@dataclass
class Voted:
    consultation: Consultation
    statements: list[Statement]
    camp_a: list[User]
    camp_b: list[User]
    light: User  # voted on two statements only


@pytest.fixture
def voted(consultation: Consultation) -> Voted:
    """Two camps of residents: A agrees with statements 0–2 and disagrees with 3–4, B the
    opposite; everyone agrees with statement 5. A rejected statement has votes too."""
    statements = [
        Statement.objects.create(
            consultation=consultation, text=text, status=Statement.Status.ACCEPTED
        )
        for text in STATEMENT_TEXTS
    ]
    rejected = Statement.objects.create(
        consultation=consultation, text="Nội dung vi phạm.", status=Statement.Status.REJECTED
    )
    residents = User.objects.bulk_create(
        User(username=f"cudan{i:03d}", full_name=f"Cư dân Số {i}") for i in range(2 * CAMP_SIZE + 1)
    )
    camp_a, camp_b, light = residents[:CAMP_SIZE], residents[CAMP_SIZE:-1], residents[-1]
    now = timezone.now()
    rows = []
    for camp, people in ((0, camp_a), (1, camp_b)):
        for index, person in enumerate(people):
            for position, statement in enumerate(statements):
                agrees = position == SHARED or (position < 3) == (camp == 0)
                vote = 1 if agrees else -1
                if index == 0 and position == 1:
                    vote = 0  # a pass
                rows.append(
                    StatementVote(
                        consultation=consultation,
                        statement=statement,
                        participant=person,
                        vote=vote,
                        created_at=now,
                        updated_at=now,
                    )
                )
            rows.append(
                StatementVote(
                    consultation=consultation,
                    statement=rejected,
                    participant=person,
                    vote=1 if camp == 0 else -1,
                    created_at=now,
                    updated_at=now,
                )
            )
    for statement in statements[:2]:
        rows.append(
            StatementVote(
                consultation=consultation,
                statement=statement,
                participant=light,
                vote=1,
                created_at=now,
                updated_at=now,
            )
        )
    StatementVote.objects.bulk_create(rows)
    return Voted(consultation, statements, camp_a, camp_b, light)
