"""The ballot's fast lane: tokens, receipts, group commit and the WSGI layer in front of Django.

The rule under test throughout: the fast lane may only make a correct ballot faster. Every
ballot it does not write reaches the Django view with its body intact, and whatever it writes
is exactly what ``votes_cast`` would have written (last answer counts, retries count once,
tallies equal the rows).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.handlers.wsgi import WSGIHandler
from django.db.models import Sum
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from danvan.consultations.fastpath import RECEIPT_PARAMETER, TOKEN_FIELD, BallotFastPath
from danvan.consultations.models import ArticleTally, ArticleVote, Consultation, DraftVersion
from danvan.consultations.services.ballots import (
    Ballot,
    BallotWriter,
    Outcome,
    Pending,
    ballot_receipt_issue,
    ballot_receipt_read,
    ballot_token_issue,
    ballot_token_read,
    ballots_write,
)
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.participation.conftest import make_consultation
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db(transaction=True)


def tally_of(consultation: Consultation) -> dict[str, tuple[int, int]]:
    rows = (
        ArticleTally.objects.filter(consultation=consultation)
        .values("anchor")
        .annotate(agree=Sum("agree"), disagree=Sum("disagree"))
    )
    return {row["anchor"]: (row["agree"], row["disagree"]) for row in rows}


def votes_of(consultation: Consultation) -> dict[tuple[int, str], str]:
    return {
        (vote.participant_id, vote.anchor): vote.choice
        for vote in ArticleVote.objects.filter(consultation=consultation)
    }


def tallies_match_rows(consultation: Consultation) -> bool:
    counted: dict[str, list[int]] = {}
    for vote in ArticleVote.objects.filter(consultation=consultation):
        counted.setdefault(vote.anchor, [0, 0])[0 if vote.choice == "agree" else 1] += 1
    return {anchor: tuple(pair) for anchor, pair in counted.items()} == {
        anchor: pair for anchor, pair in tally_of(consultation).items() if any(pair)
    }


def signed_in(user: User) -> tuple[Client, str]:
    client = Client()
    client.force_login(user)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def token_from_page(client: Client, consultation: Consultation) -> str:
    page = client.get(reverse("consultations:participation_ballot", args=[consultation.slug]))
    found = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', page.content.decode())
    assert found, "the ballot page gives a signed-in participant a ballot token"
    return found.group(1)


class Downstream:
    """Stands for Django behind the fast lane: records what reaches it, body included."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.bodies.append(environ["wsgi.input"].read())
        start_response("299 Django", [("Content-Type", "text/plain")])
        return [b"django"]


def post(
    app: Any,
    path: str,
    fields: list[tuple[str, str]] | dict[str, str],
    *,
    session_key: str = "",
    content_type: str = "application/x-www-form-urlencoded",
    body: bytes | None = None,
) -> tuple[str, dict[str, str], bytes]:
    data = body if body is not None else urlencode(fields).encode()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}" if session_key else ""
    return post_raw(app, path, data, cookie, content_type=content_type)


def post_raw(
    app: Any,
    path: str,
    data: bytes,
    cookie: str,
    *,
    content_type: str = "application/x-www-form-urlencoded",
) -> tuple[str, dict[str, str], bytes]:
    """Call a WSGI application as a server would, with a raw body and cookie header."""
    environ = (
        RequestFactory()
        .generic("POST", path, data, content_type=content_type, HTTP_COOKIE=cookie)
        .environ
    )
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], *_args: Any) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    content = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], content


@pytest.fixture
def writer() -> Iterator[BallotWriter]:
    instance = BallotWriter()
    yield instance
    instance.stop()


@pytest.fixture
def downstream() -> Downstream:
    return Downstream()


@pytest.fixture
def lane(downstream: Downstream, writer: BallotWriter) -> BallotFastPath:
    return BallotFastPath(downstream, ballot_writer=writer)


@pytest.fixture
def open_consultation(agency: Unit) -> Consultation:
    return make_consultation(agency)


def ballot_path(consultation: Consultation) -> str:
    return reverse("consultations:participation_ballot", args=[consultation.slug])


# ------------------------------------------------------------------ tokens and receipts


