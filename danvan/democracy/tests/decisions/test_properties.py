"""Property-based checks of the Art 21 arithmetic against exact fractions."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from danvan.democracy.decisions import Matter, proposal_threshold, village_result
from danvan.democracy.decisions.thresholds import two_thirds_threshold

matters = st.sampled_from(list(Matter))


@st.composite
def votes(draw: st.DrawFn) -> tuple[Matter, int, int, int, int, int]:
    matter = draw(matters)
    total = draw(st.integers(min_value=1, max_value=5000))
    approve = draw(st.integers(min_value=0, max_value=total))
    reject = draw(st.integers(min_value=0, max_value=total - approve))
    abstain = draw(st.integers(min_value=0, max_value=total - approve - reject))
    return matter, total, approve, reject, abstain, total - approve - reject - abstain


def count(matter: Matter, total: int, approve: int, reject: int, abstain: int, rest: int) -> bool:
    return village_result(
        matter,
        total_households=total,
        approve=approve,
        reject=reject,
        abstain=abstain,
        not_voted=rest,
    ).passed


@given(votes())
def test_never_passes_below_threshold_and_always_at_it(
    vote: tuple[Matter, int, int, int, int, int],
) -> None:
    matter, total, approve, reject, abstain, rest = vote
    result = village_result(
        matter,
        total_households=total,
        approve=approve,
        reject=reject,
        abstain=abstain,
        not_voted=rest,
    )
    # passed exactly when approvals reach the minimal number
    assert result.passed == (approve >= result.threshold)
    # and the minimal number is exactly the legal fraction of ALL households
    share = Fraction(result.threshold, total)
    if matter.needs_two_thirds:
        assert share >= Fraction(2, 3) > Fraction(result.threshold - 1, total)
    else:
        assert share > Fraction(1, 2) >= Fraction(result.threshold - 1, total)


@given(votes())
def test_monotonic_in_approvals(vote: tuple[Matter, int, int, int, int, int]) -> None:
    """Turning one non-approving household into an approval never makes a pass fail."""
    matter, total, approve, reject, abstain, rest = vote
    before = count(matter, total, approve, reject, abstain, rest)
    if rest > 0:
        after = count(matter, total, approve + 1, reject, abstain, rest - 1)
    elif abstain > 0:
        after = count(matter, total, approve + 1, reject, abstain - 1, rest)
    elif reject > 0:
        after = count(matter, total, approve + 1, reject - 1, abstain, rest)
    else:
        after = before  # everyone approved already
    assert after >= before


@given(st.integers(min_value=1, max_value=10**9))
def test_thresholds_are_exact(total: int) -> None:
    assert 3 * two_thirds_threshold(total) >= 2 * total > 3 * (two_thirds_threshold(total) - 1)
    assert 10 * proposal_threshold(total) >= total > 10 * (proposal_threshold(total) - 1)
