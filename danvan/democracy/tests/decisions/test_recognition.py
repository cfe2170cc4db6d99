"""Art 21(3): the commune recognises within 5 working days of receiving the decision."""

import datetime as dt

import pytest

from danvan.deadlines.config import DeadlineConfig
from danvan.deadlines.engine import RULE_BOOK, WorkingCalendar
from danvan.democracy.decisions import recognition_due_date


@pytest.mark.django_db
def test_recognition_skips_the_30_april_holidays() -> None:
    """Received Tue 28/4/2026. Working days after it: Wed 29 (1); Thu 30/4 and Fri 1/5 are
    holidays, then the weekend; Mon 4 (2), Tue 5 (3), Wed 6 (4), Thu 7/5 (5)."""
    # given the calendar in force (no administrator's change)
    # when a decision is received on 28 April 2026
    due = recognition_due_date(received_on=dt.date(2026, 4, 28))
    # then the commune must recognise it by 7 May 2026
    assert due == dt.date(2026, 5, 7)


def test_recognition_with_an_explicit_config_over_a_weekend() -> None:
    """Received Fri 6/11/2026: Mon 9 (1), Tue 10 (2), Wed 11 (3), Thu 12 (4), Fri 13 (5)."""
    config = DeadlineConfig(calendar=WorkingCalendar(), rule_book=RULE_BOOK, culture_day_off=True)
    assert recognition_due_date(received_on=dt.date(2026, 11, 6), config=config) == dt.date(
        2026, 11, 13
    )