def test_a_token_is_bound_to_its_session_and_expires(
    open_consultation: Consultation, citizen: User
) -> None:
    # given a token issued for one session
    token = ballot_token_issue(
        consultation=open_consultation, participant=citizen, session_key="phien-1"
    )
    # then it reads back for that session only
    read = ballot_token_read(token, session_key="phien-1")
    assert read is not None
    assert (read.consultation_id, read.participant_id) == (open_consultation.pk, citizen.pk)
    assert ballot_token_read(token, session_key="phien-2") is None
    assert ballot_token_read(token, session_key="") is None
    assert ballot_token_read(token[:-2] + "xx", session_key="phien-1") is None
    assert ballot_token_read("rác", session_key="phien-1") is None
    # and not after twelve hours
    with time_machine.travel(timezone.now() + dt.timedelta(hours=12, minutes=1)):
        assert ballot_token_read(token, session_key="phien-1") is None


def test_a_receipt_speaks_only_to_its_participant(citizen: User, citizen2: User) -> None:
    receipt = ballot_receipt_issue(participant_id=citizen.pk, count=8)
    assert ballot_receipt_read(receipt, participant_id=citizen.pk) == 8
    assert ballot_receipt_read(receipt, participant_id=citizen2.pk) is None
    assert ballot_receipt_read(receipt, participant_id=None) is None
    assert ballot_receipt_read(receipt + "0", participant_id=citizen.pk) is None
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        assert ballot_receipt_read(receipt, participant_id=citizen.pk) is None


# ------------------------------------------------------------------ group commit


def ballot_for(
    consultation: Consultation, user: User, session_key: str, choices: dict[str, str]
) -> Ballot:
    token = ballot_token_issue(consultation=consultation, participant=user, session_key=session_key)
    read = ballot_token_read(token, session_key=session_key)
    assert read is not None
    version_id = DraftVersion.objects.filter(consultation=consultation).latest("number").pk
    return Ballot(
        consultation_id=consultation.pk,
        version_id=version_id,
        participant_id=user.pk,
        session_key=session_key,
        auth_digest=read.auth_digest,
        choices=choices,
    )


def test_a_group_writes_votes_and_tallies_and_the_last_copy_counts(
    open_consultation: Consultation, citizen: User, citizen2: User
) -> None:
    # given two signed-in participants, one of whom sends twice in the same group
    _c1, key1 = signed_in(citizen)
    _c2, key2 = signed_in(citizen2)
    group = [
        ballot_for(open_consultation, citizen, key1, {"dieu-1": "agree", "dieu-2": "agree"}),
        ballot_for(open_consultation, citizen2, key2, {"dieu-1": "disagree"}),
        ballot_for(open_consultation, citizen, key1, {"dieu-2": "disagree"}),
    ]
    # when the group is written
    outcomes = ballots_write(ballots=group)
    # then all are written, the last copy counts, and the tallies add up
    assert outcomes == [Outcome.WRITTEN] * 3
    assert votes_of(open_consultation) == {
        (citizen.pk, "dieu-1"): "agree",
        (citizen.pk, "dieu-2"): "disagree",
        (citizen2.pk, "dieu-1"): "disagree",
    }
    assert tally_of(open_consultation) == {"dieu-1": (1, 1), "dieu-2": (0, 1)}
    # when the same group comes again (a retry) and then a changed answer
    assert ballots_write(ballots=group) == [Outcome.WRITTEN] * 3
    assert tally_of(open_consultation) == {"dieu-1": (1, 1), "dieu-2": (0, 1)}
    ballots_write(ballots=[ballot_for(open_consultation, citizen2, key2, {"dieu-1": "agree"})])
    # then nothing counted twice and the change moved the tally
    assert tally_of(open_consultation) == {"dieu-1": (2, 0), "dieu-2": (0, 1)}
    assert tallies_match_rows(open_consultation)
    assert ArticleVote.objects.get(participant=citizen2, anchor="dieu-1").revision == 2


def test_a_group_refuses_what_the_rules_refuse_and_writes_the_rest(
    open_consultation: Consultation, agency: Unit, citizen: User, citizen2: User
) -> None:
    # given four ballots: a good one, a logged-out session, a changed password, an
    # inactive account, and one for a consultation closed since the page was read
    _c, good_key = signed_in(citizen)
    good = ballot_for(open_consultation, citizen, good_key, {"dieu-1": "agree"})
    client2, key2 = signed_in(citizen2)
    logged_out = ballot_for(open_consultation, citizen2, key2, {"dieu-1": "agree"})
    client2.logout()
    changer = make_user("doimatkhau", "Đỗ Văn Khẩu")
    _c3, key3 = signed_in(changer)
    changed = ballot_for(open_consultation, changer, key3, {"dieu-1": "agree"})
    changer.set_password("mat-khau-moi-2026")
    changer.save()
    sleeper = make_user("khoataikhoan", "Khổng Thị Khóa")
    _c4, key4 = signed_in(sleeper)
    inactive = ballot_for(open_consultation, sleeper, key4, {"dieu-1": "agree"})
    User.objects.filter(pk=sleeper.pk).update(is_active=False)
    other = make_consultation(agency, slug="du-thao-da-dong")
    closed = ballot_for(other, citizen, good_key, {"dieu-1": "agree"})
    Consultation.objects.filter(pk=other.pk).update(status=Consultation.Status.CLOSED)
    # when they are written as one group
    outcomes = ballots_write(ballots=[logged_out, good, changed, inactive, closed])
    # then only the good one is written
    assert outcomes == [
        Outcome.REFUSED,
        Outcome.WRITTEN,
        Outcome.REFUSED,
        Outcome.REFUSED,
        Outcome.REFUSED,
    ]
    assert votes_of(open_consultation) == {(citizen.pk, "dieu-1"): "agree"}
    assert not ArticleVote.objects.filter(consultation=other).exists()
    assert tallies_match_rows(open_consultation)


