"""Tampering with the stored chain is detected, and the command reports where."""

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command

from danvan.audit.chain import audit_chain_verify, compute_hash, entry_payload
from danvan.audit.models import AuditChainHead, AuditEntry
from danvan.audit.services import audit_record
from danvan.units.models import User

pytestmark = pytest.mark.django_db

Tamper = Callable[..., None]


@pytest.fixture
def five_entries(officer: User) -> None:
    for number in range(1, 6):
        audit_record(actor=officer, verb="unit.update", data={"number": number})


@pytest.mark.usefixtures("five_entries")
def test_untouched_chain_verifies() -> None:
    report = audit_chain_verify()
    assert report.ok
    assert report.count == 5


def test_empty_log_verifies(db: None) -> None:
    assert audit_chain_verify().count == 0


@pytest.mark.usefixtures("five_entries")
def test_verification_reads_in_chunks() -> None:
    # a chunk smaller than the chain exercises the streamed read
    assert audit_chain_verify(chunk_size=2).count == 5


@pytest.mark.usefixtures("five_entries")
def test_edited_details_are_detected(tamper: Tamper) -> None:
    # when an intruder rewrites the details of entry 3 with raw SQL
    tamper("UPDATE audit_auditentry SET data = %s WHERE seq = 3", ['{"number": 99}'])

    # then verification stops at entry 3 and says it was edited
    report = audit_chain_verify()
    assert (report.broken_seq, report.count) == (3, 2)
    assert "edited" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_edited_entry_with_recomputed_own_hash_breaks_the_next_link(tamper: Tamper) -> None:
    # given entry 3 edited and its own hash recomputed by the intruder
    tamper("UPDATE audit_auditentry SET verb = 'unit.harmless' WHERE seq = 3")
    forged = AuditEntry.objects.select_related("target_type").get(seq=3)
    tamper(
        "UPDATE audit_auditentry SET entry_hash = %s WHERE seq = 3",
        [compute_hash(entry_payload(forged))],
    )

    # then entry 4 no longer links to it
    report = audit_chain_verify()
    assert report.broken_seq == 4
    assert "prev_hash" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_deleted_entry_is_detected(tamper: Tamper) -> None:
    tamper("DELETE FROM audit_auditentry WHERE seq = 2")

    report = audit_chain_verify()
    assert report.broken_seq == 2
    assert "missing" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_deleted_entry_with_renumbered_successors_is_detected(tamper: Tamper) -> None:
    # when entry 2 is removed and the later ones renumbered to hide the gap
    tamper("DELETE FROM audit_auditentry WHERE seq = 2")
    for seq in (3, 4, 5):
        tamper("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [seq - 1, seq])

    # then the link at the old entry 3 (now 2) is broken
    report = audit_chain_verify()
    assert report.broken_seq == 2
    assert "prev_hash" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_reordered_entries_are_detected(tamper: Tamper) -> None:
    # when entries 2 and 3 swap places
    tamper("UPDATE audit_auditentry SET seq = 1000 WHERE seq = 2")
    tamper("UPDATE audit_auditentry SET seq = 2 WHERE seq = 3")
    tamper("UPDATE audit_auditentry SET seq = 3 WHERE seq = 1000")

    report = audit_chain_verify()
    assert report.broken_seq == 2
    assert not report.ok


@pytest.mark.usefixtures("five_entries")
def test_entries_cut_off_the_end_are_detected(tamper: Tamper) -> None:
    # when the last two entries are deleted (the links before them stay valid)
    tamper("DELETE FROM audit_auditentry WHERE seq >= 4")

    # then the head still remembers entry 5
    report = audit_chain_verify()
    assert report.broken_seq == 4
    assert "cut off" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_altered_head_hash_is_detected() -> None:
    AuditChainHead.objects.update(last_hash="e" * 64)

    report = audit_chain_verify()
    assert report.broken_seq == 5
    assert "head" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_deleted_head_is_detected() -> None:
    AuditChainHead.objects.all().delete()

    report = audit_chain_verify()
    assert report.broken_seq == 5
    assert "head row is missing" in report.reason


@pytest.mark.usefixtures("five_entries")
def test_entries_appended_after_the_head_was_read_are_ignored() -> None:
    # given a head that (as seen by the verifier) predates the last two appends
    AuditChainHead.objects.update(last_seq=3, last_hash=_hash_of(3))

    # then the first three entries verify on their own
    report = audit_chain_verify()
    assert (report.ok, report.count) == (True, 3)


def _hash_of(seq: int) -> str:
    return AuditEntry.objects.get(seq=seq).entry_hash


class TestVerifyCommand:
    @pytest.mark.usefixtures("five_entries")
    def test_prints_ok_with_the_count(self, capsys: pytest.CaptureFixture[str]) -> None:
        call_command("verify_audit_chain")
        assert capsys.readouterr().out == "OK: 5 entries\n"

    @pytest.mark.usefixtures("five_entries")
    def test_verbose_output_adds_the_head_hash(self, capsys: pytest.CaptureFixture[str]) -> None:
        call_command("verify_audit_chain", verbosity=2)
        out = capsys.readouterr().out.splitlines()
        assert out == ["OK: 5 entries", f"head: {_hash_of(5)}"]

    @pytest.mark.usefixtures("five_entries")
    def test_fails_with_exit_code_1_and_the_broken_seq(self, tamper: Tamper) -> None:
        tamper("UPDATE audit_auditentry SET actor_label = 'Người khác' WHERE seq = 4")

        with pytest.raises(
            CommandError, match=r"BROKEN at seq 4: entry_hash does not match"
        ) as info:
            call_command("verify_audit_chain")
        assert info.value.returncode == 1


def test_empty_log_without_a_head_row_verifies(db: None) -> None:
    # a database flushed by a test, or never written to
    AuditChainHead.objects.all().delete()
    assert audit_chain_verify().ok
