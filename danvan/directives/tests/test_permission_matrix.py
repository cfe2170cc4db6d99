"""The permission matrix of the directives app: every page, every kind of person.

Every URL pattern of the ``directives`` namespace has an entry in ``MATRIX`` saying who may
open it (a route added without an entry fails ``test_every_route_is_in_the_matrix``). For
each route one scene is built through the areas' own services — a registered plan citing
two documents, a directive whose tasks go to commune A and commune B, a reporting round
with both communes' reports, an urging letter to each, a delegation with a finding and a
recommendation for each — and six people try it:

- ``anon``: nobody signed in;
- ``citizen``: an account with no staff role;
- ``b`` and ``a``: the handler of commune B's and commune A's People's Committee;
- ``commission``: the provincial commission's officer (directs every commune);
- ``other``: the commission officer of another province.

Those not allowed get the same 404 as for a missing object (anonymous visitors: the
sign-in page, which brings them back), whether they GET or POST, and a refused POST
writes nothing to the audit log. Those allowed get the page; and no page, export or
e-mail a person receives carries text of a unit that is not theirs (commune B never reads
commune A's progress notes, report narratives, findings, recommendations or minutes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.http import HttpResponseBase
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from danvan.audit.models import AuditEntry
from danvan.directives.models import (
    Delegation,
    DelegationMember,
    Directive,
    Document,
    DocumentLink,
    Finding,
    Indicator,
    Recommendation,
    Reference,
    ReportingRound,
    ReportTemplate,
    Task,
    TaskAssignment,
    TemplateSection,
    UnitReport,
    UrgingLetter,
    WorkingSession,
)
from danvan.directives.services import delegations as delegation_services
from danvan.directives.services import register as register_services
from danvan.directives.services import reports as report_services
from danvan.directives.services import reports_filing as filing
from danvan.directives.services import reports_synthesis as synthesis
from danvan.directives.services import tasks as task_services
from danvan.directives.services.monitoring import urging_letters_generate
from danvan.directives.services.tasks_parsing import MODE_DATE
from danvan.directives.tests.conftest import World, make_user
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BUILT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)  # Monday: the plan is carried out
NOW = dt.datetime(2026, 3, 16, 9, 0, tzinfo=VN)  # Monday: task 1 (due 10/3) is late

PERSONS = ("anon", "citizen", "b", "a", "other", "commission")
STAFF = frozenset({"a", "b", "commission", "other"})
MANAGERS = frozenset({"commission", "other"})  # manage *something* (their own province)
COMMISSION = frozenset({"commission"})
UNIT_A = frozenset({"a", "commission"})

# ------------------------------------------------------------------ what each unit writes

# Commune A (Xã Tiên Lữ) and commune B (Phường Phố Hiến): each text names a place of its
# own, so that finding it anywhere the other commune looks is a leak.
A_ONLY_TASK = "Nạo vét kênh tưới tiêu thôn Nhật Quang trước vụ chiêm xuân"
B_ONLY_TASK = "Sắp xếp lại các hộ kinh doanh chợ Hiến Nam theo quy hoạch"
A_NOTE = "Đã họp dân tại nhà văn hóa thôn Thụy Lôi, 146 hộ tham dự"
B_NOTE = "Đã đối thoại với 58 tiểu thương khu phố Bảo Châu"
A_NARRATIVE = "Xã đã giải quyết dứt điểm kiến nghị về đường liên thôn Phương Chiểu"
B_NARRATIVE = "Phường đã tiếp nhận phản ánh về ngập úng tại khu phố Lê Lợi Hồng Châu"
A_MINUTES = "Đoàn làm việc tại hội trường xã, kiểm tra sổ tiếp dân thôn Dị Chế"
B_MINUTES = "Đoàn làm việc tại trụ sở phường, kiểm tra hồ sơ khu phố Mậu Dương"
A_FINDING = "Chưa công khai biên bản đối thoại tại thôn Lệ Xá"
B_FINDING = "Chậm trả lời phản ánh của hộ dân khu phố An Tảo"
A_RECOMMENDATION = "Niêm yết công khai kết quả đối thoại tại nhà văn hóa thôn Lệ Xá"
B_RECOMMENDATION = "Trả lời bằng văn bản các phản ánh còn tồn của khu phố An Tảo"
A_TEXTS = (A_ONLY_TASK, A_NOTE, A_NARRATIVE, A_MINUTES, A_FINDING, A_RECOMMENDATION)
B_TEXTS = (B_ONLY_TASK, B_NOTE, B_NARRATIVE, B_MINUTES, B_FINDING, B_RECOMMENDATION)
# Narratives of the reports (the indicator figures of A are 7, 11, 13…; of B 5, 9…).
NARRATIVES = (A_NARRATIVE, B_NARRATIVE)

DIRECTIVE_TITLE = "Theo dõi thực hiện Kế hoạch 125-KH/BTGDVTU về dân vận chính quyền"
PLAN_TEXT = """BAN CHẤP HÀNH ĐẢNG BỘ TỈNH HƯNG YÊN
BAN TUYÊN GIÁO VÀ DÂN VẬN
Số 125-KH/BTGDVTU
KẾ HOẠCH
thực hiện công tác dân vận chính quyền năm 2026
Thực hiện Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ và Kết luận số
114-KL/TW ngày 14/7/2015 của Ban Bí thư, Ban Tuyên giáo và Dân vận Tỉnh ủy ban hành kế hoạch
thực hiện công tác dân vận chính quyền năm 2026 như sau.
1. Ủy ban nhân dân các xã, phường tổ chức đối thoại định kỳ với Nhân dân.
2. Ủy ban nhân dân các xã, phường báo cáo kết quả hằng quý.
"""


@dataclass
class Scene:
    """One object of each kind, made by the areas' services (see the module docstring)."""

    world: World
    other_officer: User
    citizen: User
    unit_a: Unit
    unit_b: Unit
    officer_a: User
    officer_b: User
    directive_document: Document  # 33/CT-TTg, in the register before the plan
    plan: Document  # 125-KH/BTGDVTU, with its file and text
    linked_reference: Reference  # the plan's reference to 33/CT-TTg (linked)
    missing_reference: Reference  # to 114-KL/TW (not in the register)
    link: DocumentLink
    directive: Directive
    tasks: list[Task]
    assignment_a: TaskAssignment
    template: ReportTemplate
    section: TemplateSection
    indicator: Indicator
    round: ReportingRound
    report_a: UnitReport
    report_b: UnitReport
    letter_a: UrgingLetter
    letter_b: UrgingLetter
    delegation: Delegation
    session_a: WorkingSession
    finding_a: Finding
    recommendation_a: Recommendation
    closed_delegation: Delegation
    people: dict[str, User | None] = field(default_factory=dict)