def test_a_group_refuses_ballots_read_on_an_older_draft_and_after_the_window(
    open_consultation: Consultation, citizen: User
) -> None:
    _c, key = signed_in(citizen)
    ballot = ballot_for(open_consultation, citizen, key, {"dieu-1": "agree"})
    # a new version of the draft was published since the ballot page was read
    DraftVersion.objects.create(consultation=open_consultation, number=2)
    assert ballots_write(ballots=[ballot]) == [Outcome.REFUSED]
    # and a ballot on the current version after the window closed
    current = ballot_for(open_consultation, citizen, key, {"dieu-1": "agree"})
    assert open_consultation.closes_at is not None
    after = open_consultation.closes_at + dt.timedelta(seconds=1)
    Session.objects.update(expire_date=after + dt.timedelta(days=1))
    assert ballots_write(ballots=[current], now=after) == [Outcome.REFUSED]
    assert not ArticleVote.objects.exists()
    assert ballots_write(ballots=[]) == []


def test_the_writer_takes_everything_waiting_as_one_group(
    open_consultation: Consultation, writer: BallotWriter
) -> None:
    # given twenty ballots waiting before the writer looks
    people = [make_user(f"nguoidan{index}", f"Người dân {index}") for index in range(20)]
    ballots = []
    for index, person in enumerate(people):
        _c, key = signed_in(person)
        choice = "agree" if index % 3 else "disagree"
        ballots.append(ballot_for(open_consultation, person, key, {"dieu-1": choice}))
    groups: list[int] = []
    original = writer._write

    def recording(group: list[Pending]) -> None:
        groups.append(len(group))
        original(group)

    writer._write = recording  # type: ignore[method-assign]
    for ballot in ballots:
        writer._queue.put(Pending(ballot))
    last = Pending(ballots[0])
    writer._queue.put(last)
    # when the writer starts
    thread = threading.Thread(target=writer._run, daemon=True)
    writer._threads, writer._pid = [thread], __import__("os").getpid()
    writer.threads = 1
    thread.start()
    assert last.done.wait(10)
    # then one group of 21 was written, and the repeated ballot counted once
    assert groups == [21]
    assert last.outcome is Outcome.WRITTEN
    assert tally_of(open_consultation) == {"dieu-1": (13, 7)}
    assert tallies_match_rows(open_consultation)


def test_the_writer_answers_refused_when_the_database_fails(
    open_consultation: Consultation, citizen: User, writer: BallotWriter, monkeypatch: Any
) -> None:
    _c, key = signed_in(citizen)
    ballot = ballot_for(open_consultation, citizen, key, {"dieu-1": "agree"})

    def broken(**_kwargs: Any) -> list[Outcome]:
        raise RuntimeError("máy chủ cơ sở dữ liệu không trả lời")

    monkeypatch.setattr("danvan.consultations.services.ballots.ballots_write", broken)
    assert writer.write(ballot) is Outcome.REFUSED
    assert writer.write(ballot, timeout=0.000001) in {Outcome.REFUSED}


# ------------------------------------------------------------------ the WSGI layer


