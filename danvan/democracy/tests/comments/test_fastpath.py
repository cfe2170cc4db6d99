"""The ballot's fast lane never takes a one-vote-per-household ballot: Django answers it, so
the household rule applies (consultations/fastpath.py takes audience "everyone" only)."""

import html
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

from danvan.consultations.fastpath import TOKEN_FIELD, BallotFastPath
from danvan.consultations.models import ArticleVote, Consultation
from danvan.consultations.services.ballots import Ballot, BallotWriter, Outcome, ballots_write
from danvan.consultations.tests.participation.test_ballots import (
    Downstream,
    ballot_path,
    post,
    post_raw,
    signed_in,
    token_from_page,
)
from danvan.democracy.tests.comments.conftest import Residents

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def writer() -> Iterator[BallotWriter]:
    instance = BallotWriter()
    yield instance
    instance.stop()


def test_a_household_ballot_goes_to_django_with_its_body(
    consultation: Consultation, residents: Residents, writer: BallotWriter
) -> None:
    # given the household's account holding a valid ballot token for its session
    client, key = signed_in(residents.first)
    token = token_from_page(client, consultation)
    downstream = Downstream()
    lane = BallotFastPath(downstream, ballot_writer=writer)
    # when the ballot is sent through the fast lane
    status, _headers, content = post(
        lane,
        ballot_path(consultation),
        [(TOKEN_FIELD, token), ("vote-dieu-1", "agree")],
        session_key=key,
    )
    # then the lane leaves it to Django, body included, and writes nothing itself
    assert status == "299 Django"
    assert content == b"django"
    assert len(downstream.bodies) == 1
    assert not ArticleVote.objects.exists()


def test_the_group_writer_refuses_a_household_ballot(
    consultation: Consultation, residents: Residents
) -> None:
    # given a ballot of the second member (not the household's account) handed straight
    # to the group writer, as the lane would
    ballot = Ballot(
        consultation_id=consultation.pk,
        version_id=consultation.versions.get().pk,
        participant_id=residents.second_member.pk,
        session_key="x",
        auth_digest="y",
        choices={"dieu-1": "agree"},
    )
    # then it is refused (the writer also takes audience "everyone" only)
    assert ballots_write(ballots=[ballot]) == [Outcome.REFUSED]
    assert not ArticleVote.objects.exists()


def _send(app: BallotFastPath, consultation: Consultation, key: str, fields: list) -> tuple:  # type: ignore[type-arg]
    csrf = "a" * 32
    data = urlencode([("csrfmiddlewaretoken", csrf), *fields]).encode()
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}; "
        f"{settings.LANGUAGE_COOKIE_NAME}=en"
    )
    return post_raw(app, ballot_path(consultation), data, cookie)


def test_through_the_lane_the_second_member_gets_the_household_rule(
    consultation: Consultation, residents: Residents, writer: BallotWriter
) -> None:
    # given the household's account voted through the lane in front of Django
    app = BallotFastPath(WSGIHandler(), ballot_writer=writer)
    client, key = signed_in(residents.first)
    token = token_from_page(client, consultation)
    status, _headers, _body = _send(
        app, consultation, key, [(TOKEN_FIELD, token), ("vote-dieu-1", "agree")]
    )
    assert status.startswith("302")
    # when another member of the household sends a ballot through the same lane
    _other, other_key = signed_in(residents.second_member)
    status, _headers, body = _send(app, consultation, other_key, [("vote-dieu-1", "disagree")])
    # then Django answered with the household rule, and the household's one vote stands
    assert status.startswith("400")
    assert "one answer per household" in html.unescape(body.decode())
    assert list(ArticleVote.objects.values_list("participant_id", "choice")) == [
        (residents.first.pk, "agree")
    ]
