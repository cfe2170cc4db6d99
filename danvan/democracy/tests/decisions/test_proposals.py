"""Art 16(2): a proposal backed by at least 10% of households, support valid 3 months."""

import datetime as dt

import pytest
import time_machine

from danvan.democracy.decisions import (
    DecisionInputError,
    add_months,
    proposal_reaches_threshold,
    proposal_threshold,
    support_valid_until,
)

D = dt.date


def signatures(count: int, on: dt.date) -> tuple[list[int], list[dt.date]]:
    return list(range(count)), [on] * count


def test_ten_percent_of_95_needs_10() -> None:
    """10% of 95 is 9.5: 9 households fail (90 < 95), 10 pass (100 ≥ 95)."""
    assert proposal_threshold(95) == 10
    ids, dates = signatures(9, D(2026, 11, 1))
    nine = proposal_reaches_threshold(
        total_households=95,
        supporting_household_ids=ids,
        signed_on_dates=dates,
        today=D(2026, 11, 20),
    )
    ids, dates = signatures(10, D(2026, 11, 1))
    ten = proposal_reaches_threshold(
        total_households=95,
        supporting_household_ids=ids,
        signed_on_dates=dates,
        today=D(2026, 11, 20),
    )
    assert not nine.reached
    assert ten.reached
    assert ten.threshold == 10


def test_9_9_percent_fails_and_10_percent_passes() -> None:
    """1000 households: 99 is 9.9% (990 < 1000), 100 is exactly 10% (1000 ≥ 1000)."""
    today = D(2026, 11, 20)
    ids, dates = signatures(99, today)
    assert not proposal_reaches_threshold(
        total_households=1000, supporting_household_ids=ids, signed_on_dates=dates, today=today
    ).reached
    ids, dates = signatures(100, today)
    assert proposal_reaches_threshold(
        total_households=1000, supporting_household_ids=ids, signed_on_dates=dates, today=today
    ).reached


def test_duplicated_households_count_once() -> None:
    """20 households need 2 (10·2 = 20 ≥ 20). Household 1 signed three times: it counts
    once, and 1 < 2 fails."""
    today = D(2026, 11, 20)
    alone = proposal_reaches_threshold(
        total_households=20,
        supporting_household_ids=[1, 1, 1],
        signed_on_dates=[D(2026, 11, 1), D(2026, 11, 2), D(2026, 11, 3)],
        today=today,
    )
    assert alone.supporting == 1
    assert alone.duplicates == 2
    assert not alone.reached


@time_machine.travel(dt.datetime(2027, 4, 16, 10, 0, tzinfo=dt.UTC), tick=False)
def test_signature_older_than_three_months_is_not_counted() -> None:
    """Today is 16/4/2027 in Vietnam. Signed 15/1/2027: valid through 15/4, lapsed.
    Signed 16/1/2027: valid through 16/4 (today), counted. 10 households need 1."""
    # given one lapsed and one valid signature
    result = proposal_reaches_threshold(
        total_households=10,
        supporting_household_ids=["A", "B"],
        signed_on_dates=[D(2027, 1, 15), D(2027, 1, 16)],
    )
    # then only the second counts
    assert result.today == D(2027, 4, 16)
    assert result.supporting == 1
    assert result.expired == 1
    assert result.reached


@time_machine.travel(dt.datetime(2027, 4, 17, 10, 0, tzinfo=dt.UTC), tick=False)
def test_all_signatures_expired() -> None:
    """17/4/2027: both signatures of January lapsed; 0 < 1."""
    result = proposal_reaches_threshold(
        total_households=10,
        supporting_household_ids=["A", "B"],
        signed_on_dates=[D(2027, 1, 15), D(2027, 1, 16)],
    )
    assert result.supporting == 0
    assert result.expired == 2
    assert not result.reached


def test_a_household_renewing_its_signature_counts() -> None:
    """Household A signed 1/1/2027 (lapsed on 2/4) and again 1/3/2027: counted on 10/4."""
    result = proposal_reaches_threshold(
        total_households=10,
        supporting_household_ids=["A", "A"],
        signed_on_dates=[D(2027, 1, 1), D(2027, 3, 1)],
        today=D(2027, 4, 10),
    )
    assert result.supporting == 1
    assert result.expired == 0


def test_month_end_arithmetic() -> None:
    """30/11/2026 + 3 months: no 30 February, so the last day of February 2027."""
    assert support_valid_until(D(2026, 11, 30)) == D(2027, 2, 28)
    assert support_valid_until(D(2027, 11, 30)) == D(2028, 2, 29)  # leap year
    assert support_valid_until(D(2026, 10, 31)) == D(2027, 1, 31)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)


def test_proposal_bad_input() -> None:
    today = D(2026, 11, 20)
    with pytest.raises(DecisionInputError, match="without households"):
        proposal_reaches_threshold(
            total_households=0, supporting_household_ids=[], signed_on_dates=[], today=today
        )
    with pytest.raises(DecisionInputError, match="exactly one signing date"):
        proposal_reaches_threshold(
            total_households=10,
            supporting_household_ids=[1, 2],
            signed_on_dates=[today],
            today=today,
        )
    with pytest.raises(DecisionInputError, match="21/11/2026"):
        proposal_reaches_threshold(
            total_households=10,
            supporting_household_ids=[1],
            signed_on_dates=[D(2026, 11, 21)],
            today=today,
        )
    with pytest.raises(DecisionInputError, match="the village has 1"):
        proposal_reaches_threshold(
            total_households=1,
            supporting_household_ids=[1, 2],
            signed_on_dates=[today] * 2,
            today=today,
        )
