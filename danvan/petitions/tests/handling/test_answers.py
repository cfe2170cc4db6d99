"""Answers: drafted by the handler, approved by the head, sent, published with redaction."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.notifications.models import Notification
from danvan.petitions.models import Case, CaseAnswer, CaseEvent
from danvan.petitions.services.handling import (
    REDACTED,
    RepresentativeInput,
    case_accept,
    case_answer_approve,
    case_answer_draft,
    case_answer_publish,
    case_answer_return,
    case_answer_send,
    case_link_previous,
    case_representatives_set,
    petitioner_message,
    petitioner_notify,
    redact_personal_data,
)
from danvan.petitions.tasks import send_petitioner_email
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.fakes import FakeSealed
from danvan.petitions.tests.handling.test_deadline_actions import accepted
from danvan.petitions.tests.handling.test_routing_actions import checked
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]
BODY = (
    "Kết luận: khiếu nại của bà Trần Thị Bình (CCCD 033190001234, điện thoại 0912 345 678, "
    "thư binh@example.com), trú tại Thôn Đông Tảo, xã Khoái Châu, là có cơ sở một phần."
)


def _answered(case: Case, handler: User, head: User, body: str = BODY) -> CaseAnswer:
    case_answer_draft(case=case, actor=handler, body=body)
    case_answer_approve(case=case, actor=head)
    return case_answer_send(case=case, actor=handler)


def test_draft_return_redraft_approve_send(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, citizen: User
) -> None:
    travel(dt.date(2026, 12, 30))
    case = make_case(submitted_by=citizen)
    case = checked(case, handler)
    case_accept(case=case, actor=handler)
    with pytest.raises(ApplicationError):
        case_answer_approve(case=case, actor=head)
    with pytest.raises(ApplicationError):
        case_answer_draft(case=case, actor=handler, body="  ")
    case_answer_draft(case=case, actor=handler, body="Bản nháp một.")
    # the head returns it with comments
    with pytest.raises(ApplicationError):
        case_answer_return(case=case, actor=head, comment="")
    answer = case_answer_return(case=case, actor=head, comment="Bổ sung căn cứ pháp lý.")
    case.refresh_from_db()
    assert case.status == Case.Status.ACCEPTED
    assert answer.review_comment == "Bổ sung căn cứ pháp lý."
    with pytest.raises(ApplicationError):
        case_answer_send(case=case, actor=handler)
    # the handler redrafts, the head approves, the handler sends
    case_answer_draft(case=case, actor=handler, body="Bản trả lời hoàn chỉnh.")
    answer = case_answer_approve(case=case, actor=head)
    assert answer.approved_by == head
    assert answer.review_comment == ""
    travel(dt.date(2027, 1, 4))
    answer = case_answer_send(case=case, actor=handler)
    case.refresh_from_db()
    assert case.status == Case.Status.ANSWERED
    assert not case.is_open
    assert answer.sent_at is not None
    kinds = list(case.events.values_list("kind", flat=True))
    for kind in ("answer_drafted", "answer_approved", "answer_sent"):
        assert kind in kinds
    notification = Notification.objects.get(recipient=citizen, kind="petitions.answered")
    assert notification.body == "Bản trả lời hoàn chỉnh."
    for verb in ("answer_draft", "answer_return", "answer_approve", "answer_send"):
        assert AuditEntry.objects.filter(verb=f"case.{verb}").exists()
    # nothing else can be published or resent
    with pytest.raises(ApplicationError):
        case_answer_publish(case=case, actor=head)
    with pytest.raises(ApplicationError):
        case_answer_send(case=case, actor=handler)


def test_an_answer_to_a_petitioner_without_account_goes_by_email(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    head: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)
    with django_capture_on_commit_callbacks(execute=True):
        _answered(case, handler, head, body="Quyết định giải quyết khiếu nại lần đầu.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["binh@example.com"]
    assert "Quyết định giải quyết khiếu nại lần đầu." in mail.outbox[0].body
    assert case.display_code in mail.outbox[0].subject


def test_the_email_task_never_writes_to_a_denouncer_or_nowhere(
    travel: Travel, make_case: CaseMaker
) -> None:
    travel(dt.date(2026, 12, 30))
    denunciation = make_case(kind=Case.Kind.DENUNCIATION)
    no_address = make_case(petitioner=None)
    assert send_petitioner_email.call(case_id=denunciation.pk, message="answered") == "no_address"
    assert send_petitioner_email.call(case_id=no_address.pk, message="answered") == "no_address"
    assert send_petitioner_email.call(case_id=0, message="answered") == "skipped"
    assert send_petitioner_email.call(case_id=no_address.pk, message="hack") == "skipped"
    assert mail.outbox == []
    assert petitioner_notify(case=no_address, message="accepted") == "none"
    with pytest.raises(ValueError, match="unknown"):
        petitioner_message(case=no_address, message="hack")


def test_a_denouncer_is_told_only_through_the_sealed_helper(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, sealed: FakeSealed
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    _answered(case, handler, head, body="Kết luận nội dung tố cáo.")
    assert [(pk, body) for pk, _t, body in sealed.notified][-1] == (
        case.pk,
        "Kết luận nội dung tố cáo.",
    )
    assert not Notification.objects.filter(kind="petitions.answered").exists()
    assert mail.outbox == []


def test_without_the_sealed_helper_nobody_is_told(
    travel: Travel, make_case: CaseMaker, no_sealed: None
) -> None:
    travel(dt.date(2026, 12, 30))
    case = make_case(kind=Case.Kind.DENUNCIATION)
    assert petitioner_notify(case=case, message="accepted") == "none"


def test_redaction_replaces_names_numbers_addresses_and_contacts() -> None:
    text = redact_personal_data(
        BODY + " Ông Nguyễn Văn Cường (CMND 123456789) gọi +84 912 345 678.",
        terms=["Trần Thị Bình", "Thôn Đông Tảo, xã Khoái Châu", "Nguyễn Văn Cường", "", "ab"],
    )
    for secret in (
        "Trần Thị Bình",
        "033190001234",
        "0912 345 678",
        "binh@example.com",
        "Thôn Đông Tảo",
        "Nguyễn Văn Cường",
        "123456789",
        "+84 912 345 678",
    ):
        assert secret not in text
    assert text.count(REDACTED) == 8
    assert "là có cơ sở một phần" in text
    # case-insensitive, and the amount written with dots is left alone
    assert redact_personal_data("TRẦN THỊ BÌNH nộp 150.000.000 đồng", terms=["Trần Thị Bình"]) == (
        f"{REDACTED} nộp 150.000.000 đồng"
    )


def test_a_second_instance_decision_is_published_redacted(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, client: Client
) -> None:
    travel(dt.date(2026, 11, 2))
    first = make_case(kind=Case.Kind.COMPLAINT)
    travel(dt.date(2026, 12, 30))
    second = make_case(kind=Case.Kind.COMPLAINT, subject="Khiếu nại lần hai của Trần Thị Bình")
    case_link_previous(case=second, actor=handler, previous=first)
    case_representatives_set(
        case=second,
        actor=handler,
        people_count=1,
        representatives=[RepresentativeInput("Lê Thị Dung")],
    )
    second = checked(second, handler)
    case_accept(case=second, actor=handler)
    _answered(second, handler, head, body=BODY + " Người đại diện Lê Thị Dung.")
    travel(dt.date(2027, 1, 8))
    answer = case_answer_publish(case=second, actor=head)
    assert answer.published
    assert answer.published_on == dt.date(2027, 1, 8)
    assert "Trần Thị Bình" not in answer.published_title
    assert REDACTED in answer.published_title
    for secret in ("Trần Thị Bình", "033190001234", "Thôn Đông Tảo", "Lê Thị Dung"):
        assert secret not in answer.published_body
    assert second.events.filter(kind=CaseEvent.Kind.PUBLISHED).count() == 1
    with pytest.raises(ApplicationError):
        case_answer_publish(case=second, actor=head)
    # the public pages show the redacted text only, no login needed
    listing = client.get(reverse("petitions:handling_published_list"))
    assert listing.status_code == 200
    assert answer.published_title in listing.content.decode()
    detail = client.get(reverse("petitions:handling_published_detail", kwargs={"pk": answer.pk}))
    page = detail.content.decode()
    assert detail.status_code == 200
    assert "có cơ sở một phần" in page
    for secret in ("Trần Thị Bình", "033190001234", second.tracking_code):
        assert secret not in page


def test_a_denunciation_conclusion_is_published_with_the_sealed_redaction(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, sealed: FakeSealed
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    _answered(case, handler, head, body="Người tố cáo X phản ánh đúng một phần.")
    answer = case_answer_publish(case=case, actor=head)
    assert answer.published_body == f"{REDACTED} phản ánh đúng một phần."
    assert case.pk in sealed.redacted


def test_unpublished_answers_are_not_public(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, client: Client
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)
    answer = _answered(case, handler, head)
    response = client.get(reverse("petitions:handling_published_detail", kwargs={"pk": answer.pk}))
    assert response.status_code == 404
    listing = client.get(reverse("petitions:handling_published_list"))
    assert BODY[:20] not in listing.content.decode()
