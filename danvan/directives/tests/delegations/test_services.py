"""Delegations: plan, sessions, findings, recommendations tracked to done, the final report."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danvan.audit.models import AuditEntry
from danvan.core.docx_layout import MOTTO, NATION, PARTY_NAME
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import (
    Delegation,
    Finding,
    NumberCounter,
    Recommendation,
    RecommendationUpdate,
    WorkingSession,
)
from danvan.directives.selectors.delegations import is_overdue
from danvan.directives.services import delegations as services
from danvan.directives.services.delegations_docx import minutes_docx_build
from danvan.directives.tests.conftest import World
from danvan.directives.tests.delegations.conftest import VN, Role, members
from danvan.directives.tests.monitoring.test_letters import docx_text
from danvan.notifications.models import Notification
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db
RS = Recommendation.Status


def plan(world: World, **changes: object) -> Delegation:
    options: dict[str, object] = {
        "actor": world.commission_officer,
        "unit": world.commission,
        "kind": Delegation.Kind.SURVEY,
        "title": "Khảo sát",
        "starts_on": dt.date(2026, 3, 16),
        "ends_on": dt.date(2026, 3, 20),
        "members": members(),
        "visits": [services.VisitInput(world.committees[2], dt.date(2026, 3, 17))],
    }
    options.update(changes)
    return services.delegation_create(**options)  # type: ignore[arg-type]


def held(delegation: Delegation, unit: Unit, actor: object) -> WorkingSession:
    session = delegation.sessions.get(unit=unit)
    return services.session_record(
        session=session,
        actor=actor,  # type: ignore[arg-type]
        held_on=dt.date(2026, 3, 16),
        place="Hội trường Ủy ban nhân dân xã",
        minutes="Đoàn nghe báo cáo.\nĐơn vị trao đổi, làm rõ.",
    )


# ------------------------------------------------------------------ plan


def test_a_planned_delegation_has_its_members_and_sessions(
    delegation: Delegation, world: World
) -> None:
    assert delegation.status == Delegation.Status.PLANNED
    assert delegation.members.count() == 3
    assert delegation.members.get(role=Role.HEAD).name == "Nguyễn Văn Trưởng"
    assert list(delegation.sessions.values_list("unit_id", flat=True)) == [
        world.committees[0].pk,
        world.committees[1].pk,
    ]
    assert AuditEntry.objects.filter(verb="directives_delegation.create").count() == 1


@pytest.mark.parametrize(
    "heads",
    [0, 2],
)
def test_a_delegation_needs_exactly_one_head(world: World, heads: int) -> None:
    people = [services.MemberInput(name=f"Thành viên {n}", role=Role.HEAD) for n in range(heads)]
    people.append(services.MemberInput(name="Chuyên viên", role=Role.MEMBER))
    with pytest.raises(ApplicationError):
        plan(world, members=people)
    assert not Delegation.objects.exists()


def test_dates_and_visits_are_checked(world: World) -> None:
    with pytest.raises(ApplicationError):
        plan(world, ends_on=dt.date(2026, 3, 1))
    with pytest.raises(ApplicationError):  # a visit after the last day
        plan(world, visits=[services.VisitInput(world.committees[0], dt.date(2026, 4, 1))])
    other = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    with pytest.raises(ApplicationError):  # a unit outside the commission's province
        plan(world, visits=[services.VisitInput(other, dt.date(2026, 3, 17))])
    with pytest.raises(ApplicationError):  # a commune officer does not organise delegations
        plan(world, actor=world.commune_officers[0])
    assert not Delegation.objects.exists()


def test_a_repeated_visit_is_planned_once(world: World) -> None:
    visit = services.VisitInput(world.committees[0], dt.date(2026, 3, 17))
    delegation = plan(world, visits=[visit, visit])
    assert delegation.sessions.count() == 1


def test_members_and_sessions_can_be_added_but_not_a_second_head(
    delegation: Delegation, world: World
) -> None:
    actor = world.commission_officer
    services.delegation_member_add(
        delegation=delegation,
        actor=actor,
        member=services.MemberInput(name="Phạm Phó", role=Role.DEPUTY),
    )
    with pytest.raises(ApplicationError):
        services.delegation_member_add(
            delegation=delegation,
            actor=actor,
            member=services.MemberInput(name="Trưởng đoàn thứ hai", role=Role.HEAD),
        )
    c2 = world.committees[2]
    first = services.session_add(
        delegation=delegation, actor=actor, unit=c2, scheduled_on=dt.date(2026, 3, 20)
    )
    again = services.session_add(
        delegation=delegation, actor=actor, unit=c2, scheduled_on=dt.date(2026, 3, 20)
    )
    assert first.pk == again.pk
    assert delegation.members.count() == 4
    assert delegation.sessions.count() == 3


def test_holding_a_session_puts_the_delegation_under_way(
    delegation: Delegation, world: World
) -> None:
    session = held(delegation, world.committees[0], world.commission_officer)
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.UNDER_WAY
    assert session.minutes.startswith("Đoàn nghe báo cáo.")
    with pytest.raises(ApplicationError):  # not in the future
        services.session_record(
            session=session,
            actor=world.commission_officer,
            held_on=dt.date(2026, 3, 17),
            place="",
            minutes="",
        )


def test_start_moves_a_planned_delegation_once(delegation: Delegation, world: World) -> None:
    services.delegation_start(delegation=delegation, actor=world.commission_officer)
    services.delegation_start(delegation=delegation, actor=world.commission_officer)
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.UNDER_WAY
    assert AuditEntry.objects.filter(verb="directives_delegation.start").count() == 1


# ------------------------------------------------------------------ findings and recommendations


def test_a_finding_is_about_a_visited_unit(delegation: Delegation, world: World) -> None:
    actor = world.commission_officer
    c0, c1, c2 = world.committees
    with pytest.raises(ApplicationError):  # not visited
        services.finding_add(
            delegation=delegation, actor=actor, unit=c2, kind=Finding.Kind.STRENGTH, text="x"
        )
    session_c1 = delegation.sessions.get(unit=c1)
    with pytest.raises(ApplicationError):  # another unit's session
        services.finding_add(
            delegation=delegation,
            actor=actor,
            unit=c0,
            kind=Finding.Kind.STRENGTH,
            text="x",
            session=session_c1,
        )
    finding = services.finding_add(
        delegation=delegation,
        actor=actor,
        unit=c1,
        kind=Finding.Kind.SHORTCOMING,
        text="Chưa niêm yết công khai đủ nội dung theo Điều 11.",
        session=session_c1,
    )
    assert finding.session == session_c1


def test_a_recommendation_is_tracked_to_done(delegation: Delegation, world: World) -> None:
    # given a shortcoming found in committee 0 and the officers of committees 0 and 1
    manager = world.commission_officer
    c0 = world.committees[0]
    unit_officer, other_officer, _third = world.commune_officers
    finding = services.finding_add(
        delegation=delegation,
        actor=manager,
        unit=c0,
        kind=Finding.Kind.SHORTCOMING,
        text="Sổ tiếp công dân ghi chưa đầy đủ.",
    )
    # when the delegation recommends a fix by 15 April
    recommendation = services.recommendation_add(
        finding=finding,
        actor=manager,
        text="Ghi đầy đủ sổ tiếp công dân theo mẫu.",
        due_on=dt.date(2026, 4, 15),
    )
    # then committee 0's officer is told, committee 1's is not
    told = Notification.objects.get(recipient=unit_officer)
    assert told.url == f"/chi-dao/doan-cong-tac/kien-nghi/{recommendation.pk}/"
    assert "15/04/2026" in told.body
    assert not Notification.objects.filter(recipient=other_officer).exists()
    # the other unit may not report on it; the manager may not report for the unit
    with pytest.raises(ApplicationError):
        services.recommendation_report(
            recommendation=recommendation, actor=other_officer, status=RS.IN_PROGRESS, note=""
        )
    with pytest.raises(ApplicationError):
        services.recommendation_report(
            recommendation=recommendation, actor=manager, status=RS.IN_PROGRESS, note=""
        )
    # when the unit reports progress, then done (a note is required for done)
    services.recommendation_report(
        recommendation=recommendation, actor=unit_officer, status=RS.IN_PROGRESS, note="Đang làm"
    )
    with pytest.raises(ApplicationError):
        services.recommendation_report(
            recommendation=recommendation, actor=unit_officer, status=RS.REPORTED_DONE, note=" "
        )
    with pytest.raises(ApplicationError):
        services.recommendation_report(
            recommendation=recommendation, actor=unit_officer, status=RS.DONE, note="x"
        )
    services.recommendation_report(
        recommendation=recommendation,
        actor=unit_officer,
        status=RS.REPORTED_DONE,
        note="Đã ghi bổ sung.",
    )
    # then the delegation's author is told; the unit cannot report again while it waits
    assert Notification.objects.filter(
        recipient=manager, kind="directives.recommendation_reported"
    ).exists()
    with pytest.raises(ApplicationError):
        services.recommendation_report(
            recommendation=recommendation, actor=unit_officer, status=RS.IN_PROGRESS, note=""
        )
    # when the delegation sends it back (why is required), the unit reports again, then it is
    # confirmed
    with pytest.raises(ApplicationError):
        services.recommendation_review(
            recommendation=recommendation, actor=manager, confirm=False, note=""
        )
    with pytest.raises(ApplicationError):  # the unit does not check its own report
        services.recommendation_review(
            recommendation=recommendation, actor=unit_officer, confirm=True, note=""
        )
    services.recommendation_review(
        recommendation=recommendation, actor=manager, confirm=False, note="Thiếu tháng 2."
    )
    recommendation.refresh_from_db()
    assert recommendation.status == RS.IN_PROGRESS
    services.recommendation_report(
        recommendation=recommendation,
        actor=unit_officer,
        status=RS.REPORTED_DONE,
        note="Đã bổ sung tháng 2.",
    )
    with time_machine.travel(dt.datetime(2026, 4, 2, 10, tzinfo=VN), tick=False):
        services.recommendation_review(
            recommendation=recommendation, actor=manager, confirm=True, note=""
        )
    recommendation.refresh_from_db()
    assert recommendation.status == RS.DONE
    assert recommendation.done_on == dt.date(2026, 4, 2)
    with pytest.raises(ApplicationError):  # done: nothing left to check
        services.recommendation_review(
            recommendation=recommendation, actor=manager, confirm=True, note=""
        )
    # and the history keeps every step
    assert list(
        RecommendationUpdate.objects.filter(recommendation=recommendation).values_list(
            "status", flat=True
        )
    ) == [RS.OPEN, RS.IN_PROGRESS, RS.REPORTED_DONE, RS.IN_PROGRESS, RS.REPORTED_DONE, RS.DONE]
    assert (
        Notification.objects.filter(
            recipient=unit_officer, kind="directives.recommendation_reviewed"
        ).count()
        == 2
    )


def test_a_recommendation_cannot_be_due_in_the_past(delegation: Delegation, world: World) -> None:
    finding = services.finding_add(
        delegation=delegation,
        actor=world.commission_officer,
        unit=world.committees[0],
        kind=Finding.Kind.SHORTCOMING,
        text="x",
    )
    with pytest.raises(ApplicationError):
        services.recommendation_add(
            finding=finding,
            actor=world.commission_officer,
            text="y",
            due_on=dt.date(2026, 3, 1),
        )


def test_overdue_recommendations_are_flagged(delegation: Delegation, world: World) -> None:
    finding = services.finding_add(
        delegation=delegation,
        actor=world.commission_officer,
        unit=world.committees[0],
        kind=Finding.Kind.SHORTCOMING,
        text="x",
    )
    recommendation = services.recommendation_add(
        finding=finding, actor=world.commission_officer, text="y", due_on=dt.date(2026, 3, 20)
    )
    assert not is_overdue(recommendation, dt.date(2026, 3, 20))
    assert is_overdue(recommendation, dt.date(2026, 3, 21))
    recommendation.status = RS.DONE
    assert not is_overdue(recommendation, dt.date(2026, 3, 21))


# ------------------------------------------------------------------ documents


def recorded(delegation: Delegation, world: World) -> Recommendation:
    """Sessions held, findings in both units, two recommendations (one done, one late)."""
    manager = world.commission_officer
    c0, c1, _c2 = world.committees
    held(delegation, c0, manager)
    services.finding_add(
        delegation=delegation,
        actor=manager,
        unit=c0,
        kind=Finding.Kind.STRENGTH,
        text="Tổ chức đối thoại định kỳ với Nhân dân.",
        session=delegation.sessions.get(unit=c0),
    )
    shortcoming = services.finding_add(
        delegation=delegation,
        actor=manager,
        unit=c1,
        kind=Finding.Kind.SHORTCOMING,
        text="Chưa công khai đủ thông tin theo Điều 11.",
    )
    done = services.recommendation_add(
        finding=shortcoming, actor=manager, text="Công khai bổ sung.", due_on=dt.date(2026, 3, 18)
    )
    late = services.recommendation_add(
        finding=shortcoming,
        actor=manager,
        text="Rà soát quy chế dân chủ.",
        due_on=dt.date(2026, 3, 20),
    )
    officer = world.commune_officers[1]
    services.recommendation_report(
        recommendation=done, actor=officer, status=RS.REPORTED_DONE, note="Đã công khai."
    )
    services.recommendation_review(
        recommendation=done, actor=manager, confirm=True, note="", today=dt.date(2026, 3, 19)
    )
    return late


def test_the_final_report_is_numbered_in_the_party_frame_and_closes(
    delegation: Delegation, world: World
) -> None:
    # given a planned delegation: no report before its work starts
    with pytest.raises(ApplicationError):
        services.delegation_report(
            delegation=delegation, actor=world.commission_officer, text="Đánh giá"
        )
    recorded(delegation, world)
    with pytest.raises(ApplicationError):  # an empty assessment
        services.delegation_report(delegation=delegation, actor=world.commission_officer, text=" ")
    # when the final report is issued on 23 March
    report = services.delegation_report(
        delegation=delegation,
        actor=world.commission_officer,
        text="Các đơn vị đã quan tâm thực hiện.\nCần khắc phục hạn chế.",
        today=dt.date(2026, 3, 23),
    )
    # then it is numbered as a Party report and the delegation is closed
    assert report.status == Delegation.Status.REPORTED
    assert report.final_report_number == "01-BC/BTGDVTU"
    assert report.reported_on == dt.date(2026, 3, 23)
    text = docx_text(bytes(report.final_report_content or b""))
    assert PARTY_NAME in text
    assert MOTTO not in text
    assert "Số 01-BC/BTGDVTU" in text
    assert "BÁO CÁO" in text
    assert "Kết quả kiểm tra việc thực hiện Quy định 23-QĐ/TW năm 2026" in text
    assert (
        "Thực hiện Quy định số 23-QĐ/TW ngày 30 tháng 7 năm 2021 của Bộ Chính trị "
        "về công tác dân vận của hệ thống chính trị" in text
    )
    assert "do đồng chí Nguyễn Văn Trưởng, Trưởng ban làm Trưởng đoàn" in text
    assert "- Lê Thị Thư, Chuyên viên, Thư ký;" in text
    assert "Tổ chức đối thoại định kỳ với Nhân dân." in text
    assert "Chưa công khai đủ thông tin theo Điều 11." in text
    assert "Đã hoàn thành ngày 19/03/2026" in text
    assert "Chưa thực hiện (quá hạn)" in text
    assert "Cần khắc phục hạn chế." in text
    # when it is sent again (a retried request), no second number is taken
    again = services.delegation_report(
        delegation=delegation, actor=world.commission_officer, text="Khác"
    )
    assert again.final_report_number == "01-BC/BTGDVTU"
    assert NumberCounter.objects.get(unit=world.commission, series="BC").last == 1
    # and the delegation's work can no longer change; the recommendations go on
    with pytest.raises(ApplicationError):
        services.finding_add(
            delegation=delegation,
            actor=world.commission_officer,
            unit=world.committees[0],
            kind=Finding.Kind.STRENGTH,
            text="x",
        )
    late = Recommendation.objects.get(text="Rà soát quy chế dân chủ.")
    services.recommendation_report(
        recommendation=late, actor=world.commune_officers[1], status=RS.IN_PROGRESS, note=""
    )


def test_a_state_body_reports_in_the_state_frame(world: World, frozen: None) -> None:
    # given a delegation of the province's People's Committee
    from danvan.directives.tests.conftest import make_user
    from danvan.units.models import RoleAssignment

    committee = Unit.objects.create(
        code="VN-33-UBND",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=world.province,
    )
    chair = make_user("chu-tich", "Phạm Văn Chủ", committee, RoleAssignment.Role.HEAD)
    delegation = plan(world, actor=chair, unit=committee, kind=Delegation.Kind.SUPERVISION)
    services.delegation_start(delegation=delegation, actor=chair)
    # when its report is issued
    report = services.delegation_report(delegation=delegation, actor=chair, text="Tốt.")
    text = docx_text(bytes(report.final_report_content or b""))
    # then the State frame, a State report number, no findings, no recommendations
    assert report.final_report_number == "01/BC-UBND"
    assert NATION in text
    assert MOTTO in text
    assert "Số: 01/BC-UBND" in text
    assert "\nKết quả giám sát\n" in text  # the title "Khảo sát" was only a kind word
    assert "Đoàn không có kiến nghị." in text
    assert "Phạm Văn Chủ" in text


def test_the_minutes_of_a_session(delegation: Delegation, world: World) -> None:
    c0 = world.committees[0]
    session = held(delegation, c0, world.commission_officer)
    services.finding_add(
        delegation=delegation,
        actor=world.commission_officer,
        unit=c0,
        kind=Finding.Kind.STRENGTH,
        text="Đối thoại định kỳ.",
        session=session,
    )
    text = docx_text(minutes_docx_build(session))
    assert "BIÊN BẢN LÀM VIỆC" in text
    assert f"Đoàn kiểm tra việc thực hiện Quy định 23-QĐ/TW năm 2026 với {c0.name}" in text
    assert "Hôm nay, ngày 16 tháng 3 năm 2026, tại Hội trường Ủy ban nhân dân xã" in text
    assert "Đơn vị trao đổi, làm rõ." in text
    assert "- Ưu điểm: Đối thoại định kỳ." in text
    assert "TRƯỞNG ĐOÀN" in text
    assert "Nguyễn Văn Trưởng" in text
    # a session not yet held prints blanks to fill in
    blank = docx_text(minutes_docx_build(delegation.sessions.get(unit=world.committees[1])))
    assert "……" in blank


def test_a_title_typed_with_its_kind_prints_the_kind_once(world: World, frozen: None) -> None:
    # given a plan whose title was typed as a heading, and an inspection whose title was
    # typed with its kind (as the old help text suggested)
    from danvan.directives.models import Document

    plan_document = Document.objects.create(
        family=Document.Family.PARTY,
        doc_type=Document.Type.PLAN,
        number="18",
        symbol="18-KH/BTGDVTU",
        symbol_key="18-KH/BTGDVTU",
        identity_key="party|BTGDVTU|2025-2030|KH|18",
        issuer_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        issued_on=dt.date(2026, 3, 10),
        title="Thực hiện Chỉ thị số 33/CT-TTg về công tác dân vận chính quyền",
        party_term="2025-2030",
    )
    delegation = plan(
        world,
        kind=Delegation.Kind.INSPECTION,
        title="Kiểm tra việc thực hiện Kế hoạch 18-KH/BTGDVTU tại cơ sở",
        subject_document=plan_document,
    )
    services.delegation_start(delegation=delegation, actor=world.commission_officer)
    session = held(delegation, world.committees[2], world.commission_officer)
    # when the final report and the minutes are printed
    report = services.delegation_report(
        delegation=delegation, actor=world.commission_officer, text="Tốt."
    )
    text = docx_text(bytes(report.final_report_content or b""))
    minutes = docx_text(minutes_docx_build(session))
    # then the kind is printed once, and the plan's title reads on after "về"
    assert "Kết quả kiểm tra việc thực hiện Kế hoạch 18-KH/BTGDVTU tại cơ sở" in text
    assert "kiểm tra Kiểm tra" not in text
    assert (
        "của Ban Tuyên giáo và Dân vận Tỉnh ủy về thực hiện Chỉ thị số 33/CT-TTg về công tác "
        "dân vận chính quyền, " in text
    )
    unit = world.committees[2].name
    assert f"Đoàn kiểm tra việc thực hiện Kế hoạch 18-KH/BTGDVTU tại cơ sở với {unit}" in minutes
    assert "kiểm tra Kiểm tra" not in minutes
