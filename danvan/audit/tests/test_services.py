"""audit_record: what an entry holds, how it links to the chain, what it refuses."""

import datetime as dt
import decimal
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory

from danvan.audit.chain import canonical_payload, compute_hash, entry_payload
from danvan.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry, AuditLogAppendOnlyError
from danvan.audit.services import audit_record
from danvan.audit.tests.conftest import ON_POSTGRES
from danvan.audit.tests.factories import UnitFactory, UserFactory
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def test_first_entry_links_to_genesis_and_hashes_its_content(officer: User) -> None:
    # given an official and a unit
    unit = UnitFactory.create(name="Xã Tân Phú")

    # when the first action is recorded
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 30, tzinfo=dt.UTC), tick=False):
        entry = audit_record(
            actor=officer, verb="unit.rename", target=unit, data={"old": "Xã Tân Phú Cũ"}
        )

    # then it is entry 1, chained to the genesis hash, and its hash covers its content
    entry = AuditEntry.objects.select_related("target_type").get(pk=entry.pk)
    assert entry.seq == 1
    assert entry.prev_hash == GENESIS_HASH
    assert entry.actor_id == officer.pk
    assert entry.actor_label == "Nguyễn Văn An (an.nv)"
    assert entry.target_id == str(unit.pk)
    assert entry.target_type is not None
    assert entry.target_type.model == "unit"
    assert entry.created_at == dt.datetime(2026, 3, 10, 8, 30, tzinfo=dt.UTC)
    assert entry.entry_hash == compute_hash(entry_payload(entry))
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (1, entry.entry_hash)


def test_each_entry_points_at_the_one_before(officer: User) -> None:
    # when three actions are recorded
    entries = [audit_record(actor=officer, verb="unit.update", data={"n": i}) for i in range(3)]

    # then seq grows by one and every prev_hash is the predecessor's entry_hash
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[1].prev_hash == entries[0].entry_hash
    assert entries[2].prev_hash == entries[1].entry_hash


def test_hash_changes_when_any_field_changes() -> None:
    # given the canonical payload of an entry
    base: dict[str, Any] = {
        "seq": 7,
        "created_at": dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
        "actor_id": 3,
        "actor_label": "Lê Văn Cường (cuong.lv)",
        "verb": "unit.update",
        "target_type": "units.unit",
        "target_id": "9",
        "target_label": "đơn vị #9",
        "data": {"status": "active"},
        "ip_hash": "",
        "prev_hash": GENESIS_HASH,
    }
    original = compute_hash(canonical_payload(**base))

    # when / then altering any single field gives another hash
    changes = {
        "seq": 8,
        "actor_id": 4,
        "actor_label": "x",
        "verb": "unit.delete",
        "target_type": "units.user",
        "target_id": "10",
        "target_label": "y",
        "data": {"status": "inactive"},
        "ip_hash": "a" * 64,
        "prev_hash": "f" * 64,
        "created_at": dt.datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=dt.UTC),
    }
    for field, value in changes.items():
        assert compute_hash(canonical_payload(**{**base, field: value})) != original, field


def test_time_zone_of_created_at_does_not_change_the_hash() -> None:
    # given the same instant written in UTC and in Vietnam time
    utc = dt.datetime(2026, 1, 2, 1, 0, tzinfo=dt.UTC)
    hanoi = utc.astimezone(dt.timezone(dt.timedelta(hours=7)))
    common: dict[str, Any] = {
        "seq": 1,
        "actor_id": None,
        "actor_label": "",
        "verb": "x.y",
        "target_type": None,
        "target_id": "",
        "target_label": "",
        "data": {},
        "ip_hash": "",
        "prev_hash": GENESIS_HASH,
    }

    # then the canonical bytes are the same
    assert canonical_payload(created_at=utc, **common) == canonical_payload(
        created_at=hanoi, **common
    )


def test_data_is_normalised_to_json_that_survives_the_database(officer: User) -> None:
    # given details of several Python types
    data = {
        "amount": decimal.Decimal("12.50"),
        "ratio": 1e20,
        "on": dt.date(2026, 2, 5),
        "kind": Unit.Kind.COMMUNE,
        "tags": ("a", "b"),
        "codes": {"y", "x"},
        "ok": True,
        "nested": {1: None},
    }

    # when recorded
    entry = audit_record(actor=officer, verb="test.types", data=data)

    # then the stored JSON equals what was hashed, and the chain verifies after reloading
    stored = AuditEntry.objects.select_related("target_type").get(pk=entry.pk)
    assert stored.data == {
        "amount": "12.50",
        "ratio": "1e+20",
        "on": "2026-02-05",
        "kind": "commune",
        "tags": ["a", "b"],
        "codes": ["x", "y"],
        "ok": True,
        "nested": {"1": None},
    }
    assert compute_hash(entry_payload(stored)) == stored.entry_hash


@pytest.mark.parametrize(
    "data",
    [
        {"password": "x"},
        {"new_Password1": "x"},
        {"denouncer_name": "Phạm Văn D"},
        {"petition": {"sealed_identity": "…"}},
        {"api_token": "abc"},
    ],
)
def test_secret_or_identity_keys_are_refused(officer: User, data: dict[str, Any]) -> None:
    # when a service tries to log a secret or a denouncer's identity
    with pytest.raises(ValueError, match="must not be written to the audit log"):
        audit_record(actor=officer, verb="test.leak", data=data)

    # then nothing was written
    assert not AuditEntry.objects.exists()


def test_values_that_are_not_json_like_are_refused(officer: User) -> None:
    with pytest.raises(TypeError, match=r"data\.who: User cannot be written"):
        audit_record(actor=officer, verb="test.object", data={"who": officer})


