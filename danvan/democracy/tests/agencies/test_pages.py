"""The pages under /dan-chu/co-quan/: who may open them (the same 404 otherwise), what they
show and what they do. Time is frozen: the flags depend on today's date."""

import datetime as dt
import html
import io
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from danvan.consultations.models import Consultation
from danvan.consultations.services.drafts import consultation_create
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.agencies import (
    AgencyProfile,
    AgendaItem,
    StaffConference,
    StaffConsultationLink,
    StaffMatter,
)
from danvan.democracy.services import agencies as services
from danvan.democracy.tests.agencies.conftest import Agencies
from danvan.units.models import RoleAssignment, User

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"democracy:{name}", kwargs=kwargs)


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture
def held(agencies: Agencies) -> StaffConference:
    conference = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2025,
        held_on=dt.date(2026, 3, 10),
        total_staff=90,
    )
    return services.conference_record(
        actor=agencies.head,
        conference=conference,
        attendees=70,
        agenda_done=["policy_review"],
        pledge_signed=True,
        pledge_signed_on=dt.date(2026, 3, 10),
        resolution_number="01/NQ-HNCBCC",
        resolution_adopted_on=dt.date(2026, 3, 10),
        resolution_summary="Hoàn thành kế hoạch năm 2026.\n\nGiữ vững đoàn kết.",
        chair_name="Lê Văn Minh",
        secretary_name="Đỗ Thị Hoa",
    )


@pytest.fixture
def proposed(agencies: Agencies) -> StaffMatter:
    return services.matter_propose(
        actor=agencies.head,
        agency=agencies.agency,
        item="contributions",
        title="Mức đóng góp quỹ tương trợ",
        proposer="union",
        staff_at_proposal=90,
        proposed_on=dt.date(2026, 3, 1),
    )


@time_machine.travel(TODAY, tick=False)
def test_other_agencies_citizens_and_commune_officers_get_the_same_404(
    agencies: Agencies, held: StaffConference, proposed: StaffMatter
) -> None:
    # given every page of the Department of Home Affairs
    pages = [
        url("agencies_detail", pk=agencies.agency.pk),
        url("agencies_profile", pk=agencies.agency.pk),
        url("agencies_conference_create", pk=agencies.agency.pk),
        url("agencies_matter_create", pk=agencies.agency.pk),
        url("agencies_conference", pk=held.pk),
        url("agencies_conference_record", pk=held.pk),
        url("agencies_check_create", pk=held.pk, period=1),
        url("agencies_conference_docx", pk=held.pk),
        url("agencies_matter_decide", pk=proposed.pk),
    ]
    # when the Department of Finance's head, a citizen or a commune officer opens them
    for user in (agencies.other_officer, agencies.citizen, agencies.commune_handler):
        client = client_for(user)
        for page in pages:
            # then they get a 404, like for a page that does not exist
            assert client.get(page).status_code == 404, (user, page)
        assert (
            client.post(url("agencies_consultation_add", pk=agencies.agency.pk)).status_code == 404
        )
    # and the index is a 404 for those who manage no agency
    assert client_for(agencies.citizen).get(url("agencies_index")).status_code == 404
    # and the agency's own head gets 404 for missing objects and for a unit that is no agency
    client = client_for(agencies.head)
    for page in (
        url("agencies_detail", pk=999_999),
        url("agencies_detail", pk=agencies.province.pk),
        url("agencies_conference", pk=999_999),
        url("agencies_matter_decide", pk=999_999),
        url("agencies_check_create", pk=held.pk, period=3),
    ):
        assert client.get(page).status_code == 404, page
    # and a stranger's post changes nothing
    client_for(agencies.other_officer).post(
        url("agencies_conference_record", pk=held.pk), {"attendees": "1"}
    )
    held.refresh_from_db()
    assert held.attendees == 70


