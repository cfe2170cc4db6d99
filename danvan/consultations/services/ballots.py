"""Ballots at national scale: signed ballot tokens and group commit of many ballots at once.

The ballot (a participant's answers on several articles sent at once) is the one request a
national consultation receives millions of times: the 2025 constitutional consultation
collected 280 million opinion entries from 17.1 million people, mostly in its last days.
``votes_cast`` (one ballot, one transaction, behind the whole Django request cycle: session,
user, roles, CSRF, messages) carries a few hundred ballots a second on two cores. This
module is what lets the same machine carry thousands, with the same rules:

- **Ballot token.** The ballot page gives a signed-in participant a token naming the
  consultation, the account, a digest of their session key and a digest of their stored
  password hash (which a new password changes, as Django's session check does). Posted
  with the ballot and checked against the session cookie that comes with it, it proves who
  sends the ballot and that the page was ours (it does the CSRF token's job) without
  reading the session, the user or any role for each request. It expires after ``TOKEN_MAX_AGE``.
- **Group commit.** ``BallotWriter`` gathers the ballots that arrive while the previous
  group is being written and writes them all in one transaction, with one statement for the
  votes and one for the tallies whatever their number (``ballots_write``). Each request
  waits until its group is committed: an answer "recorded" means recorded.
- **Same rules, checked inside the transaction.** Before writing, the group reads (and on
  PostgreSQL locks against a concurrent close) the consultations it names, checks that every
  session is still there and unexpired (a logout ends it) and that every account is still
  active with an unchanged password. Whatever fails there is not written and is answered by
  the ordinary Django view, which gives the usual message and keeps what was sent.
- **Retries count once.** The votes' upsert changes a row only when the answer differs and
  the tallies move by what it returns, as in ``votes_cast``; a ballot twice in one group
  counts as its last copy.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import queue
import random
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from danvan.consultations.models import (
    NOT_DECLARED,
    PARTICIPATION_SHARDS,
    TALLY_SHARDS,
    AgeBand,
    ArticleTally,
    ArticleVote,
    Consultation,
    ConsultationParticipant,
    DraftVersion,
    ParticipationCount,
)
from danvan.consultations.services.dashboard import (
    AGE_BANDS,
    CHANNEL_WEB,
    local_day,
    participants_note_many,
)
from danvan.consultations.services.participation import (
    tally_upsert,
    vote_tally_rows,
    votes_upsert,
)
from danvan.units.models import Unit

logger = logging.getLogger(__name__)

AGREE = ArticleVote.Choice.AGREE.value
DISAGREE = ArticleVote.Choice.DISAGREE.value

TOKEN_SALT = "danvan.consultations.ballot"  # noqa: S105 (a signing salt)
RECEIPT_SALT = "danvan.consultations.ballot-receipt"
# A ballot page left open longer than this asks for a reload (the ordinary view answers).
TOKEN_MAX_AGE = dt.timedelta(hours=12)
RECEIPT_MAX_AGE = dt.timedelta(minutes=10)
DB_SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A group larger than this waits for the next one: bounds one statement's size.
GROUP_MAX = 256
# How long a request waits for its group; past it the ordinary view answers (the upsert is
# idempotent, so a ballot written late and again by the view still counts once).
WAIT_SECONDS = 10.0


def _digest(value: str) -> str:
    """A short one-way digest: the token carries this, never the session key itself."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def group_commit_available() -> bool:
    """Tokens rely on the database session engine (the session row is what a logout ends)."""
    return str(settings.SESSION_ENGINE) == DB_SESSION_ENGINE


# ------------------------------------------------------------------ tokens and receipts


@dataclass(frozen=True)
class BallotToken:
    consultation_id: int
    participant_id: int
    session_digest: str
    auth_digest: str


