"""Seed the demo directive of the province's commission for propaganda and mass mobilisation.

Everything goes through the directives services, as the commission and the units would:

- the commission officer registers the framework documents (23-QĐ/TW, 114-KL/TW, 33/CT-TTg,
  Law 10/2022/QH15), then the commission's own plan from its text: extraction finds the
  documents it cites, links those in the register and enters the one that is not;
- the plan is followed up as a directive with five tasks for the commune, the ward, the
  Department of Home Affairs and the commune's Fatherland Front (due dates, a count of
  working days by the deadline engine, a six-monthly cycle), and started;
- the units report progress: the commune has held its dialogue, the ward is late;
- the six-monthly task's round on the default template asks the three units for their report
  on the last half-year: the commune's is accepted, the ward's returned with a comment, the
  department's is missing and past due;
- an inspection delegation visits the commune, records its minutes and a finding, and
  makes a recommendation that the commune reports in progress.

Dates are relative to the day of the seed, so the demo always shows something late, due
soon and done. Idempotent: the plan's directive in the commission means the seed has run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.demo import cast, world
from danvan.directives.models import Directive, Document, TaskAssignment, UnitReport
from danvan.directives.services import delegations as delegation_services
from danvan.directives.services import tasks as task_services
from danvan.directives.services.register import (
    document_create,
    document_register,
    references_stubs_create,
)
from danvan.directives.services.reports import round_create, template_default_create
from danvan.directives.services.reports_filing import (
    report_accept,
    report_prefill,
    report_return,
    report_save,
    report_submit,
)
from danvan.directives.services.tasks_parsing import MODE_CYCLE, MODE_DATE, MODE_WORKING_DAYS
from danvan.units.models import Unit, User

PLAN_SYMBOL = "24-KH/BTGDVTU"
PLAN_TITLE = "Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"

FRAMEWORK = (
    # (symbol, type, date, title, issuer)
    (
        "23-QĐ/TW",
        "regulation",  # a Quy định of the Politburo, numbered QĐ (DOMAIN.md §7.2)
        dt.date(2021, 7, 30),
        "Quy chế công tác dân vận của hệ thống chính trị",
        "Bộ Chính trị",
    ),
    (
        "114-KL/TW",
        "conclusion",
        dt.date(2015, 7, 14),
        "Nâng cao hiệu quả công tác dân vận của cơ quan nhà nước, chính quyền các cấp",
        "Ban Bí thư",
    ),
    (
        "33/CT-TTg",
        "directive",
        dt.date(2021, 12, 20),
        "Tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, "
        "chính quyền các cấp trong tình hình mới",
        "Thủ tướng Chính phủ",
    ),
)


def plan_text(issued: dt.date) -> str:
    """The commission's plan as an officer would paste it: header, grounds, five tasks."""
    return f"""TỈNH ỦY HƯNG YÊN
BAN TUYÊN GIÁO VÀ DÂN VẬN
Số {PLAN_SYMBOL}
Hưng Yên, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}

KẾ HOẠCH
thực hiện công tác dân vận chính quyền năm 2026

Thực hiện Quy định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác \
dân vận của hệ thống chính trị; Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về nâng \
cao hiệu quả công tác dân vận của cơ quan nhà nước, chính quyền các cấp; Chỉ thị số \
33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ; Luật Thực hiện dân chủ ở cơ sở số \
10/2022/QH15 và Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết \
một số điều của Luật, Ban Tuyên giáo và Dân vận Tỉnh ủy xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao trách nhiệm của người đứng đầu cơ quan hành chính nhà nước trong công tác dân vận; \
phát huy quyền làm chủ của Nhân dân; nhân rộng các mô hình "Dân vận khéo".

II. NHIỆM VỤ, GIẢI PHÁP
1. Tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân. UBND \
xã Khoái Châu, UBND phường Phố Hiến chủ trì, phối hợp với Ủy ban MTTQ Việt Nam xã Khoái Châu.
2. Rà soát, kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở. Sở Nội vụ chủ trì.
3. Đăng ký và xây dựng mô hình "Dân vận khéo" năm 2026. UBND xã Khoái Châu, UBND phường \
Phố Hiến thực hiện.
4. Công khai kết quả giải quyết kiến nghị của cử tri trong 10 ngày làm việc. UBND xã Khoái \
Châu thực hiện.
5. Báo cáo định kỳ 6 tháng kết quả công tác dân vận chính quyền. UBND xã Khoái Châu, UBND \
phường Phố Hiến, Sở Nội vụ thực hiện.

III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị báo cáo kết quả về Ban Tuyên giáo và Dân vận Tỉnh ủy theo định kỳ.
"""


