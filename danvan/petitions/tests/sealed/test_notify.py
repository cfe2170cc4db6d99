"""Writing to the denouncer through the sealed contact, and the hooks handling calls."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from danvan.audit.models import AuditEntry
from danvan.petitions import custody
from danvan.petitions.models import Case, DenouncerFollowUp, SealedIdentity
from danvan.petitions.selectors.sealed import follow_up_case_find
from danvan.petitions.services import sealed as services
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.services.sealed import (
    REDACTED,
    DenouncerIdentity,
    DenunciationReceipt,
    denouncer_notify,
    denouncer_redact,
    denouncer_seal_from_case,
    denunciation_receive,
    receipt_code_normalise,
)
from danvan.petitions.tests.sealed.leaks import (
    LEAK_EMAIL,
    LEAK_NAME,
    assert_no_identity_leak,
    assert_no_leak_in_emails,
)
from danvan.units.models import Unit, User

Capture = Callable[..., Any]


def test_notify_emails_the_denouncer_after_commit_and_audits_without_identity(
    denunciation: DenunciationReceipt, django_capture_on_commit_callbacks: Capture
) -> None:
    # when handling tells the denouncer that the answer was sent
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        channel = denouncer_notify(
            case=denunciation.case, title="Đã có kết luận", body="Nội dung kết luận: …"
        )
        # then nothing is sent before the transaction commits
        assert mail.outbox == []
    assert channel == "sealed"
    for callback in callbacks:
        callback()
    # then one e-mail reached the denouncer's address, without naming them
    (message,) = mail.outbox
    assert message.to == [LEAK_EMAIL]
    assert "Đã có kết luận" in message.subject
    assert "Nội dung kết luận: …" in message.body
    assert LEAK_NAME not in message.body
    assert_no_leak_in_emails(mail.outbox)
    # and the audit log says the contact was used, for what, and nothing more
    entry = AuditEntry.objects.get(verb="sealed_identity.contact_use")
    assert entry.data == {
        "case": denunciation.case.tracking_code,
        "channel": "email",
        "purpose": "message",
    }
    assert entry.actor is None
    assert_no_identity_leak(repr(entry.__dict__))


def test_notify_links_to_the_follow_up_page_when_the_site_address_is_known(
    denunciation: DenunciationReceipt, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.DANVAN = {**settings.DANVAN, "SITE_URL": "https://danvan.example.vn"}
    with django_capture_on_commit_callbacks(execute=True):
        denouncer_notify(case=denunciation.case, title="T", body="B")
    assert "https://danvan.example.vn/don-thu/to-cao/theo-doi/" in mail.outbox[0].body


def test_notify_without_an_address_sends_nothing_but_records_it(
    commune_committee: Unit, django_capture_on_commit_callbacks: Capture
) -> None:
    # given a denouncer who gave only a postal address
    receipt = denunciation_receive(
        channel=Case.Channel.POST,
        subject="Tố cáo",
        content="Nội dung.",
        receiving_unit=commune_committee,
        identity=DenouncerIdentity(name="Lê Văn Bảy", address="Thôn 5"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert denouncer_notify(case=receipt.case, title="T", body="B") == "sealed"
    assert mail.outbox == []
    assert AuditEntry.objects.get(verb="sealed_identity.contact_use").data["channel"] == "none"


def test_notify_falls_back_to_the_account_address(
    commune_committee: Unit, citizen: User, django_capture_on_commit_callbacks: Capture
) -> None:
    receipt = denunciation_receive(
        channel=Case.Channel.WEB,
        subject="Tố cáo",
        content="Nội dung.",
        receiving_unit=commune_committee,
        identity=DenouncerIdentity(name="Trần Thị Bình", address="Thôn 5", account_id=citizen.pk),
    )
    with django_capture_on_commit_callbacks(execute=True):
        denouncer_notify(case=receipt.case, title="T", body="B")
    assert mail.outbox[0].to == [citizen.email]
    # and no in-app notification ties the account to the case
    assert not citizen.notifications.exists()


def test_notify_a_case_without_a_vault_row_does_nothing(
    commune_committee: Unit, django_capture_on_commit_callbacks: Capture
) -> None:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="S",
        content="C",
        receiving_unit=commune_committee,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert denouncer_notify(case=case, title="T", body="B") == "none"
    assert mail.outbox == []


def test_tasks_skip_a_case_that_no_longer_exists(db: None) -> None:
    assert services.denouncer_message_send.call(case_id=999_999, title="T", body="B") == "missing"
    assert services.denouncer_receipt_send.call(case_id=999_999) == "missing"


def test_redact_hook_uses_the_sealed_identity_and_returns_text_only(
    denunciation: DenunciationReceipt,
) -> None:
    # given an answer that names the denouncer (as the head might quote the letter)
    text = "Trả lời bà Nguyen Thi To Giac, số điện thoại 0912.345.678, về việc cấp đất."
    # when handling redacts it for publication
    result = denouncer_redact(case=denunciation.case, text=text)
    # then the identity is gone, the rest stays, and the use is audited
    assert result == f"Trả lời bà {REDACTED}, số điện thoại {REDACTED}, về việc cấp đất."
    assert AuditEntry.objects.filter(verb="sealed_identity.redact").count() == 1


def test_redact_hook_on_an_unsealed_case_changes_nothing(commune_committee: Unit) -> None:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="S",
        content="C",
        receiving_unit=commune_committee,
    )
    assert denouncer_redact(case=case, text="Nguyễn Thị Tố Giác") == "Nguyễn Thị Tố Giác"


@pytest.fixture
def petition(commune_committee: Unit, citizen: User) -> Case:
    """A petition whose letter turns out to be a denunciation."""
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="Phản ánh của Nguyễn Thị Tố Giác",
        content="Tôi là Nguyễn Thị Tố Giác (0912345678). Cán bộ Lê Văn Hưởng nhận tiền.",
        receiving_unit=commune_committee,
        petitioner=Petitioner(
            name=LEAK_NAME,
            address="Số 17 ngõ 254, thôn Đông Tảo",
            phone="0912345678",
            email=LEAK_EMAIL,
            id_number="001203004567",
        ),
        submitted_by=citizen,
    )
    return case


def test_seal_from_case_moves_the_petitioner_into_the_vault(
    petition: Case, handler: User, citizen: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # when handling reclassifies the petition as a denunciation
    with django_capture_on_commit_callbacks(execute=True):
        record = denouncer_seal_from_case(case=petition, source=petition, actor=handler)
    case = Case.objects.get(pk=petition.pk)
    # then the row holds no identity any more and its texts are redacted
    assert (case.petitioner_name, case.petitioner_phone, case.submitted_by) == ("", "", None)
    assert_no_identity_leak(case.subject + case.content + case.search_text, where="case row")
    # and the vault holds the sender, their account and the letter as written
    sealed = custody._decrypt(record)
    assert sealed.identity.name == LEAK_NAME
    assert sealed.identity.account_id == citizen.pk
    assert "Tôi là Nguyễn Thị Tố Giác" in sealed.original_content
    # and handling can now make it a denunciation (the database constraint holds)
    Case.objects.filter(pk=case.pk).update(kind=Case.Kind.DENUNCIATION)
    # and the sender got a follow-up code by e-mail, which works
    (message,) = mail.outbox
    assert message.to == [LEAK_EMAIL]
    code = receipt_code_normalise(_code_in(str(message.body)))
    assert follow_up_case_find(code=code) == case
    assert_no_leak_in_emails(mail.outbox)
    # and calling it again changes nothing
    assert denouncer_seal_from_case(case=case, source=case, actor=handler) == record
    assert SealedIdentity.objects.count() == DenouncerFollowUp.objects.count() == 1


def _code_in(body: str) -> str:
    match = re.search(r"(?:[0-9A-Z]{4}-){6}[0-9A-Z]{4}", body)
    assert match is not None
    return match.group(0)


def test_seal_from_case_for_a_split_part_keeps_the_source_letter(
    petition: Case,
    handler: User,
    commune_committee: Unit,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given the denunciation part split off a mixed letter (made without a petitioner)
    part, _ = case_receive(
        kind=Case.Kind.DENUNCIATION,
        channel=Case.Channel.WEB,
        subject="Phần tố cáo",
        content="Ông Lê Văn Hưởng nhận tiền; người gửi: Nguyễn Thị Tố Giác.",
        receiving_unit=commune_committee,
    )
    # when it is sealed from the source
    with django_capture_on_commit_callbacks(execute=True):
        record = denouncer_seal_from_case(case=part, source=petition, actor=handler)
    # then the part is redacted and the source keeps its own fields
    part.refresh_from_db()
    assert_no_identity_leak(part.content + part.search_text, where="split part")
    assert Case.objects.get(pk=petition.pk).petitioner_name == LEAK_NAME
    assert custody._decrypt(record).original_subject == petition.subject


def test_receipt_is_not_issued_without_an_address(
    commune_committee: Unit, handler: User, django_capture_on_commit_callbacks: Capture
) -> None:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.POST,
        subject="Thư",
        content="Nội dung",
        receiving_unit=commune_committee,
        petitioner=Petitioner(name="Lê Văn Bảy", address="Thôn 5"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        denouncer_seal_from_case(case=case, source=case, actor=handler)
    assert mail.outbox == []
    assert not DenouncerFollowUp.objects.filter(case=case).exists()
    assert AuditEntry.objects.get(verb="sealed_identity.contact_use").data["purpose"] == "receipt"
