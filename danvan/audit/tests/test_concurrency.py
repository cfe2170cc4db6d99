"""Concurrent writers on PostgreSQL never fork the chain."""

import threading

import pytest
from django.db import connection, transaction

from danvan.audit.chain import audit_chain_verify
from danvan.audit.models import AuditEntry
from danvan.audit.services import audit_record
from danvan.audit.tests.conftest import ON_POSTGRES
from danvan.audit.tests.factories import UnitFactory
from danvan.units.models import Unit

THREADS = 6
PER_THREAD = 15

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL row locks"),
]


@pytest.mark.django_db(transaction=True)
def test_parallel_appends_keep_one_valid_chain() -> None:
    # given several threads, each with its own database connection, released together
    unit = UnitFactory.create()
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait(timeout=30)
            for index in range(PER_THREAD):
                # as a service would: its own work first, then the audit record, one transaction
                with transaction.atomic():
                    list(Unit.objects.select_for_update().filter(pk=unit.pk))
                    audit_record(
                        actor=None,
                        verb="test.concurrent",
                        target=unit,
                        data={"thread": number, "index": index},
                    )
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]

    # when they all append at once
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then every append succeeded, seq has no gap or duplicate, and the chain verifies
    assert errors == []
    assert not any(thread.is_alive() for thread in threads)
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, THREADS * PER_THREAD + 1))
    report = audit_chain_verify()
    assert (report.ok, report.count) == (True, THREADS * PER_THREAD)


@pytest.mark.django_db(transaction=True)
def test_parallel_appends_without_outer_transaction_keep_one_valid_chain() -> None:
    # given threads that call audit_record in autocommit mode (its own transaction only)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait(timeout=30)
            for index in range(PER_THREAD):
                audit_record(actor=None, verb="test.concurrent", data={"t": number, "i": index})
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then the chain is whole
    assert errors == []
    assert audit_chain_verify().count == THREADS * PER_THREAD
