"""Fixtures of the periodic reports: the shared ``world`` plus a State managing body (the
province's People's Committee with an officer and a chairman), a directive with a quarterly
task assigned to the three communes' committees, and helpers that make rounds, fill
reports and seed what danvan counts (petitions, reception book, consultations).

Dates: the third quarter of 2026 (01/07–30/09); the round is due on Friday 09/10/2026.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation

from danvan.consultations.models import Comment, Consultation, DraftVersion
from danvan.directives.models import (
    Directive,
    Document,
    ReportingRound,
    ReportTemplate,
    Task,
    TaskAssignment,
    UnitReport,
)
from danvan.directives.services import reports as services
from danvan.directives.services import reports_filing as filing
from danvan.directives.tests.conftest import World, make_user
from danvan.petitions.models import Case, CaseEvent, ReceptionBookEntry
from danvan.units.models import RoleAssignment, Unit, User

VN = ZoneInfo("Asia/Ho_Chi_Minh")
Q3_START = dt.date(2026, 7, 1)
Q3_END = dt.date(2026, 9, 30)
DUE = dt.date(2026, 10, 9)
NOW = dt.datetime(2026, 10, 1, 9, 0, tzinfo=VN)


@dataclass
class ReportsWorld:
    world: World
    state_body: Unit  # Ủy ban nhân dân Tỉnh Hưng Yên (State format)
    state_officer: User
    state_head: User
    commission_deputy: User  # "Phó Trưởng ban": signs K/T
    other_province_officer: User
    directive: Directive
    task: Task

    @property
    def commission(self) -> Unit:
        return self.world.commission

    @property
    def officer(self) -> User:
        return self.world.commission_officer

    @property
    def committees(self) -> list[Unit]:
        return self.world.committees

    @property
    def commune_officers(self) -> list[User]:
        return self.world.commune_officers


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Services' refusals are asserted on their English msgids, whether or not the Vietnamese
    catalogue is built (pages still answer in Vietnamese: the middleware picks the language
    of each request)."""
    with translation.override("en"):
        yield


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def rw(world: World) -> ReportsWorld:
    province = world.province
    state_body = Unit.objects.create(
        code="VN-33-UBND",
        name="Ủy ban nhân dân Tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )
    state_officer = make_user(
        "ubnd-tinh", "Phạm Văn Tỉnh", state_body, RoleAssignment.Role.COMMISSION_STAFF
    )
    state_head = make_user("chu-tich", "Đỗ Thị Chủ Tịch", state_body, RoleAssignment.Role.HEAD)
    RoleAssignment.objects.filter(user=state_head).update(title="Chủ tịch")
    deputy = make_user("pho-ban", "Vũ Văn Phó", world.commission, RoleAssignment.Role.HEAD)
    RoleAssignment.objects.filter(user=deputy).update(title="Phó Trưởng ban")
    RoleAssignment.objects.filter(user=world.commission_head).update(title="Trưởng ban")
    other_province = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind="city")
    other_commission = Unit.objects.create(
        code="VN-01-BTGDV",
        name="Ban Tuyên giáo và Dân vận Thành ủy",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=other_province,
    )
    other = make_user(
        "ha-noi", "Hoàng Văn Khác", other_commission, RoleAssignment.Role.COMMISSION_STAFF
    )
    document = Document.objects.create(
        family=Document.Family.STATE,
        doc_type=Document.Type.DIRECTIVE,
        number="33",
        symbol="33/CT-TTg",
        symbol_key="33/CT-TTG",
        identity_key="state-admin|33/CT-TTG|2021",
        issued_on=dt.date(2021, 12, 20),
        title="Về tiếp tục tăng cường, đổi mới công tác dân vận",
    )
    directive = Directive.objects.create(
        document=document,
        unit=world.commission,
        title="Triển khai Chỉ thị 33/CT-TTg",
        status=Directive.Status.ACTIVE,
    )
    task = Task.objects.create(
        directive=directive,
        position=1,
        title="Báo cáo kết quả công tác dân vận chính quyền hằng quý",
        cycle=Task.Cycle.QUARTERLY,
    )
    for committee in world.committees:
        TaskAssignment.objects.create(task=task, unit=committee)
    return ReportsWorld(
        world=world,
        state_body=state_body,
        state_officer=state_officer,
        state_head=state_head,
        commission_deputy=deputy,
        other_province_officer=other,
        directive=directive,
        task=task,
    )


