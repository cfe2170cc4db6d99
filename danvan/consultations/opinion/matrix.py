"""The participant × statement vote matrix, sparse.

A consultation at national scale has millions of participants who each vote on a few dozen of
thousands of statements, so the matrix is stored as CSR: one row per participant, one stored
entry per vote (+1 agree, −1 disagree, 0 pass). A pass is a vote, so it is kept as an explicit
zero; a statement a participant never saw is simply absent. Nothing in this package ever does
arithmetic that would drop the explicit zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

AGREE = 1
PASS = 0
DISAGREE = -1

# Ids that are small non-negative integers are compacted with a lookup table instead of a sort.
_DENSE_ID_FACTOR = 4


class VoteMatrixError(ValueError):
    """The votes given cannot make a vote matrix (bad value, mismatched lengths)."""


@dataclass(frozen=True, slots=True, eq=False)
class VoteMatrix:
    """Votes of participants (rows) on statements (columns).

    ``votes`` is canonical CSR (sorted column indices, no duplicates) with ``int8`` data.
    ``participant_ids[i]`` and ``statement_ids[j]`` are the caller's ids of row ``i`` and
    column ``j``, in increasing order.
    """

    votes: sp.csr_array
    participant_ids: NDArray[Any]
    statement_ids: NDArray[Any]

    @property
    def n_participants(self) -> int:
        return int(self.votes.shape[0])

    @property
    def n_statements(self) -> int:
        return int(self.votes.shape[1])

    @property
    def n_votes(self) -> int:
        return int(self.votes.indptr[-1])

    def votes_per_participant(self) -> NDArray[np.int64]:
        """Number of votes (agree, disagree and pass) each participant cast."""
        return np.asarray(np.diff(self.votes.indptr), dtype=np.int64)

    def votes_per_statement(self) -> NDArray[np.int64]:
        """Number of votes each statement received."""
        counts = np.bincount(self.votes.indices, minlength=self.n_statements)
        return np.asarray(counts, dtype=np.int64)


def _compact_ids(ids: NDArray[Any]) -> tuple[NDArray[Any], NDArray[np.signedinteger[Any]]]:
    """Sorted distinct ids and the position of every element among them.

    ``np.unique`` sorts all the elements; for the common case of integer ids that are not
    much larger than their count (database primary keys, Polis pids) a lookup table does the
    same in linear time, which matters at tens of millions of votes.
    """
    if ids.size and np.issubdtype(ids.dtype, np.integer):
        low = int(ids.min())
        high = int(ids.max())
        if low >= 0 and high <= _DENSE_ID_FACTOR * ids.size + 1024:
            present = np.zeros(high + 1, dtype=bool)
            present[ids] = True
            distinct = np.flatnonzero(present)
            lookup: NDArray[np.signedinteger[Any]] = np.cumsum(
                present, dtype=np.int32 if high < 2**31 else np.int64
            )
            return distinct.astype(ids.dtype, copy=False), (lookup - 1)[ids]
    distinct, inverse = np.unique(ids, return_inverse=True)
    return distinct, inverse.astype(np.int64, copy=False).reshape(-1)


def _valid_votes(votes: NDArray[Any]) -> bool:
    if np.issubdtype(votes.dtype, np.integer):
        return bool(votes.min() >= DISAGREE and votes.max() <= AGREE)
    return bool(np.isin(votes, (AGREE, PASS, DISAGREE)).all())


def build_vote_matrix(
    *,
    participants: ArrayLike,
    statements: ArrayLike,
    votes: ArrayLike,
    timestamps: ArrayLike | None = None,
) -> VoteMatrix:
    """Build the vote matrix from one entry per vote cast.

    A participant may have voted several times on the same statement; the latest vote counts
    (by ``timestamps`` when given, otherwise by position: later entries are later votes).
    """
    p_raw = np.asarray(participants)
    s_raw = np.asarray(statements)
    v_raw = np.asarray(votes)
    n = p_raw.shape[0]
    if p_raw.ndim != 1 or s_raw.shape != (n,) or v_raw.shape != (n,):
        raise VoteMatrixError("participants, statements and votes must be 1-D and of equal length")
    if v_raw.size and not _valid_votes(v_raw):
        raise VoteMatrixError("a vote must be 1 (agree), 0 (pass) or -1 (disagree)")
    if timestamps is not None:
        t = np.asarray(timestamps)
        if t.shape != (n,):
            raise VoteMatrixError("timestamps must have one entry per vote")
        order = np.argsort(t, kind="stable")
        p_raw, s_raw, v_raw = p_raw[order], s_raw[order], v_raw[order]

    participant_ids, rows = _compact_ids(p_raw)
    statement_ids, cols = _compact_ids(s_raw)
    del p_raw, s_raw
    n_rows, n_cols = participant_ids.size, statement_ids.size
    indptr, indices, positions = _rows_then_columns(rows, cols, n_rows, n_cols)
    matrix = sp.csr_array(
        (v_raw[positions].astype(np.int8), indices, indptr), shape=(n_rows, n_cols)
    )
    matrix.has_sorted_indices = True
    return VoteMatrix(votes=matrix, participant_ids=participant_ids, statement_ids=statement_ids)


def _rows_then_columns(
    rows: NDArray[np.signedinteger[Any]],
    cols: NDArray[np.signedinteger[Any]],
    n_rows: int,
    n_cols: int,
) -> tuple[NDArray[np.signedinteger[Any]], NDArray[np.int32], NDArray[np.int64]]:
    """CSR ``indptr`` and ``indices``, and which entry supplies each stored vote.

    Entries are grouped by row first: exports ordered by participant already are (checked
    in one pass), others are put in order by a stable sort. Within each row scipy's C++
    per-row sort orders the columns; for a (row, column) cell voted on more than once the
    entry with the highest position, the latest vote, is kept.
    """
    n = rows.size
    if n and bool(np.any(rows[1:] < rows[:-1])):
        order = np.argsort(rows, kind="stable")
        rows, cols = rows[order], cols[order]
    else:
        order = None
    index_dtype = np.int32 if n < 2**31 else np.int64
    indptr: NDArray[np.signedinteger[Any]] = np.zeros(n_rows + 1, dtype=index_dtype)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    # Data = the entry's position in ``rows``; scipy sorts (column, position) pairs per row.
    by_row = sp.csr_array(
        (np.arange(n, dtype=index_dtype), cols.astype(np.int32), indptr),
        shape=(n_rows, n_cols),
    )
    by_row.sort_indices()
    indices, positions = by_row.indices, by_row.data
    run_start = np.ones(n, dtype=bool)
    np.not_equal(indices[1:], indices[:-1], out=run_start[1:])
    run_start[indptr[:-1][np.diff(indptr) > 0]] = True
    if not run_start.all():
        starts = np.flatnonzero(run_start)
        positions = np.maximum.reduceat(positions, starts)
        indices = indices[starts]
        np.cumsum(np.bincount(rows[positions], minlength=n_rows), out=indptr[1:])
    if order is not None:
        positions = order[positions]
    return (
        indptr,
        np.asarray(indices, dtype=np.int32),
        np.asarray(positions, dtype=np.int64),
    )
