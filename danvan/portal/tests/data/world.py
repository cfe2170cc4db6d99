"""Rows of every app, public and not, for the open-data and API tests.

Written directly (the other apps' services are tested by their own suites): a province
with a commune, a ward, agencies and a village; recognised, registered and removed models;
consultations open, closed, being prepared, not yet open and staff-only; disclosures posted
and not yet posted; a published answer and an unpublished one; complaint and denunciation
contents; coming and past reception days. ``SECRETS`` are texts that must never leave.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from danvan.consultations.models import Comment, Consultation, DraftVersion
from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.democracy.models.disclosures import DisclosureChannel
from danvan.emulation.models import Exemplar, Field, Kind, Level
from danvan.petitions.models import Case, CaseAnswer, ReceptionScheduleDay
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=VN)
TODAY = NOW.date()

PETITIONER = Petitioner(
    name="Lê Thị Hoa Bí Mật",
    address="Thôn Đông Tảo, xã Khoái Châu",
    id_number="033190009999",
    phone="0912345699",
    email="lethihoa.bimat@example.vn",
)

SECRETS = (
    PETITIONER.name,
    PETITIONER.phone,
    PETITIONER.id_number,
    PETITIONER.email,
    "Khiếu nại quyết định thu hồi đất bí mật",
    "Tố cáo cán bộ địa chính bí mật",
    "Nội dung trả lời chưa công bố",
    "Bản trả lời gốc có tên người khiếu nại",
    "Dự thảo đang soạn bí mật",
    "Dự thảo chưa mở bí mật",
    "Dự thảo nội bộ bí mật",
    "Mô hình mới đăng ký bí mật",
    "Mô hình đã đưa ra bí mật",
    "Công khai chưa niêm yết bí mật",
    "nguoidangky-bimat",
    "0988000111",
    "Thôn Đông bí mật",
    "Ý kiến đã bị ẩn bí mật",
    "nguoigopy-bimat",
)


@dataclass
class PublicWorld:
    province: Unit
    commune: Unit
    ward: Unit
    committee: Unit
    ward_committee: Unit
    village: Unit
    head: User
    recognised: Exemplar
    example: Exemplar
    ward_model: Exemplar
    open_consultation: Consultation
    closed_consultation: Consultation
    disclosure: Disclosure
    answer: CaseAnswer
    reception_day: ReceptionScheduleDay


def _unit(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    return Unit.objects.create(code=code, name=name, kind=kind, parent=parent)


def _exemplar(unit: Unit, title: str, **fields: object) -> Exemplar:
    values: dict[str, object] = {
        "unit": unit,
        "place": unit if unit.is_place else unit.parent,
        "kind": Kind.MODEL,
        "field": Field.ECONOMY,
        "title": title,
        "year": 2025,
        "period_start": dt.date(2025, 1, 15),
        "problem": "Nhiều hộ thiếu vốn.",
        "actions": "Tổ vay vốn, chuyển giao kỹ thuật.",
        "results": "Thu nhập tăng 18 phần trăm.",
        "participant_count": 120,
    }
    values.update(fields)
    return Exemplar.objects.create(**values)


def _consultation(unit: Unit, slug: str, title: str, **fields: object) -> Consultation:
    return Consultation.objects.create(slug=slug, title=title, unit=unit, **fields)


def _answer(case: Case, *, published: bool, title: str, body: str) -> CaseAnswer:
    return CaseAnswer.objects.create(
        case=case,
        body=body,
        drafted_at=NOW - dt.timedelta(days=5),
        published=published,
        published_title=title if published else "",
        published_body="Quyết định giải quyết khiếu nại của [đã che]." if published else "",
        published_on=TODAY - dt.timedelta(days=1) if published else None,
    )


def build_world() -> PublicWorld:
    """Everything, with ``NOW`` frozen by the caller."""
    country = _unit("VN", "Việt Nam", Unit.Kind.COUNTRY, None)
    province = _unit("VN-33", "Tỉnh Hưng Yên", Unit.Kind.PROVINCE, country)
    commune = _unit("VN-12205", "Xã Khoái Châu", Unit.Kind.COMMUNE, province)
    ward = _unit("VN-11953", "Phường Phố Hiến", Unit.Kind.WARD, province)
    committee = _unit(
        "VN-12205-ubnd", "Ủy ban nhân dân xã Khoái Châu", Unit.Kind.PEOPLES_COMMITTEE, commune
    )
    ward_committee = _unit(
        "VN-11953-ubnd", "Ủy ban nhân dân phường Phố Hiến", Unit.Kind.PEOPLES_COMMITTEE, ward
    )
    village = _unit("VN-12205-dong", "Thôn Đông bí mật", Unit.Kind.VILLAGE, commune)
    Unit.objects.create(
        code="VN-99", name="Tỉnh cũ đã sáp nhập", kind=Unit.Kind.PROVINCE, is_active=False
    )
    registrar = User.objects.create_user(
        username="nguoidangky-bimat", password="x-danvan-2026", phone="0988000111"
    )
    head = User.objects.create_user(
        username="chutich", password="x-danvan-2026", full_name="Nguyễn Văn An"
    )
    RoleAssignment.objects.create(
        user=head, unit=committee, role=RoleAssignment.Role.HEAD, title="Chủ tịch UBND xã"
    )

    # Emulation: public only when recognised.
    recognised = _exemplar(
        committee,
        "Mô hình Chi hội giúp nhau phát triển kinh tế",
        status=Exemplar.Status.RECOGNISED,
        recognised_level=Level.COMMUNE,
        recognised_year=2025,
        created_by=registrar,
    )
    example = _exemplar(
        committee,
        "Điển hình Trưởng thôn tận tụy",
        kind=Kind.EXAMPLE,
        field=Field.CULTURE_SOCIETY,
        person_name="Trần Văn Bảy",
        person_title="Trưởng thôn Đông",
        status=Exemplar.Status.RECOGNISED,
        recognised_level=Level.PROVINCIAL,
        recognised_year=2025,
        created_by=registrar,
    )
    ward_model = _exemplar(
        ward_committee,
        "Mô hình Phường sạch đẹp",
        status=Exemplar.Status.RECOGNISED,
        recognised_level=Level.COMMUNE,
        recognised_year=2024,
        year=2024,
    )
    _exemplar(committee, "Mô hình mới đăng ký bí mật", year=2026, created_by=registrar)
    _exemplar(
        committee,
        "Mô hình đã đưa ra bí mật",
        status=Exemplar.Status.REMOVED,
        removed_reason="Không hiệu quả.",
        removed_on=dt.date(2025, 12, 20),
    )

    # Consultations: open or closed, never prepared, not-yet-open or staff-only.
    status = Consultation.Status
    open_consultation = _consultation(
        committee,
        "du-thao-mo",
        "Dự thảo quy chế đang lấy ý kiến",
        status=status.OPEN,
        opens_at=NOW - dt.timedelta(days=3),
        closes_at=NOW + dt.timedelta(days=20),
    )
    closed_consultation = _consultation(
        ward_committee,
        "du-thao-da-dong",
        "Dự thảo đã đóng",
        status=status.CLOSED,
        opens_at=NOW - dt.timedelta(days=60),
        closes_at=NOW - dt.timedelta(days=30),
    )
    version = DraftVersion.objects.create(consultation=open_consultation, number=1)
    commenter = User.objects.create_user(username="nguoigopy-bimat", password="x-danvan-2026")
    for number, (text, comment_status) in enumerate(
        [
            ("Đề nghị bổ sung Điều 3.", Comment.Status.VISIBLE),
            ("Ý kiến đã bị ẩn bí mật", Comment.Status.HIDDEN),
        ]
    ):
        Comment.objects.create(
            consultation=open_consultation,
            version=version,
            anchor="dieu-3",
            article_anchor="dieu-3",
            text=text,
            participant=commenter,
            status=comment_status,
            submission_key=f"key-{number}",
        )
    _consultation(committee, "du-thao-soan", "Dự thảo đang soạn bí mật")
    _consultation(
        committee,
        "du-thao-chua-mo",
        "Dự thảo chưa mở bí mật",
        status=status.OPEN,
        opens_at=NOW + dt.timedelta(days=2),
        closes_at=NOW + dt.timedelta(days=30),
    )
    _consultation(
        committee,
        "du-thao-noi-bo",
        "Dự thảo nội bộ bí mật",
        kind=Consultation.Kind.INTERNAL,
        audience=Consultation.Audience.STAFF,
        status=status.OPEN,
        opens_at=NOW - dt.timedelta(days=3),
        closes_at=NOW + dt.timedelta(days=20),
    )

    # Disclosures: public once a posting has begun.
    disclosure = Disclosure.objects.create(
        unit=commune,
        category="budget",
        title="Dự toán ngân sách xã năm 2026",
        decided_on=dt.date(2026, 1, 5),
        due_on=dt.date(2026, 1, 20),
    )
    DisclosurePosting.objects.create(
        disclosure=disclosure,
        channel=DisclosureChannel.OFFICE,
        place="Trụ sở UBND xã",
        posted_from=dt.date(2026, 1, 10),
    )
    future = Disclosure.objects.create(
        unit=commune,
        category="budget",
        title="Công khai chưa niêm yết bí mật",
        decided_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 12, 10),
    )
    DisclosurePosting.objects.create(
        disclosure=future, channel=DisclosureChannel.OFFICE, posted_from=TODAY + dt.timedelta(1)
    )
    Disclosure.objects.create(
        unit=commune,
        category="land",
        title="Công khai chưa niêm yết bí mật 2",
        decided_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 12, 10),
    )

    # Petitions: only the published, redacted answer.
    complaint, _created = case_receive(
        kind=Case.Kind.COMPLAINT,
        channel=Case.Channel.WEB,
        subject="Khiếu nại quyết định thu hồi đất bí mật",
        content="Tôi khiếu nại quyết định thu hồi đất của UBND xã.",
        receiving_unit=committee,
        petitioner=PETITIONER,
    )
    answer = _answer(
        complaint,
        published=True,
        title="Quyết định giải quyết khiếu nại lần hai về thu hồi đất",
        body="Bản trả lời gốc có tên người khiếu nại " + PETITIONER.name,
    )
    denunciation, _created = case_receive(
        kind=Case.Kind.DENUNCIATION,
        channel=Case.Channel.WEB,
        subject="Tố cáo cán bộ địa chính bí mật",
        content="Cán bộ địa chính nhận tiền.",
        receiving_unit=committee,
    )
    _answer(denunciation, published=False, title="", body="Nội dung trả lời chưa công bố")

    # Reception: the coming days are public, past ones are not listed.
    reception_day = ReceptionScheduleDay.objects.create(
        unit=committee,
        head=head,
        date=TODAY + dt.timedelta(days=7),
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 30),
        place="Phòng tiếp công dân UBND xã",
    )
    ReceptionScheduleDay.objects.create(
        unit=committee,
        head=head,
        date=TODAY - dt.timedelta(days=7),
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 30),
        place="Phòng cũ",
        outcome_note="Ông Lê Thị Hoa Bí Mật đến trình bày.",
    )
    return PublicWorld(
        province=province,
        commune=commune,
        ward=ward,
        committee=committee,
        ward_committee=ward_committee,
        village=village,
        head=head,
        recognised=recognised,
        example=example,
        ward_model=ward_model,
        open_consultation=open_consultation,
        closed_consultation=closed_consultation,
        disclosure=disclosure,
        answer=answer,
        reception_day=reception_day,
    )