@time_machine.travel(TODAY, tick=False)
def test_a_provincial_administrator_manages_the_agencies_below(agencies: Agencies) -> None:
    # given an administrator of the province
    admin = User.objects.create_user(username="qtv", password="x", full_name="Quản trị")
    RoleAssignment.objects.create(
        user=admin, unit=agencies.province, role=RoleAssignment.Role.ADMINISTRATOR
    )
    # when they open the index
    response = client_for(admin).get(url("agencies_index"))
    # then both departments and the communes' People's Committees are listed, each with
    # its 2025 conference missing since 31 March 2026
    body = text_of(response)
    assert "Sở Nội vụ" in body
    assert "Sở Tài chính" in body
    assert "Ủy ban nhân dân xã Khoái Châu" in body
    assert body.count("31/03/2026") == 4


@time_machine.travel(TODAY, tick=False)
def test_index_and_agency_page_show_the_flags(agencies: Agencies, held: StaffConference) -> None:
    # given a 2025 conference on time, its first six-monthly check due 10/09/2026 not done
    client = client_for(agencies.head)
    # when the head opens the index
    index = text_of(client.get(url("agencies_index")))
    # then the agency is listed with the year held and one overdue check
    assert "Sở Nội vụ" in index
    assert "Sở Tài chính" not in index
    # and the agency page lists the overdue check with its due date
    page = text_of(client.get(url("agencies_detail", pk=agencies.agency.pk)))
    assert "10/09/2026" in page
    assert url("agencies_check_create", pk=held.pk, period=1) in page
    # and the conference page shows the quorum, the agenda and the resolution
    conference = text_of(client.get(url("agencies_conference", pk=held.pk)))
    with translation.override("vi"):
        done, left = str(AgendaItem.POLICY_REVIEW.label), str(AgendaItem.EMULATION.label)
    assert f"☑ {done}" in conference
    assert f"☐ {left}" in conference
    assert "70" in conference
    assert "60" in conference
    assert "01/NQ-HNCBCC" in conference


@time_machine.travel(TODAY, tick=False)
def test_profile_and_conference_creation_through_the_pages(agencies: Agencies) -> None:
    client = client_for(agencies.head)
    # given the profile form
    assert client.get(url("agencies_profile", pk=agencies.agency.pk)).status_code == 200
    # when the head saves 150 staff
    response = client.post(
        url("agencies_profile", pk=agencies.agency.pk),
        {"staff_count": "150", "union_name": "Công đoàn Sở Nội vụ", "ballot_base": "all_staff"},
    )
    assert response.status_code == 302
    # and the profile shows again with it
    assert "150" in text_of(client.get(url("agencies_profile", pk=agencies.agency.pk)))
    # and creates a delegates' conference without the union's agreement
    form = {
        "year": "2025",
        "kind": "annual",
        "held_on": "2026-04-02",
        "total_staff": "150",
        "attendance_form": "delegates",
        "delegates_convened": "100",
    }
    response = client.post(url("agencies_conference_create", pk=agencies.agency.pk), form)
    # then it is refused with the reason, and what was typed is kept
    assert response.status_code == 200
    body = text_of(response)
    assert vi("A delegates' conference must be agreed with the trade union (Art 51).") in body
    assert 'value="100"' in body
    # and with the agreement it is created, flagged late (after 31 March)
    response = client.post(
        url("agencies_conference_create", pk=agencies.agency.pk), form | {"union_agreed": "on"}
    )
    conference = StaffConference.objects.get()
    assert response.url == url("agencies_conference", pk=conference.pk)  # type: ignore[attr-defined]
    assert conference.is_late
    assert conference.quorum_needed == 67
    # and the form shows with today's defaults
    page = text_of(client.get(url("agencies_conference_create", pk=agencies.agency.pk)))
    assert 'value="2025"' in page
    assert 'value="150"' in page


