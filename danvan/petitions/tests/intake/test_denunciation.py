"""Denunciations at intake: handed to the sealed flow on every channel; the denouncer's
identity never reaches the case, the book, the audit log, the tracking page or a handler."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from danvan.audit.models import AuditEntry
from danvan.petitions.models import Case, SealedIdentity
from danvan.petitions.models.intake import Attachment, IntakeDetail, ReceptionBookEntry
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.intake import Submission, intake_denunciation_receive
from danvan.petitions.tests.intake.conftest import PDF, upload
from danvan.petitions.tests.intake.helpers import desk_data, petition_data, t
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db
FORM = "petitions:intake_denunciation"
DENOUNCER = "Nguyễn Thị Tố Giác"
DENOUNCER_ID = "033190004567"


@pytest.fixture(autouse=True)
def _today(time_machine: time_machine.TimeMachineFixture) -> None:
    time_machine.move_to(dt.datetime(2026, 10, 15, 10, 0, tzinfo=VN), tick=False)


def _data(unit: Unit, /, **overrides: object) -> dict[str, object]:
    data = petition_data(
        unit,
        submission_key="t" * 32,
        name=DENOUNCER,
        address="Thôn Bình Dân, xã Khoái Châu",
        id_number=DENOUNCER_ID,
        phone="0987 111 222",
        email="togiac@example.com",
        accused="Ông Lê Văn Cán, cán bộ địa chính xã",
        subject="Nhận tiền để hợp thức hóa đất lấn chiếm",
        content=f"Tôi là {DENOUNCER}, tố cáo ông Cán nhận 50 triệu đồng ngày 03/10/2026.",
    )
    for key in ("kind", "respondent"):
        data.pop(key)
    data.update(overrides)
    return data


def _code(html: str) -> str:
    match = re.search(r'data-testid="receipt-code">([^<]+)<', html)
    return match.group(1) if match else ""


def _nowhere(text: str, *places: str) -> None:
    for place in places:
        assert DENOUNCER not in place, text
        assert DENOUNCER_ID not in place, text


def test_a_denunciation_is_sealed_and_the_code_shown_once(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # when
    data = _data(commune_committee)
    data["attachments"] = [upload("chung-cu.pdf", PDF)]
    response = client.post(reverse(FORM), data)
    html = response.content.decode()
    # then the receipt shows the 140-bit code (28 characters in groups of four), uncached
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = _code(html)
    assert len(code.replace("-", "")) == 28
    # and the case is a denunciation without the identity
    case = Case.objects.get()
    assert case.kind == Case.Kind.DENUNCIATION
    assert case.channel == Case.Channel.WEB
    assert (case.petitioner_name, case.petitioner_id_number, case.submitted_by) == ("", "", None)
    assert SealedIdentity.objects.filter(case=case).exists()
    assert "Ông Lê Văn Cán" in case.content  # the person denounced stays in the file
    assert "[đã che]" in case.content
    assert IntakeDetail.objects.get(case=case).respondent == "Ông Lê Văn Cán, cán bộ địa chính xã"
    attachment = Attachment.objects.get(case=case)
    assert attachment.is_sealed
    assert attachment.uploaded_by is None
    audit = " ".join(f"{e.actor_label} {e.target_label} {e.data}" for e in AuditEntry.objects.all())
    _nowhere("identity leaked", html, case.subject, case.content, case.search_text, audit)
    # a handler cannot open the original file
    client.force_login(handler)
    url = reverse(
        "petitions:intake_attachment_download",
        kwargs={"code": case.tracking_code, "pk": attachment.pk},
    )
    assert client.get(url).status_code == 404


def test_a_denunciation_is_not_in_the_account_nor_trackable(
    client: Client, commune_committee: Unit, citizen: User
) -> None:
    client.force_login(citizen)
    client.post(reverse(FORM), _data(commune_committee))
    case = Case.objects.get()
    assert case.submitted_by is None
    listing = client.get(reverse("petitions:intake_my_cases")).content.decode()
    assert case.display_code not in listing
    lookup = client.post(reverse("petitions:intake_tracking"), {"code": case.tracking_code})
    assert lookup.status_code == 404


def test_a_retry_finds_the_first_case_and_gets_a_fresh_code(
    client: Client, commune_committee: Unit
) -> None:
    first = _code(client.post(reverse(FORM), _data(commune_committee)).content.decode())
    again = client.post(reverse(FORM), _data(commune_committee)).content.decode()
    assert Case.objects.count() == 1
    second = _code(again)
    assert second
    assert second != first
    assert (
        t(
            "This denunciation had already been received; "
            "this new code replaces the one shown before."
        )
        in again
    )


def test_a_late_retry_gets_no_code(
    client: Client, commune_committee: Unit, time_machine: time_machine.TimeMachineFixture
) -> None:
    client.post(reverse(FORM), _data(commune_committee))
    time_machine.move_to(dt.datetime(2026, 10, 15, 12, 0, tzinfo=VN), tick=False)
    html = client.post(reverse(FORM), _data(commune_committee)).content.decode()
    assert _code(html) == ""
    assert (
        t(
            "This denunciation had already been received. Its receipt code was shown when it was "
            "first sent and cannot be shown again."
        )
        in html
    )


def test_missing_facts_are_explained_and_kept(client: Client, commune_committee: Unit) -> None:
    response = client.post(reverse(FORM), _data(commune_committee, accused="", declaration=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#field-accused"' in html
    assert t("Tick the declaration to send the denunciation.") in html
    assert "Nhận tiền để hợp thức hóa đất lấn chiếm" in html
    assert not Case.objects.exists()


def test_anonymous_denunciations_are_rate_limited_but_retries_are_not(
    client: Client, commune_committee: Unit, settings: Settings
) -> None:
    settings.DANVAN = {**settings.DANVAN, "INTAKE_RATE_LIMIT": 1}
    assert client.post(reverse(FORM), _data(commune_committee)).status_code == 200
    assert client.post(reverse(FORM), _data(commune_committee)).status_code == 200  # retry
    over = client.post(reverse(FORM), _data(commune_committee, submission_key="u" * 32))
    assert over.status_code == 429
    assert Case.objects.count() == 1


def test_search_without_javascript_and_signed_in_prefill(
    client: Client, commune_committee: Unit, other_committee: Unit, citizen: User
) -> None:
    data = _data(commune_committee, unit="", unit_q="pho hien", find_unit="1")
    data["attachments"] = [upload("a.pdf", PDF)]
    html = client.post(reverse(FORM), data).content.decode()
    assert f'<option value="{other_committee.code}">' in html
    assert "Nhận tiền để hợp thức hóa đất lấn chiếm" in html
    client.force_login(citizen)
    assert 'value="Trần Thị Bình"' in client.get(reverse(FORM)).content.decode()


def test_a_denunciation_visit_keeps_the_book_free_of_the_denouncer(
    officer_client: Client, commune_committee: Unit
) -> None:
    data = desk_data(
        kind=Case.Kind.DENUNCIATION,
        name=DENOUNCER,
        id_number=DENOUNCER_ID,
        within_competence="on",
        respondent="Ông Lê Văn Cán",
        content=f"Bà {DENOUNCER} trình bày việc ông Cán nhận tiền.",
    )
    response = officer_client.post(reverse("petitions:intake_book_add"), data)
    html = response.content.decode()
    # then the officer sees the code to hand over, on a page that is not cached
    assert response.status_code == 200
    assert _code(html)
    assert t("Back to the reception book") in html
    entry = ReceptionBookEntry.objects.get()
    assert entry.identity_sealed
    assert (entry.visitor_name, entry.visitor_address, entry.id_paper) == ("", "", "")
    assert entry.kind == Case.Kind.DENUNCIATION
    assert entry.case is not None
    assert entry.case.channel == Case.Channel.IN_PERSON
    book = officer_client.get(reverse("petitions:intake_book")).content.decode()
    assert t("Kept secret (denunciation)") in book
    line = officer_client.get(
        reverse("petitions:intake_book_entry", kwargs={"pk": entry.pk})
    ).content.decode()
    _nowhere("identity in the book", html, book, line, entry.summary)
    # a resend of the same form writes no second line
    again = officer_client.post(reverse("petitions:intake_book_add"), data)
    assert again.status_code == 200
    assert ReceptionBookEntry.objects.count() == 1


def test_a_denunciation_by_post_is_sealed_with_its_dates(
    officer_client: Client, reception_officer: User
) -> None:
    data = desk_data(
        kind=Case.Kind.DENUNCIATION,
        name=DENOUNCER,
        received_on="2026-10-14",
        postmarked_on="2026-10-12",
        letter_dated_on="2026-10-10",
    )
    html = officer_client.post(reverse("petitions:intake_post_add"), data).content.decode()
    assert _code(html)
    case = Case.objects.get()
    assert case.kind == Case.Kind.DENUNCIATION
    assert case.channel == Case.Channel.POST
    assert case.entered_by == reception_officer
    detail = IntakeDetail.objects.get(case=case)
    assert detail.postmarked_on == dt.date(2026, 10, 12)
    assert detail.letter_dated_on == dt.date(2026, 10, 10)
    assert not ReceptionBookEntry.objects.exists()


def test_the_service_checks_kind_and_dates(commune_committee: Unit) -> None:
    submission = Submission(
        kind=Case.Kind.DENUNCIATION,
        subject="Tố cáo",
        content="Nội dung tố cáo.",
        unit=commune_committee,
        petitioner=Petitioner(name=DENOUNCER, address="Thôn Bình Dân"),
    )
    with pytest.raises(ValueError, match="sealed flow"):
        intake_denunciation_receive(
            submission=Submission(**{**submission.__dict__, "kind": Case.Kind.PETITION}),
            idempotency_key="x",
        )
    from danvan.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        intake_denunciation_receive(
            submission=submission,
            idempotency_key="y",
            channel=Case.Channel.POST,
            received_on=dt.date(2026, 10, 14),
            postmarked_on=dt.date(2026, 10, 15),
        )
    assert not Case.objects.exists()


def test_error_reports_would_hide_what_was_posted(
    client: Client, commune_committee: Unit, officer_client: Client
) -> None:
    """Django's error reports (e-mails to admins, logs) then show no posted value."""
    for browser, url, data in [
        (client, reverse(FORM), _data(commune_committee)),
        (client, reverse("petitions:intake_form"), petition_data(commune_committee)),
        (officer_client, reverse("petitions:intake_book_add"), desk_data()),
        (officer_client, reverse("petitions:intake_post_add"), desk_data(postmarked_on="")),
    ]:
        response = browser.post(url, data)
        assert response.wsgi_request.sensitive_post_parameters == "__ALL__"  # type: ignore[attr-defined]
