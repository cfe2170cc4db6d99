"""Read a Polis conversation export (the CSV files of compdemocracy/openData).

A directory holds ``comments.csv`` (comment-id, moderated: −1 out, 0 unmoderated, 1 in, …)
and either ``votes.csv`` (timestamp, comment-id, voter-id, vote; a voter's latest vote on a
comment counts) or ``votes_long_from_pv.csv`` (voter-id, comment-id, vote: already one final
vote per pair). ``participants-votes.csv``, when present, carries Polis's own ``group-id`` for
each participant, used to compare our groups with Polis's.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from danvan.consultations.opinion.matrix import VoteMatrix, VoteMatrixError, build_vote_matrix

COMMENTS = "comments.csv"
VOTES = "votes.csv"
VOTES_FROM_PV = "votes_long_from_pv.csv"
PARTICIPANTS_VOTES = "participants-votes.csv"


class PolisExportError(ValueError):
    """The directory is not a readable Polis export."""


@dataclass(frozen=True, slots=True, eq=False)
class PolisExport:
    matrix: VoteMatrix
    moderated_out: frozenset[int]
    comments: dict[int, str]


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise PolisExportError(f"{path.name}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PolisExportError(f"{path.name}: {exc}") from exc


def _ints(rows: list[dict[str, str]], column: str, path: Path) -> NDArray[np.int64]:
    try:
        return np.array([int(float(r[column])) for r in rows], dtype=np.int64)
    except (TypeError, ValueError) as exc:
        raise PolisExportError(f"{path.name}: column {column} must hold numbers") from exc


def load_polis_export(directory: Path | str) -> PolisExport:
    """Load the votes and moderation of one exported Polis conversation."""
    base = Path(directory)
    if not base.is_dir():
        raise PolisExportError(f"{base}: not a directory")
    comments_path = base / COMMENTS
    if not comments_path.is_file():
        raise PolisExportError(f"{base}: {COMMENTS} is missing")
    comment_rows = _rows(comments_path, ("comment-id", "moderated"))
    comment_ids = _ints(comment_rows, "comment-id", comments_path)
    moderation = _ints(comment_rows, "moderated", comments_path)
    comments = {
        int(cid): row.get("comment-body", "")
        for cid, row in zip(comment_ids.tolist(), comment_rows, strict=True)
    }
    moderated_out = frozenset(int(c) for c in comment_ids[moderation == -1].tolist())

    timestamps: NDArray[np.int64] | None = None
    if (base / VOTES).is_file():
        votes_path = base / VOTES
        rows = _rows(votes_path, ("timestamp", "comment-id", "voter-id", "vote"))
        timestamps = _ints(rows, "timestamp", votes_path)
    elif (base / VOTES_FROM_PV).is_file():
        votes_path = base / VOTES_FROM_PV
        rows = _rows(votes_path, ("comment-id", "voter-id", "vote"))
    else:
        raise PolisExportError(f"{base}: neither {VOTES} nor {VOTES_FROM_PV} is present")
    try:
        matrix = build_vote_matrix(
            participants=_ints(rows, "voter-id", votes_path),
            statements=_ints(rows, "comment-id", votes_path),
            votes=_ints(rows, "vote", votes_path),
            timestamps=timestamps,
        )
    except VoteMatrixError as exc:
        raise PolisExportError(f"{votes_path.name}: {exc}") from exc
    return PolisExport(matrix=matrix, moderated_out=moderated_out, comments=comments)


def load_polis_groups(directory: Path | str) -> dict[int, int]:
    """Polis's own group of each grouped participant, from ``participants-votes.csv``."""
    path = Path(directory) / PARTICIPANTS_VOTES
    rows = _rows(path, ("participant", "group-id"))
    groups: dict[int, int] = {}
    for row in rows:
        group = row["group-id"].strip()
        if group:
            groups[int(row["participant"])] = int(float(group))
    return groups