@time_machine.travel(TODAY, tick=False)
def test_recording_attendance_and_the_resolution_through_the_page(agencies: Agencies) -> None:
    conference = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2025,
        held_on=dt.date(2026, 3, 10),
        total_staff=90,
    )
    client = client_for(agencies.head)
    page = url("agencies_conference_record", pk=conference.pk)
    # the chair is prefilled with the agency's head
    assert 'value="Lê Văn Minh"' in text_of(client.get(page))
    form = {
        "attendees": "59",
        "agenda_done": ["policy_review", "emulation"],
        "resolution_number": "01/NQ",
        "resolution_adopted_on": "2026-03-10",
    }
    # when 59 of 90 present adopt a resolution
    response = client.post(page, form)
    # then the page says there is no quorum, and keeps what was typed
    assert response.status_code == 200
    assert "01/NQ" in text_of(response)
    conference.refresh_from_db()
    assert conference.resolution_number == ""
    # and with 60 present it is recorded
    response = client.post(page, form | {"attendees": "60"})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.has_quorum
    assert conference.agenda_done == ["policy_review", "emulation"]
    # and the six-monthly check is recorded through its page
    check_page = url("agencies_check_create", pk=conference.pk, period=1)
    assert client.get(check_page).status_code == 200
    bad = client.post(check_page, {"checked_on": "2026-01-01", "findings": "x"})
    assert bad.status_code == 200
    good = client.post(check_page, {"checked_on": "2026-09-09", "findings": "Đạt 6/8 chỉ tiêu."})
    assert good.status_code == 302
    assert conference.checks.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_proposing_and_deciding_a_matter_through_the_pages(
    agencies: Agencies, held: StaffConference
) -> None:
    client = client_for(agencies.head)
    create = url("agencies_matter_create", pk=agencies.agency.pk)
    assert client.get(create).status_code == 200
    form = {
        "item": "inspection_board",
        "title": "Bầu bổ sung thành viên Ban Thanh tra nhân dân",
        "proposer": "staff",
        "supporters": "29",
        "staff_at_proposal": "90",
        "proposed_on": "2026-03-01",
    }
    # when 29 of 90 staff propose it, then it is refused (a third is 30)
    response = client.post(create, form)
    assert response.status_code == 200
    assert "29" in text_of(response)
    # and with 30 it is proposed
    assert client.post(create, form | {"supporters": "30"}).status_code == 302
    matter = StaffMatter.objects.get()
    decide = url("agencies_matter_decide", pk=matter.pk)
    assert client.get(decide).status_code == 200
    # when the conference's vote is recorded without choosing the conference
    missing = client.post(
        decide, {"method": "conference", "approve": "36", "disagree": "0", "abstain": "0"}
    )
    assert missing.status_code == 200
    # and a ballot without staff count or date
    assert (
        client.post(
            decide, {"method": "ballot", "approve": "36", "disagree": "0", "abstain": "0"}
        ).status_code
        == 200
    )
    # and counts over those attending
    over = client.post(
        decide,
        {
            "method": "conference",
            "conference": held.pk,
            "approve": "70",
            "disagree": "1",
            "abstain": "0",
        },
    )
    assert over.status_code == 200
    # then with 36 of 70 approving it passes
    response = client.post(
        decide,
        {
            "method": "conference",
            "conference": held.pk,
            "approve": "36",
            "disagree": "30",
            "abstain": "4",
        },
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.status == StaffMatter.Status.PASSED
    # and the agency page shows the result
    assert "36/70" in text_of(client.get(url("agencies_detail", pk=agencies.agency.pk)))


@time_machine.travel(TODAY, tick=False)
def test_deciding_by_written_ballot_through_the_page(
    agencies: Agencies, proposed: StaffMatter
) -> None:
    response = client_for(agencies.head).post(
        url("agencies_matter_decide", pk=proposed.pk),
        {
            "method": "ballot",
            "ballot_reason": "no_conference",
            "staff_total": "90",
            "decided_on": "2026-04-15",
            "approve": "46",
            "disagree": "10",
            "abstain": "0",
        },
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == StaffMatter.Status.PASSED
    assert proposed.voters == 90


@time_machine.travel(TODAY, tick=False)
def test_listing_staff_consultations(agencies: Agencies) -> None:
    client = client_for(agencies.head)
    add = url("agencies_consultation_add", pk=agencies.agency.pk)
    # given an internal consultation already prepared
    prepared = consultation_create(
        unit=agencies.agency,
        title="Dự thảo Quy chế dân chủ",
        actor=agencies.head,
        kind=Consultation.Kind.INTERNAL,
        audience=Consultation.Audience.STAFF,
    )
    # then the agency page offers it
    page = text_of(client.get(url("agencies_detail", pk=agencies.agency.pk)))
    assert "Dự thảo Quy chế dân chủ" in page
    # when it is listed under item 8 and a new one is started under item 2
    client.post(add, {"item": "democracy_regulation", "consultation": prepared.pk})
    client.post(add, {"item": "work_plan", "title": "Kế hoạch công tác năm 2027"})
    # then both are listed on the agency page, linked to the consultation's page
    assert StaffConsultationLink.objects.count() == 2
    page = text_of(client.get(url("agencies_detail", pk=agencies.agency.pk)))
    assert reverse("consultations:drafts_manage_detail", kwargs={"slug": prepared.slug}) in page
    assert "Kế hoạch công tác năm 2027" in page
    # and an open consultation shows its last day
    Consultation.objects.filter(pk=prepared.pk).update(
        status=Consultation.Status.OPEN,
        opens_at=dt.datetime(2026, 11, 20, tzinfo=HANOI),
        closes_at=dt.datetime(2026, 12, 21, tzinfo=HANOI),
    )
    page = text_of(client.get(url("agencies_detail", pk=agencies.agency.pk)))
    assert "20/12/2026" in page
    # and an empty submission, or a failing one, says why and lists nothing
    empty = client.post(add, {"item": "work_plan"}, follow=True)
    assert vi("Choose a consultation already prepared, or give the title of a new one.") in text_of(
        empty
    )
    admin = User.objects.create_user(username="qtv2", password="x", full_name="Quản trị")
    RoleAssignment.objects.create(
        user=admin, unit=agencies.agency, role=RoleAssignment.Role.ADMINISTRATOR
    )
    refused = client_for(admin).post(add, {"item": "other", "title": "Khác"}, follow=True)
    assert refused.status_code == 200
    assert StaffConsultationLink.objects.count() == 2


@time_machine.travel(TODAY, tick=False)
def test_the_minutes_as_a_word_document(agencies: Agencies, held: StaffConference) -> None:
    # given a conference with a passed matter
    matter = services.matter_propose(
        actor=agencies.head,
        agency=agencies.agency,
        item="resolution",
        title="Nghị quyết Hội nghị năm 2025",
        proposer="head",
        staff_at_proposal=90,
        proposed_on=dt.date(2026, 3, 1),
    )
    services.matter_decide_at_conference(
        actor=agencies.head, matter=matter, conference=held, approve=60, disagree=5, abstain=5
    )
    services.agency_profile_save(
        actor=agencies.head,
        agency=agencies.agency,
        staff_count=90,
        union_name="Công đoàn Sở Nội vụ",
    )
    # when the head downloads the minutes
    response = client_for(agencies.head).get(url("agencies_conference_docx", pk=held.pk))
    # then it is a Word document with the quorum, the vote and the resolution in Vietnamese
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "HỘI NGHỊ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG NĂM 2025" in text
    assert "70/90 (77,78%; cần tối thiểu 60)" in text
    assert "Nghị quyết số 01/NQ-HNCBCC" in text
    assert "Giữ vững đoàn kết." in text
    assert "Công đoàn Sở Nội vụ" in text
    assert "Nghị quyết Hội nghị năm 2025" in cells
    assert "Thông qua" in cells
    assert "☑ Kiểm điểm việc thực hiện chủ trương" in text
    assert "THƯ KÝ HỘI NGHỊ" in cells
    assert "Lê Văn Minh" in cells  # the chair, prefilled with the agency's head


@time_machine.travel(TODAY, tick=False)
def test_minutes_of_a_delegates_conference_without_quorum_or_resolution(
    agencies: Agencies,
) -> None:
    # given an extraordinary delegates' conference of 150 staff, 100 delegates, 66 present
    conference = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2026,
        kind=StaffConference.Kind.EXTRAORDINARY,
        proposer="union",
        held_on=dt.date(2026, 7, 1),
        total_staff=150,
        attendance_form="delegates",
        delegates_convened=100,
        union_agreed=True,
    )
    unrecorded = client_for(agencies.head).get(url("agencies_conference_docx", pk=conference.pk))
    assert "chưa ghi nhận" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(unrecorded.content)).paragraphs
    )
    services.conference_record(actor=agencies.head, conference=conference, attendees=66)
    response = client_for(agencies.head).get(url("agencies_conference_docx", pk=conference.pk))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    # then the minutes say so
    assert "BẤT THƯỜNG" in text
    assert "triệu tập 100 đại biểu trên tổng số 150" in text
    assert "không đủ số lượng" in text
    assert "Chưa ký giao ước thi đua." in text
    assert "chưa thông qua nghị quyết" in text
    assert "Không có nội dung biểu quyết." in text


