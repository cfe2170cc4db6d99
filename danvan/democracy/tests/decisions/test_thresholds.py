"""Art 21 thresholds, hand-computed. All denominators are ALL households of the village."""

from fractions import Fraction

import pytest
from django.utils import translation

from danvan.democracy.decisions import (
    ClusterCount,
    DecisionInputError,
    Matter,
    Rule,
    VillageResult,
    clusters_sum,
    commune_result,
    majority_threshold,
    two_thirds_threshold,
    village_result,
)


def contribution(total: int, approve: int, reject: int = 0, abstain: int = 0) -> bool:
    """Village vote on item 1, the rest of the households not voting."""
    result = village_result(
        Matter.CONTRIBUTIONS,
        total_households=total,
        approve=approve,
        reject=reject,
        abstain=abstain,
        not_voted=total - approve - reject - abstain,
    )
    return result.passed


def test_exactly_two_thirds_passes() -> None:
    """30 households: 2/3 · 30 = 20 exactly, and "at least" includes 20 (3·20 = 60 ≥ 60)."""
    # given a village of 30 households voting on a contribution
    # when exactly 20 approve
    result = village_result(
        Matter.CONTRIBUTIONS, total_households=30, approve=20, reject=5, abstain=3, not_voted=2
    )
    # then it passes, the threshold is 20 and the basis cites Art 21(1)(a)
    assert result.passed
    assert result.threshold == 20
    assert result.rule is Rule.TWO_THIRDS
    assert result.approval_share == Fraction(2, 3)
    with translation.override("en"):
        assert "Article 21(1)(a)" in str(result.basis)
        assert "20" in str(result.basis)


def test_one_short_of_two_thirds_fails() -> None:
    """30 households: 19 approve, 3·19 = 57 < 60."""
    assert not contribution(30, 19, reject=11)


def test_two_thirds_of_31_needs_21() -> None:
    """31 households: 2/3 · 31 = 20.67, so 20 fail (60 < 62) and 21 pass (63 ≥ 62)."""
    # given 31 households
    # then the minimal number is 21
    assert two_thirds_threshold(31) == 21
    assert not contribution(31, 20, reject=11)
    assert contribution(31, 21, reject=10)


def test_community_funds_use_two_thirds_too() -> None:
    """Item 2, 9 households: threshold 6 (3·6 = 18 ≥ 18); 5 approvals fail."""
    result = village_result(
        Matter.COMMUNITY_FUNDS, total_households=9, approve=5, reject=4, abstain=0, not_voted=0
    )
    assert result.threshold == 6
    assert not result.passed


def test_abstentions_count_against() -> None:
    """30 households, 19 approve and 11 abstain, none reject: still 19 < 20, fails;
    counting only yes/no (19 of 19) would wrongly pass."""
    # given no household rejects, but 11 abstain
    # then the vote fails
    assert not contribution(30, 19, abstain=11)


def test_households_that_did_not_vote_count_against() -> None:
    """Item 1, 30 households, 15 came and all approved; 15 did not vote: 15 < 20."""
    result = village_result(
        Matter.CONTRIBUTIONS, total_households=30, approve=15, reject=0, abstain=0, not_voted=15
    )
    assert not result.passed
    assert result.not_voted == 15


def test_majority_tie_fails() -> None:
    """Item 3, 40 households: 20 approve is exactly half, not more than half (40 ≯ 40)."""
    # given a convention vote of 40 households split 20 / 20
    result = village_result(
        Matter.CONVENTION, total_households=40, approve=20, reject=20, abstain=0, not_voted=0
    )
    # then it fails; 21 are needed
    assert not result.passed
    assert result.threshold == 21
    assert result.rule is Rule.MAJORITY
    with translation.override("en"):
        assert "Article 21(2)" in str(result.basis)


def test_majority_one_more_than_half_passes() -> None:
    """Item 4, 40 households: 21 approve, 42 > 40."""
    result = village_result(
        Matter.VILLAGE_HEAD, total_households=40, approve=21, reject=0, abstain=4, not_voted=15
    )
    assert result.passed


