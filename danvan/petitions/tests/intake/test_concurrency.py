"""Races that only a real database shows: simultaneous double submissions and book numbers."""

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.petitions.models import Case
from danvan.petitions.models.intake import Attachment, ReceptionBookEntry
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.intake import BookColumns, Submission, reception_entry_record
from danvan.petitions.tests.intake.conftest import PDF, upload
from danvan.petitions.tests.intake.helpers import petition_data
from danvan.units.models import Unit, User

# SQLite's in-memory test database cannot take concurrent writers.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(target: Callable[[int], None], count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            target(index)
        except BaseException as error:  # collected and asserted on by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_double_submissions_make_one_case_and_one_file(
    commune_committee: Unit, private_media: Path
) -> None:
    statuses: list[int] = []

    def submit(_: int) -> None:
        data = petition_data(commune_committee)
        data["attachments"] = [upload("don.pdf", PDF)]
        statuses.append(Client().post(reverse("petitions:intake_form"), data).status_code)

    errors = _run_together(submit, 4)
    assert errors == []
    assert statuses == [302] * 4
    assert Case.objects.count() == 1
    assert Attachment.objects.count() == 1
    # only the request that made the case stored its file
    assert len([p for p in private_media.rglob("*") if p.is_file()]) == 1


def test_simultaneous_visits_get_distinct_book_numbers(
    commune_committee: Unit, reception_officer: User
) -> None:
    def record(index: int) -> None:
        reception_entry_record(
            submission=Submission(
                kind=Case.Kind.PETITION,
                subject=f"Kiến nghị số {index}",
                content="Đề nghị sửa cống thoát nước.",
                unit=commune_committee,
                petitioner=Petitioner(name="Nguyễn Văn Tư", address="Thôn An Vĩ"),
            ),
            officer=reception_officer,
            received_on=timezone.localdate(),
            columns=BookColumns(),
            idempotency_key=f"desk:race-{index}",
        )

    errors = _run_together(record, 5)
    assert errors == []
    numbers = sorted(ReceptionBookEntry.objects.values_list("sequence", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
