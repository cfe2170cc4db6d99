"""Fixtures for the campaign pages and service: an agency, its staff, a draft with three
articles, and residents' comments: a campaign of copies, and ordinary comments."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import pytest
from django.utils import timezone

from danvan.consultations.campaigns.text import fold
from danvan.consultations.models import Comment, Consultation, DraftVersion, Provision
from danvan.consultations.tests.conftest import make_user
from danvan.units.models import RoleAssignment, Unit, User

CAMPAIGN = (
    "Tôi là {name}, trú tại thôn {hamlet}, xã Hòa Bình. "
    "Tôi đề nghị giữ nguyên thời hạn giao đất nông nghiệp là năm mươi năm như luật hiện hành. "
    "Việc rút ngắn thời hạn sẽ làm nông dân không yên tâm đầu tư lâu dài vào đồng ruộng."
)
NAMES = [
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Hà", "Võ Minh Khoa",
    "Đặng Thị Lan", "Bùi Quang Long", "Hồ Ngọc Mai", "Ngô Đức Nam", "Dương Thị Oanh",
    "Lý Văn Phúc", "Đỗ Thị Quỳnh",
]  # fmt: skip
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
SCHOOL = [
    "Học phí trung học phổ thông nên được miễn cho học sinh vùng sâu vùng xa.",
    "Miễn học phí cho học sinh trung học phổ thông sẽ giúp các em không bỏ học.",
    "Đề nghị miễn học phí và hỗ trợ tiền ăn trưa cho học sinh bán trú.",
    "Nhiều học sinh ở bản tôi nghỉ học vì học phí và chi phí đi lại quá cao.",
    "Cần tăng phụ cấp cho giáo viên vùng khó khăn để các em học sinh có thầy giỏi.",
    "Học phí ở trường công lập nên thống nhất một mức, miễn cho học sinh nghèo.",
    "Tôi ủng hộ miễn học phí, nhưng cần bảo đảm kinh phí cho nhà trường hoạt động.",
    "Học sinh dân tộc thiểu số cần được miễn học phí và cấp sách giáo khoa.",
]


@pytest.fixture
def agency(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-sotn",
        name="Sở Nông nghiệp và Môi trường tỉnh Hưng Yên",
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
def head_above(province: Unit) -> User:
    return make_user("tranthuha", "Trần Thu Hà", province, RoleAssignment.Role.HEAD)


@pytest.fixture
def outsider(other_agency: Unit) -> User:
    return make_user("ngothilan", "Ngô Thị Lan", other_agency, RoleAssignment.Role.HANDLER)


@pytest.fixture
def resident(db: None) -> User:
    return make_user("lethimai", "Lê Thị Mai")


def make_consultation(unit: Unit, slug: str = "luat-dat-dai-sua-doi") -> Consultation:
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Dự thảo Luật Đất đai (sửa đổi)",
        slug=slug,
        unit=unit,
        status=Consultation.Status.OPEN,
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=17),
    )
    version = DraftVersion.objects.create(consultation=consultation, number=1)
    for position, (anchor, heading) in enumerate(
        [("dieu-1", "Thời hạn sử dụng đất"), ("dieu-2", "Học phí"), ("dieu-3", "Hiệu lực")]
    ):
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


def add_comment(
    consultation: Consultation,
    participant: User,
    text: str,
    *,
    anchor: str = "dieu-1",
    status: str = Comment.Status.VISIBLE,
) -> Comment:
    version = consultation.current_version
    assert version is not None
    return Comment.objects.create(
        consultation=consultation,
        version=version,
        anchor=anchor,
        article_anchor=anchor.split(".")[0],
        text=text,
        participant=participant,
        status=status,
        submission_key=secrets.token_hex(8),
    )


@dataclass
class Commented:
    consultation: Consultation
    campaign: list[Comment]
    land: list[Comment]
    school: list[Comment]
    hidden: Comment


@pytest.fixture
def consultation(agency: Unit) -> Consultation:
    return make_consultation(agency)


@pytest.fixture
def commented(consultation: Consultation, resident: User) -> Commented:
    """On Điều 1: twelve mail-merge copies (four without diacritics) and eight comments on
    land prices; on Điều 2: eight comments on school fees and a copy of the campaign; and a
    hidden copy on Điều 1."""
    campaign = []
    for index, name in enumerate(NAMES):
        text = CAMPAIGN.format(name=name, hamlet=index + 1)
        campaign.append(add_comment(consultation, resident, fold(text) if index >= 8 else text))
    land = [add_comment(consultation, resident, text) for text in LAND]
    school = [add_comment(consultation, resident, text, anchor="dieu-2.k1") for text in SCHOOL]
    school.append(
        add_comment(
            consultation, resident, CAMPAIGN.format(name="Mai Văn Tú", hamlet=4), anchor="dieu-2"
        )
    )
    hidden = add_comment(
        consultation,
        resident,
        CAMPAIGN.format(name="Kim Văn Ẩn", hamlet=9),
        status=Comment.Status.HIDDEN,
    )
    return Commented(consultation, campaign, land, school, hidden)
