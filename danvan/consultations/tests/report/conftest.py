"""Fixtures for the synthesis report: the People's Committee of Hưng Yên province, its staff
and head, another province's handler, a closed consultation on a three-article draft with
votes and comments (a campaign of copies and two themes), and the computed campaign groups."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from danvan.consultations.models import Consultation, DraftVersion, Provision, SynthesisReport
from danvan.consultations.services.campaigns import campaigns_compute
from danvan.consultations.services.participation import comment_add, votes_cast
from danvan.consultations.tests.conftest import make_user
from danvan.units.models import RoleAssignment, Unit, User

CAMPAIGN = (
    "Tôi là {name}, trú tại thôn {hamlet}, xã Hòa Bình. Tôi đề nghị giữ nguyên thời hạn giao "
    "đất nông nghiệp là năm mươi năm như luật hiện hành, vì rút ngắn thời hạn sẽ làm nông dân "
    "không yên tâm đầu tư lâu dài vào đồng ruộng. Điện thoại liên hệ 0912 345 678."
)
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Hà", "Võ Minh Khoa",
         "Đặng Thị Lan"]  # fmt: skip
LAND = [
    "Giá đất bồi thường khi thu hồi đất còn thấp hơn nhiều so với giá thị trường.",
    "Đề nghị tính giá đất bồi thường sát giá thị trường để người dân không thiệt thòi.",
    "Thu hồi đất làm dự án phải bồi thường thỏa đáng, giá đất cần công khai.",
    "Khi thu hồi đất nông nghiệp, giá đất bồi thường cần tính cả công cải tạo ruộng.",
    "Tôi đề nghị hội đồng định giá đất có đại diện người dân bị thu hồi đất.",
    "Giá đất bồi thường ở xã tôi chỉ bằng một phần ba giá mua bán thực tế.",
    "Cần quy định thời hạn chi trả tiền bồi thường sau khi có quyết định thu hồi đất.",
    "Việc thu hồi đất phải đi kèm tái định cư, giá đất bồi thường phải hợp lý.",
]
ARTICLES = [
    ("dieu-1", "Thời hạn sử dụng đất"),
    ("dieu-2", "Bồi thường khi Nhà nước thu hồi đất"),
    ("dieu-3", "Hiệu lực thi hành"),
]


@dataclass
class World:
    province: Unit
    committee: Unit
    other_committee: Unit
    handler: User
    head: User
    deputy: User
    other_handler: User
    citizen: User
    consultation: Consultation


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make_consultation(
    unit: Unit, *, slug: str = "luat-dat-dai-sua-doi", closed: bool = True
) -> Consultation:
    """A consultation opened 30 days ago on a three-article draft (closed 5 days ago)."""
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Dự thảo Luật Đất đai (sửa đổi)",
        slug=slug,
        unit=unit,
        status=Consultation.Status.OPEN,
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(days=5) if closed else now + dt.timedelta(days=5),
    )
    version = DraftVersion.objects.create(consultation=consultation, number=1)
    for position, (anchor, heading) in enumerate(ARTICLES):
        Provision.objects.create(
            version=version,
            level=Provision.Level.ARTICLE,
            label=f"Điều {position + 1}",
            heading=heading,
            text="…",
            anchor=anchor,
            position=position,
        )
    return consultation


def while_open(consultation: Consultation) -> dt.datetime:
    assert consultation.opens_at is not None
    return consultation.opens_at + dt.timedelta(days=1)


def comment(consultation: Consultation, user: User, text: str, anchor: str = "dieu-1") -> None:
    comment_add(
        consultation=consultation,
        participant=user,
        anchor=anchor,
        text=text,
        submission_key=secrets.token_hex(8),
        now=while_open(consultation),
    )


@pytest.fixture
def world(province: Unit) -> World:
    committee = Unit.objects.create(
        code="VN-33-ubnd",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )
    hanoi = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    other = Unit.objects.create(
        code="VN-01-ubnd",
        name="Ủy ban nhân dân thành phố Hà Nội",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=hanoi,
    )
    head = make_user("nguyenvanthang", "Nguyễn Văn Thắng", committee, RoleAssignment.Role.HEAD)
    RoleAssignment.objects.filter(user=head).update(title="Chủ tịch")
    deputy = make_user("tranthimai", "Trần Thị Mai", committee, RoleAssignment.Role.HEAD)
    RoleAssignment.objects.filter(user=deputy).update(title="Phó Chủ tịch")
    return World(
        province=province,
        committee=committee,
        other_committee=other,
        handler=make_user("phamvanduc", "Phạm Văn Đức", committee, RoleAssignment.Role.HANDLER),
        head=head,
        deputy=deputy,
        other_handler=make_user("ngothilan", "Ngô Thị Lan", other, RoleAssignment.Role.HANDLER),
        citizen=make_user("lethihoa", "Lê Thị Hoa"),
        consultation=make_consultation(committee),
    )


@pytest.fixture
def voted(world: World) -> World:
    """Votes on the three articles, a campaign of six copies and eight comments on land
    prices on Điều 1, one comment on Điều 2; the campaign groups are computed."""
    consultation = world.consultation
    when = while_open(consultation)
    residents = [make_user(f"cudan{i}", f"Cư dân {i}") for i in range(10)]
    for index, resident in enumerate(residents):
        choices = {
            "dieu-1": "agree" if index < 8 else "disagree",
            "dieu-2": "agree" if index < 3 else "disagree",
        }
        votes_cast(consultation=consultation, participant=resident, choices=choices, now=when)
    for index, name in enumerate(NAMES):
        comment(consultation, residents[index], CAMPAIGN.format(name=name, hamlet=index + 1))
    for index, text in enumerate(LAND):
        comment(consultation, residents[index], text)
    comment(
        consultation, residents[9], "Đề nghị bổ sung quy định về bồi thường cây trồng.", "dieu-2"
    )
    campaigns_compute(consultation=consultation)
    return world


def report_in(world: World) -> SynthesisReport:
    return SynthesisReport.objects.get(consultation=world.consultation)