def test_a_good_ballot_takes_the_fast_lane_and_the_next_page_says_so(
    open_consultation: Consultation, citizen: User, lane: BallotFastPath, downstream: Downstream
) -> None:
    # given a signed-in citizen who opened the ballot page
    client, key = signed_in(citizen)
    token = token_from_page(client, open_consultation)
    page = reverse("consultations:participation_ballot", args=[open_consultation.slug])
    # when the ballot is sent
    status, headers, _body = post(
        lane,
        ballot_path(open_consultation),
        [
            ("csrfmiddlewaretoken", "x"),
            (TOKEN_FIELD, token),
            ("next", page),
            ("vote-dieu-1", "agree"),
            ("vote-dieu-3", "disagree"),
            ("vote-dieu-2", ""),
        ],
        session_key=key,
    )
    # then it is written without Django, and the redirect carries a receipt
    assert status == "302 Found"
    assert not downstream.bodies
    assert headers["Location"].startswith(f"{page}?{RECEIPT_PARAMETER}=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert votes_of(open_consultation) == {
        (citizen.pk, "dieu-1"): "agree",
        (citizen.pk, "dieu-3"): "disagree",
    }
    assert tallies_match_rows(open_consultation)
    # and the page it leads to says so, in Vietnamese, to this citizen only
    answer = client.get(headers["Location"])
    assert "Đã ghi nhận ý kiến của bạn về 2 điều." in answer.content.decode()
    stranger = Client()
    assert "Đã ghi nhận" not in stranger.get(headers["Location"]).content.decode()


def test_the_same_ballot_sent_twice_counts_once(
    open_consultation: Consultation, citizen: User, lane: BallotFastPath
) -> None:
    client, key = signed_in(citizen)
    token = token_from_page(client, open_consultation)
    fields = [(TOKEN_FIELD, token), ("vote-dieu-1", "agree")]
    for _attempt in range(3):
        status, _headers, _body = post(
            lane, ballot_path(open_consultation), fields, session_key=key
        )
        assert status == "302 Found"
    assert tally_of(open_consultation) == {"dieu-1": (1, 0)}


@pytest.mark.parametrize(
    "case",
    [
        "no token",
        "other session",
        "unknown article",
        "wrong answer",
        "no answer",
        "json",
        "bad bytes",
        "other consultation",
        "closed",
        "staff audience",
        "logged out",
    ],
)
def test_anything_not_in_order_goes_to_django_with_its_body(
    case: str,
    open_consultation: Consultation,
    agency: Unit,
    citizen: User,
    citizen2: User,
    lane: BallotFastPath,
    downstream: Downstream,
) -> None:
    client, key = signed_in(citizen)
    token = token_from_page(client, open_consultation)
    fields: list[tuple[str, str]] = [(TOKEN_FIELD, token), ("vote-dieu-1", "agree")]
    path = ballot_path(open_consultation)
    kwargs: dict[str, Any] = {"session_key": key}
    if case == "no token":
        fields = fields[1:]
    elif case == "other session":
        kwargs["session_key"] = signed_in(citizen2)[1]
    elif case == "unknown article":
        fields.append(("vote-dieu-99", "agree"))
    elif case == "wrong answer":
        fields[1] = ("vote-dieu-1", "pass")
    elif case == "no answer":
        fields[1] = ("vote-dieu-1", "")
    elif case == "json":
        kwargs["content_type"] = "application/json"
    elif case == "bad bytes":
        kwargs["body"] = b"vote-dieu-1=agree&ballot-token=\xff\xfe"
    elif case == "other consultation":
        other = make_consultation(agency, slug="du-thao-khac")
        path = ballot_path(other)
    elif case == "closed":
        Consultation.objects.filter(pk=open_consultation.pk).update(
            status=Consultation.Status.CLOSED
        )
    elif case == "staff audience":
        Consultation.objects.filter(pk=open_consultation.pk).update(
            audience=Consultation.Audience.STAFF
        )
    elif case == "logged out":
        client.logout()
    body = kwargs.get("body") or urlencode(fields).encode()
    status, _headers, content = post(lane, path, fields, **kwargs)
    assert status == "299 Django"
    assert content == b"django"
    assert downstream.bodies == [body]
    assert not ArticleVote.objects.exists()


def test_other_requests_pass_through_untouched(
    open_consultation: Consultation, lane: BallotFastPath, downstream: Downstream
) -> None:
    # a POST elsewhere, a body too large, a missing or broken length
    post(lane, "/gop-y/", {"a": "b"})
    big = b"vote-dieu-1=agree&x=" + b"a" * (64 * 1024)
    post(lane, ballot_path(open_consultation), {}, body=big)
    assert downstream.bodies == [b"a=b", big]
    downstream.bodies.clear()
    environ_get = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": ballot_path(open_consultation),
        "wsgi.input": io.BytesIO(b""),
    }
    assert list(lane(environ_get, lambda *_a: None)) == [b"django"]
    broken = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": ballot_path(open_consultation),
        "CONTENT_LENGTH": "nhiều",
        "wsgi.input": io.BytesIO(b""),
    }
    assert list(lane(broken, lambda *_a: None)) == [b"django"]


