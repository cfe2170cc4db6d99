"""The Polis method on hand-built matrices: groups, representative and consensus statements."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from danvan.consultations.opinion import OpinionParams, build_vote_matrix, compute_opinion_map
from danvan.consultations.opinion.clustering import (
    BaseClusters,
    base_clusters,
    group_participants,
    in_conversation,
)
from danvan.consultations.opinion.pca import centred_votes, column_means, project
from danvan.consultations.tests.opinion.helpers import CAMP_SIZE, SHARED, two_camps


def test_two_camps_are_recovered() -> None:
    # given two camps that vote oppositely on nine statements
    matrix, truth = two_camps()

    # when the map is computed
    result = compute_opinion_map(matrix)

    # then there are two groups and they are exactly the camps
    assert result.k == 2
    assert result.group_sizes == [CAMP_SIZE, CAMP_SIZE]
    assert adjusted_rand_score(truth, result.groups) == pytest.approx(1.0)
    # about one candidate k per dozen base clusters (Polis max-k-fn): here 2 and 3
    assert set(result.silhouettes) == {2, 3}
    assert max(result.silhouettes, key=result.silhouettes.__getitem__) == 2


def test_representative_statements_point_the_right_way() -> None:
    # given the two camps
    matrix, truth = two_camps()
    result = compute_opinion_map(matrix)
    camp_a_group = int(result.groups[np.flatnonzero(truth == 0)[0]])

    # then camp A is represented by agreeing with 0–4 or disagreeing with 5–8, never by 9
    entries = result.repness[camp_a_group]
    assert 1 <= len(entries) <= 5
    for entry in entries:
        assert entry["tid"] != SHARED
        expected = "agree" if int(entry["tid"]) < 5 else "disagree"
        assert entry["repful-for"] == expected
        assert entry["repness-test"] > 1.2816
    # the best "agree" statement comes first and agrees come before disagrees
    assert entries[0].get("best-agree") is True
    directions = [e["repful-for"] for e in entries]
    assert directions == sorted(directions)


def test_common_ground_is_the_shared_statement_only() -> None:
    matrix, _ = two_camps()
    result = compute_opinion_map(matrix)
    assert [(c["tid"], c["cons-for"]) for c in result.consensus] == [(SHARED, "agree")]
    shared = result.consensus[0]
    assert shared["n-success"] == shared["n-trials"] == 2 * CAMP_SIZE
    # each camp: (20 agrees + 1) / (20 votes + 2); multiplied over the two groups
    assert shared["group-aware-consensus"] == pytest.approx((21 / 22) ** 2)


def test_a_majority_imposed_by_one_group_is_not_consensus() -> None:
    # given a big camp agreeing with statement 0 and a small camp disagreeing with it
    participants, statements, votes = [], [], []
    for person in range(40):
        big = person < 30
        for statement in range(8):
            vote = 1 if (statement % 2 == 0) == big else -1
            participants.append(person)
            statements.append(statement)
            votes.append(vote)
    matrix = build_vote_matrix(participants=participants, statements=statements, votes=votes)

    # when the map is computed
    result = compute_opinion_map(matrix)

    # then 75 % agree overall, but no statement is reported as common ground
    assert result.k == 2
    assert result.consensus == []


def test_moderated_out_statements_are_left_out() -> None:
    # given statements 0 and 9 moderated out
    matrix, truth = two_camps()
    result = compute_opinion_map(matrix, moderated_out={0, SHARED})

    # then the camps are still found, but neither statement is cited anywhere
    assert adjusted_rand_score(truth, result.groups) == pytest.approx(1.0)
    cited = {e["tid"] for entries in result.repness.values() for e in entries}
    cited |= {c["tid"] for c in result.consensus}
    assert cited.isdisjoint({0, SHARED})
    assert result.active.tolist() == [False] + [True] * 8 + [False]
    assert result.statement_coords[0].tolist() == [0.0, 0.0]


def test_light_voters_are_placed_but_not_grouped() -> None:
    # given three people who voted on three statements only (fewer than seven)
    matrix, _ = two_camps(extra_light_voters=3)
    result = compute_opinion_map(matrix)

    # then they have a position but no group, and the JSON leaves them out
    light = np.isin(result.participant_ids, [500, 501, 502])
    assert (result.groups[light] == -1).all()
    assert np.isfinite(result.coords[light]).all()
    payload = result.to_json()
    assert set(payload) == {"k", "groups", "repness", "consensus"}
    assert "500" not in payload["groups"]
    assert len(payload["groups"]) == result.n_clustered == 2 * CAMP_SIZE
    assert set(payload["repness"]) == {"0", "1"}


def test_in_conversation_follows_polis_rules() -> None:
    # seven votes, or all statements when fewer than seven exist
    counts = np.array([7, 6, 3, 0, 10] + [8] * 20)
    assert in_conversation(counts, n_statements=50).tolist()[:5] == [
        True,
        False,
        False,
        False,
        True,
    ]
    assert in_conversation(np.array([3, 2, 3]), n_statements=3, greedy_min=0).tolist() == [
        True,
        False,
        True,
    ]
    # fewer than 15 qualified: the most active of the rest are added, most votes first
    topped = in_conversation(np.array([9, 2, 5, 0, 4]), n_statements=50, greedy_min=3)
    assert topped.tolist() == [True, False, True, False, True]


def test_everyone_voting_alike_makes_one_group() -> None:
    matrix = build_vote_matrix(
        participants=np.repeat(np.arange(12), 8),
        statements=np.tile(np.arange(8), 12),
        votes=np.ones(96, dtype=int),
    )
    result = compute_opinion_map(matrix)
    assert result.k == 1
    assert result.group_sizes == [12]
    assert result.silhouettes == {}
    assert result.repness[0][0]["repful-for"] == "agree"


def test_empty_matrix_gives_an_empty_map() -> None:
    result = compute_opinion_map(build_vote_matrix(participants=[], statements=[], votes=[]))
    assert (result.k, result.n_clustered, result.consensus) == (0, 0, [])
    assert result.to_json() == {"k": 0, "groups": {}, "repness": {}, "consensus": []}


def test_tiny_matrix_is_solved_without_arpack() -> None:
    # two participants, three statements: fewer than ARPACK can handle
    matrix = build_vote_matrix(
        participants=[1, 1, 1, 2, 2, 2], statements=[1, 2, 3, 1, 2, 3], votes=[1, 1, -1, -1, -1, 1]
    )
    projection = project(matrix, active=np.ones(3, dtype=bool))
    assert projection.singular_values[0] > 0
    assert projection.coords[0, 0] == pytest.approx(-projection.coords[1, 0])


def test_centring_is_the_mean_imputed_matrix_centred() -> None:
    # given a matrix with missing votes
    matrix, _ = two_camps(extra_light_voters=2)
    active = np.ones(matrix.n_statements, dtype=bool)

    # when compared with the dense computation (impute column means, then centre)
    dense = np.full(matrix.votes.shape, np.nan)
    coo = matrix.votes.tocoo()
    dense[coo.row, coo.col] = coo.data
    means = np.nanmean(dense, axis=0)
    imputed = np.where(np.isnan(dense), means, dense)

    # then the sparse centred matrix is exactly it, and the components are its PCA axes
    assert np.allclose(centred_votes(matrix, active).toarray(), imputed - imputed.mean(axis=0))
    assert np.allclose(column_means(matrix), means)
    _, _, vt = np.linalg.svd(imputed - imputed.mean(axis=0), full_matrices=False)
    projection = project(matrix, active=active)
    for axis in range(2):
        assert abs(np.dot(vt[axis], projection.components[axis])) == pytest.approx(1.0)


def test_sparsity_scaling_counts_moderated_columns_as_polis_does() -> None:
    # given one person who voted on 2 of 4 statements, one of them moderated out
    matrix = build_vote_matrix(
        participants=[1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
        statements=[1, 2, 1, 2, 3, 4, 1, 2, 3, 4],
        votes=[1, 1, -1, 1, 1, -1, 1, -1, -1, 1],
    )
    active = np.array([True, True, True, False])
    projection = project(matrix, active=active)
    centred = centred_votes(matrix, active).toarray()
    raw = centred @ projection.components.T
    # the moderated column counts as answered by everyone: 2 + 1 of 4 → sqrt(4 / 3)
    assert projection.coords[0] == pytest.approx(raw[0] * np.sqrt(4 / 3))
    assert projection.coords[1] == pytest.approx(raw[1])


def test_base_clusters_on_a_sample_assign_everyone() -> None:
    rng = np.random.default_rng(0)
    points = np.concatenate([rng.normal(-5, 1, (300, 2)), rng.normal(5, 1, (300, 2))])
    base = base_clusters(points, k=10, sample=100, random_state=0)
    assert base.labels.shape == (600,)
    assert base.sizes.sum() == 600
    assert base.centers.shape == (base.sizes.size, 2)
    grouping = group_participants(points, base, silhouette_sample=200)
    assert grouping.k == 2
    assert adjusted_rand_score(np.repeat([0, 1], 300), grouping.labels) == pytest.approx(1.0)
    assert grouping.base_groups.shape == (base.sizes.size,)


def test_base_clusters_of_few_distinct_points() -> None:
    same = np.zeros((5, 2))
    assert base_clusters(same).sizes.tolist() == [5]
    assert base_clusters(np.zeros((0, 2))).labels.size == 0
    empty = BaseClusters(
        labels=np.zeros(0, dtype=np.int64), centers=np.zeros((0, 2)), sizes=np.zeros(0, np.int64)
    )
    assert group_participants(np.zeros((0, 2)), empty).k == 0


def test_params_are_reported() -> None:
    params = OpinionParams(random_state=3, max_k=3)
    matrix, _ = two_camps()
    result = compute_opinion_map(matrix, params=params)
    assert result.params.as_dict()["max_k"] == 3
    assert set(result.silhouettes) <= {2, 3}
