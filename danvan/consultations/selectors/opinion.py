"""Reads for the opinion map: the vote matrix of a consultation, the latest map, and what
the map pages show (group sizes, base-cluster bubbles, statements; never who is in a group).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import connection
from numpy.typing import NDArray

from danvan.consultations.models import Consultation, OpinionMap, Statement, StatementVote

# Rows fetched per round trip when reading a consultation's statement votes.
VOTE_CHUNK = 50_000
# Size of the drawing (SVG user units) and of the largest bubble.
MAP_SIZE = 400
MAP_MARGIN = 24
MAX_RADIUS = 22.0
MIN_RADIUS = 2.5
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
GROUP_LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True, slots=True)
class VoteArrays:
    participants: NDArray[np.int64]
    statements: NDArray[np.int64]
    votes: NDArray[np.int8]


# One row of ``COPY … (FORMAT binary)`` of (bigint, bigint, smallint): field count, then
# a length and a big-endian value per field.
_COPY_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("len_p", ">i4"),
        ("participant", ">i8"),
        ("len_s", ">i4"),
        ("statement", ">i8"),
        ("len_v", ">i4"),
        ("vote", ">i2"),
    ]
)
_COPY_HEADER = 19  # signature (11), flags (4), header extension length (4)
_COPY_TRAILER = 2  # -1 as int16


def statement_vote_arrays(*, consultation: Consultation) -> VoteArrays:
    """Every current statement vote of the consultation as three parallel arrays.

    A national consultation has tens of millions of votes, which as Python tuples or model
    instances would neither fit in memory nor arrive in time. On PostgreSQL the rows come
    through one binary ``COPY`` decoded by numpy in a single pass; elsewhere (SQLite in
    development) they are read in chunks.
    """
    if connection.vendor == "postgresql":
        return _vote_arrays_by_copy(consultation)
    return _vote_arrays_by_rows(consultation)


def _vote_arrays_by_rows(consultation: Consultation) -> VoteArrays:
    rows = (
        StatementVote.objects.filter(consultation=consultation)
        .values_list("participant_id", "statement_id", "vote")
        .iterator(chunk_size=VOTE_CHUNK)
    )
    table = np.fromiter((value for row in rows for value in row), dtype=np.int64).reshape(-1, 3)
    return VoteArrays(
        participants=table[:, 0].copy(),
        statements=table[:, 1].copy(),
        votes=table[:, 2].astype(np.int8),
    )


def _vote_arrays_by_copy(consultation: Consultation) -> VoteArrays:
    table = StatementVote._meta.db_table
    # The table name is the model's own (quoted); the consultation id is a parameter.
    sql = (
        "COPY (SELECT participant_id::bigint, statement_id::bigint, vote::smallint "  # noqa: S608
        f"FROM {connection.ops.quote_name(table)} WHERE consultation_id = %s) "
        "TO STDOUT (FORMAT binary)"
    )
    buffer = bytearray()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor: Django's wrapper has no copy()
        with raw.copy(sql, (consultation.pk,)) as copy:
            for block in copy:
                buffer += block
    body = memoryview(buffer)[_COPY_HEADER : len(buffer) - _COPY_TRAILER]
    rows = np.frombuffer(body, dtype=_COPY_ROW)
    return VoteArrays(
        participants=rows["participant"].astype(np.int64),
        statements=rows["statement"].astype(np.int64),
        votes=rows["vote"].astype(np.int8),
    )


def statements_moderated_out(*, consultation: Consultation) -> list[int]:
    """Statements that take no part in the map: rejected, or not (yet) accepted."""
    return list(
        Statement.objects.filter(consultation=consultation)
        .exclude(status=Statement.Status.ACCEPTED)
        .values_list("pk", flat=True)
    )


def opinion_map_latest(*, consultation: Consultation) -> OpinionMap | None:
    return OpinionMap.objects.filter(consultation=consultation).order_by("-computed_at").first()


@dataclass(frozen=True, slots=True)
class Bubble:
    cx: float
    cy: float
    r: float
    colour: str
    group: int
    letter: str
    size: int


@dataclass(frozen=True, slots=True)
class StatementLine:
    tid: int
    text: str
    direction: str
    percent: int  # share of the group (or of everyone) agreeing / disagreeing
    n_success: int
    n_trials: int


@dataclass(frozen=True, slots=True)
class GroupView:
    index: int
    letter: str
    colour: str
    size: int
    percent: int
    statements: list[StatementLine]


@dataclass(frozen=True, slots=True)
class MapView:
    """Everything the map pages render, derived from one snapshot."""

    snapshot: OpinionMap
    size: int
    bubbles: list[Bubble]
    groups: list[GroupView]
    consensus: list[StatementLine]


def _statement_texts(tids: Iterable[int], consultation: Consultation) -> dict[int, str]:
    return dict(
        Statement.objects.filter(consultation=consultation, pk__in=set(tids)).values_list(
            "pk", "text"
        )
    )


def _line(entry: dict[str, object], texts: dict[int, str], direction_key: str) -> StatementLine:
    tid = int(str(entry["tid"]))
    n_success = int(str(entry["n-success"]))
    n_trials = int(str(entry["n-trials"]))
    return StatementLine(
        tid=tid,
        text=texts.get(tid, ""),
        direction=str(entry[direction_key]),
        percent=round(100 * n_success / n_trials) if n_trials else 0,
        n_success=n_success,
        n_trials=n_trials,
    )


def _bubbles(points: list[dict[str, float]]) -> list[Bubble]:
    if not points:
        return []
    xs = np.array([p["x"] for p in points])
    ys = np.array([p["y"] for p in points])
    sizes = np.array([p["size"] for p in points], dtype=np.float64)
    span = max(float(np.ptp(xs)), float(np.ptp(ys)), 1e-9)
    inner = MAP_SIZE - 2 * MAP_MARGIN
    cx = MAP_MARGIN + (xs - xs.min()) / span * inner + (inner - np.ptp(xs) / span * inner) / 2
    # SVG y grows downwards; flip so that "up" on the map is +y as in the PCA plane.
    cy = MAP_MARGIN + (ys.max() - ys) / span * inner + (inner - np.ptp(ys) / span * inner) / 2
    radii = np.maximum(MIN_RADIUS, MAX_RADIUS * np.sqrt(sizes / sizes.max()))
    return [
        Bubble(
            cx=round(float(x), 1),
            cy=round(float(y), 1),
            r=round(float(r), 1),
            colour=GROUP_COLOURS[int(p["group"]) % len(GROUP_COLOURS)],
            group=int(p["group"]),
            letter=GROUP_LETTERS[int(p["group"]) % len(GROUP_LETTERS)],
            size=int(p["size"]),
        )
        for x, y, r, p in zip(cx, cy, radii, points, strict=True)
    ]


def opinion_map_view(*, snapshot: OpinionMap) -> MapView:
    """Group sizes, bubbles and statement texts of a snapshot, ready for the templates."""
    tids = [int(e["tid"]) for entries in snapshot.repness.values() for e in entries]
    tids += [int(e["tid"]) for e in snapshot.consensus]
    texts = _statement_texts(tids, snapshot.consultation)
    clustered = max(snapshot.participants_clustered, 1)
    groups = [
        GroupView(
            index=index,
            letter=GROUP_LETTERS[index % len(GROUP_LETTERS)],
            colour=GROUP_COLOURS[index % len(GROUP_COLOURS)],
            size=int(size),
            percent=round(100 * int(size) / clustered),
            statements=[
                _line(entry, texts, "repful-for") for entry in snapshot.repness.get(str(index), [])
            ],
        )
        for index, size in enumerate(snapshot.group_sizes)
    ]
    return MapView(
        snapshot=snapshot,
        size=MAP_SIZE,
        bubbles=_bubbles(snapshot.points),
        groups=groups,
        consensus=[_line(entry, texts, "cons-for") for entry in snapshot.consensus],
    )