@dataclass
class DirectivesSeedReport:
    created: bool = False
    documents: int = 0
    tasks: int = 0
    reports: int = 0


def _person(member: cast.CastMember) -> User:
    return User.objects.get(username=member.username)


def _unit(demo_unit: world.DemoUnit) -> Unit:
    return Unit.objects.get(code=demo_unit.code)


def _task(
    directive: Directive,
    actor: User,
    position: int,
    title: str,
    deadline: task_services.DeadlineInput,
    responsible: list[Unit],
    coordinating: list[Unit] = (),  # type: ignore[assignment]
) -> None:
    task = task_services.task_create(
        directive=directive,
        actor=actor,
        data=task_services.TaskInput(position, title, "", deadline),
    )
    task_services.task_assign(
        task=task, actor=actor, unit_ids=[u.pk for u in responsible], role="responsible"
    )
    if coordinating:
        task_services.task_assign(
            task=task, actor=actor, unit_ids=[u.pk for u in coordinating], role="coordinating"
        )


@transaction.atomic
def demo_directives_seed() -> DirectivesSeedReport:
    """Register, split, report and inspect (nothing if the demo directive is there)."""
    report = DirectivesSeedReport()
    commission = _unit(world.MASS_MOBILIZATION_COMMISSION)
    if Directive.objects.filter(unit=commission, document__symbol=PLAN_SYMBOL).exists():
        return report
    officer, head = _person(cast.COMMISSION_STAFF), _person(cast.COMMISSION_HEAD)
    commune, ward = _unit(world.COMMUNE_COMMITTEE), _unit(world.WARD_COMMITTEE)
    department, front = (
        _unit(world.DEPARTMENT_OF_HOME_AFFAIRS),
        _unit(world.COMMUNE_FATHERLAND_FRONT),
    )
    commune_officer, ward_officer = _person(cast.COMMUNE_HANDLER), _person(cast.WARD_HANDLER)
    today = timezone.localdate()

    # The register: the framework, then the plan from its text.
    for symbol, doc_type, issued, title, issuer in FRAMEWORK:
        if not Document.objects.filter(symbol=symbol).exists():
            document_create(
                actor=officer, unit=commission, symbol=symbol, issued_on=issued,
                doc_type=doc_type, title=title, issuer_name=issuer,
            )  # fmt: skip
            report.documents += 1
    issued = today - dt.timedelta(days=60)
    registered = document_register(
        actor=officer, unit=commission, symbol=PLAN_SYMBOL, issued_on=issued,
        title=PLAN_TITLE, issuer_name=commission.name, full_text=plan_text(issued),
    )  # fmt: skip
    plan = registered.document
    report.documents += 1 + references_stubs_create(document=plan, actor=officer, unit=commission)

    # The directive and its tasks.
    directive, _created = task_services.directive_create(
        document=plan, unit=commission, actor=officer, title=f"Thực hiện {PLAN_TITLE.lower()}"
    )
    deadline = task_services.DeadlineInput
    _task(
        directive, officer, 1,
        "Tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
        deadline(MODE_DATE, due_on=today - dt.timedelta(days=7)), [commune, ward], [front],
    )  # fmt: skip
    _task(
        directive, officer, 2, "Rà soát, kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở",
        deadline(MODE_DATE, due_on=today + dt.timedelta(days=20)), [department],
    )  # fmt: skip
    _task(
        directive, officer, 3, "Đăng ký và xây dựng mô hình “Dân vận khéo” năm 2026",
        deadline(MODE_DATE, due_on=today + dt.timedelta(days=35)), [commune, ward],
    )  # fmt: skip
    _task(
        directive, officer, 4, "Công khai kết quả giải quyết kiến nghị của cử tri",
        deadline(MODE_WORKING_DAYS, working_days=10, counted_from=today - dt.timedelta(days=3)),
        [commune],
    )  # fmt: skip
    _task(
        directive, officer, 5, "Báo cáo định kỳ 6 tháng kết quả công tác dân vận chính quyền",
        deadline(MODE_CYCLE, cycle="semiannual"), [commune, ward, department],
    )  # fmt: skip
    report.tasks = 5
    task_services.directive_activate(directive=directive, actor=officer)
    dialogue = TaskAssignment.objects.filter(task__directive=directive, task__position=1)
    task_services.assignment_progress_record(
        assignment=dialogue.get(unit=commune), actor=commune_officer, status="done",
        result="Ngày 10/11 tổ chức hội nghị đối thoại tại nhà văn hóa thôn Đông Tảo, 126 "
        "người dân dự, 14 ý kiến, 11 ý kiến được trả lời tại hội nghị.",
        done_on=today - dt.timedelta(days=9),
    )  # fmt: skip
    task_services.assignment_progress_record(
        assignment=dialogue.get(unit=ward), actor=ward_officer, status="in_progress",
        note="Đã xây dựng kế hoạch, đang thống nhất thời gian với Ủy ban MTTQ phường.",
    )  # fmt: skip

    # The six-monthly report of task 5 for the last half-year, on the default template.
    template = template_default_create(unit=commission, actor=officer)
    first_half = today.month > 6
    period_start = dt.date(today.year if first_half else today.year - 1, 1 if first_half else 7, 1)
    period_end = dt.date(period_start.year, 6 if first_half else 12, 30 if first_half else 31)
    half = "6 tháng đầu năm" if first_half else "6 tháng cuối năm"
    reporting_round = round_create(
        unit=commission, template=template,
        title=f"Báo cáo kết quả công tác dân vận chính quyền {half} {period_start.year}",
        period_start=period_start, period_end=period_end,
        due_on=min(period_end + dt.timedelta(days=15), today - dt.timedelta(days=2)),
        units=[commune, ward, department], actor=officer,
        task=directive.tasks.get(position=5),
    )  # fmt: skip
    report.reports = 3
    texts = {
        "commune": (
            "Tổ chức 02 hội nghị đối thoại, tiếp 38 lượt công dân; 100% đơn thư đủ điều kiện "
            "được giải quyết trong hạn. Duy trì mô hình “Thôn Đông Tảo không có đơn thư "
            "vượt cấp”.",
            "Một số thôn chưa niêm yết công khai kịp thời kết quả giải quyết kiến nghị.",
        ),
        "ward": (
            "Tiếp 21 lượt công dân, tổ chức lấy ý kiến Nhân dân về chỉnh trang đô thị.",
            "Chưa tổ chức đối thoại định kỳ theo kế hoạch.",
        ),
    }
    for unit, person, key in ((commune, commune_officer, "commune"), (ward, ward_officer, "ward")):
        unit_report = UnitReport.objects.get(round=reporting_round, unit=unit)
        report_prefill(report=unit_report, actor=person)
        sections = list(template.sections.order_by("position"))
        first, second = texts[key]
        section_texts = {
            s.pk: (first if i == 0 else second if i == 1 else "Tiếp tục thực hiện kế hoạch.")
            for i, s in enumerate(sections)
        }
        values = {
            v.indicator_id: v.value if v.value is not None else Decimal(2 + v.indicator_id % 5)
            for v in unit_report.values.all()
        }
        for indicator in template.indicators.exclude(pk__in=values):
            values[indicator.pk] = Decimal(1 + indicator.pk % 4)
        report_save(report=unit_report, actor=person, texts=section_texts, values=values)
        report_submit(report=unit_report, actor=person)
    report_accept(report=UnitReport.objects.get(round=reporting_round, unit=commune), actor=head)
    report_return(
        report=UnitReport.objects.get(round=reporting_round, unit=ward), actor=officer,
        comment="Đề nghị bổ sung số hội nghị đối thoại đã tổ chức và nguyên nhân chưa tổ "
        "chức đối thoại định kỳ.",
    )  # fmt: skip

    # An inspection of the commune's dialogue and grassroots democracy.
    starts = today - dt.timedelta(days=12)
    delegation = delegation_services.delegation_create(
        actor=officer, unit=commission, kind="inspection",
        title="Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại xã Khoái Châu",
        starts_on=starts, ends_on=today + dt.timedelta(days=5),
        members=[
            delegation_services.MemberInput(head.full_name, "head", "Phó Trưởng ban", head),
            delegation_services.MemberInput(officer.full_name, "secretary", "Chuyên viên", officer),
        ],
        visits=[delegation_services.VisitInput(commune, starts + dt.timedelta(days=2))],
        subject_document=plan, directive=directive,
    )  # fmt: skip
    delegation_services.delegation_start(delegation=delegation, actor=officer)
    session = delegation.sessions.get()
    delegation_services.session_record(
        session=session, actor=officer, held_on=starts + dt.timedelta(days=2),
        place="Hội trường UBND xã Khoái Châu",
        minutes="Đoàn làm việc với lãnh đạo UBND xã, nghe báo cáo việc thực hiện dân chủ ở cơ "
        "sở, kiểm tra hồ sơ tiếp công dân và biên bản các hội nghị đối thoại năm 2026.",
    )  # fmt: skip
    finding = delegation_services.finding_add(
        delegation=delegation, actor=officer, unit=commune, kind="shortcoming", session=session,
        text="Việc niêm yết công khai kết quả giải quyết kiến nghị tại nhà văn hóa các thôn "
        "chưa đầy đủ, chậm so với quy định.",
    )  # fmt: skip
    recommendation = delegation_services.recommendation_add(
        finding=finding, actor=officer, due_on=today + dt.timedelta(days=30),
        text="Niêm yết đầy đủ kết quả giải quyết kiến nghị tại 4 nhà văn hóa thôn và trên "
        "trang thông tin điện tử của xã.",
    )  # fmt: skip
    delegation_services.recommendation_report(
        recommendation=recommendation, actor=commune_officer, status="in_progress",
        note="Đã niêm yết tại 2/4 nhà văn hóa thôn.",
    )  # fmt: skip
    report.created = True
    return report


def demo_directives_reset() -> int:
    """Remove the demo directive, its rounds and delegations, and the demo plan."""
    commission = Unit.objects.filter(code=world.MASS_MOBILIZATION_COMMISSION.code).first()
    if commission is None:
        return 0
    from danvan.directives.models import (
        Delegation,
        NumberCounter,
        ReportingRound,
        ReportTemplate,
        UrgingLetter,
    )

    removed = 0
    removed += Delegation.objects.filter(unit=commission).delete()[0]
    removed += UrgingLetter.objects.filter(unit=commission).delete()[0]
    removed += ReportingRound.objects.filter(unit=commission).delete()[0]
    removed += ReportTemplate.objects.filter(unit=commission).delete()[0]
    removed += Directive.objects.filter(unit=commission).delete()[0]
    removed += Document.objects.filter(registered_by_unit=commission).delete()[0]
    removed += NumberCounter.objects.filter(unit=commission).delete()[0]
    return removed