def default_template(rw: ReportsWorld, unit: Unit | None = None) -> ReportTemplate:
    officer = rw.state_officer if unit == rw.state_body else rw.officer
    return services.template_default_create(unit=unit or rw.commission, actor=officer)


def make_round(
    rw: ReportsWorld,
    *,
    unit: Unit | None = None,
    template: ReportTemplate | None = None,
    units: list[Unit] | None = None,
    task: Task | None = None,
    due_on: dt.date = DUE,
) -> ReportingRound:
    unit = unit or rw.commission
    officer = rw.state_officer if unit == rw.state_body else rw.officer
    template = template or default_template(rw, unit)
    return services.round_create(
        unit=unit,
        template=template,
        title="Báo cáo kết quả công tác dân vận chính quyền quý III năm 2026",
        period_start=Q3_START,
        period_end=Q3_END,
        due_on=due_on,
        units=units if units is not None else rw.committees,
        actor=officer,
        task=task,
    )


def report_of(reporting_round: ReportingRound, unit: Unit) -> UnitReport:
    return UnitReport.objects.select_related("round", "unit").get(round=reporting_round, unit=unit)


def fill_complete(
    report: UnitReport, actor: User, *, figure: int = 5, text: str = "Đã thực hiện tốt."
) -> UnitReport:
    """Every indicator and section filled (figure + indicator position, the text + unit)."""
    template = report.round.template
    values = {i.pk: Decimal(figure + i.position) for i in template.indicators.order_by("position")}
    texts = {
        s.pk: f"{text} ({report.unit.name}, {s.title})"
        for s in template.sections.order_by("position")
    }
    return filing.report_save(report=report, actor=actor, texts=texts, values=values)


def submit_complete(report: UnitReport, actor: User, **kwargs: object) -> UnitReport:
    fill_complete(report, actor, **kwargs)  # type: ignore[arg-type]
    return filing.report_submit(report=report, actor=actor)


# --------------------------------------------------------------------------- seeding


def seed_case(
    *,
    unit: Unit,
    received_on: dt.date,
    receiving_unit: Unit | None = None,
    answered_on: dt.date | None = None,
    due_on: dt.date | None = None,
    split_from: Case | None = None,
) -> Case:
    case = Case.objects.create(
        tracking_code=secrets.token_hex(6).upper(),
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="Đề nghị sửa đường liên thôn",
        content="Đường liên thôn xuống cấp.",
        received_at=dt.datetime.combine(received_on, dt.time(9), tzinfo=VN),
        received_on=received_on,
        receiving_unit=receiving_unit or unit,
        unit=unit,
        due_on=due_on,
        split_from=split_from,
    )
    if answered_on is not None:
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.ANSWER_SENT,
            occurred_at=dt.datetime.combine(answered_on, dt.time(10), tzinfo=VN),
            occurred_on=answered_on,
        )
    return case


def seed_book_entry(*, unit: Unit, received_on: dt.date, sequence: int, people: int = 1) -> None:
    ReceptionBookEntry.objects.create(
        unit=unit,
        year=received_on.year,
        sequence=sequence,
        received_on=received_on,
        visitor_name="Nguyễn Văn Dân",
        summary="Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        kind=Case.Kind.PETITION,
        people_count=people,
    )


def seed_consultation(
    *, unit: Unit, opens_at: dt.datetime, comments: list[tuple[User, dt.datetime, bool]]
) -> Consultation:
    consultation = Consultation.objects.create(
        title="Dự thảo quy chế dân chủ ở cơ sở",
        slug=f"quy-che-{secrets.token_hex(3)}",
        unit=unit,
        status=Consultation.Status.OPEN,
        opens_at=opens_at,
        closes_at=opens_at + dt.timedelta(days=30),
    )
    version = DraftVersion.objects.create(consultation=consultation, number=1)
    for index, (participant, when, visible) in enumerate(comments):
        comment = Comment.objects.create(
            consultation=consultation,
            version=version,
            anchor="dieu-1",
            article_anchor="dieu-1",
            text="Đề nghị bổ sung quy định công khai.",
            participant=participant,
            submission_key=f"k{index}",
            status=Comment.Status.VISIBLE if visible else Comment.Status.HIDDEN,
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=when)
    return consultation
