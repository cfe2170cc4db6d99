"""The denouncer's follow-up page: receipt code in, status/history/answer out, no enumeration."""

import re
from unittest import mock

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.petitions.models import Case, CaseAnswer, CaseEvent
from danvan.petitions.selectors import sealed as selectors
from danvan.petitions.services.cases import case_event_add
from danvan.petitions.services.sealed import (
    DenunciationReceipt,
    receipt_code_display,
    receipt_code_new,
)
from danvan.petitions.tests.sealed.helpers import assert_not_cached, page_text, t
from danvan.petitions.tests.sealed.leaks import assert_no_identity_leak, make_leak_denunciation
from danvan.units.models import Unit, User

URL = reverse("petitions:sealed_follow_up")
NOT_FOUND = "No denunciation matches this code. Check the code on your receipt."


def look_up(client: Client, code: str, **extra: str) -> tuple[int, str]:
    response = client.post(URL, {"code": code}, **extra)  # type: ignore[arg-type]
    assert_not_cached(response)
    text = page_text(response).replace(code, "CODE")
    # the per-response tokens (CSRF, CSP nonce) are the only other differences allowed
    text = re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', r"\1", text)
    return response.status_code, text


def answer(case: Case, handler: User, body: str) -> None:
    CaseAnswer.objects.create(
        case=case, body=body, drafted_by=handler, drafted_at=timezone.now(), sent_at=timezone.now()
    )
    case_event_add(
        case=case, kind=CaseEvent.Kind.ANSWER_SENT, actor=handler, note=handler.full_name
    )
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ANSWERED)