@time_machine.travel(TODAY, tick=False)
def test_a_refused_profile_keeps_what_was_typed(
    agencies: Agencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a service that refuses the change
    def refuse(**kwargs: Any) -> None:
        raise ApplicationError("Không được.")

    monkeypatch.setattr(services, "agency_profile_save", refuse)
    # when the head saves the profile
    response = client_for(agencies.head).post(
        url("agencies_profile", pk=agencies.agency.pk),
        {"staff_count": "42", "ballot_base": "all_staff"},
    )
    # then the page says why and keeps the figure
    body = text_of(response)
    assert "Không được." in body
    assert 'value="42"' in body


def test_a_race_on_a_unique_row_gets_a_message(
    agencies: Agencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a profile saved by another request between our check and our write
    services.agency_profile_save(actor=agencies.head, agency=agencies.agency, staff_count=5)
    duplicate = AgencyProfile(agency=agencies.agency, staff_count=6)
    monkeypatch.setattr(duplicate, "full_clean", lambda: None)
    # when ours is written, then the database refuses it and the officer reads a message
    with pytest.raises(ApplicationError, match="đã được ghi nhận"):
        services._save(duplicate)


@time_machine.travel(TODAY, tick=False)
def test_a_planned_conference_is_corrected_until_its_attendance_is_recorded(
    agencies: Agencies,
) -> None:
    # given a conference planned for 20 March 2026 with 90 staff
    planned = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2025,
        held_on=dt.date(2026, 3, 20),
        total_staff=90,
    )
    other_day = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2026,
        kind=StaffConference.Kind.EXTRAORDINARY,
        proposer="head",
        held_on=dt.date(2026, 6, 1),
        total_staff=90,
    )
    client = client_for(agencies.head)
    edit = url("agencies_conference_edit", pk=planned.pk)
    page = text_of(client.get(edit))
    assert 'value="20/03/2026"' in page
    form = {
        "year": "2025",
        "kind": "annual",
        "held_on": "2026-03-27",
        "total_staff": "92",
        "attendance_form": "all_staff",
    }
    # when the head moves it to 27 March with 92 staff
    assert client.post(edit, form).status_code == 302
    planned.refresh_from_db()
    # then the new date and figures are kept, and the quorum follows (62 of 92)
    assert planned.held_on == dt.date(2026, 3, 27)
    assert planned.quorum_needed == 62
    # and moving it onto the day of another conference is refused
    clash = client.post(edit, form | {"held_on": "2026-06-01"})
    assert clash.status_code == 200
    assert vi("This agency already has a conference on that date.") in text_of(clash)
    assert other_day.held_on == dt.date(2026, 6, 1)
    # and once the attendance is recorded it cannot be changed any more
    services.conference_record(actor=agencies.head, conference=planned, attendees=70)
    locked = client.post(edit, form | {"total_staff": "200"})
    assert locked.status_code == 200
    planned.refresh_from_db()
    assert planned.total_staff == 92
    # and a stranger gets a 404
    assert client_for(agencies.other_officer).get(edit).status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_agency_page_offers_the_ballot_after_two_failed_quorums(agencies: Agencies) -> None:
    # given two conferences this year without a quorum (19 and 15 of 30)
    for day, present in ((dt.date(2026, 2, 10), 19), (dt.date(2026, 3, 10), 15)):
        conference = services.conference_create(
            actor=agencies.head,
            agency=agencies.agency,
            year=2025,
            held_on=day,
            total_staff=30,
        )
        services.conference_record(actor=agencies.head, conference=conference, attendees=present)
    # when the head opens the agency page
    page = text_of(client_for(agencies.head).get(url("agencies_detail", pk=agencies.agency.pk)))
    # then it says a written ballot may be used
    assert (
        vi(
            "Two conferences in the last twelve months lacked a quorum: matters may be decided "
            "by a written ballot of all staff (Article 50(2))."
        )
        in page
    )
