"""'Remaining days' and 'overdue today' with the clock frozen (time_machine).

"Today" is the date in Vietnam (UTC+7): 17:30 UTC on the 27th is already the 28th there.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import HttpRequest

from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import DeadlineStatus
from danvan.deadlines.panels import next_days_off_context
from danvan.deadlines.selectors import deadline_today

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
D = dt.date


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> time_machine.travel:
    return time_machine.travel(
        dt.datetime(year, month, day, hour, minute, tzinfo=HANOI), tick=False
    )


def test_during_tet_the_clock_of_a_working_day_limit_stands_still() -> None:
    # given a denunciation received Thu 12/2/2026: 7 working days → Mon 2/3
    deadline = deadline_config().running("denunciation_accept", on=D(2026, 2, 12))
    # when looked at on Fri 13/2, then during the break, then after it
    with _at(2026, 2, 13):
        before = deadline_today(deadline=deadline)
    with _at(2026, 2, 19):
        during = deadline_today(deadline=deadline)
    with _at(2026, 2, 23):
        after = deadline_today(deadline=deadline)
    # then 13/2 was used, nothing was used during Tết, and one more day on 23/2
    assert (before.remaining, during.remaining, after.remaining) == (6, 6, 5)
    assert before.due_date == D(2026, 3, 2)
    assert during.status is DeadlineStatus.ON_TIME


def test_due_today_then_overdue_just_after_midnight_in_vietnam() -> None:
    # given 5 working days after Fri 20/2/2026 (Tết) → Fri 27/2
    deadline = deadline_config().running("denunciation_transfer", on=D(2026, 2, 20))
    with _at(2026, 2, 27, 23, 59):
        last_minute = deadline_today(deadline=deadline)
    # 17:30 UTC on 27/2 is 00:30 on 28/2 in Hà Nội
    with time_machine.travel(dt.datetime(2026, 2, 27, 17, 30, tzinfo=dt.UTC), tick=False):
        next_day = deadline_today(deadline=deadline)
    assert last_minute.status is DeadlineStatus.DUE_TODAY
    assert last_minute.remaining == 0
    assert next_day.status is DeadlineStatus.OVERDUE
    assert next_day.remaining == -1


def test_working_saturday_counts_as_a_day_used() -> None:
    # given 3 working days after Thu 8/1/2026 → Mon 12/1 (Sat 10/1 is worked)
    deadline = deadline_config().running("complaint_decision_send", on=D(2026, 1, 8))
    with _at(2026, 1, 9):
        friday = deadline_today(deadline=deadline)
    with _at(2026, 1, 10):
        saturday = deadline_today(deadline=deadline)
    with _at(2026, 1, 11):
        sunday = deadline_today(deadline=deadline)
    assert (friday.remaining, saturday.remaining, sunday.remaining) == (2, 1, 1)


def test_swapped_day_off_before_national_day() -> None:
    # given 30 days after Mon 3/8/2026 → Wed 2/9 (holiday) → Thu 3/9
    deadline = deadline_config().running("complaint_first", on=D(2026, 8, 3))
    with _at(2026, 8, 31):
        monday_off = deadline_today(deadline=deadline)
    with _at(2026, 9, 2):
        national_day = deadline_today(deadline=deadline)
    with _at(2026, 9, 4):
        friday = deadline_today(deadline=deadline)
    # calendar-day limits count every day: 3 days left on 31/8, 1 on 2/9, overdue on 4/9
    assert monday_off.remaining == 3
    assert national_day.status is DeadlineStatus.ON_TIME
    assert national_day.remaining == 1
    assert friday.status is DeadlineStatus.OVERDUE


def test_year_end_2026_to_2027() -> None:
    # given 7 working days after Thu 24/12/2026 → Tue 5/1/2027 (1/1/2027 off)
    deadline = deadline_config().running("denunciation_accept", on=D(2026, 12, 24))
    with _at(2026, 12, 31, 16):
        new_year_eve = deadline_today(deadline=deadline)
    with _at(2027, 1, 1, 10):
        new_year = deadline_today(deadline=deadline)
    with _at(2027, 1, 6, 8):
        late = deadline_today(deadline=deadline)
    assert new_year_eve.remaining == 2  # Mon 4/1 and Tue 5/1
    assert new_year.remaining == 2  # the holiday uses nothing
    assert late.status is DeadlineStatus.OVERDUE


def test_without_freezing_today_is_taken_from_the_site_time_zone() -> None:
    # given an explicit "today"
    deadline = deadline_config().running("denunciation_accept", on=D(2026, 2, 12))
    explicit = deadline_today(deadline=deadline, today=D(2026, 3, 3))
    # then the explicit date is used
    assert explicit.status is DeadlineStatus.OVERDUE


def test_dashboard_panel_lists_the_next_days_off_from_today() -> None:
    # given today is Wed 7/1/2026
    with _at(2026, 1, 7):
        context = next_days_off_context(HttpRequest())
    # then the next entries are the swapped working Saturday, then Tết 2026
    days = [(d.date, d.is_working) for d in context["days"]]
    assert days[0] == (D(2026, 1, 10), True)
    assert days[1:] == [
        (D(2026, 2, 16), False),
        (D(2026, 2, 17), False),
        (D(2026, 2, 18), False),
        (D(2026, 2, 19), False),
    ]


def test_dashboard_panel_after_the_last_known_swap_of_2026() -> None:
    with _at(2026, 11, 25):
        context = next_days_off_context(HttpRequest())
    # 24/11/2026 is past; next come 1/1/2027 and the 2027 Tết days
    assert [d.date for d in context["days"]][:2] == [D(2027, 1, 1), D(2027, 2, 4)]
