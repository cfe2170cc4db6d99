"""Receiving a denunciation: sealed identity, redacted file, receipt code stored as a hash."""

import datetime as dt
import json
import re

import pytest
import time_machine

from danvan.audit.models import AuditEntry
from danvan.petitions import custody
from danvan.petitions.models import (
    AnonymousReport,
    Case,
    CaseEvent,
    DenouncerFollowUp,
    Field,
    SealedIdentity,
)
from danvan.petitions.selectors.sealed import follow_up_case_find
from danvan.petitions.services.sealed import (
    RECEIPT_ALPHABET,
    REDACTED,
    DenouncerIdentity,
    DenunciationReceipt,
    denunciation_receive,
    receipt_code_digests,
    receipt_code_display,
    receipt_code_normalise,
    sealed_blob,
)
from danvan.petitions.tests.sealed.leaks import (
    LEAK_CONTENT,
    LEAK_IDENTITY,
    LEAK_NAME,
    LEAK_SUBJECT,
    assert_no_identity_leak,
    make_leak_denunciation,
)
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def test_denunciation_is_received_sealed_and_redacted(
    commune_committee: Unit, reception_officer: User
) -> None:
    # given a denunciation entered at the reception desk
    field = Field.objects.create(code="dat-dai", name="Đất đai")
    receipt = make_leak_denunciation(
        unit=commune_committee,
        entered_by=reception_officer,
        channel=Case.Channel.IN_PERSON,
        field=field,
        people_count=2,
    )
    case = Case.objects.get(pk=receipt.case.pk)
    # then it is a new denunciation without a petitioner or an account
    assert receipt.created is True
    assert (case.kind, case.channel, case.field, case.people_count) == (
        Case.Kind.DENUNCIATION,
        Case.Channel.IN_PERSON,
        field,
        2,
    )
    assert case.petitioner_name == case.petitioner_email == ""
    assert case.submitted_by is None
    assert case.entered_by == reception_officer
    # and the handlers' copy, its search text and history hold no identity
    assert REDACTED in case.content
    assert REDACTED in case.subject
    assert_no_identity_leak(case.subject + case.content + case.search_text, where="case row")
    assert "le van huong" in case.search_text  # the person denounced is searchable
    for event in CaseEvent.objects.filter(case=case):
        assert_no_identity_leak(json.dumps(event.data, ensure_ascii=False) + event.note)
    # and the deadline of a denunciation runs from receipt
    assert case.rule_code == "denunciation_accept"
    assert case.due_on is not None
    # and the vault holds the identity and the letter as written
    sealed = custody._decrypt(SealedIdentity.objects.get(case=case))
    assert sealed.identity.name == LEAK_NAME
    assert sealed.original_subject == LEAK_SUBJECT
    assert sealed.original_content == LEAK_CONTENT
    assert sealed.protection_requested is True
    # and the audit log records the sealing, with the officer, without the identity
    entry = AuditEntry.objects.get(verb="sealed_identity.seal")
    assert entry.actor == reception_officer
    assert entry.data == {"case": case.tracking_code, "kind": "denunciation", "key": "test"}


def test_receipt_code_has_140_bits_and_is_stored_only_as_a_keyed_hash(
    denunciation: DenunciationReceipt,
) -> None:
    # given the code shown on the receipt
    code = denunciation.receipt_code
    # then it has 28 characters of a 32-letter alphabet (140 bits)
    assert re.fullmatch(f"[{RECEIPT_ALPHABET}]{{28}}", code)
    assert receipt_code_display(code).count("-") == 6
    # and the database holds its HMAC only
    follow_up = DenouncerFollowUp.objects.get(case=denunciation.case)
    assert follow_up.code_hash == receipt_code_digests(code)[0]
    assert code not in follow_up.code_hash
    # and the display form, typed in lower case, finds the case
    typed = receipt_code_display(code).lower().replace("-", " ")
    assert follow_up_case_find(code=typed) == denunciation.case


def test_codes_are_different_every_time(commune_committee: Unit) -> None:
    codes = {
        make_leak_denunciation(unit=commune_committee, idempotency_key=f"k{n}").receipt_code
        for n in range(5)
    }
    assert len(codes) == 5


def test_receipt_code_normalise_accepts_confusable_letters_and_refuses_the_rest() -> None:
    code = "0" * 27 + "1"
    assert receipt_code_normalise("oooo-" * 6 + "ooo l") == code
    assert receipt_code_normalise("DV7K3M9QXPA4") == ""  # a tracking code is not a receipt code
    assert receipt_code_normalise("!" * 28) == ""


def test_hash_follows_secret_key_rotation(
    denunciation: DenunciationReceipt, settings: object
) -> None:
    # given the secret key is rotated, the old one kept as a fallback
    old = settings.SECRET_KEY  # type: ignore[attr-defined]
    settings.SECRET_KEY = "a-new-secret-key-for-danvan-0123456789abcdef-xyz"  # type: ignore[attr-defined]
    settings.SECRET_KEY_FALLBACKS = [old]  # type: ignore[attr-defined]
    # then the code still works
    assert follow_up_case_find(code=denunciation.receipt_code) == denunciation.case
    # and without the fallback it does not
    settings.SECRET_KEY_FALLBACKS = []  # type: ignore[attr-defined]
    assert follow_up_case_find(code=denunciation.receipt_code) is None


