"""Two urging generations racing on PostgreSQL: the same form's key issues one letter."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import pytest
from django.db import connection

from danvan.directives.models import NumberCounter, UrgingLetter
from danvan.directives.services.monitoring import urging_letters_generate
from danvan.directives.tests.monitoring.conftest import Seed

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


def test_a_double_click_issues_one_letter_and_takes_one_number(seed: Seed) -> None:
    # given the same form sent twice at the same instant
    job = partial(
        urging_letters_generate,
        directive=seed.directive,
        actor=seed.world.commission_officer,
        per_unit=True,
        working_days=5,
        key="double-click",
    )
    # when both requests run together
    errors = run_together([job, job])
    # then the letters were issued once: two units, two numbers, no error
    assert errors == []
    assert UrgingLetter.objects.count() == 2
    assert NumberCounter.objects.get(unit=seed.world.commission).last == 2