def test_anonymous_and_missing_actors_are_recorded_as_system() -> None:
    # when an action has no signed-in actor (a task, a denouncer acting anonymously)
    first = audit_record(actor=None, verb="deadline.sweep")
    second = audit_record(actor=AnonymousUser(), verb="petition.submit")

    # then no actor is stored
    assert (first.actor_id, first.actor_label) == (None, "")
    assert (second.actor_id, second.actor_label) == (None, "")


def test_target_label_avoids_str_unless_the_model_offers_a_safe_audit_label(
    officer: User,
) -> None:
    # given a unit (which offers a vetted audit_label) and a person (whose name must not leak)
    unit = UnitFactory.create(code="xa-tan-phu", name="Xã Tân Phú")
    person = UserFactory.create(full_name="Hoàng Thị Tố Giác")

    # when both are recorded as targets
    labelled = audit_record(actor=officer, verb="unit.update", target=unit)
    unlabelled = audit_record(actor=officer, verb="user.deactivate", target=person)

    # then the unit shows its label and the person only a type and id
    assert labelled.target_label == unit.audit_label
    assert unlabelled.target_label == f"{User._meta.verbose_name} #{person.pk}"
    assert "Hoàng" not in unlabelled.target_label


def test_client_address_is_stored_only_as_a_keyed_hash(officer: User) -> None:
    # given a request from an address
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.45")

    # when two actions come from it and one from elsewhere
    first = audit_record(actor=officer, verb="unit.update", request=request)
    again = audit_record(actor=officer, verb="unit.update", request=request)
    other = audit_record(
        actor=officer,
        verb="unit.update",
        request=RequestFactory().post("/", REMOTE_ADDR="198.51.100.7"),
    )

    # then the same address gives the same hash, and the address itself is nowhere
    assert len(first.ip_hash) == 64
    assert first.ip_hash == again.ip_hash != other.ip_hash
    assert "203.0.113.45" not in first.ip_hash


def test_request_without_a_client_address_stores_no_hash(officer: User) -> None:
    request = RequestFactory().post("/")
    del request.META["REMOTE_ADDR"]

    assert audit_record(actor=officer, verb="unit.update", request=request).ip_hash == ""


def test_empty_verb_is_rejected(officer: User) -> None:
    with pytest.raises(ValidationError):
        audit_record(actor=officer, verb="")
    assert not AuditEntry.objects.exists()


def test_rolled_back_transaction_leaves_no_entry_and_no_gap(officer: User) -> None:
    # given an action recorded inside a service transaction that then fails
    def failing_service() -> None:
        with transaction.atomic():
            audit_record(actor=officer, verb="unit.update")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_service()

    # when the next action is recorded
    entry = audit_record(actor=officer, verb="unit.update")

    # then it takes seq 1 and links to the genesis hash
    assert (entry.seq, entry.prev_hash) == (1, GENESIS_HASH)


def test_missing_head_is_rebuilt_from_the_last_entry(officer: User) -> None:
    # given a chain whose head row disappeared (as after a test database flush)
    first = audit_record(actor=officer, verb="unit.update")
    AuditChainHead.objects.all().delete()

    # when another action is recorded
    second = audit_record(actor=officer, verb="unit.update")

    # then it continues the chain instead of starting a fork
    assert (second.seq, second.prev_hash) == (2, first.entry_hash)


class TestAppendOnly:
    def test_saving_an_existing_entry_raises(self, officer: User) -> None:
        entry = audit_record(actor=officer, verb="unit.update")
        entry.verb = "unit.delete"
        with pytest.raises(AuditLogAppendOnlyError):
            entry.save()
        assert AuditEntry.objects.get().verb == "unit.update"

    def test_deleting_an_entry_raises(self, officer: User) -> None:
        entry = audit_record(actor=officer, verb="unit.update")
        with pytest.raises(AuditLogAppendOnlyError):
            entry.delete()
        assert AuditEntry.objects.count() == 1

    def test_bulk_update_and_delete_raise(self, officer: User) -> None:
        audit_record(actor=officer, verb="unit.update")
        with pytest.raises(AuditLogAppendOnlyError):
            AuditEntry.objects.all().update(verb="x")
        with pytest.raises(AuditLogAppendOnlyError):
            AuditEntry.objects.filter(seq=1).delete()
        assert AuditEntry.objects.get().verb == "unit.update"

    def test_actor_with_history_cannot_be_deleted(self, officer: User) -> None:
        audit_record(actor=officer, verb="unit.update")
        with pytest.raises(ProtectedError):
            officer.delete()

    @pytest.mark.postgres
    @pytest.mark.skipif(not ON_POSTGRES, reason="the trigger exists on PostgreSQL only")
    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE audit_auditentry SET verb = 'x'",
            "DELETE FROM audit_auditentry",
        ],
    )
    def test_database_trigger_refuses_raw_update_and_delete(self, officer: User, sql: str) -> None:
        # given an entry
        audit_record(actor=officer, verb="unit.update")

        # when raw SQL tries to change it, then PostgreSQL refuses
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql)
        assert AuditEntry.objects.get().verb == "unit.update"


@pytest.mark.parametrize("verb", ["unit", "Unit.Update", "unit update", "unit.", ".update"])
def test_verb_must_read_entity_dot_verb(officer: User, verb: str) -> None:
    with pytest.raises(ValidationError):
        audit_record(actor=officer, verb=verb)
    assert not AuditEntry.objects.exists()


def test_an_entry_rebuilt_with_an_existing_id_is_not_saved_over_it(officer: User) -> None:
    entry = audit_record(actor=officer, verb="unit.update")
    copy = AuditEntry(pk=entry.pk, seq=entry.seq, verb="unit.delete", created_at=entry.created_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert AuditEntry.objects.get().verb == "unit.update"