def _make_other_officer() -> User:
    city = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    party = Unit.objects.create(
        code="VN-01-TU", name="Thành ủy Hà Nội", kind=Unit.Kind.PARTY_COMMITTEE, parent=city
    )
    commission = Unit.objects.create(
        code="VN-01-BTGDV",
        name="Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=party,
    )
    return make_user("ha-noi", "Hoàng Văn Khác", commission, RoleAssignment.Role.COMMISSION_STAFF)


def _deadline(day: dt.date) -> task_services.DeadlineInput:
    return task_services.DeadlineInput(mode=MODE_DATE, due_on=day)


def _task(directive: Directive, officer: User, position: int, title: str, due: dt.date) -> Task:
    return task_services.task_create(
        directive=directive,
        actor=officer,
        data=task_services.TaskInput(
            position=position, title=title, description="", deadline=_deadline(due)
        ),
    )


def _fill(report: UnitReport, actor: User, narrative: str, base: int) -> None:
    template = report.round.template
    texts = {s.pk: f"{narrative}." for s in template.sections.all()}
    values = {i.pk: Decimal(base + 2 * n) for n, i in enumerate(template.indicators.order_by("pk"))}
    filing.report_save(report=report, actor=actor, texts=texts, values=values)


def build_scene(world: World, clock: time_machine.Traveller) -> Scene:
    """Everything the matrix needs, made as the officers would make it (time frozen)."""
    officer = world.commission_officer
    unit_a, unit_b = world.committees[0], world.committees[1]
    officer_a, officer_b = world.commune_officers[0], world.commune_officers[1]
    other_officer = _make_other_officer()

    # The register: 33/CT-TTg first, then the plan (its file and text) citing it and 114.
    directive_document = register_services.document_register(
        actor=officer,
        unit=world.commission,
        symbol="33/CT-TTg",
        issued_on=dt.date(2021, 12, 20),
        doc_type=Document.Type.DIRECTIVE,
        title="Về tiếp tục tăng cường, đổi mới công tác dân vận của cơ quan hành chính",
        issuer_name="Thủ tướng Chính phủ",
    ).document
    plan = register_services.document_register(
        actor=officer,
        unit=world.commission,
        symbol="125-KH/BTGDVTU",
        issued_on=dt.date(2026, 2, 20),
        doc_type=Document.Type.PLAN,
        title="Kế hoạch thực hiện công tác dân vận chính quyền năm 2026",
        full_text=PLAN_TEXT,
        file_name="ke-hoach-125.txt",
        file_data=PLAN_TEXT.encode(),
    ).document
    references = {ref.symbol_key: ref for ref in plan.references.all()}
    link = register_services.document_link(
        source=plan, target=directive_document, kind=DocumentLink.Kind.IMPLEMENTS, actor=officer
    )

    # The directive: task 1 to A and B (due 10/3), task 2 to A only, task 3 to B only.
    directive, _created = task_services.directive_create(
        document=plan, unit=world.commission, actor=officer, title=DIRECTIVE_TITLE
    )
    tasks = [
        _task(
            directive,
            officer,
            1,
            "Tổ chức đối thoại định kỳ giữa người đứng đầu chính quyền với Nhân dân",
            dt.date(2026, 3, 10),
        ),
        _task(directive, officer, 2, A_ONLY_TASK, dt.date(2026, 4, 30)),
        _task(directive, officer, 3, B_ONLY_TASK, dt.date(2026, 4, 30)),
    ]
    responsible = TaskAssignment.Role.RESPONSIBLE
    for task, units in zip(tasks, ([unit_a, unit_b], [unit_a], [unit_b]), strict=True):
        task_services.task_assign(
            task=task, actor=officer, unit_ids=[u.pk for u in units], role=responsible
        )
    task_services.directive_activate(directive=directive, actor=officer)
    assignment_a = TaskAssignment.objects.get(task=tasks[0], unit=unit_a)
    for assignment, actor, note in (
        (assignment_a, officer_a, A_NOTE),
        (TaskAssignment.objects.get(task=tasks[0], unit=unit_b), officer_b, B_NOTE),
    ):
        task_services.assignment_progress_record(
            assignment=assignment,
            actor=actor,
            status=TaskAssignment.Status.IN_PROGRESS,
            note=note,
        )

    # The reporting round (due 13/3): A submits its report, B keeps a draft.
    template = report_services.template_default_create(unit=world.commission, actor=officer)
    reporting_round = report_services.round_create(
        unit=world.commission,
        template=template,
        title="Báo cáo công tác dân vận chính quyền quý I năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        due_on=dt.date(2026, 3, 13),
        units=[unit_a, unit_b],
        actor=officer,
    )
    report_a = UnitReport.objects.get(round=reporting_round, unit=unit_a)
    report_b = UnitReport.objects.get(round=reporting_round, unit=unit_b)
    _fill(report_a, officer_a, A_NARRATIVE, 7)
    filing.report_submit(report=report_a, actor=officer_a)
    _fill(report_b, officer_b, B_NARRATIVE, 5)
    synthesis.synthesis_issue(reporting_round=reporting_round, actor=officer)

    # Two weeks later: both communes are late on task 1; one urging letter each.
    clock.move_to(NOW)
    letters = urging_letters_generate(
        directive=directive, actor=officer, per_unit=True, working_days=5, key="matrix-urge"
    )
    by_unit = {letter.recipients.get().pk: letter for letter in letters}

    # The inspection delegation visits A and B; one finding and recommendation for each.
    head = delegation_services.MemberInput(
        name="Nguyễn Văn Trưởng", position="Trưởng ban", role=DelegationMember.Role.HEAD
    )
    delegation = delegation_services.delegation_create(
        actor=officer,
        unit=world.commission,
        kind=Delegation.Kind.INSPECTION,
        title="Kiểm tra việc thực hiện Kế hoạch 125-KH/BTGDVTU",
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 3, 27),
        members=[head],
        visits=[
            delegation_services.VisitInput(unit_a, dt.date(2026, 3, 16)),
            delegation_services.VisitInput(unit_b, dt.date(2026, 3, 18)),
        ],
        subject_document=plan,
        directive=directive,
    )
    delegation_services.delegation_start(delegation=delegation, actor=officer)
    found: dict[int, tuple[WorkingSession, Finding, Recommendation]] = {}
    for unit, minutes, finding_text, recommendation_text in (
        (unit_a, A_MINUTES, A_FINDING, A_RECOMMENDATION),
        (unit_b, B_MINUTES, B_FINDING, B_RECOMMENDATION),
    ):
        session = delegation.sessions.get(unit=unit)
        delegation_services.session_record(
            session=session, actor=officer, held_on=None, place="Hội trường", minutes=minutes
        )
        finding = delegation_services.finding_add(
            delegation=delegation,
            actor=officer,
            unit=unit,
            kind=Finding.Kind.SHORTCOMING,
            text=finding_text,
            session=session,
        )
        recommendation = delegation_services.recommendation_add(
            finding=finding, actor=officer, text=recommendation_text, due_on=dt.date(2026, 4, 30)
        )
        found[unit.pk] = (session, finding, recommendation)

    # A survey that is over: its final report is issued (for the download route).
    closed = delegation_services.delegation_create(
        actor=officer,
        unit=world.commission,
        kind=Delegation.Kind.SURVEY,
        title="Khảo sát mô hình Dân vận khéo năm 2026",
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 3, 16),
        members=[head],
        visits=[delegation_services.VisitInput(world.committees[2], dt.date(2026, 3, 16))],
    )
    delegation_services.delegation_start(delegation=closed, actor=officer)
    delegation_services.delegation_report(
        delegation=closed, actor=officer, text="Các mô hình được duy trì tốt."
    )

    section = template.sections.order_by("position").first()
    indicator = template.indicators.order_by("position").first()
    assert section is not None
    assert indicator is not None
    scene = Scene(
        world=world,
        other_officer=other_officer,
        citizen=world.citizen,
        unit_a=unit_a,
        unit_b=unit_b,
        officer_a=officer_a,
        officer_b=officer_b,
        directive_document=directive_document,
        plan=plan,
        linked_reference=references["33/CT-TTG"],
        missing_reference=references["114-KL/TW"],
        link=link,
        directive=directive,
        tasks=tasks,
        assignment_a=assignment_a,
        template=template,
        section=section,
        indicator=indicator,
        round=reporting_round,
        report_a=report_a,
        report_b=report_b,
        letter_a=by_unit[unit_a.pk],
        letter_b=by_unit[unit_b.pk],
        delegation=delegation,
        session_a=found[unit_a.pk][0],
        finding_a=found[unit_a.pk][1],
        recommendation_a=found[unit_a.pk][2],
        closed_delegation=closed,
    )
    scene.people = {
        "anon": None,
        "citizen": world.citizen,
        "b": officer_b,
        "a": officer_a,
        "other": other_officer,
        "commission": officer,
    }
    return scene