def test_majority_odd_total() -> None:
    """Item 6, 41 households: half is 20.5, so 21 pass (42 > 41) and 20 fail (40 < 41)."""
    assert majority_threshold(41) == 21
    passed = village_result(
        Matter.OTHER, total_households=41, approve=21, reject=0, abstain=0, not_voted=20
    )
    failed = village_result(
        Matter.OTHER, total_households=41, approve=20, reject=0, abstain=0, not_voted=21
    )
    assert passed.passed
    assert not failed.passed


def test_majority_counts_all_households_not_those_present() -> None:
    """Item 5, 100 households, 30 present all approve: 30 of 30 present, but 30 < 51."""
    result = village_result(
        Matter.BOARDS, total_households=100, approve=30, reject=0, abstain=0, not_voted=70
    )
    assert not result.passed


def test_zero_household_village_refused() -> None:
    with pytest.raises(DecisionInputError, match="without households"):
        village_result(
            Matter.CONTRIBUTIONS, total_households=0, approve=0, reject=0, abstain=0, not_voted=0
        )


def test_counts_must_add_up() -> None:
    """20 + 5 + 3 + 1 = 29 ≠ 30."""
    with pytest.raises(DecisionInputError, match="add up to 29") as error:
        village_result(
            Matter.CONTRIBUTIONS, total_households=30, approve=20, reject=5, abstain=3, not_voted=1
        )
    assert "30" in error.value.message


def test_negative_counts_refused() -> None:
    with pytest.raises(DecisionInputError, match="cannot be negative"):
        village_result(
            Matter.OTHER, total_households=10, approve=12, reject=0, abstain=0, not_voted=-2
        )


# ------------------------------------------------------------------ clusters (Art 18)


def test_clusters_are_summed_before_the_threshold() -> None:
    """A village of 240 households meets in 3 clusters (80 each).

    Cluster A: 70 approve of 80; B: 70 of 80; cluster C: 20 of 80.
    Village-wide: 160 approve; 2/3 · 240 = 160, so it passes, though cluster C alone
    (20/80) would fail. Non-voters: (80-75) + (80-72) + (80-60) = 5 + 8 + 20 = 33.
    """
    # given three cluster meetings
    clusters = [
        ClusterCount(households=80, approve=70, reject=5, abstain=0),
        ClusterCount(households=80, approve=70, reject=0, abstain=2),
        ClusterCount(households=80, approve=20, reject=30, abstain=10),
    ]
    # when they are summed
    result = clusters_sum(Matter.CONTRIBUTIONS, total_households=240, clusters=clusters)
    # then the village threshold applies to the sum
    assert result.approve == 160
    assert result.reject == 35
    assert result.abstain == 12
    assert result.not_voted == 33
    assert result.threshold == 160
    assert result.passed


def test_clusters_one_short_fail() -> None:
    """Same village, cluster C has 19 approvals: 159 < 160."""
    clusters = [
        ClusterCount(households=80, approve=70, reject=0, abstain=0),
        ClusterCount(households=80, approve=70, reject=0, abstain=0),
        ClusterCount(households=80, approve=19, reject=0, abstain=0),
    ]
    assert not clusters_sum(Matter.CONTRIBUTIONS, total_households=240, clusters=clusters).passed


def test_clusters_need_200_households_or_scattered_population() -> None:
    """150 households may not split into clusters unless the population is scattered."""
    clusters = [
        ClusterCount(households=75, approve=50, reject=0, abstain=0),
        ClusterCount(households=75, approve=50, reject=0, abstain=0),
    ]
    with pytest.raises(DecisionInputError, match="200 households"):
        clusters_sum(Matter.CONTRIBUTIONS, total_households=150, clusters=clusters)
    # a scattered village may: 100 ≥ 2/3 · 150 = 100
    result = clusters_sum(
        Matter.CONTRIBUTIONS, total_households=150, clusters=clusters, scattered_population=True
    )
    assert result.passed