def test_form_page_is_not_cached(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert_not_cached(response)
    assert 'name="code"' in response.content.decode()


def test_right_code_shows_status_history_and_answer_without_staff_names(
    client: Client, denunciation: DenunciationReceipt, handler: User, head: User
) -> None:
    # given a denunciation that was classified and answered by named officers
    case = denunciation.case
    case_event_add(
        case=case, kind=CaseEvent.Kind.NOTE, actor=head, note="Ghi chú nội bộ của Nguyễn Văn An"
    )
    answer(case, handler, "Kết luận: nội dung tố cáo là đúng một phần.")
    # when the denouncer types the code as printed
    status, page = look_up(client, receipt_code_display(denunciation.receipt_code))
    # then the page shows the status, the history and the answer
    assert status == 200
    assert t("Concluded; the answer was sent") in page
    assert t("Your denunciation was received.") in page
    assert "Kết luận: nội dung tố cáo là đúng một phần." in page
    assert "Ủy ban nhân dân xã Khoái Châu" in page
    # and no officer's name, internal note, tracking code or identity
    for name in (handler.full_name, head.full_name, "Ghi chú nội bộ"):
        assert name not in page
    assert case.tracking_code not in page
    assert case.display_code not in page
    assert_no_identity_leak(page, where="follow-up page")


def test_wrong_unknown_and_malformed_codes_get_the_same_answer(
    client: Client, denunciation: DenunciationReceipt
) -> None:
    # given a right code with one character changed, an unknown code and garbage
    right = denunciation.receipt_code
    wrong = right[:-1] + ("0" if right[-1] != "0" else "1")
    answers = {look_up(client, code) for code in (wrong, receipt_code_new(), "xyz", right[:20])}
    # then every one gets the same status and page
    assert len(answers) == 1
    status, page = answers.pop()
    assert status == 404
    assert t(NOT_FOUND) in page


def test_a_tracking_code_is_not_a_receipt_code(
    client: Client, denunciation: DenunciationReceipt
) -> None:
    status, page = look_up(client, denunciation.case.tracking_code)
    assert status == 404
    assert t(NOT_FOUND) in page


def test_empty_code_asks_for_it(client: Client, db: None) -> None:
    status, page = look_up(client, "   ")
    assert status == 400
    assert t("This field is required.") in page


def test_comparison_is_constant_time(denunciation: DenunciationReceipt) -> None:
    # the stored digest is compared with hmac.compare_digest, never with ==
    with mock.patch(
        "danvan.petitions.selectors.sealed.hmac.compare_digest", return_value=False
    ) as cmp:
        assert selectors.follow_up_case_find(code=denunciation.receipt_code) is None
    assert cmp.called


def test_rate_limit_per_address(
    client: Client, denunciation: DenunciationReceipt, settings: object
) -> None:
    # given a limit of 3 look-ups per address
    settings.DANVAN = {**settings.DANVAN, "FOLLOW_UP_RATE_LIMIT": 3}  # type: ignore[attr-defined]
    for _ in range(3):
        assert look_up(client, receipt_code_new())[0] == 404
    # when the 4th comes, even with the right code, then it is refused
    status, page = look_up(client, denunciation.receipt_code)
    assert status == 429
    assert t("Too many attempts. Please wait 15 minutes and try again.") in page
    # and another address is not affected
    assert look_up(client, denunciation.receipt_code, REMOTE_ADDR="10.1.2.3")[0] == 200


def test_rate_limit_per_code_prefix_across_addresses(
    client: Client, denunciation: DenunciationReceipt, settings: object
) -> None:
    # given a limit of 2 look-ups per code prefix and guesses from many addresses
    settings.DANVAN = {**settings.DANVAN, "FOLLOW_UP_PREFIX_RATE_LIMIT": 2}  # type: ignore[attr-defined]
    code = denunciation.receipt_code
    for n in range(2):
        guess = code[:4] + receipt_code_new()[4:]
        assert look_up(client, guess, REMOTE_ADDR=f"10.0.0.{n}")[0] == 404
    # then the right code with that prefix waits too, from yet another address
    assert look_up(client, code, REMOTE_ADDR="10.0.0.99")[0] == 429
    # while another prefix still works
    other = make_leak_denunciation(unit=denunciation.case.unit, idempotency_key="other")
    if other.receipt_code[:4] != code[:4]:
        assert look_up(client, other.receipt_code, REMOTE_ADDR="10.0.0.98")[0] == 200


def test_a_zero_limit_refuses_everything(
    client: Client, denunciation: DenunciationReceipt, settings: object
) -> None:
    settings.DANVAN = {**settings.DANVAN, "FOLLOW_UP_RATE_LIMIT": 0}  # type: ignore[attr-defined]
    assert look_up(client, denunciation.receipt_code)[0] == 429


def test_code_is_not_in_any_address_and_get_never_looks_up(
    client: Client, denunciation: DenunciationReceipt
) -> None:
    # a code in the query string is ignored: look-ups are POST only
    response = client.get(URL, {"code": denunciation.receipt_code})
    assert response.status_code == 200
    assert t("Received, being examined") not in page_text(response)


def test_merged_denunciation_shows_the_surviving_case(
    client: Client, denunciation: DenunciationReceipt, commune_committee: Unit, handler: User
) -> None:
    # given the denunciation was merged into another one, which was then answered
    other = make_leak_denunciation(unit=commune_committee, idempotency_key="survivor").case
    Case.objects.filter(pk=denunciation.case.pk).update(
        merged_into=other, status=Case.Status.MERGED
    )
    case_event_add(case=denunciation.case, kind=CaseEvent.Kind.MERGED)
    answer(other, handler, "Trả lời chung cho hai đơn.")
    # then the follow-up shows the surviving case's status and answer
    status, page = look_up(client, denunciation.receipt_code)
    assert status == 200
    assert "Trả lời chung cho hai đơn." in page
    assert t("It was joined to a denunciation of the same content.") in page


def test_open_case_shows_its_time_limit(client: Client, denunciation: DenunciationReceipt) -> None:
    status, page = look_up(client, denunciation.receipt_code)
    assert status == 200
    assert t("Time limit") in page
    assert t("Received, being examined") in page
