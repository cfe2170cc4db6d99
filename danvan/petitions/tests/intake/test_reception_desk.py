"""The reception desk: the reception book (form 03/TCD) and letters entered by an officer."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case
from danvan.petitions.models.intake import IntakeDetail, ReceptionBookEntry
from danvan.petitions.selectors.intake import reception_book_entries
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.intake import (
    BookColumns,
    Submission,
    intake_submit,
    reception_entry_record,
)
from danvan.petitions.tests.intake.conftest import PDF, upload
from danvan.petitions.tests.intake.helpers import desk_data, t
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine: time_machine.TimeMachineFixture) -> None:
    """Thursday 15 October 2026, 10:00 in Vietnam."""
    time_machine.move_to(dt.datetime(2026, 10, 15, 10, 0, tzinfo=VN), tick=False)


ADD = "petitions:intake_book_add"
BOOK = "petitions:intake_book"
POST = "petitions:intake_post_add"


def _submission(unit: Unit, **kwargs: object) -> Submission:
    values: dict[str, object] = {
        "kind": Case.Kind.COMPLAINT,
        "subject": "Khiếu nại quyết định thu hồi đất",
        "content": "Khiếu nại Quyết định số 15/QĐ-UBND về thu hồi đất nông nghiệp.",
        "unit": unit,
        "petitioner": Petitioner(
            name="Nguyễn Văn Tư", address="Thôn Dạ Trạch", id_number="033075009876"
        ),
        "respondent": "Chủ tịch UBND xã Khoái Châu",
    }
    values.update(kwargs)
    return Submission(**values)  # type: ignore[arg-type]


def test_a_visit_fills_all_13_columns_and_receives_its_case(
    officer_client: Client, commune_committee: Unit, reception_officer: User
) -> None:
    # when the officer records an in-person visit with a document handed over
    data = desk_data(
        resolved_by="UBND xã đã trả lời ngày 02/9/2026",
        within_competence="on",
        outcome_follow_up="Chuyển bộ phận địa chính",
        notes="Công dân mang theo bản sao sổ đỏ",
    )
    data["attachments"] = [upload("ban-sao.pdf", PDF)]
    response = officer_client.post(reverse(ADD), data)
    # then the line is number 1 of 2026 and the person gets a printable receipt
    entry = ReceptionBookEntry.objects.get()
    case = entry.case
    assert case is not None
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "petitions:intake_desk_receipt", kwargs={"code": case.tracking_code}
    )
    columns = [
        entry.sequence,
        entry.received_on,
        entry.visitor_name,
        entry.visitor_address,
        entry.id_paper,
        entry.summary,
        entry.kind,
        entry.people_count,
        entry.resolved_by,
        entry.within_competence,
        entry.guided_to,
        entry.accepted_by,
        entry.outcome_follow_up,
        entry.notes,
    ]
    assert columns == [
        1,
        dt.date(2026, 10, 15),
        "Nguyễn Văn Tư",
        "Thôn An Vĩ, xã Khoái Châu",
        ", ".join(
            [
                "033075009876",
                t("issued on %(date)s", date="10/04/2021"),
                t("by %(issuer)s", issuer="Cục Cảnh sát QLHC về TTXH"),
            ]
        ),
        "Đoạn đường từ cổng làng đến trường học chưa có đèn chiếu sáng.",
        Case.Kind.PETITION,
        3,
        "UBND xã đã trả lời ngày 02/9/2026",
        True,
        "",
        "",
        "Chuyển bộ phận địa chính",
        "Công dân mang theo bản sao sổ đỏ",
    ]
    assert entry.year == 2026
    assert entry.unit == commune_committee
    assert entry.entered_by == reception_officer
    assert case.channel == Case.Channel.IN_PERSON
    assert case.entered_by == reception_officer
    assert case.submitted_by is None
    assert case.petitioner_name == "Nguyễn Văn Tư"
    assert case.people_count == 3
    assert case.attachments.count() == 1
    assert IntakeDetail.objects.get(case=case).co_petitioners == ["Nguyễn Thị Hoa", "Phạm Văn Lợi"]
    assert AuditEntry.objects.filter(verb="reception_book.record").exists()
    receipt = officer_client.get(response["Location"]).content.decode()
    assert case.display_code in receipt
    assert t("Back to the reception book") in receipt


def test_book_numbers_run_per_unit_and_restart_each_year(
    commune_committee: Unit, other_committee: Unit, reception_officer: User
) -> None:
    def record(unit: Unit, on: dt.date, key: str) -> ReceptionBookEntry:
        entry, _ = reception_entry_record(
            submission=_submission(unit),
            officer=reception_officer,
            received_on=on,
            columns=BookColumns(),
            idempotency_key=key,
        )
        return entry

    numbers = [
        (e.unit.code, e.year, e.sequence)
        for e in [
            record(commune_committee, dt.date(2025, 12, 30), "a"),
            record(commune_committee, dt.date(2025, 12, 31), "b"),
            record(commune_committee, dt.date(2026, 10, 1), "c"),
            record(other_committee, dt.date(2026, 10, 1), "d"),
            record(commune_committee, dt.date(2026, 10, 2), "e"),
        ]
    ]
    assert numbers == [
        ("VN-12205-ubnd", 2025, 1),
        ("VN-12205-ubnd", 2025, 2),
        ("VN-12205-ubnd", 2026, 1),
        ("VN-11953-ubnd", 2026, 1),
        ("VN-12205-ubnd", 2026, 2),
    ]
    # an earlier day's receipt starts its deadline on that day
    first = ReceptionBookEntry.objects.get(unit=commune_committee, year=2025, sequence=1)
    assert first.case is not None
    assert first.case.received_on == dt.date(2025, 12, 30)


def test_a_resent_visit_form_writes_one_line(
    officer_client: Client, reception_officer: User
) -> None:
    data = desk_data()
    first = officer_client.post(reverse(ADD), data)
    second = officer_client.post(reverse(ADD), data)
    assert ReceptionBookEntry.objects.count() == 1
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_same_key_is_never_reused_across_channels(
    commune_committee: Unit, reception_officer: User
) -> None:
    intake_submit(
        submission=_submission(commune_committee), idempotency_key="same", entered_by=None
    )
    with pytest.raises(ApplicationError):
        reception_entry_record(
            submission=_submission(commune_committee),
            officer=reception_officer,
            received_on=dt.date(2026, 10, 15),
            columns=BookColumns(),
            idempotency_key="same",
        )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"received_on": "2026-10-16"},
            "received_on",
            "The reception date cannot be in the future.",
        ),
        (
            {"received_on": "32/10/2026"},
            "received_on",
            "Enter a real date, for example 25/11/2026.",
        ),
        (
            {"within_competence": "on", "guided_to": "Tòa án nhân dân khu vực 5"},
            "guided_to",
            "A petition within our competence is not guided to another body: clear one of the two.",
        ),
        (
            {"within_competence": "", "guidance_letter_number": "12/HD-UBND"},
            "guided_to",
            "Name the body the guidance letter sends them to.",
        ),
        (
            {"transfer_letter_number": "08/PC-UBND"},
            "accepted_by",
            "Name the body the petition was transferred to.",
        ),
        ({"name": ""}, "name", None),
        ({"id_number": ""}, "id_number", None),
        ({"kind": "complaint"}, "respondent", None),
    ],
)
def test_bad_visit_forms_are_explained_and_kept(
    officer_client: Client, overrides: dict[str, str], field: str, message: str | None
) -> None:
    response = officer_client.post(reverse(ADD), desk_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert f'href="#field-{field}"' in html
    if message is not None:
        assert t(message) in html
    assert "Đề nghị lắp đèn chiếu sáng" in html
    assert not ReceptionBookEntry.objects.exists()


def test_the_book_lists_and_filters_by_date_and_kind(
    officer_client: Client, commune_committee: Unit, reception_officer: User
) -> None:
    # given three visits on different days, of different kinds
    for on, kind, key in [
        (dt.date(2026, 10, 1), Case.Kind.PETITION, "p1"),
        (dt.date(2026, 10, 8), Case.Kind.COMPLAINT, "c1"),
        (dt.date(2026, 10, 14), Case.Kind.PETITION, "p2"),
    ]:
        reception_entry_record(
            submission=_submission(commune_committee, kind=kind, subject=key),
            officer=reception_officer,
            received_on=on,
            columns=BookColumns(
                guided_to="Tòa án nhân dân khu vực 5", guidance_letter_number="9/HD"
            ),
            idempotency_key=key,
        )
    # the selector the exports use returns the book in order
    rows = reception_book_entries(
        unit=commune_committee, date_from=dt.date(2026, 10, 2), date_to=dt.date(2026, 10, 14)
    )
    assert [r.sequence for r in rows] == [2, 3]
    # the page filters by kind and by dates
    html = officer_client.get(reverse(BOOK), {"kind": "complaint"}).content.decode()
    assert html.count("Nguyễn Văn Tư") == 1
    assert "Tòa án nhân dân khu vực 5 (9/HD)" in html
    dated = officer_client.get(
        reverse(BOOK), {"date_from": "2026-10-09", "date_to": "2026-10-31"}
    ).content.decode()
    assert dated.count("Nguyễn Văn Tư") == 1
    everything = officer_client.get(reverse(BOOK)).content.decode()
    assert everything.count("Nguyễn Văn Tư") == 3
    for column in [
        "No.",
        "Reception date",
        "Full name, address",
        "Identity card, ID card or passport",
        "Content of the petition",
        "Kind of petition",
        "Number of people with the same content",
        "Bodies that have already resolved it",
        "Within our competence",
        "Guided to the competent body (guidance letter no.)",
        "Body that accepted it (transfer letter no.)",
        "Follow-up of the outcome",
        "Notes",
    ]:
        assert f'<th scope="col">{t(column)}</th>' in everything
    # a reversed range is explained
    bad = officer_client.get(reverse(BOOK), {"date_from": "2026-10-09", "date_to": "2026-10-01"})
    assert t("The end date must not be before the start date.") in bad.content.decode()
    assert "Nguyễn Văn Tư" not in bad.content.decode()


def test_follow_up_columns_are_filled_in_later(
    officer_client: Client, commune_committee: Unit, reception_officer: User
) -> None:
    entry, _ = reception_entry_record(
        submission=_submission(commune_committee),
        officer=reception_officer,
        received_on=dt.date(2026, 10, 14),
        columns=BookColumns(),
        idempotency_key="f1",
    )
    url = reverse("petitions:intake_book_entry", kwargs={"pk": entry.pk})
    assert "Nguyễn Văn Tư" in officer_client.get(url).content.decode()
    data = {
        "resolved_by": "",
        "accepted_by": "Thanh tra tỉnh Hưng Yên",
        "transfer_letter_number": "45/PC-UBND",
        "outcome_follow_up": "Đã có Quyết định giải quyết số 88/QĐ-TTr",
        "notes": "",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.accepted_by == "Thanh tra tỉnh Hưng Yên"
    assert entry.transfer_letter_number == "45/PC-UBND"
    assert entry.within_competence is False
    bad = officer_client.post(url, {**data, "accepted_by": ""})
    assert bad.status_code == 400
    assert t("Name the body the petition was transferred to.") in bad.content.decode()


def test_desk_pages_are_404_outside_the_role_and_unit(
    client: Client,
    commune_committee: Unit,
    reception_officer: User,
    other_officer: User,
    citizen: User,
    head: User,
) -> None:
    entry, _ = reception_entry_record(
        submission=_submission(commune_committee),
        officer=reception_officer,
        received_on=dt.date(2026, 10, 14),
        columns=BookColumns(),
        idempotency_key="x1",
    )
    assert entry.case is not None
    pages = [
        reverse(BOOK),
        reverse(ADD),
        reverse(POST),
        reverse("petitions:intake_sessions"),
        reverse("petitions:intake_session_add"),
    ]
    # a citizen and a head (no receive permission) see nothing
    for user in (citizen, head):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, url
    # another unit's officer has a book of their own, but not this entry or its receipt
    client.force_login(other_officer)
    assert "Nguyễn Văn Tư" not in client.get(reverse(BOOK)).content.decode()
    entry_url = reverse("petitions:intake_book_entry", kwargs={"pk": entry.pk})
    assert client.get(entry_url).status_code == 404
    receipt = reverse("petitions:intake_desk_receipt", kwargs={"code": entry.case.tracking_code})
    assert client.get(receipt).status_code == 404
    # not signed in: to the login page
    client.logout()
    assert client.get(reverse(BOOK)).status_code == 302


def test_a_letter_by_post_keeps_its_dates(
    officer_client: Client, reception_officer: User, commune_committee: Unit
) -> None:
    # given the officer's form, pre-filled with a fresh key and today's date
    form = officer_client.get(reverse(POST)).content.decode()
    assert 'name="submission_key"' in form
    assert 'value="15/10/2026"' in form
    data = desk_data(
        kind=Case.Kind.PETITION,
        received_on="2026-10-14",
        postmarked_on="12/10/2026",
        letter_dated_on="2026-10-09",
        id_number="",
    )
    # when
    response = officer_client.post(reverse(POST), data)
    # then the case is a POST case whose time limit runs from the day it arrived
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.channel == Case.Channel.POST
    assert case.received_on == dt.date(2026, 10, 14)
    assert case.entered_by == reception_officer
    assert case.unit == commune_committee
    detail = IntakeDetail.objects.get(case=case)
    assert (detail.letter_dated_on, detail.postmarked_on) == (
        dt.date(2026, 10, 9),
        dt.date(2026, 10, 12),
    )
    assert not ReceptionBookEntry.objects.exists()
    # a resend gives the same receipt
    assert officer_client.post(reverse(POST), data)["Location"] == response["Location"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"postmarked_on": "2026-10-15", "received_on": "2026-10-14"},
            "postmarked_on",
            "The postmark cannot be later than the date of receipt.",
        ),
        (
            {"letter_dated_on": "2026-10-13", "postmarked_on": "2026-10-12"},
            "letter_dated_on",
            "The letter cannot be dated later than its postmark or its receipt.",
        ),
        (
            {"received_on": "2026-10-16"},
            "received_on",
            "The date of receipt cannot be in the future.",
        ),
        ({"postmarked_on": ""}, "postmarked_on", None),
    ],
)
def test_letter_dates_must_follow_each_other(
    officer_client: Client, overrides: dict[str, str], field: str, message: str | None
) -> None:
    data = desk_data(**{"received_on": "2026-10-14", "postmarked_on": "2026-10-12", **overrides})
    response = officer_client.post(reverse(POST), data)
    assert response.status_code == 400
    assert f'href="#field-{field}"' in response.content.decode()
    if message is not None:
        assert t(message) in response.content.decode()
    assert not Case.objects.exists()


def test_letter_date_rules_hold_in_the_service(commune_committee: Unit) -> None:
    with pytest.raises(ApplicationError):
        intake_submit(
            submission=_submission(commune_committee),
            idempotency_key="post:1",
            channel=Case.Channel.POST,
            received_on=dt.date(2026, 10, 14),
            postmarked_on=dt.date(2026, 10, 15),
        )
    with pytest.raises(ApplicationError):
        intake_submit(
            submission=_submission(commune_committee),
            idempotency_key="post:2",
            channel=Case.Channel.POST,
            received_on=dt.date(2026, 10, 14),
            letter_dated_on=dt.date(2026, 10, 14),
            postmarked_on=dt.date(2026, 10, 13),
        )
    with pytest.raises(ApplicationError):
        intake_submit(
            submission=_submission(commune_committee),
            idempotency_key="post:3",
            received_on=dt.date(2026, 10, 16),
        )
    with pytest.raises(ValueError, match="sealed"):
        intake_submit(
            submission=_submission(
                commune_committee, kind=Case.Kind.DENUNCIATION, petitioner=Petitioner()
            ),
            idempotency_key="post:4",
        )
