"""Concurrent first participations on PostgreSQL: recorded once, counted once, no deadlock."""

import threading
from collections.abc import Callable
from functools import partial

import pytest
from django.db import connection
from django.db.models import Sum

from danvan.consultations.models import (
    Consultation,
    ConsultationParticipant,
    ParticipationCount,
)
from danvan.consultations.services.dashboard import participants_note_many
from danvan.consultations.services.participation import votes_cast
from danvan.consultations.tests.dashboard.conftest import NOW, make_consultation, resident
from danvan.units.models import Unit, User

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(jobs: list[Callable[[], object]]) -> list[BaseException]:
    """Start every job at the same instant, each on its own connection; return the errors."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def worker(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as exc:  # collected and asserted on by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def total(consultation: Consultation, grain: str) -> int:
    rows = ParticipationCount.objects.filter(consultation=consultation, grain=grain)
    return int(rows.aggregate(n=Sum("participants"))["n"] or 0)


def test_one_person_voting_on_four_articles_at_once_is_one_participant(
    agency: Unit, citizen: User
) -> None:
    # given
    consultation = make_consultation(agency)
    # when: four first votes race each other
    errors = run_together(
        [
            partial(
                votes_cast,
                consultation=consultation,
                participant=citizen,
                choices={anchor: "agree"},
            )
            for anchor in ("dieu-1", "dieu-2", "dieu-3", "dieu-1")
        ]
    )
    # then
    assert errors == []
    assert ConsultationParticipant.objects.filter(consultation=consultation).count() == 1
    assert total(consultation, "profile") == total(consultation, "place") == 1


def test_overlapping_batches_in_opposite_orders_neither_deadlock_nor_double_count(
    agency: Unit, commune: Unit, ward: Unit
) -> None:
    # given: thirty people in two places; three batches that overlap, in different orders
    consultation = make_consultation(agency)
    people = [
        resident(f"u{n}", f"Người {n}", birth_year=1950 + n, home=(commune, ward)[n % 2])
        for n in range(30)
    ]
    ids = [person.pk for person in people]
    batches = [ids[:20], list(reversed(ids[10:])), ids[::2]]
    # when
    errors = run_together(
        [
            partial(
                participants_note_many,
                consultation_id=consultation.pk,
                entries=[(pk, "app") for pk in batch],
                now=NOW,
            )
            for batch in batches
        ]
    )
    # then
    assert errors == []
    assert ConsultationParticipant.objects.filter(consultation=consultation).count() == 30
    assert total(consultation, "profile") == total(consultation, "place") == 30