def test_a_retry_returns_the_same_case_with_a_fresh_code_that_replaces_the_first(
    commune_committee: Unit,
) -> None:
    # given a denunciation whose answer was lost
    with time_machine.travel(dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC), tick=False):
        first = make_leak_denunciation(unit=commune_committee, idempotency_key="retry")
    # when the same submission is retried ten minutes later
    with time_machine.travel(dt.datetime(2026, 3, 9, 9, 10, tzinfo=dt.UTC), tick=False):
        second = make_leak_denunciation(unit=commune_committee, idempotency_key="retry")
    # then no second case or vault row is made, and only the new code works
    assert second.case == first.case
    assert second.created is False
    assert Case.objects.count() == SealedIdentity.objects.count() == 1
    assert second.receipt_code
    assert second.receipt_code != first.receipt_code
    assert follow_up_case_find(code=second.receipt_code) == first.case
    assert follow_up_case_find(code=first.receipt_code) is None
    assert AuditEntry.objects.filter(verb="denouncer_follow_up.reissue").count() == 1
    # when it is replayed hours later, then no code is given any more
    with time_machine.travel(dt.datetime(2026, 3, 9, 15, 0, tzinfo=dt.UTC), tick=False):
        late = make_leak_denunciation(unit=commune_committee, idempotency_key="retry")
    assert late == DenunciationReceipt(first.case, False, "")
    assert follow_up_case_find(code=second.receipt_code) == first.case


def test_a_key_of_another_kind_of_case_gives_no_code(commune_committee: Unit) -> None:
    # given a petition received with some key (a programming error elsewhere)
    from danvan.petitions.services.cases import case_receive

    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="Đường hỏng",
        content="Đề nghị sửa đường.",
        receiving_unit=commune_committee,
        idempotency_key="shared",
    )
    # when a denunciation arrives with the same key, then nothing is sealed or issued
    receipt = make_leak_denunciation(unit=commune_committee, idempotency_key="shared")
    assert receipt == DenunciationReceipt(case, False, "")
    assert not SealedIdentity.objects.exists()


@pytest.mark.parametrize(
    ("identity", "reason"),
    [
        (DenouncerIdentity(name="", address="Thôn 3"), AnonymousReport.Reason.NO_NAME),
        (DenouncerIdentity(name="X", address="Thôn 3"), AnonymousReport.Reason.NO_NAME),
        (DenouncerIdentity(name="Lê Văn Hùng", address=" "), AnonymousReport.Reason.NO_ADDRESS),
    ],
)
def test_without_name_or_address_it_is_an_anonymous_report(
    commune_committee: Unit, identity: DenouncerIdentity, reason: AnonymousReport.Reason
) -> None:
    # given a letter without a usable name or address (Art 25(1))
    receipt = denunciation_receive(
        channel=Case.Channel.POST,
        subject="Phản ánh cán bộ thu tiền sai quy định",
        content="Cán bộ Lê Văn Hưởng thu 2 triệu đồng mỗi hộ. Gọi tôi: 0987654321.",
        receiving_unit=commune_committee,
        identity=identity,
    )
    # then it is information with denunciation content, with its checklist
    case = Case.objects.get(pk=receipt.case.pk)
    assert case.kind == Case.Kind.ANONYMOUS_REPORT
    assert AnonymousReport.objects.get(case=case).reason == reason
    # and whatever identifies the sender is still sealed and redacted
    assert "0987654321" not in case.content
    assert REDACTED in case.content
    sealed = custody._decrypt(SealedIdentity.objects.get(case=case))
    assert sealed.identity.as_dict() == identity.as_dict()
    assert follow_up_case_find(code=receipt.receipt_code) == case


def test_attachments_and_declined_protection_are_kept_in_the_vault(
    commune_committee: Unit,
) -> None:
    receipt = make_leak_denunciation(
        unit=commune_committee, attachments=["sha256:ab12", "sha256:cd34"], wants_protection=False
    )
    record = SealedIdentity.objects.get(case=receipt.case)
    sealed = custody._decrypt(record)
    assert sealed.attachments == ("sha256:ab12", "sha256:cd34")
    assert sealed.protection_requested is False
    assert record.protection_requested is False


def test_identity_never_shows_in_a_repr() -> None:
    # a log line or an error report that prints the identity shows nothing of it
    assert repr(LEAK_IDENTITY) == str(LEAK_IDENTITY) == "DenouncerIdentity(<sealed>)"
    assert_no_identity_leak(repr([LEAK_IDENTITY]))


def test_identity_round_trips_through_the_blob() -> None:
    identity = DenouncerIdentity(
        name=" Trần Văn Nam ",
        address="Thôn 1",
        id_issued_on=dt.date(2021, 4, 5),
        id_issued_by="Cục Cảnh sát QLHC về TTXH",
        account_id=7,
        co_denouncers=("Lê Thị Mai", ""),
        notes="Đề nghị giữ bí mật",
    )
    blob = json.loads(sealed_blob(identity=identity, original_subject="s", original_content="c"))
    back = DenouncerIdentity.from_dict(blob["identity"])
    assert back.name == "Trần Văn Nam"
    assert back.id_issued_on == dt.date(2021, 4, 5)
    assert back.co_denouncers == ("Lê Thị Mai",)
    assert (back.account_id, back.notes) == (7, "Đề nghị giữ bí mật")