def test_clusters_must_cover_the_village() -> None:
    """Clusters of 100 + 90 = 190 households in a village of 200."""
    clusters = [
        ClusterCount(households=100, approve=0, reject=0, abstain=0),
        ClusterCount(households=90, approve=0, reject=0, abstain=0),
    ]
    with pytest.raises(DecisionInputError, match="190"):
        clusters_sum(Matter.OTHER, total_households=200, clusters=clusters)


def test_cluster_cannot_have_more_votes_than_households() -> None:
    clusters = [
        ClusterCount(households=100, approve=90, reject=20, abstain=0),
        ClusterCount(households=100, approve=0, reject=0, abstain=0),
    ]
    with pytest.raises(DecisionInputError, match="110 votes"):
        clusters_sum(Matter.OTHER, total_households=200, clusters=clusters)


def test_cluster_negative_counts_and_no_cluster_refused() -> None:
    with pytest.raises(DecisionInputError, match="negative"):
        clusters_sum(
            Matter.OTHER,
            total_households=200,
            clusters=[ClusterCount(households=200, approve=-1, reject=0, abstain=0)],
        )
    with pytest.raises(DecisionInputError, match="at least one"):
        clusters_sum(Matter.OTHER, total_households=200, clusters=[])


# ------------------------------------------------------------------ commune-wide (Art 21(1)(b))


def village(passed: bool, matter: Matter = Matter.CONTRIBUTIONS) -> VillageResult:
    """A village of 30 households: 20 approvals pass (20 ≥ 20), 19 fail."""
    approve = 20 if passed else 19
    return village_result(
        matter, total_households=30, approve=approve, reject=30 - approve, abstain=0, not_voted=0
    )


def test_commune_three_villages_two_pass() -> None:
    """3 villages, 2 pass: 2/3 · 3 = 2, and 3·2 = 6 ≥ 6: passes."""
    # given three villages, one failing
    results = {"T1": village(True), "T2": village(True), "T3": village(False)}
    # when counted commune-wide
    result = commune_result(Matter.CONTRIBUTIONS, total_villages=3, village_results=results)
    # then two thirds of the villages approved
    assert result.passed
    assert result.threshold == 2
    assert result.villages_passed == ("T1", "T2")
    assert result.villages_failed == ("T3",)
    with translation.override("en"):
        assert "Article 21(1)(b)" in str(result.basis)


def test_commune_five_villages_three_pass_fails() -> None:
    """5 villages, 3 pass: 2/3 · 5 = 10/3 = 3.33, and 3·3 = 9 < 10: fails; 4 are needed."""
    results = {f"T{i}": village(i <= 3) for i in range(1, 6)}
    result = commune_result(Matter.CONTRIBUTIONS, total_villages=5, village_results=results)
    assert not result.passed
    assert result.threshold == 4


def test_commune_missing_villages_count_against() -> None:
    """3 villages in the commune, 2 reported and passed, 1 not reported: 2 ≥ 2 passes;
    with 4 villages and the same 2 results, 2 < 8/3: fails."""
    results = {"T1": village(True), "T2": village(True)}
    ok = commune_result(Matter.CONTRIBUTIONS, total_villages=3, village_results=results)
    short = commune_result(Matter.CONTRIBUTIONS, total_villages=4, village_results=results)
    assert ok.passed
    assert ok.villages_missing == 1
    assert not short.passed
    assert short.villages_missing == 2


def test_commune_refuses_bad_input() -> None:
    results = {"T1": village(True), "T2": village(True)}
    # more results than villages
    with pytest.raises(DecisionInputError, match="2 village results"):
        commune_result(Matter.CONTRIBUTIONS, total_villages=1, village_results=results)
    # no villages
    with pytest.raises(DecisionInputError, match="without villages"):
        commune_result(Matter.CONTRIBUTIONS, total_villages=0, village_results={})
    # item 3 is not decided commune-wide
    with pytest.raises(DecisionInputError, match="commune-wide"):
        commune_result(Matter.CONVENTION, total_villages=2, village_results=results)
    # a village result on another matter
    mixed = {"T1": village(True), "T2": village(True, Matter.COMMUNITY_FUNDS)}
    with pytest.raises(DecisionInputError, match="same matter"):
        commune_result(Matter.CONTRIBUTIONS, total_villages=2, village_results=mixed)
