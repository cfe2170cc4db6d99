"""The sparse vote matrix: latest vote wins, passes are kept, ids compacted."""

from typing import Any

import numpy as np
import pytest

from danvan.consultations.opinion import VoteMatrix, VoteMatrixError, build_vote_matrix


def dense(matrix: VoteMatrix) -> dict[tuple[Any, Any], int]:
    """Votes as a dict {(participant id, statement id): vote} of stored entries only."""
    coo = matrix.votes.tocoo()
    return {
        (matrix.participant_ids[r].item(), matrix.statement_ids[c].item()): int(v)
        for r, c, v in zip(coo.row, coo.col, coo.data, strict=True)
    }


def test_latest_vote_by_position_wins_and_passes_are_kept() -> None:
    # given a participant who changed their mind on statement 7, and a pass on statement 8
    participants = [1, 1, 2, 1]
    statements = [7, 8, 7, 7]
    votes = [1, 0, -1, -1]

    # when the matrix is built
    matrix = build_vote_matrix(participants=participants, statements=statements, votes=votes)

    # then the later vote counts, the pass is stored as a vote, nothing is invented
    assert dense(matrix) == {(1, 7): -1, (1, 8): 0, (2, 7): -1}
    assert matrix.n_votes == 3
    assert matrix.votes_per_participant().tolist() == [2, 1]
    assert matrix.votes_per_statement().tolist() == [2, 1]


def test_latest_vote_by_timestamp_wins_whatever_the_row_order() -> None:
    # given the rows out of chronological order (a CSV export sorted by voter)
    matrix = build_vote_matrix(
        participants=[5, 5, 5, 3],
        statements=[2, 2, 4, 2],
        votes=[1, -1, 0, 1],
        timestamps=[300, 100, 200, 50],
    )

    # then the vote with the latest timestamp counts (agree at t=300, not disagree at t=100)
    assert dense(matrix) == {(3, 2): 1, (5, 2): 1, (5, 4): 0}


def test_rows_not_grouped_by_participant_give_the_same_matrix() -> None:
    # given the same votes grouped by participant and shuffled
    rng = np.random.default_rng(3)
    participants = np.repeat(np.arange(50), 6)
    statements = np.tile(np.arange(6), 50)
    votes = rng.integers(-1, 2, size=participants.size)
    order = rng.permutation(participants.size)

    # when both are built
    grouped = build_vote_matrix(participants=participants, statements=statements, votes=votes)
    shuffled = build_vote_matrix(
        participants=participants[order], statements=statements[order], votes=votes[order]
    )

    # then they are identical
    assert dense(grouped) == dense(shuffled)
    assert (grouped.votes.indptr == shuffled.votes.indptr).all()


def test_duplicates_in_shuffled_rows_keep_the_latest() -> None:
    # given two votes on one cell, the later one first in row order but later in position
    matrix = build_vote_matrix(
        participants=[9, 4, 9, 4], statements=[1, 1, 1, 2], votes=[1, 0, -1, 1]
    )
    assert dense(matrix) == {(4, 1): 0, (4, 2): 1, (9, 1): -1}


def test_sparse_and_text_ids_are_compacted_in_order() -> None:
    # given huge integer ids (no lookup table) and text ids
    big = build_vote_matrix(participants=[10**12, 7], statements=[10**15, 3], votes=[1, 1])
    text = build_vote_matrix(participants=["b", "a"], statements=["x", "y"], votes=[1, -1])

    # then rows and columns follow the sorted ids
    assert big.participant_ids.tolist() == [7, 10**12]
    assert big.statement_ids.tolist() == [3, 10**15]
    assert dense(text) == {("b", "x"): 1, ("a", "y"): -1}
    assert text.participant_ids.tolist() == ["a", "b"]


def test_empty_input_gives_an_empty_matrix() -> None:
    matrix = build_vote_matrix(participants=[], statements=[], votes=[])
    assert (matrix.n_participants, matrix.n_statements, matrix.n_votes) == (0, 0, 0)


@pytest.mark.parametrize(
    ("participants", "statements", "votes", "timestamps", "message"),
    [
        ([1, 2], [1], [1, 1], None, "equal length"),
        ([1], [1], [2], None, "a vote must be"),
        ([1], [1], [0.5], None, "a vote must be"),
        ([1], [1], [1], [1, 2], "timestamps"),
    ],
)
def test_bad_input_is_refused(participants, statements, votes, timestamps, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(VoteMatrixError, match=message):
        build_vote_matrix(
            participants=participants, statements=statements, votes=votes, timestamps=timestamps
        )


def test_float_votes_with_valid_values_are_accepted() -> None:
    matrix = build_vote_matrix(participants=[1, 1], statements=[1, 2], votes=[1.0, -1.0])
    assert dense(matrix) == {(1, 1): 1, (1, 2): -1}
