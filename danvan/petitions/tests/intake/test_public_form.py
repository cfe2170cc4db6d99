"""The public petition form through HTTP: valid, invalid, retried, rate limited, with files."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from danvan.petitions.models import Case, Field
from danvan.petitions.models.intake import Attachment, IntakeDetail
from danvan.petitions.services.intake import ALLOWED_TYPES_DISPLAY
from danvan.petitions.tests.intake.conftest import EXE, PDF, PNG, upload
from danvan.petitions.tests.intake.helpers import petition_data, t
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db
FORM = "petitions:intake_form"


def _key(html: str) -> str:
    match = re.search(r'name="submission_key" value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


def test_the_form_carries_a_fresh_random_key_and_the_chosen_unit(
    client: Client, commune_committee: Unit
) -> None:
    # when the form is opened twice from a link to the commune (a place, not a body)
    url = reverse(FORM) + f"?loai=complaint&don_vi={commune_committee.parent.code}"  # type: ignore[union-attr]
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    # then each rendering has its own key, the commune's People's Committee is chosen
    assert _key(first) != _key(second)
    assert len(_key(first)) >= 32
    assert f'<option value="{commune_committee.code}" selected>' in first
    assert re.search(r'value="complaint"[^>]*checked', first)


def test_signed_in_person_finds_their_details_filled_in(client: Client, citizen: User) -> None:
    citizen.phone = "0987 654 321"
    citizen.save(update_fields=["phone"])
    client.force_login(citizen)
    html = client.get(reverse(FORM)).content.decode()
    assert 'value="Trần Thị Bình"' in html
    assert 'value="tranthibinh@example.com"' in html
    assert 'value="0987 654 321"' in html


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 30, tzinfo=VN), tick=False)
def test_a_valid_petition_gets_a_receipt_with_code_deadline_and_basis(
    client: Client, commune_committee: Unit, roads: Field
) -> None:
    # when a citizen sends a kiến nghị with a photo, on Thu 15/10/2026
    data = petition_data(commune_committee, field=str(roads.pk))
    data["attachments"] = [upload("ảnh đường sụt.png", PNG, "image/png")]
    response = client.post(reverse(FORM), data)
    # then they are sent to the receipt
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:intake_receipt")
    case = Case.objects.get()
    assert case.kind == Case.Kind.PETITION
    assert case.channel == Case.Channel.WEB
    assert case.unit == commune_committee
    assert case.field == roads
    assert case.submitted_by is None
    assert case.petitioner_id_number == "033186001234"
    assert case.attachments.get().original_name == "ảnh đường sụt.png"
    # 10 working days from Thu 15/10: 16, 19–23, 26–29 -> Thu 29/10/2026
    assert case.due_on == dt.date(2026, 10, 29)
    receipt = client.get(response["Location"]).content.decode()
    assert case.display_code in receipt
    assert commune_committee.name in receipt
    assert "ngày 29 tháng 10 năm 2026" in receipt  # vn_date (Decree 30/2020 style)
    assert "ngày 15 tháng 10 năm 2026" in receipt
    assert "Thông tư 05/2021/TT-TTCP" in receipt  # the legal basis of the first step
    assert t("What happens next") in receipt
    assert "ảnh đường sụt.png" in receipt
    assert "data-print" in receipt
    assert not mail.outbox


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 30, tzinfo=VN), tick=False)
def test_a_complaint_needs_the_body_complained_about(
    client: Client, commune_committee: Unit
) -> None:
    # when the complaint names no respondent
    data = petition_data(commune_committee, kind=Case.Kind.COMPLAINT)
    response = client.post(reverse(FORM), data)
    # then
    assert response.status_code == 400
    assert t("A complaint names the body or person whose decision or act it is about.") in (
        response.content.decode()
    )
    # when it does, it is received with the 7-working-day acceptance limit of ND 155/2026
    data["respondent"] = "Chủ tịch UBND xã Khoái Châu"
    data["subject"] = "Quyết định thu hồi đất số 12/QĐ-UBND"
    assert client.post(reverse(FORM), data).status_code == 302
    case = Case.objects.get()
    assert case.rule_code == "complaint_accept"
    assert case.due_on == dt.date(2026, 10, 26)
    assert IntakeDetail.objects.get(case=case).respondent == "Chủ tịch UBND xã Khoái Châu"
    receipt = client.get(reverse("petitions:intake_receipt")).content.decode()
    assert "Nghị định 155/2026/NĐ-CP" in receipt


def test_signed_in_submission_is_linked_to_the_account(
    client: Client, commune_committee: Unit, citizen: User
) -> None:
    client.force_login(citizen)
    client.post(reverse(FORM), petition_data(commune_committee))
    assert Case.objects.get().submitted_by == citizen


def test_double_click_and_retry_give_the_same_receipt(
    client: Client, commune_committee: Unit
) -> None:
    # given the same form sent three times (double click, then a retry after a timeout)
    data = petition_data(commune_committee)
    data["attachments"] = [upload("don.pdf", PDF)]
    responses = []
    for _ in range(3):
        data["attachments"] = [upload("don.pdf", PDF)]
        responses.append(client.post(reverse(FORM), data))
    # then one case and one file, and every answer leads to the same receipt
    assert Case.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert {r.status_code for r in responses} == {302}
    receipt = client.get(reverse("petitions:intake_receipt")).content.decode()
    assert Case.objects.get().display_code in receipt


def test_retry_from_another_browser_also_finds_the_first_case(
    commune_committee: Unit,
) -> None:
    data = petition_data(commune_committee)
    first, second = Client(), Client()
    first.post(reverse(FORM), data)
    second.post(reverse(FORM), data)
    code = Case.objects.get().display_code
    assert code in second.get(reverse("petitions:intake_receipt")).content.decode()


def test_missing_fields_are_explained_and_typed_values_kept(
    client: Client, commune_committee: Unit
) -> None:
    # when the name, the address and the declaration are missing
    data = petition_data(commune_committee, name="", address="", declaration="")
    response = client.post(reverse(FORM), data)
    html = response.content.decode()
    # then the page explains each problem, links to the field, and keeps what was typed
    assert response.status_code == 400
    assert not Case.objects.exists()
    assert 'class="error-summary"' in html
    assert 'href="#field-name"' in html
    assert 'href="#field-declaration"' in html
    assert t("Tick the declaration to send the petition.") in html
    assert "Đường liên thôn Đông Tảo xuống cấp" in html
    assert "sụt lún sau mưa lớn" in html
    assert 'value="033186001234"' in html
    assert 'aria-invalid="true"' in html
    assert _key(html) == "k" * 32  # the same key, so a corrected resend is still one case


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "id_number",
            "12345",
            "Enter the 12 digits of a căn cước card, the 9 digits of an old ID card, "
            "or a passport number (a letter and 7 or 8 digits).",
        ),
        ("id_issued_on", "31/02/2026", "Enter a real date, for example 25/11/2026."),
        ("id_issued_on", "2099-01-01", "The date of issue cannot be in the future."),
        ("unit", "VN-KHONG-CO", "This body is not in the list. Search for it again."),
        ("phone", "gọi tôi", "Enter a phone number, for example 0912 345 678."),
        ("email", "khong-phai-email", "Enter an e-mail address, for example ten@example.com."),
        ("people_count", "0", None),
        ("kind", "denunciation", None),
        (
            "submission_key",
            "x" * 49,
            "This form has expired. Please check what you typed and send it again.",
        ),
        (
            "submission_key",
            "ngắn",
            "This form has expired. Please check what you typed and send it again.",
        ),
    ],
)
def test_bad_values_get_a_message(
    client: Client, commune_committee: Unit, field: str, value: str, message: str | None
) -> None:
    response = client.post(reverse(FORM), petition_data(commune_committee, **{field: value}))
    assert response.status_code == 400
    assert not Case.objects.exists()
    if message is not None:
        assert t(message) in response.content.decode()


def test_more_names_than_people_is_refused(client: Client, commune_committee: Unit) -> None:
    data = petition_data(commune_committee, people_count="2", co_petitioners="An\nBình\nChi")
    response = client.post(reverse(FORM), data)
    assert response.status_code == 400
    assert (
        t(
            "You listed %(names)s other names, so at least %(needed)s people send this petition.",
            names=3,
            needed=4,
        )
        in response.content.decode()
    )
    data["people_count"] = "4"
    assert client.post(reverse(FORM), data).status_code == 302
    case = Case.objects.get()
    assert case.people_count == 4
    assert IntakeDetail.objects.get(case=case).co_petitioners == ["An", "Bình", "Chi"]


def test_a_program_renamed_pdf_is_refused_and_the_rest_kept(
    client: Client, commune_committee: Unit
) -> None:
    data = petition_data(commune_committee)
    data["attachments"] = [upload("don-kien-nghi.pdf", EXE)]
    response = client.post(reverse(FORM), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "don-kien-nghi.pdf" in html
    assert (
        t(
            "“%(name)s” is not a file type we accept (%(types)s). "
            "The content of the file was checked, not its name.",
            name="don-kien-nghi.pdf",
            types=ALLOWED_TYPES_DISPLAY,
        )
        in html
    )
    assert "Đường liên thôn Đông Tảo xuống cấp" in html
    assert (
        t(
            "For your safety, files you attached are not kept when the form has errors: "
            "please choose them again."
        )
        in html
    )
    assert not Case.objects.exists()


def test_an_oversized_file_is_refused(
    client: Client, commune_committee: Unit, settings: Settings
) -> None:
    settings.DANVAN = {**settings.DANVAN, "ATTACHMENT_MAX_BYTES": 2048}
    data = petition_data(commune_committee)
    data["attachments"] = [upload("ban-scan.pdf", PDF + b"0" * 4096)]
    response = client.post(reverse(FORM), data)
    assert response.status_code == 400
    assert (
        t(
            "“%(name)s” is larger than the limit of %(limit)s MB.",
            name="ban-scan.pdf",
            limit="0.00195312",
        )
        in response.content.decode()
    )
    assert not Case.objects.exists()


def test_anonymous_submissions_are_rate_limited_per_address(
    client: Client, commune_committee: Unit, settings: Settings
) -> None:
    settings.DANVAN = {**settings.DANVAN, "INTAKE_RATE_LIMIT": 2}
    for i in range(2):
        data = petition_data(commune_committee, submission_key=f"{i}" * 32)
        assert client.post(reverse(FORM), data).status_code == 302
    # the third new submission from the same address is refused, keeping what was typed
    third = petition_data(commune_committee, submission_key="3" * 32, subject="Lần thứ ba")
    response = client.post(reverse(FORM), third)
    assert response.status_code == 429
    assert (
        t(
            "Too many petitions were sent from this network address in the last hour. "
            "Please try again later, or sign in to send more."
        )
        in response.content.decode()
    )
    assert "Lần thứ ba" in response.content.decode()
    assert Case.objects.count() == 2
    # a retry of an earlier submission still gets its receipt
    retry = client.post(reverse(FORM), petition_data(commune_committee, submission_key="0" * 32))
    assert retry.status_code == 302
    # another address is not affected
    other = client.post(reverse(FORM), third, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
    assert Case.objects.count() == 3


def test_signed_in_people_are_not_limited(
    client: Client, commune_committee: Unit, citizen: User, settings: Settings
) -> None:
    settings.DANVAN = {**settings.DANVAN, "INTAKE_RATE_LIMIT": 1}
    client.force_login(citizen)
    for i in range(3):
        data = petition_data(commune_committee, submission_key=f"{i}" * 32)
        assert client.post(reverse(FORM), data).status_code == 302
    assert Case.objects.count() == 3


def test_searching_for_a_body_without_javascript_keeps_the_form(
    client: Client, commune_committee: Unit, other_committee: Unit
) -> None:
    # when the person searches "pho hien" (no diacritics) with the Search button
    data = petition_data(commune_committee, unit="", unit_q="pho hien", find_unit="1")
    data["attachments"] = [upload("don.pdf", PDF)]
    response = client.post(reverse(FORM), data)
    html = response.content.decode()
    # then the list offers the ward's committee, nothing is sent and nothing flagged yet
    assert response.status_code == 200
    assert f'<option value="{other_committee.code}">' in html
    assert f'<option value="{commune_committee.code}">' not in html
    assert "Đường liên thôn Đông Tảo xuống cấp" in html
    assert 'class="error-summary"' not in html
    assert t("Files are not kept by a search: attach them again.") in html
    assert not Case.objects.exists()


def test_live_search_returns_options_and_keeps_the_choice(
    client: Client, commune_committee: Unit, other_committee: Unit
) -> None:
    url = reverse("petitions:intake_unit_options")
    html = client.get(url, {"unit_q": "phố hiến", "unit": commune_committee.code}).content.decode()
    assert f'<option value="{other_committee.code}">' in html
    assert f'<option value="{commune_committee.code}" selected>' in html
    everything = client.get(url).content.decode()
    assert other_committee.code in everything
    assert commune_committee.code in everything


def test_receipt_without_a_submission_sends_to_the_start(client: Client) -> None:
    response = client.get(reverse("petitions:intake_receipt"))
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:intake_start")


def test_start_page_offers_the_three_kinds(client: Client) -> None:
    html = client.get(reverse("petitions:intake_start")).content.decode()
    assert reverse(FORM) + "?loai=petition" in html
    assert reverse(FORM) + "?loai=complaint" in html
    assert reverse("petitions:intake_denunciation") in html
    assert reverse("petitions:intake_tracking") in html
