"""A seeded directive for the monitoring tests, with time frozen on Monday 16 March 2026.

Directive 1 (the provincial commission, a Party body) gives four tasks and asks two rounds
of reports of the three communes' People's Committees:

============  =================  =================  ==================
task / round   committee 0        committee 1        committee 2
============  =================  =================  ==================
1 due 10/3     done 9/3           done 12/3 (late)   in progress: OVERDUE
2 due 30/4     assigned           in progress        done 1/3
3 quarterly    assigned           —                  —
4 due 2/3      assigned: OVERDUE  —                  —
round Q1 13/3  accepted           submitted          draft: MISSING
round H1 15/6  draft              returned           draft
============  =================  =================  ==================

Directive 2 (the province's People's Committee, a State body) has one overdue task of
committee 1. A draft directive (not sent) and a directive of another province are left out
of every figure.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine

from danvan.directives.models import (
    Directive,
    Document,
    ReportingRound,
    ReportTemplate,
    Task,
    TaskAssignment,
    UnitReport,
)
from danvan.directives.tests.conftest import World, make_user
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 3, 16)
NOW = dt.datetime(2026, 3, 16, 9, 30, tzinfo=VN)
Status = TaskAssignment.Status


def make_document(
    symbol: str,
    *,
    family: str = Document.Family.STATE,
    doc_type: str = Document.Type.DIRECTIVE,
    issued_on: dt.date | None = dt.date(2021, 12, 20),
    issuer_name: str = "Thủ tướng Chính phủ",
    title: str = "",
) -> Document:
    key = symbol.replace("Đ", "D").replace("đ", "d").upper()
    number = symbol.split("/")[0].split("-")[0]
    return Document.objects.create(
        family=family,
        doc_type=doc_type,
        number=number,
        symbol=symbol,
        symbol_key=key,
        identity_key=f"{key}|{issued_on.year if issued_on else ''}",
        issuer_name=issuer_name,
        issued_on=issued_on,
        title=title,
    )


def make_directive(
    document: Document, unit: Unit, title: str, status: str = Directive.Status.ACTIVE
) -> Directive:
    return Directive.objects.create(document=document, unit=unit, title=title, status=status)


def assign(
    task: Task, unit: Unit, status: str = Status.ASSIGNED, done_on: dt.date | None = None
) -> TaskAssignment:
    return TaskAssignment.objects.create(task=task, unit=unit, status=status, done_on=done_on)


def make_round(
    directive: Directive | None,
    unit: Unit,
    title: str,
    due_on: dt.date,
    statuses: dict[Unit, str],
) -> ReportingRound:
    template, _created = ReportTemplate.objects.get_or_create(
        unit=unit, title="Báo cáo công tác dân vận"
    )
    reporting_round = ReportingRound.objects.create(
        template=template,
        directive=directive,
        unit=unit,
        title=title,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        due_on=due_on,
    )
    for reporting_unit, status in statuses.items():
        UnitReport.objects.create(round=reporting_round, unit=reporting_unit, status=status)
    return reporting_round


@dataclass
class Seed:
    world: World
    directive: Directive
    state_directive: Directive
    draft: Directive
    foreign: Directive
    people_committee: Unit  # the province's People's Committee (a State body)
    province_chair: User
    foreign_commune: Unit
    tasks: list[Task]
    rounds: list[ReportingRound]


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def seed(world: World, frozen: None) -> Seed:
    c0, c1, c2 = world.committees
    document = make_document(
        "33/CT-TTg",
        title="về tiếp tục tăng cường, đổi mới công tác dân vận của cơ quan hành chính nhà nước",
    )
    directive = make_directive(
        document, world.commission, "Triển khai Chỉ thị 33/CT-TTg về công tác dân vận"
    )
    t1 = Task.objects.create(
        directive=directive,
        position=1,
        title="Tổ chức hội nghị đối thoại với Nhân dân",
        due_on=dt.date(2026, 3, 10),
    )
    t2 = Task.objects.create(
        directive=directive,
        position=2,
        title="Rà soát, giải quyết dứt điểm kiến nghị của cử tri",
        due_on=dt.date(2026, 4, 30),
    )
    t3 = Task.objects.create(
        directive=directive,
        position=3,
        title="Báo cáo định kỳ kết quả thực hiện",
        cycle=Task.Cycle.QUARTERLY,
    )
    t4 = Task.objects.create(
        directive=directive,
        position=4,
        title="Xây dựng mô hình “Dân vận khéo” ở khu dân cư",
        due_on=dt.date(2026, 3, 2),
    )
    assign(t1, c0, Status.DONE, dt.date(2026, 3, 9))
    assign(t1, c1, Status.DONE, dt.date(2026, 3, 12))
    assign(t1, c2, Status.IN_PROGRESS)
    assign(t2, c0)
    assign(t2, c1, Status.IN_PROGRESS)
    assign(t2, c2, Status.DONE, dt.date(2026, 3, 1))
    assign(t3, c0)
    assign(t4, c0)
    r = UnitReport.Status
    q1 = make_round(
        directive,
        world.commission,
        "Báo cáo quý I năm 2026",
        dt.date(2026, 3, 13),
        {c0: r.ACCEPTED, c1: r.SUBMITTED, c2: r.DRAFT},
    )
    h1 = make_round(
        directive,
        world.commission,
        "Báo cáo sáu tháng đầu năm 2026",
        dt.date(2026, 6, 15),
        {c0: r.DRAFT, c1: r.RETURNED, c2: r.DRAFT},
    )

    people_committee = Unit.objects.create(
        code="VN-33-UBND",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=world.province,
    )
    chair = make_user("chu-tich-tinh", "Phạm Văn Chủ", people_committee, RoleAssignment.Role.HEAD)
    RoleAssignment.objects.filter(user=chair).update(title="Chủ tịch")
    state_document = make_document(
        "125/KH-UBND",
        doc_type=Document.Type.PLAN,
        issued_on=dt.date(2026, 1, 15),
        issuer_name="Ủy ban nhân dân tỉnh Hưng Yên",
        title="Thực hiện Quy chế dân chủ ở cơ sở năm 2026",
    )
    state_directive = make_directive(
        state_document, people_committee, "Kế hoạch thực hiện dân chủ ở cơ sở năm 2026"
    )
    s1 = Task.objects.create(
        directive=state_directive,
        position=1,
        title="Công khai thông tin theo Điều 11 Luật Thực hiện dân chủ ở cơ sở",
        due_on=dt.date(2026, 2, 27),
    )
    assign(s1, c1)

    draft = make_directive(
        make_document("07-CT/TU", family=Document.Family.PARTY, issuer_name="Tỉnh ủy"),
        world.commission,
        "Chỉ thị đang soạn",
        Directive.Status.DRAFT,
    )
    d1 = Task.objects.create(
        directive=draft, position=1, title="Chưa giao", due_on=dt.date(2026, 1, 5)
    )
    assign(d1, c0)

    other_province = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    other_commission = Unit.objects.create(
        code="VN-01-BDV",
        name="Ban Dân vận Thành ủy",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=other_province,
    )
    foreign_commune = Unit.objects.create(
        code="VN-01-001", name="Phường Ba Đình", kind=Unit.Kind.WARD, parent=other_province
    )
    foreign = make_directive(
        make_document("12-KH/BDVTU", family=Document.Family.PARTY, issuer_name="Ban Dân vận"),
        other_commission,
        "Kế hoạch của Hà Nội",
    )
    f1 = Task.objects.create(
        directive=foreign, position=1, title="Việc ở Hà Nội", due_on=dt.date(2026, 2, 1)
    )
    assign(f1, foreign_commune)
    return Seed(
        world=world,
        directive=directive,
        state_directive=state_directive,
        draft=draft,
        foreign=foreign,
        people_committee=people_committee,
        province_chair=chair,
        foreign_commune=foreign_commune,
        tasks=[t1, t2, t3, t4],
        rounds=[q1, h1],
    )
