import datetime as dt
import threading
import zoneinfo

import pytest
import time_machine

from danvan.audit.models import AuditEntry
from danvan.petitions.models import Case, CaseEvent
from danvan.petitions.services.cases import Petitioner, case_receive, case_running_deadline
from danvan.petitions.tracking import (
    tracking_code_display,
    tracking_code_new,
    tracking_code_normalise,
)
from danvan.units.models import Unit

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def _receive(unit: Unit, **kwargs: object) -> tuple[Case, bool]:
    defaults: dict[str, object] = {
        "kind": Case.Kind.PETITION,
        "channel": Case.Channel.WEB,
        "subject": "Đường liên thôn Đông Tảo xuống cấp",
        "content": "Đề nghị sửa chữa đoạn đường liên thôn bị sụt lún sau mưa lớn.",
        "receiving_unit": unit,
        "petitioner": Petitioner(name="Trần Thị Bình", address="Thôn Đông Tảo"),
    }
    defaults.update(kwargs)
    return case_receive(**defaults)  # type: ignore[arg-type]


def test_tracking_codes_are_random_and_forgiving() -> None:
    codes = {tracking_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    code = next(iter(codes))
    assert tracking_code_normalise(tracking_code_display(code).lower()) == code
    assert tracking_code_normalise(" " + code[2:].replace("0", "o") + " ") == code.replace("0", "0")
    assert tracking_code_normalise("DV-123") == ""
    assert tracking_code_normalise("DV-!!!!-????-##") == ""


@time_machine.travel(dt.datetime(2026, 2, 12, 9, 0, tzinfo=VN), tick=False)
def test_petition_gets_code_history_and_the_processing_deadline(commune_committee: Unit) -> None:
    # when a petition arrives on Thu 12/2/2026, the day before the Tết break
    case, created = _receive(commune_committee)
    # then it has a code, a history and a due date 10 working days later, Tết skipped:
    # 13/2 (1), 23-27/2 (2-6), 2-5/3 (7-10) -> Thu 5/3/2026
    assert created
    assert case.tracking_code.startswith("DV")
    assert len(case.tracking_code) == 12
    assert case.received_on == dt.date(2026, 2, 12)
    assert case.rule_code == "petition_process"
    assert case.due_on == dt.date(2026, 3, 5)
    assert [e.kind for e in case.events.all()] == [
        CaseEvent.Kind.RECEIVED,
        CaseEvent.Kind.DEADLINE_STARTED,
    ]
    running = case_running_deadline(case=case)
    assert running is not None
    assert running.due_date == case.due_on
    assert "duong lien thon dong tao" in case.search_text
    assert AuditEntry.objects.filter(verb="case.receive", target_id=str(case.pk)).exists()


def test_retry_with_the_same_key_returns_the_first_case(commune_committee: Unit) -> None:
    first, created_first = _receive(commune_committee, idempotency_key="k-1")
    again, created_again = _receive(commune_committee, idempotency_key="k-1")
    assert created_first
    assert not created_again
    assert again.pk == first.pk
    assert Case.objects.count() == 1


@pytest.mark.postgres  # SQLite's in-memory test database cannot take concurrent writers
@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_create_one_case(commune_committee: Unit) -> None:
    results: list[int] = []

    def submit() -> None:
        from django.db import connection

        try:
            case, _ = _receive(commune_committee, idempotency_key="race-1")
            results.append(case.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Case.objects.filter(idempotency_key="race-1").count() == 1
    assert len(set(results)) == 1


def test_a_denunciation_cannot_carry_the_identity_on_the_case(commune_committee: Unit) -> None:
    with pytest.raises(ValueError, match="sealed"):
        _receive(commune_committee, kind=Case.Kind.DENUNCIATION)
    case, _ = _receive(commune_committee, kind=Case.Kind.DENUNCIATION, petitioner=None)
    assert case.petitioner_name == ""
    assert case.search_text == ""  # built from the redacted file by the sealed-identity service
    assert case.rule_code == "denunciation_accept"
    entry = AuditEntry.objects.get(verb="case.receive", target_id=str(case.pk))
    assert entry.actor_id is None


def test_the_database_refuses_an_identity_on_a_denunciation(commune_committee: Unit) -> None:
    from django.db import IntegrityError, transaction

    case, _ = _receive(commune_committee, kind=Case.Kind.DENUNCIATION, petitioner=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(petitioner_name="Nguyễn Văn Tố")