def test_an_offsite_next_is_replaced_by_the_reading_page(
    open_consultation: Consultation, citizen: User, lane: BallotFastPath
) -> None:
    client, key = signed_in(citizen)
    fields = [
        (TOKEN_FIELD, token_from_page(client, open_consultation)),
        ("next", "//ke-gian.example/lay-du-lieu"),
        ("vote-dieu-1", "agree"),
    ]
    _status, headers, _body = post(lane, ballot_path(open_consultation), fields, session_key=key)
    reading = reverse("consultations:drafts_read", args=[open_consultation.slug])
    assert headers["Location"].startswith(f"{reading}?{RECEIPT_PARAMETER}=")


def test_a_ballot_django_must_answer_gets_the_usual_vietnamese_message(
    open_consultation: Consultation, citizen: User, writer: BallotWriter
) -> None:
    # given the real Django application behind the lane, and a consultation that has closed
    app = BallotFastPath(WSGIHandler(), ballot_writer=writer)
    client, key = signed_in(citizen)
    token = token_from_page(client, open_consultation)
    csrf = "a" * 32
    Consultation.objects.filter(pk=open_consultation.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    data = urlencode(
        [("csrfmiddlewaretoken", csrf), (TOKEN_FIELD, token), ("vote-dieu-1", "agree")]
    ).encode()
    environ_cookie = f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    status, _headers, content = post_raw(app, ballot_path(open_consultation), data, environ_cookie)
    # then Django refuses with its message, and what was chosen is still ticked
    assert status.startswith("400")
    page = content.decode()
    assert "không thể gửi ý kiến" in page
    assert not ArticleVote.objects.exists()


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="the one-statement group is PostgreSQL's; SQLite runs the step-by-step one",
)
def test_the_one_statement_group_writes_what_the_step_by_step_group_writes(
    agency: Unit,
) -> None:
    """Same random groups (retries, changed answers, repeated ballots, a refused session)
    through both writers, into two twin consultations: the same votes, tallies,
    participants and dashboard counts come out."""
    import random

    from danvan.consultations.models import ConsultationParticipant, ParticipationCount
    from danvan.consultations.services.ballots import _write_postgresql, _write_statements

    rng = random.Random(20260310)
    home = Unit.objects.create(
        code="VN-33-xa-1", name="Xã Tân Dân", kind=Unit.Kind.COMMUNE, parent=agency.parent
    )
    twins = [make_consultation(agency, slug=f"du-thao-sinh-doi-{n}") for n in range(2)]
    people = []
    for index in range(12):
        person = make_user(f"dan{index}", f"Người dân {index}")
        person.birth_year = rng.choice([None, 1950, 1980, 1999, 2008])
        person.home_unit = rng.choice([None, home])
        person.save()
        people.append((person, signed_in(person)[1]))
    gone_user, gone_key = people[-1]
    Session.objects.filter(session_key=gone_key).delete()
    writers = (_write_statements, _write_postgresql)
    for _round in range(6):
        picks = [rng.choice(people) for _ in range(rng.randint(1, 10))]
        choices = [
            {
                a: rng.choice(["agree", "disagree"])
                for a in rng.sample(["dieu-1", "dieu-2", "dieu-3"], 2)
            }
            for _ in picks
        ]
        now = timezone.now()
        for twin, write in zip(twins, writers, strict=True):
            group = [
                ballot_for(twin, person, key, answers)
                for (person, key), answers in zip(picks, choices, strict=True)
            ]
            accepted = write(ballots=group, now=now, shard=rng.randrange(8))
            assert accepted == {i for i, (p, _k) in enumerate(picks) if p != gone_user}

    def outcome(twin: Consultation) -> tuple[Any, ...]:
        votes = sorted(
            ArticleVote.objects.filter(consultation=twin).values_list(
                "participant_id", "anchor", "choice", "revision"
            )
        )
        people_rows = sorted(
            ConsultationParticipant.objects.filter(consultation=twin).values_list(
                "participant_id", "channel", "province_id", "commune_id", "age_band", "day"
            )
        )
        counts = sorted(
            ParticipationCount.objects.filter(consultation=twin)
            .values("grain", "day", "province", "commune", "age_band", "channel")
            .annotate(total=Sum("participants"))
            .values_list("grain", "day", "province", "commune", "age_band", "channel", "total")
        )
        return votes, tally_of(twin), people_rows, counts

    assert outcome(twins[0]) == outcome(twins[1])
    assert tallies_match_rows(twins[0])
    assert ArticleVote.objects.filter(consultation=twins[1]).exists()