def ballot_token_issue(*, consultation: Consultation, participant: Any, session_key: str) -> str:
    """The token of ``participant``'s ballot in ``consultation`` for this session."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign_object(
        {
            "c": consultation.pk,
            "u": participant.pk,
            "s": _digest(session_key),
            "a": _digest(participant.password),
        }
    )


def ballot_token_read(token: str, *, session_key: str) -> BallotToken | None:
    """The token's content if it is ours, unexpired and issued for this session; else None."""
    try:
        data = signing.TimestampSigner(salt=TOKEN_SALT).unsign_object(token, max_age=TOKEN_MAX_AGE)
        parsed = BallotToken(int(data["c"]), int(data["u"]), str(data["s"]), str(data["a"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not session_key or not constant_time_compare(parsed.session_digest, _digest(session_key)):
        return None
    return parsed


def ballot_receipt_issue(*, participant_id: int, count: int) -> str:
    """What the redirect after a written ballot carries so the next page can say so."""
    return signing.TimestampSigner(salt=RECEIPT_SALT).sign(f"{participant_id}.{count}")


def ballot_receipt_read(receipt: str, *, participant_id: int | None) -> int | None:
    """The number of answers the receipt confirms, if it is ours, recent and this user's."""
    try:
        value = signing.TimestampSigner(salt=RECEIPT_SALT).unsign(receipt, max_age=RECEIPT_MAX_AGE)
        owner, count = (int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError):
        return None
    return count if participant_id is not None and owner == participant_id else None


# ------------------------------------------------------------------ writing a group


class Outcome(StrEnum):
    WRITTEN = "written"
    # Not written: the ordinary view decides what to say (closed, logged out, draft changed…).
    REFUSED = "refused"


@dataclass(frozen=True)
class Ballot:
    """One participant's answers ``{anchor: choice}`` on the version ``version_id``.

    The sender checked the answers against that version's articles; the group re-checks that
    it is still the current version.
    """

    consultation_id: int
    version_id: int
    participant_id: int
    session_key: str
    auth_digest: str
    choices: Mapping[str, str]


def _one_of(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """``column`` is one of ``values``: one array parameter on PostgreSQL (the statement's
    text, and so psycopg's parse of it, is then the same whatever the group's size)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _consultations_open(ids: Iterable[int], now: dt.datetime) -> dict[int, int | None]:
    """``{id: current version id}`` of those consultations that take answers at ``now``.

    On PostgreSQL the rows are locked ``FOR SHARE`` until the group commits, so closing a
    consultation waits for the group in flight and no answer lands after the close.
    """
    table = connection.ops.quote_name(Consultation._meta.db_table)
    versions = connection.ops.quote_name(DraftVersion._meta.db_table)
    where, params = _one_of("c.id", sorted(set(ids)))
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    sql = (
        f"SELECT c.id, c.status, c.audience, c.opens_at, c.closes_at, "  # noqa: S608
        f"(SELECT v.id FROM {versions} v WHERE v.consultation_id = c.id "
        f"ORDER BY v.number DESC LIMIT 1) FROM {table} c WHERE {where}{lock}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found: dict[int, int | None] = {}
    for pk, status, audience, opens_at, closes_at, version_id in rows:
        consultation = Consultation(
            pk=pk,
            status=status,
            audience=audience,
            opens_at=_aware(opens_at),
            closes_at=_aware(closes_at),
        )
        if audience == Consultation.Audience.EVERYONE and consultation.is_open_at(now):
            found[pk] = version_id
    return found


def _aware(value: Any) -> dt.datetime | None:
    """A datetime read by raw SQL: aware on PostgreSQL, naive UTC text or datetime on SQLite."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def _sessions_alive(keys: Iterable[str], now: dt.datetime) -> set[str]:
    """Those session keys whose session is still there and unexpired (a logout deletes it)."""
    table = connection.ops.quote_name(Session._meta.db_table)
    where, params = _one_of("session_key", sorted(set(keys)))
    sql = f"SELECT session_key FROM {table} WHERE {where} AND expire_date > %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, connection.ops.adapt_datetimefield_value(now)])
        return {row[0] for row in cursor.fetchall()}


def _accounts_valid(ballots: Sequence[Ballot]) -> set[tuple[int, str]]:
    """``(participant id, password digest)`` of active accounts (a new password changes it)."""
    table = connection.ops.quote_name(get_user_model()._meta.db_table)
    where, params = _one_of("id", sorted({ballot.participant_id for ballot in ballots}))
    sql = f"SELECT id, password FROM {table} WHERE {where} AND is_active"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(pk, _digest(password)) for pk, password in cursor.fetchall()}


def ballots_write(*, ballots: Sequence[Ballot], now: dt.datetime | None = None) -> list[Outcome]:
    """Write a group of ballots in one transaction; one ``Outcome`` per ballot, in order.

    On PostgreSQL the whole group is one statement (``_write_postgresql``); elsewhere the
    same steps run one statement each (``_write_statements``). Both follow the same rules
    and the tests run the same cases through each.
    """
    if not ballots:
        return []
    now = now or timezone.now()
    # One tally shard for the whole group, drawn at random: two processes' groups then rarely
    # wait on each other's tally rows (the shards are only ever added up).
    shard = random.randrange(TALLY_SHARDS)  # noqa: S311 (not a secret)
    if connection.vendor == "postgresql":
        accepted = _write_postgresql(ballots=ballots, now=now, shard=shard)
    else:
        accepted = _write_statements(ballots=ballots, now=now, shard=shard)
    return [
        Outcome.WRITTEN if index in accepted else Outcome.REFUSED for index in range(len(ballots))
    ]


def _write_statements(*, ballots: Sequence[Ballot], now: dt.datetime, shard: int) -> set[int]:
    """The group, step by step: check, votes, tallies, participants; accepted indexes."""
    with transaction.atomic():
        open_versions = _consultations_open((ballot.consultation_id for ballot in ballots), now)
        alive = _sessions_alive((ballot.session_key for ballot in ballots), now)
        accounts = _accounts_valid(ballots)
        accepted: set[int] = set()
        # The last copy of an answer in the group counts (a retry sent twice in one group).
        answers: dict[tuple[int, int, str], str] = {}
        for index, ballot in enumerate(ballots):
            if (
                open_versions.get(ballot.consultation_id, -1) == ballot.version_id
                and ballot.session_key in alive
                and (ballot.participant_id, ballot.auth_digest) in accounts
            ):
                accepted.add(index)
                for anchor, choice in ballot.choices.items():
                    answers[(ballot.consultation_id, ballot.participant_id, anchor)] = choice
        if answers:
            written = votes_upsert(
                rows=[(cid, pid, anchor, choice) for (cid, pid, anchor), choice in answers.items()],
                now=now,
            )
            tally_upsert(rows=vote_tally_rows(written=written, shard_of=lambda _pid: shard))
            taking_part: dict[int, list[tuple[int, str]]] = {}
            for (cid, pid, _anchor), _choice in answers.items():
                taking_part.setdefault(cid, []).append((pid, CHANNEL_WEB))
            for cid, entries in sorted(taking_part.items()):
                participants_note_many(consultation_id=cid, entries=entries, now=now)
    return accepted


@functools.cache
def _postgresql_sql() -> str:
    """The statement of ``_write_postgresql``, built once, whitespace collapsed: under 4 KB,
    psycopg caches its parse of the placeholders (longer statements are parsed every time).
    """
    quote = connection.ops.quote_name
    tables: dict[str, type[models.Model]] = {
        "consultations": Consultation,
        "versions": DraftVersion,
        "sessions": Session,
        "users": get_user_model(),
        "votes": ArticleVote,
        "tallies": ArticleTally,
        "people": ConsultationParticipant,
        "counts": ParticipationCount,
        "units": Unit,
    }
    t = {name: quote(model._meta.db_table) for name, model in tables.items()}
    band = "CASE WHEN u.birth_year IS NULL OR u.birth_year > %(year)s THEN %(band_none)s "
    for number in range(len(AGE_BANDS)):
        band += f"WHEN %(year)s - u.birth_year < %(bound{number})s THEN %(band{number})s "
    band += "ELSE %(band_last)s END"
    sql = f"""
WITH inp AS (
    SELECT (e->>0)::int AS i, (e->>1)::bigint AS c, (e->>2)::bigint AS v, (e->>3)::bigint AS p,
           e->>4 AS s, e->>5 AS a, e->6 AS ans
    FROM json_array_elements(%(ballots)s::json) AS e
), cv AS (
    SELECT DISTINCT ON (consultation_id) consultation_id, id FROM {t["versions"]}
    WHERE consultation_id IN (SELECT c FROM inp) ORDER BY consultation_id, number DESC
), op AS (
    SELECT id FROM {t["consultations"]}
    WHERE id IN (SELECT c FROM inp) AND status = %(open)s AND audience = %(everyone)s
      AND opens_at <= %(now)s AND (closes_at IS NULL OR closes_at > %(now)s)
    ORDER BY id FOR SHARE
), ok AS (
    SELECT inp.* FROM inp
    JOIN op ON op.id = inp.c
    JOIN cv cv ON cv.consultation_id = inp.c AND cv.id = inp.v
    JOIN {t["sessions"]} s ON s.session_key = inp.s AND s.expire_date > %(now)s
    JOIN {t["users"]} u ON u.id = inp.p AND u.is_active
     AND left(encode(sha256(convert_to(u.password, 'UTF8')), 'hex'), 32) = inp.a
), ans AS (
    SELECT DISTINCT ON (ok.c, ok.p, pair->>0)
           ok.c, ok.p, pair->>0 AS anchor, pair->>1 AS choice
    FROM ok CROSS JOIN LATERAL json_array_elements(ok.ans) AS pair
    ORDER BY ok.c, ok.p, pair->>0, ok.i DESC
), w AS (
    INSERT INTO {t["votes"]}
        (consultation_id, anchor, participant_id, choice, revision, created_at, updated_at)
    SELECT c, anchor, p, choice, 1, %(now)s, %(now)s FROM ans ORDER BY c, p, anchor
    ON CONFLICT (consultation_id, participant_id, anchor) DO UPDATE SET
        choice = EXCLUDED.choice, revision = {t["votes"]}.revision + 1,
        updated_at = EXCLUDED.updated_at
    WHERE {t["votes"]}.choice <> EXCLUDED.choice
    RETURNING consultation_id, anchor, choice, revision
), d AS (
    SELECT consultation_id AS c, anchor,
           sum(CASE WHEN choice = %(agree)s THEN 1 WHEN revision > 1 THEN -1 ELSE 0 END) AS ag,
           sum(CASE WHEN choice = %(disagree)s THEN 1 WHEN revision > 1 THEN -1 ELSE 0 END) AS di
    FROM w GROUP BY consultation_id, anchor
), tl AS (
    INSERT INTO {t["tallies"]} (consultation_id, anchor, shard, agree, disagree, comments)
    SELECT c, anchor, %(shard)s, ag, di, 0 FROM d WHERE ag <> 0 OR di <> 0 ORDER BY c, anchor
    ON CONFLICT (consultation_id, anchor, shard) DO UPDATE SET
        agree = {t["tallies"]}.agree + EXCLUDED.agree,
        disagree = {t["tallies"]}.disagree + EXCLUDED.disagree
    RETURNING 1
), np AS (
    INSERT INTO {t["people"]} (consultation_id, participant_id, first_at, day, channel,
                               province_id, commune_id, age_band)
    SELECT DISTINCT ON (ok.c, u.id) ok.c, u.id, %(now)s, %(day)s, %(channel)s,
           home.parent_id, u.home_unit_id, {band}
    FROM ok JOIN {t["users"]} u ON u.id = ok.p
    LEFT JOIN {t["units"]} home ON home.id = u.home_unit_id
    WHERE EXISTS (SELECT 1 FROM ans WHERE ans.c = ok.c AND ans.p = ok.p)
    ORDER BY ok.c, u.id
    ON CONFLICT (consultation_id, participant_id) DO NOTHING
    RETURNING consultation_id, participant_id, province_id, commune_id, age_band
), ct AS (
    INSERT INTO {t["counts"]} (consultation_id, grain, day, province, commune, age_band,
                               channel, shard, participants)
    SELECT consultation_id, grain, %(day)s, province, commune, band, channel, shard, count(*)
    FROM (
        SELECT consultation_id, %(profile)s AS grain, coalesce(province_id, %(none)s) AS province,
               %(none)s AS commune, age_band AS band, %(channel)s AS channel,
               participant_id %% %(shards)s AS shard
        FROM np
        UNION ALL
        SELECT consultation_id, %(place)s, coalesce(province_id, %(none)s),
               coalesce(commune_id, %(none)s), '', '', participant_id %% %(shards)s
        FROM np
    ) AS keys
    GROUP BY 1, 2, 4, 5, 6, 7, 8 ORDER BY 1, 2, 4, 5, 6, 7, 8
    ON CONFLICT (consultation_id, grain, day, province, commune, age_band, channel, shard)
    DO UPDATE SET participants = {t["counts"]}.participants + EXCLUDED.participants
    RETURNING 1
)
SELECT i FROM ok"""  # noqa: S608 (table names quoted, every value a parameter)
    return " ".join(sql.split())


def _write_postgresql(*, ballots: Sequence[Ballot], now: dt.datetime, shard: int) -> set[int]:
    """The group in ONE statement (and so one round trip and one implicit transaction).

    Each step of ``_write_statements`` is a common table expression; PostgreSQL runs the
    data-modifying ones exactly once, in one snapshot, and rolls all of them back together.
    The client's cost per group (most of what a group cost) falls from nine round trips to
    one. The account check compares the same digest of the stored password hash that the
    token carries (``sha256`` in SQL, ``hashlib`` in Python).
    """
    day = local_day(now)
    params: dict[str, Any] = {
        "ballots": json.dumps(
            [
                [
                    index,
                    ballot.consultation_id,
                    ballot.version_id,
                    ballot.participant_id,
                    ballot.session_key,
                    ballot.auth_digest,
                    sorted(ballot.choices.items()),
                ]
                for index, ballot in enumerate(ballots)
            ],
            separators=(",", ":"),
        ),
        "now": now,
        "day": day,
        "year": day.year,
        "open": Consultation.Status.OPEN.value,
        "everyone": Consultation.Audience.EVERYONE.value,
        "agree": AGREE,
        "disagree": DISAGREE,
        "shard": shard,
        "channel": CHANNEL_WEB,
        "profile": ParticipationCount.Grain.PROFILE.value,
        "place": ParticipationCount.Grain.PLACE.value,
        "none": NOT_DECLARED,
        "shards": PARTICIPATION_SHARDS,
        "band_none": AgeBand.NOT_DECLARED.value,
        "band_last": AgeBand.FROM_60.value,
    }
    for number, (bound, name) in enumerate(AGE_BANDS):
        params[f"bound{number}"], params[f"band{number}"] = bound, name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_postgresql_sql(), params)
        return {row[0] for row in cursor.fetchall()}


# ------------------------------------------------------------------ group commit


@dataclass
class Pending:
    ballot: Ballot
    done: threading.Event = field(default_factory=threading.Event)
    outcome: Outcome = Outcome.REFUSED


class BallotWriter:
    """Threads that write the ballots waiting for them, all at once (``threads`` per process).

    No timer: a group is whatever arrived while the previous one was being written, so a
    lone ballot is written at once and a crowd in groups as large as the crowd (up to
    ``GROUP_MAX``). With two threads one group is being committed (waiting on the disk)
    while the next is written. Started on first use in each process (after a server forks
    its workers).
    """

    def __init__(self, *, group_max: int = GROUP_MAX, threads: int | None = None) -> None:
        self.group_max = group_max
        self.threads = threads or int(settings.DANVAN["BALLOT_WRITERS"])
        self._queue: queue.SimpleQueue[Pending | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._pid = 0

    def submit(self, ballot: Ballot) -> Pending:
        self._ensure_started()
        pending = Pending(ballot)
        self._queue.put(pending)
        return pending

    def write(self, ballot: Ballot, *, timeout: float = WAIT_SECONDS) -> Outcome:
        """Queue ``ballot`` and wait until its group is committed (or refused, or too late)."""
        pending = self.submit(ballot)
        if not pending.done.wait(timeout):
            return Outcome.REFUSED
        return pending.outcome

    def stop(self, timeout: float = 5.0) -> None:
        """End the threads after the ballots already queued (tests; a server just exits)."""
        if self._pid == os.getpid():
            running = [thread for thread in self._threads if thread.is_alive()]
            for _thread in running:
                self._queue.put(None)
            for thread in running:
                thread.join(timeout)
        self._threads = []

    def _running(self) -> bool:
        return (
            self._pid == os.getpid()
            and len(self._threads) == self.threads
            and all(thread.is_alive() for thread in self._threads)
        )

    def _ensure_started(self) -> None:
        if self._running():
            return
        with self._lock:
            if self._running():
                return
            if self._pid != os.getpid():  # a forked worker: the parent's threads are not here
                self._queue = queue.SimpleQueue()
                self._threads = []
                self._pid = os.getpid()
            self._threads = [thread for thread in self._threads if thread.is_alive()]
            while len(self._threads) < self.threads:
                thread = threading.Thread(target=self._run, name="ballot-writer", daemon=True)
                thread.start()
                self._threads.append(thread)

    def _take_group(self) -> tuple[list[Pending], bool]:
        """The ballots waiting now (at least one), and whether ``stop`` was asked for."""
        first = self._queue.get()
        if first is None:
            return [], True
        group = [first]
        while len(group) < self.group_max:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return group, True
            group.append(item)
        return group, False

    def _run(self) -> None:
        stopping = False
        while not stopping:
            group, stopping = self._take_group()
            if group:
                self._write(group)
        connection.close()

    def _write(self, group: list[Pending]) -> None:
        try:
            outcomes = ballots_write(ballots=[pending.ballot for pending in group])
        except Exception:
            # The ordinary view answers each of them (and reports its own error if any).
            logger.exception("ballot group of %d could not be written", len(group))
            outcomes = [Outcome.REFUSED] * len(group)
            connection.close()
        for pending, outcome in zip(group, outcomes, strict=True):
            pending.outcome = outcome
            pending.done.set()


writer = BallotWriter()
