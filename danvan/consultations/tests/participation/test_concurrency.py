"""Concurrent writers on PostgreSQL: retries racing each other, many voters on hot rows."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from danvan.consultations.models import ArticleVote, Comment, Consultation
from danvan.consultations.selectors.participation import article_tallies
from danvan.consultations.services.participation import comment_add, tallies_rebuild, votes_cast
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.participation.conftest import make_consultation
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


@pytest.fixture
def open_consultation(agency: Unit) -> Consultation:
    return make_consultation(agency)


def test_the_same_batch_sent_four_times_at_once_counts_once(
    open_consultation: Consultation, citizen: User
) -> None:
    choices = {"dieu-1": "agree", "dieu-2": "disagree", "dieu-3": "agree"}
    # when four copies of the same submission race each other
    errors = run_together(
        [lambda: votes_cast(consultation=open_consultation, participant=citizen, choices=choices)]
        * 4
    )
    # then none fails and each article counts the participant once
    assert errors == []
    tallies = article_tallies(consultation=open_consultation)
    assert [tallies[a].votes for a in ("dieu-1", "dieu-2", "dieu-3")] == [1, 1, 1]
    assert ArticleVote.objects.filter(revision__gt=1).count() == 0


def test_the_same_comment_form_sent_three_times_at_once_is_one_comment(
    open_consultation: Consultation, citizen: User
) -> None:
    errors = run_together(
        [
            lambda: comment_add(
                consultation=open_consultation,
                participant=citizen,
                anchor="dieu-1",
                text="Góp ý gửi đồng thời.",
                submission_key="cung-mot-bieu-mau",
            )
        ]
        * 3
    )
    assert errors == []
    assert Comment.objects.count() == 1
    assert article_tallies(consultation=open_consultation)["dieu-1"].comments == 1


def test_many_voters_changing_answers_on_the_same_articles(
    open_consultation: Consultation,
) -> None:
    # given twelve participants (several share a tally shard)
    people = [make_user(f"cu-tri-{index}", f"Cử tri {index}") for index in range(12)]

    def session(person: User, flip: bool) -> Callable[[], object]:
        def job() -> None:
            for round_number in range(6):
                first = "agree" if (round_number + flip) % 2 else "disagree"
                second = "disagree" if first == "agree" else "agree"
                votes_cast(
                    consultation=open_consultation,
                    participant=person,
                    choices={"dieu-1": first, "dieu-2": second, "dieu-3": first},
                )

        return job

    # when they all vote and change their answers at the same time
    errors = run_together([session(person, index % 2 == 0) for index, person in enumerate(people)])
    # then no deadlock, no lost update: the live tallies equal a recount from the rows
    assert errors == []
    live = article_tallies(consultation=open_consultation)
    assert [live[a].votes for a in ("dieu-1", "dieu-2", "dieu-3")] == [12, 12, 12]
    tallies_rebuild(consultation=open_consultation)
    assert article_tallies(consultation=open_consultation) == live
