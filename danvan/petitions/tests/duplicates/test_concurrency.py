"""Scans and merges racing each other on PostgreSQL: nothing doubled, nothing lost."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case
from danvan.petitions.models.duplicates import CaseBand, CaseFingerprint, DuplicateSuggestion
from danvan.petitions.services import duplicates as services
from danvan.petitions.similarity import BANDS
from danvan.petitions.tests.duplicates import letters
from danvan.petitions.tests.duplicates.conftest import HUNG, Receive
from danvan.units.models import Unit, User

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(work: Callable[[int], object], count: int = 4) -> list[object]:
    results: list[object] = []

    def run(index: int) -> None:
        try:
            results.append(work(index))
        except ApplicationError as error:
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_scans_of_one_case_store_everything_once(
    receive: Receive, commune_committee: Unit
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee, content=letters.ROAD_REORDERED)
    DuplicateSuggestion.objects.all().delete()
    CaseFingerprint.objects.filter(case=second).delete()
    CaseBand.objects.filter(case=second).delete()
    results = _race(lambda _: services.duplicate_suggestions_refresh(case=second))
    assert all(isinstance(r, list) for r in results)
    assert DuplicateSuggestion.objects.filter(case=second, candidate=first).count() == 1
    assert CaseFingerprint.objects.filter(case=second).count() == 1
    assert CaseBand.objects.filter(case=second).count() == BANDS


def test_two_handlers_merging_one_case_into_two_others_merge_it_once(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    targets = [
        receive(commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG),
        receive(commune_committee, content=letters.ROAD_ONE_WORD, petitioner=HUNG),
    ]
    duplicate = receive(commune_committee)
    results = _race(
        lambda i: services.case_merge(duplicate=duplicate, into=targets[i], actor=handler),
        count=2,
    )
    assert sum(isinstance(r, Case) for r in results) == 1
    assert sum(isinstance(r, ApplicationError) for r in results) == 1
    duplicate.refresh_from_db()
    assert duplicate.merged_into in targets
    assert sum(Case.objects.get(pk=t.pk).people_count for t in targets) == 3