@pytest.fixture
def scene(world: World, django_capture_on_commit_callbacks: Any, settings: Any) -> Iterator[Scene]:
    """The scene, built with e-mails really sent (after commit) and time frozen."""
    settings.DANVAN = {**getattr(settings, "DANVAN", {}), "SITE_URL": "https://danvan.test"}
    cache.clear()
    with time_machine.travel(BUILT, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            built = build_scene(world, clock)
        yield built
    cache.clear()


# ------------------------------------------------------------------ the matrix


Kwargs = Callable[[Scene], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    """Who may use one route, and how to call it.

    ``allowed``: the people who get the page (GET) or whose POST is acted on (not refused);
    everybody else gets 404. ``post_only``: the route only takes POST (``payload`` is what
    an allowed person sends). ``empty_for``: people who get a page with nothing of anybody
    in it (a 200 that shows no object). ``list_page``: a list, where not even the other
    commune's name may appear.
    """

    kwargs: Kwargs
    allowed: frozenset[str]
    post_only: bool = False
    payload: Callable[[Scene], dict[str, Any]] = lambda _s: {}
    empty_for: frozenset[str] = frozenset()
    list_page: bool = False
    query: str = ""


def none(_scene: Scene) -> dict[str, Any]:
    return {}


def plan(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.plan.pk}


def directive(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.directive.pk}


def task(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.directive.pk, "task_pk": scene.tasks[0].pk}


def assignment(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.directive.pk, "assignment_pk": scene.assignment_a.pk}


def template(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.template.pk}


def section(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.template.pk, "section_pk": scene.section.pk}


def indicator(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.template.pk, "indicator_pk": scene.indicator.pk}


def reporting_round(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.round.pk}


def report_a(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.report_a.pk}


def delegation(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.delegation.pk}


def session_a(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.delegation.pk, "session_pk": scene.session_a.pk}


def recommendation_a(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.recommendation_a.pk}


def letter_a(scene: Scene) -> dict[str, Any]:
    return {"pk": scene.letter_a.pk}


MATRIX: dict[str, Route] = {
    # --- register: any active staff reads; the commission that entered a document edits it
    "register_list": Route(none, STAFF, list_page=True),
    "register_export": Route(none, STAFF, list_page=True),
    "register_create": Route(none, MANAGERS),
    "register_upload": Route(none, MANAGERS),
    "register_detail": Route(plan, STAFF),
    "register_download": Route(plan, STAFF),
    "register_edit": Route(plan, COMMISSION),
    "register_delete": Route(plan, COMMISSION),
    "register_link": Route(plan, COMMISSION, post_only=True),
    "register_unlink": Route(
        lambda s: {"pk": s.plan.pk, "link_pk": s.link.pk}, COMMISSION, post_only=True
    ),
    "register_references": Route(plan, STAFF),
    "register_references_refresh": Route(plan, COMMISSION, post_only=True),
    "register_references_stubs": Route(plan, COMMISSION, post_only=True),
    "register_reference_stub": Route(
        lambda s: {"pk": s.plan.pk, "reference_pk": s.missing_reference.pk},
        COMMISSION,
        post_only=True,
    ),
    "register_reference_link": Route(
        lambda s: {"pk": s.plan.pk, "reference_pk": s.linked_reference.pk},
        COMMISSION,
        post_only=True,
        payload=lambda s: {"target": s.directive_document.pk},
    ),
    "register_reference_unlink": Route(
        lambda s: {"pk": s.plan.pk, "reference_pk": s.linked_reference.pk},
        COMMISSION,
        post_only=True,
    ),
    # --- tasks: the managing commission; a unit only its own assignments
    "tasks_directive_list": Route(none, MANAGERS, list_page=True),
    "tasks_directive_create": Route(none, MANAGERS),
    "tasks_directive_detail": Route(directive, COMMISSION),
    "tasks_directive_activate": Route(directive, COMMISSION, post_only=True),
    "tasks_directive_close": Route(directive, COMMISSION, post_only=True),
    "tasks_suggest": Route(directive, COMMISSION),
    "tasks_directive_unit": Route(
        lambda s: {"pk": s.directive.pk, "unit_pk": s.unit_a.pk}, COMMISSION
    ),
    "tasks_task_create": Route(directive, COMMISSION),
    "tasks_task_detail": Route(task, COMMISSION),
    "tasks_task_edit": Route(task, COMMISSION),
    "tasks_task_delete": Route(task, COMMISSION, post_only=True),
    "tasks_task_assign": Route(task, COMMISSION, post_only=True),
    "tasks_assignment_role": Route(
        assignment, COMMISSION, post_only=True, payload=lambda _s: {"role": "coordinating"}
    ),
    "tasks_assignment_remove": Route(assignment, COMMISSION, post_only=True),
    "tasks_unit_list": Route(none, STAFF, list_page=True),
    "tasks_assignment_detail": Route(lambda s: {"pk": s.assignment_a.pk}, UNIT_A),
    # --- reports: a unit fills its own; the commission that asked reviews and synthesises
    "reports_inbox": Route(none, STAFF, list_page=True),
    "reports_fill": Route(report_a, frozenset({"a"})),
    "reports_recount": Route(report_a, frozenset({"a"}), post_only=True),
    "reports_templates": Route(none, MANAGERS),
    "reports_template_create": Route(none, MANAGERS),
    "reports_template_default": Route(none, MANAGERS, post_only=True),
    "reports_template_detail": Route(template, COMMISSION),
    "reports_template_edit": Route(template, COMMISSION),
    "reports_template_copy": Route(template, COMMISSION, post_only=True),
    "reports_section_add": Route(template, COMMISSION, post_only=True),
    "reports_section_edit": Route(section, COMMISSION),
    "reports_section_delete": Route(section, COMMISSION, post_only=True),
    "reports_section_move": Route(section, COMMISSION, post_only=True),
    "reports_indicator_add": Route(template, COMMISSION, post_only=True),
    "reports_indicator_edit": Route(indicator, COMMISSION),
    "reports_indicator_delete": Route(indicator, COMMISSION, post_only=True),
    "reports_indicator_move": Route(indicator, COMMISSION, post_only=True),
    "reports_rounds": Route(none, MANAGERS, list_page=True),
    "reports_round_create": Route(none, MANAGERS),
    "reports_round_detail": Route(reporting_round, COMMISSION),
    "reports_round_close": Route(reporting_round, COMMISSION, post_only=True),
    "reports_review": Route(report_a, COMMISSION),
    "reports_return": Route(
        report_a, COMMISSION, post_only=True, payload=lambda _s: {"comment": "Bổ sung số liệu."}
    ),
    "reports_accept": Route(report_a, COMMISSION, post_only=True),
    "reports_synthesis": Route(reporting_round, COMMISSION),
    "reports_synthesis_draft": Route(lambda s: {"pk": s.round.pk, "fmt": "docx"}, COMMISSION),
    "reports_synthesis_issue": Route(reporting_round, COMMISSION, post_only=True),
    "reports_synthesis_file": Route(lambda s: {"pk": s.round.pk, "fmt": "xlsx"}, COMMISSION),
    # --- monitoring: everyone's own scope; the urging letter to A for A and the commission
    "monitoring_dashboard": Route(none, STAFF, list_page=True),
    "monitoring_csv": Route(none, STAFF, list_page=True),
    "monitoring_unit": Route(lambda s: {"pk": s.unit_a.pk}, UNIT_A),
    "monitoring_urge": Route(directive, COMMISSION),
    "monitoring_letters": Route(none, STAFF, list_page=True),
    "monitoring_letter": Route(letter_a, UNIT_A),
    "monitoring_letter_download": Route(letter_a, UNIT_A),
    # --- delegations: the organising commission; a recommendation also for its unit
    "delegations_list": Route(none, STAFF, list_page=True),
    "delegations_create": Route(none, MANAGERS),
    "delegations_detail": Route(delegation, COMMISSION),
    "delegations_start": Route(delegation, COMMISSION, post_only=True),
    "delegations_member_add": Route(delegation, COMMISSION, post_only=True),
    "delegations_session_add": Route(delegation, COMMISSION, post_only=True),
    "delegations_session": Route(session_a, COMMISSION),
    "delegations_session_minutes": Route(session_a, COMMISSION),
    "delegations_finding_add": Route(delegation, COMMISSION, post_only=True),
    "delegations_recommendation_add": Route(delegation, COMMISSION, post_only=True),
    "delegations_report": Route(delegation, COMMISSION),
    "delegations_report_download": Route(lambda s: {"pk": s.closed_delegation.pk}, COMMISSION),
    "delegations_recommendations": Route(none, STAFF, list_page=True),
    "delegations_recommendation": Route(recommendation_a, UNIT_A),
    "delegations_recommendation_progress": Route(
        recommendation_a,
        frozenset({"a"}),
        post_only=True,
        payload=lambda _s: {"status": "in_progress", "note": "Đang niêm yết."},
    ),
    "delegations_recommendation_review": Route(
        recommendation_a, COMMISSION, post_only=True, payload=lambda _s: {"decision": "confirm"}
    ),
}


# ------------------------------------------------------------------ helpers


def pattern_names(patterns: list[Any]) -> Iterator[str]:
    """The name of every URL pattern, through any include()."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from pattern_names(pattern.url_patterns)
        else:
            assert pattern.name, f"a directives route without a name: {pattern.pattern}"
            yield pattern.name


def route_names() -> set[str]:
    """The names of every URL pattern in the ``directives`` namespace, as Django resolves them."""
    _prefix, resolver = get_resolver().namespace_dict["directives"]
    return set(pattern_names(resolver.url_patterns))


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def body_text(response: HttpResponseBase) -> str:
    """What a person reads in a response: the page, the CSV, the Word or Excel file."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        raw = response.content  # type: ignore[attr-defined]
    kind = response.get("Content-Type", "")
    if "wordprocessingml" in kind:
        return docx_text(raw)
    if "spreadsheetml" in kind:
        return xlsx_text(raw)
    return raw.decode("utf-8", errors="replace")


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    for part in document.sections:
        lines.extend(p.text for p in part.header.paragraphs)
        lines.extend(p.text for p in part.footer.paragraphs)
    return "\n".join(lines)


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return "\n".join(cells)


def login_url() -> str:
    return str(resolve_url(settings.LOGIN_URL))


def is_refused(response: HttpResponseBase, person: str) -> bool:
    """The same 404 as a missing object; anonymous visitors are sent to sign in."""
    if person == "anon":
        return response.status_code == 302 and response["Location"].startswith(login_url())
    return response.status_code == 404


def hidden_from(
    scene: Scene, person: str, *, list_page: bool, follow_ups: bool = False
) -> list[str]:
    """Texts ``person`` must never read: the other commune's, or everybody's.

    ``follow_ups``: the page is the register entry, whose list of follow-ups is checked on
    its own (test_another_province_does_not_see_the_follow_ups).
    """
    a_texts = [*A_TEXTS, *([scene.unit_a.name] if list_page else [])]
    b_texts = [*B_TEXTS, *([scene.unit_b.name] if list_page else [])]
    if person == "a":
        return b_texts
    if person == "b":
        return a_texts
    if person == "commission":
        return []
    return [*a_texts, *b_texts, *([] if follow_ups else [DIRECTIVE_TITLE])]


def leaks(text: str, forbidden: list[str]) -> list[str]:
    return [secret for secret in forbidden if secret in text]


# ------------------------------------------------------------------ the tests


def test_every_route_is_in_the_matrix() -> None:
    # given every route of the namespace, as resolved and as the app's urls module lists it
    from danvan.directives import urls as directives_urls

    resolved = route_names()
    listed = set(pattern_names(directives_urls.urlpatterns))
    # then: both agree, and each route says who may use it (no route without an entry, no
    # entry for a route that is gone)
    assert resolved == listed
    assert sorted(resolved - set(MATRIX)) == [], "routes without a matrix entry"
    assert sorted(set(MATRIX) - resolved) == [], "matrix entries for routes that are gone"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route_answers_each_person_as_the_matrix_says(scene: Scene, name: str) -> None:
    route = MATRIX[name]
    url = reverse(f"directives:{name}", kwargs=route.kwargs(scene)) + route.query
    problems: list[str] = []
    # the refused first: they must change nothing, so the allowed see the scene intact
    ordered = sorted(PERSONS, key=lambda person: person in route.allowed)
    for person in ordered:
        client = client_for(scene.people[person])
        allowed = person in route.allowed
        payload = route.payload(scene)
        if not allowed:
            # when: they GET (unless the route takes only POST) and POST
            before = AuditEntry.objects.count()
            if not route.post_only:
                response = client.get(url)
                if person in route.empty_for:
                    if response.status_code != 200:
                        problems.append(f"{person} GET: {response.status_code}, expected 200")
                    found = leaks(
                        body_text(response), hidden_from(scene, "citizen", list_page=True)
                    )
                    if found:
                        problems.append(f"{person} GET shows {found}")
                elif not is_refused(response, person):
                    problems.append(f"{person} GET: {response.status_code}, expected 404")
            response = client.post(url, payload)
            # then: refused (a GET-only route may answer 405 before looking at anything)
            if not (is_refused(response, person) or response.status_code == 405):
                problems.append(f"{person} POST: {response.status_code}, expected 404")
            if AuditEntry.objects.count() != before:
                problems.append(f"{person}: a refused request wrote to the audit log")
            continue
        if route.post_only:
            response = client.post(url, payload)
            if response.status_code not in (200, 302, 400) or is_refused(response, "anon"):
                problems.append(f"{person} POST: {response.status_code}, expected to be acted on")
            continue
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{person} GET: {response.status_code}, expected 200")
            continue
        forbidden = hidden_from(
            scene, person, list_page=route.list_page, follow_ups=name == "register_detail"
        )
        found = leaks(body_text(response), forbidden)
        if found:
            problems.append(f"{person} GET shows what is not theirs: {found}")
    assert problems == [], f"{name} ({url})"


# ------------------------------------------------------------------ anonymous visitors


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_an_anonymous_visitor_is_sent_to_sign_in(scene: Scene, name: str) -> None:
    # given a staff page and nobody signed in (a session that expired, a link in an e-mail)
    route = MATRIX[name]
    url = reverse(f"directives:{name}", kwargs=route.kwargs(scene))
    # when: they open it (POST for the routes that only take POST)
    client = Client()
    response = client.post(url, route.payload(scene)) if route.post_only else client.get(url)
    # then: the sign-in page, which brings them back here afterwards
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(login_url())
    assert "next=" in response["Location"]


# ------------------------------------------------------------------ what each side sees


def test_another_province_does_not_see_the_follow_ups(scene: Scene) -> None:
    # given the plan of Hưng Yên, followed up by its commission
    url = reverse("directives:register_detail", kwargs={"pk": scene.plan.pk})
    # when: the commission officer of Hà Nội reads its register entry (documents are public)
    page = body_text(client_for(scene.other_officer).get(url))
    # then: the document, but not Hưng Yên's follow-up of it
    assert scene.plan.symbol in page
    assert DIRECTIVE_TITLE not in page
    # and (the check can fail): Hưng Yên's commission sees its follow-up there
    own = body_text(client_for(scene.world.commission_officer).get(url))
    assert DIRECTIVE_TITLE in own


def test_the_commission_sees_every_units_work(scene: Scene) -> None:
    # given the commission's officer
    client = client_for(scene.world.commission_officer)
    # when / then: both communes' reports in the round, A's report with its narrative
    round_page = body_text(
        client.get(reverse("directives:reports_round_detail", kwargs={"pk": scene.round.pk}))
    )
    assert scene.unit_a.name in round_page
    assert scene.unit_b.name in round_page
    review = body_text(
        client.get(reverse("directives:reports_review", kwargs={"pk": scene.report_a.pk}))
    )
    assert A_NARRATIVE in review
    # and: every recommendation, of both communes
    recommendations = body_text(client.get(reverse("directives:delegations_recommendations")))
    assert A_RECOMMENDATION in recommendations
    assert B_RECOMMENDATION in recommendations
    # and: the progress notes of each unit on its page of the directive
    for unit, note in ((scene.unit_a, A_NOTE), (scene.unit_b, B_NOTE)):
        page = client.get(
            reverse(
                "directives:tasks_directive_unit",
                kwargs={"pk": scene.directive.pk, "unit_pk": unit.pk},
            )
        )
        assert note in body_text(page)
    # and: the monitoring dashboard lists both communes
    dashboard = body_text(client.get(reverse("directives:monitoring_dashboard")))
    assert scene.unit_a.name in dashboard
    assert scene.unit_b.name in dashboard
    # and: the synthesis collects the narrative of the report submitted (A)
    synthesis_page = body_text(
        client.get(reverse("directives:reports_synthesis", kwargs={"pk": scene.round.pk}))
    )
    assert A_NARRATIVE in synthesis_page


def test_a_unit_sees_its_own_work(scene: Scene) -> None:
    # given commune A's officer
    client = client_for(scene.officer_a)
    # then: its own tasks (the one given to A alone too), not B's
    tasks = body_text(client.get(reverse("directives:tasks_unit_list")))
    assert A_ONLY_TASK in tasks
    assert B_ONLY_TASK not in tasks
    # and: its own report with what it wrote, its own recommendation
    inbox = body_text(client.get(reverse("directives:reports_inbox")))
    assert scene.round.title in inbox
    fill = body_text(
        client.get(reverse("directives:reports_fill", kwargs={"pk": scene.report_a.pk}))
    )
    assert A_NARRATIVE in fill
    recommendations = body_text(client.get(reverse("directives:delegations_recommendations")))
    assert A_RECOMMENDATION in recommendations
    assert B_RECOMMENDATION not in recommendations
    # and: B's report, assignment and recommendation are missing for A
    b_assignment = TaskAssignment.objects.get(task=scene.tasks[2], unit=scene.unit_b)
    b_recommendation = Recommendation.objects.get(unit=scene.unit_b)
    for url in (
        reverse("directives:reports_fill", kwargs={"pk": scene.report_b.pk}),
        reverse("directives:tasks_assignment_detail", kwargs={"pk": b_assignment.pk}),
        reverse("directives:delegations_recommendation", kwargs={"pk": b_recommendation.pk}),
        reverse("directives:monitoring_letter", kwargs={"pk": scene.letter_b.pk}),
        reverse("directives:monitoring_unit", kwargs={"pk": scene.unit_b.pk}),
    ):
        assert client.get(url).status_code == 404, url


def test_commune_b_lists_and_exports_hold_nothing_of_commune_a(scene: Scene) -> None:
    # given commune B's officer
    client = client_for(scene.officer_b)
    forbidden = [*A_TEXTS, scene.unit_a.name]
    # when: B opens its lists and downloads what it may (CSV of the register and of the
    # dashboard, its own urging letter in Word)
    pages = {
        name: client.get(reverse(f"directives:{name}"))
        for name in (
            "tasks_unit_list",
            "reports_inbox",
            "monitoring_dashboard",
            "monitoring_csv",
            "monitoring_letters",
            "delegations_list",
            "delegations_recommendations",
            "register_list",
            "register_export",
        )
    }
    pages["own letter"] = client.get(
        reverse("directives:monitoring_letter_download", kwargs={"pk": scene.letter_b.pk})
    )
    pages["own report"] = client.get(
        reverse("directives:reports_fill", kwargs={"pk": scene.report_b.pk})
    )
    # then: every one answers, and none holds A's name or A's texts
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = body_text(response)
        assert leaks(text, forbidden) == [], name
    # and (the check can fail): B's own texts are there
    assert B_ONLY_TASK in body_text(pages["tasks_unit_list"])
    assert B_NARRATIVE in body_text(pages["own report"])
    assert scene.unit_b.name in body_text(pages["own letter"])
    rows = list(csv.reader(io.StringIO(body_text(pages["monitoring_csv"]).lstrip("\ufeff"))))
    assert any(scene.unit_b.name in row for row in rows)


def test_the_commissions_exports_hold_both_communes(scene: Scene) -> None:
    # given the synthesis issued for the round (A submitted; B still writing)
    client = client_for(scene.world.commission_officer)
    word = client.get(
        reverse("directives:reports_synthesis_file", kwargs={"pk": scene.round.pk, "fmt": "docx"})
    )
    excel = client.get(
        reverse("directives:reports_synthesis_file", kwargs={"pk": scene.round.pk, "fmt": "xlsx"})
    )
    # then: the Word report carries A's narrative and both communes (B as missing)
    word_text = body_text(word)
    assert A_NARRATIVE in word_text
    assert scene.unit_a.name in word_text
    assert scene.unit_b.name in word_text
    # and: B's unsent draft is not in it
    assert B_NARRATIVE not in word_text
    assert scene.unit_a.name in body_text(excel)


def test_mail_to_commune_b_holds_nothing_of_commune_a(scene: Scene) -> None:
    # given the e-mails the scene sent (tasks given, report asked, urging letter,
    # recommendation made)
    to_b = [m for m in mail.outbox if scene.officer_b.email in m.to]
    to_a = [m for m in mail.outbox if scene.officer_a.email in m.to]
    # then: B was told about its work…
    assert to_b, [m.subject for m in mail.outbox]
    everything_b = "\n".join(_mail_text(m) for m in to_b)
    assert B_ONLY_TASK in everything_b
    # …and nothing of A's
    assert leaks(everything_b, [*A_TEXTS, scene.unit_a.name]) == []
    # and symmetrically for A
    everything_a = "\n".join(_mail_text(m) for m in to_a)
    assert A_ONLY_TASK in everything_a
    assert leaks(everything_a, [*B_TEXTS, scene.unit_b.name]) == []


def _mail_text(message: Any) -> str:
    parts = [message.subject, message.body]
    parts.extend(str(content) for content, _kind in getattr(message, "alternatives", []))
    return "\n".join(parts)


def test_a_citizen_searching_the_register_gets_404(scene: Scene) -> None:
    # given a citizen, signed in
    client = client_for(scene.citizen)
    # when: they search the register (with and without diacritics) or export the search
    for path, query in (
        ("directives:register_list", {"q": "chỉ thị 33"}),
        ("directives:register_list", {"q": "chi thi dan van"}),
        ("directives:register_export", {"q": "125-KH/BTGDVTU"}),
    ):
        response = client.get(reverse(path), query)
        # then: nothing, the same 404 as for a page that does not exist
        assert response.status_code == 404, (path, query)
    # and (the check can fail): a commune officer gets the plan for the same search
    officer = client_for(scene.officer_b)
    found = officer.get(reverse("directives:register_list"), {"q": "ke hoach dan van"})
    assert scene.plan.symbol in body_text(found)


@pytest.fixture
def every_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger listening, down to DEBUG, from before the scene is built."""
    caplog.set_level(logging.DEBUG)
    return caplog


def test_report_narratives_never_reach_the_logs_or_the_audit_trail(
    every_log: pytest.LogCaptureFixture, scene: Scene
) -> None:
    # given every logger listening while the scene was built (reports filled and submitted)
    # when: commune B fills and submits its report through the page, the commission
    # returns A's, A resubmits, the commission accepts and issues the synthesis again
    officer_b = client_for(scene.officer_b)
    fill_b = reverse("directives:reports_fill", kwargs={"pk": scene.report_b.pk})
    template = scene.round.template
    data: dict[str, str] = {}
    form = officer_b.get(fill_b).context["form"]
    for bound in form:
        name = bound.html_name
        data[name] = f"{B_NARRATIVE} (lần 2)" if name.startswith("section") else "3"
    data["submit"] = "1"
    response = officer_b.post(fill_b, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    commission = client_for(scene.world.commission_officer)
    commission.post(
        reverse("directives:reports_return", kwargs={"pk": scene.report_a.pk}),
        {"comment": "Đề nghị bổ sung số liệu."},
    )
    scene.report_a.refresh_from_db()
    assert scene.report_a.status == UnitReport.Status.RETURNED
    filing.report_submit(report=scene.report_a, actor=scene.officer_a)
    commission.post(reverse("directives:reports_accept", kwargs={"pk": scene.report_a.pk}))
    scene.report_a.refresh_from_db()
    assert scene.report_a.status == UnitReport.Status.ACCEPTED
    assert template.sections.exists()
    # then: no log line and no audit entry carries a narrative (nor a progress note)
    logged = "\n".join(record.getMessage() for record in every_log.records)
    assert every_log.records, "nothing was logged at all: the check would prove nothing"
    assert leaks(logged, [*NARRATIVES, A_NOTE, B_NOTE]) == []
    for entry in AuditEntry.objects.all():
        written = f"{entry.target_label} {entry.data}"
        assert leaks(written, [*NARRATIVES, A_NOTE, B_NOTE]) == [], entry.verb
