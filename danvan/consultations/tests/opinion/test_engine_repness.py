"""Polis's statistics and selection rules for representative statements."""

from pathlib import Path

import numpy as np
import pytest

from danvan.consultations.opinion import build_vote_matrix, compute_opinion_map
from danvan.consultations.opinion import clustering as clustering_module
from danvan.consultations.opinion.clustering import base_clusters, group_participants
from danvan.consultations.opinion.pca import project
from danvan.consultations.opinion.polis_export import load_polis_export
from danvan.consultations.opinion.repness import (
    VoteCounts,
    prop_test,
    select_representative,
    two_prop_test,
)

POLIS_DATA = Path(__file__).resolve().parents[5] / "shared" / "data" / "polis"


def counts(agree: list[list[int]], disagree: list[list[int]], seen: list[list[int]]) -> VoteCounts:
    a, d, s = (np.array(x, dtype=np.int64) for x in (agree, disagree, seen))
    return VoteCounts(
        agree=a,
        disagree=d,
        seen=s,
        population_agree=a.sum(axis=0),
        population_disagree=d.sum(axis=0),
        population_seen=s.sum(axis=0),
    )


def test_prop_tests_use_polis_pseudo_counts() -> None:
    # 9 agrees out of 10: 2·sqrt(11)·(10/11 − ½)
    assert prop_test(np.array([9]), np.array([10]))[0] == pytest.approx(
        2 * np.sqrt(11) * (10 / 11 - 0.5)
    )
    z = two_prop_test(np.array([8]), np.array([2]), np.array([10]), np.array([10]))[0]
    p1, p2, p = 9 / 11, 3 / 11, 12 / 22
    assert z == pytest.approx((p1 - p2) / np.sqrt(p * (1 - p) * (2 / 11)))
    # everyone agreeing everywhere: Polis returns 0 rather than dividing by zero
    assert two_prop_test(np.array([4]), np.array([4]), np.array([4]), np.array([4]))[0] == 0.0


def test_a_group_without_any_significant_statement_still_gets_its_strongest_one() -> None:
    # given two groups who only ever passed, except one disagree of group 1 on statement 1
    stats = counts(agree=[[0, 0], [0, 0]], disagree=[[0, 0], [0, 1]], seen=[[3, 3], [3, 3]])

    # when representatives are chosen
    chosen = select_representative(stats, [10, 11], np.array([True, True]))

    # then group 0 gets the statement with the best repness test, and no "best agree" flag
    assert len(chosen[0]) == 1
    assert "best-agree" not in chosen[0][0]
    assert chosen[1][0]["tid"] == 11


def test_best_agree_compares_probabilities_until_a_distinctive_one_is_found() -> None:
    # statement 0: weakly agreed by the group and by the rest alike (ra ≤ 1);
    # statement 1: more strongly agreed by the group alone (ra > 1)
    stats = counts(agree=[[6, 9], [12, 2]], disagree=[[4, 1], [8, 18]], seen=[[10, 10], [20, 20]])
    chosen = select_representative(stats, ["s0", "s1"], np.array([True, True]))
    assert chosen[0][0]["tid"] == "s1"
    assert chosen[0][0]["best-agree"] is True
    assert chosen[0][0]["n-agree"] == 9


def test_moderated_out_ids_may_be_given_as_text() -> None:
    matrix = build_vote_matrix(
        participants=np.repeat(np.arange(10), 8),
        statements=np.tile(np.arange(8), 10),
        votes=np.tile([1, -1, 1, 0, 1, -1, -1, 1], 10),
    )
    result = compute_opinion_map(matrix, moderated_out=["3"])
    assert result.active.tolist() == [True, True, True, False, True, True, True, True]


def test_two_people_make_one_group() -> None:
    # two different voters: the only split would leave nobody to compare with
    matrix = build_vote_matrix(
        participants=[1] * 8 + [2] * 8,
        statements=list(range(8)) * 2,
        votes=[1] * 8 + [-1] * 8,
    )
    result = compute_opinion_map(matrix)
    assert result.k == 1
    assert result.group_sizes == [2]


def test_distinct_points_are_counted_on_a_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clustering_module, "_DISTINCT_SAMPLE", 50)
    points = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]]), 100, axis=0)
    base = base_clusters(points, k=10)
    assert base.sizes.size == 3
    assert group_participants(points, base).k in {2, 3}


def test_projection_needs_one_flag_per_statement() -> None:
    matrix = build_vote_matrix(participants=[1], statements=[1], votes=[1])
    with pytest.raises(ValueError, match="one flag per statement"):
        project(matrix, active=np.ones(2, dtype=bool))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("conversation", ["scoop-hivemind.ubi", "football-concussions"])
def test_representative_statements_equal_red_dwarfs_port_for_the_same_groups(
    conversation: str,
) -> None:
    pd = pytest.importorskip("pandas")
    stats = pytest.importorskip("reddwarf.utils.stats")
    directory = POLIS_DATA / conversation
    if not directory.is_dir():
        pytest.skip("Polis open data not present")

    # given our groups on a real conversation
    export = load_polis_export(directory)
    matrix = export.matrix
    result = compute_opinion_map(matrix, moderated_out=export.moderated_out)
    clustered = result.groups >= 0
    dense = np.full(matrix.votes.shape, np.nan)
    coo = matrix.votes.tocoo()
    dense[coo.row, coo.col] = coo.data
    frame = pd.DataFrame(
        dense[clustered], index=matrix.participant_ids[clustered], columns=matrix.statement_ids
    )

    # when red-dwarf's port of Polis's repness runs on the same groups
    grouped, _ = stats.calculate_comment_statistics_dataframes(
        frame, cluster_labels=result.groups[clustered]
    )
    theirs = stats.select_representative_statements(
        grouped, mod_out_statement_ids=sorted(export.moderated_out)
    )

    # then both choose the same statements, in the same order, with the same tests
    for group, entries in result.repness.items():
        mine = [(e["tid"], e["repful-for"], round(e["repness-test"], 6)) for e in entries]
        expected = [
            (int(e["tid"]), e["repful-for"], round(e["repness-test"], 6)) for e in theirs[group]
        ]
        assert mine == expected
