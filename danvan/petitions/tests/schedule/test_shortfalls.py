"""Per head and month: planned and held days against the duty, and the warnings."""

import datetime as dt

import pytest
from django.utils.translation import gettext

from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.selectors.schedule import (
    Period,
    clock,
    reception_days_public,
    reception_duty_statuses,
    units_with_public_schedule,
)
from danvan.petitions.tests.schedule.conftest import Day
from danvan.units.models import Unit, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
TODAY = dt.date(2026, 11, 2)
Status = ReceptionScheduleDay.Status


def test_a_commune_chairman_with_one_day_planned_is_one_short(
    commune_committee: Unit, chairman: User, deputy: User, day: Day
) -> None:
    # given one regular day planned in November 2026 (2 required from 1/7/2026)
    day(commune_committee, chairman, dt.date(2026, 11, 5))
    # when the month is checked
    [status] = reception_duty_statuses(unit=commune_committee, year=2026, month=11, today=TODAY)
    # then the chairman (not the deputy) is one day short
    assert status.head == chairman
    assert status.title == "Chủ tịch"
    assert (status.required, status.counted, status.shortfall) == (2, 1, 1)
    assert status.is_short
    assert status.month_label == "11/2026"
    # when a second day is planned, the duty is met
    day(commune_committee, chairman, dt.date(2026, 11, 19))
    [status] = reception_duty_statuses(unit=commune_committee, year=2026, month=11, today=TODAY)
    assert (status.counted, status.planned_ahead, status.held, status.is_short) == (2, 2, 0, False)


def test_what_does_not_count(
    commune_committee: Unit, chairman: User, deputy: User, day: Day
) -> None:
    # a delegated regular day (not allowed for a commune chairman), an ad hoc day,
    # a cancelled day, a day of December, and a past day nobody recorded
    day(commune_committee, chairman, dt.date(2026, 11, 10), delegate=deputy)
    day(commune_committee, chairman, dt.date(2026, 11, 12), kind="ad_hoc", delegate=deputy)
    day(commune_committee, chairman, dt.date(2026, 11, 13), status=Status.CANCELLED)
    day(commune_committee, chairman, dt.date(2026, 12, 1))
    unrecorded = day(commune_committee, chairman, dt.date(2026, 10, 30))
    held = day(commune_committee, chairman, dt.date(2026, 11, 2), status=Status.HELD)
    [november] = reception_duty_statuses(unit=commune_committee, year=2026, month=11, today=TODAY)
    assert (november.counted, november.held, november.planned_ahead) == (1, 1, 0)
    assert november.not_counted_delegated == 1
    [october] = reception_duty_statuses(unit=commune_committee, year=2026, month=10, today=TODAY)
    assert october.counted == 0
    assert october.unrecorded == [unrecorded]
    assert held.status == Status.HELD


def test_june_2026_is_judged_week_by_week(
    commune_committee: Unit, chairman: User, deputy: User, day: Day
) -> None:
    # June 2026 has five Mondays (1, 8, 15, 22, 29): one day a week was owed then
    day(commune_committee, chairman, dt.date(2026, 6, 3), status=Status.HELD)
    day(commune_committee, chairman, dt.date(2026, 6, 10), status=Status.HELD, delegate=deputy)
    day(commune_committee, chairman, dt.date(2026, 7, 2), status=Status.HELD)  # week of 29/6
    [status] = reception_duty_statuses(unit=commune_committee, year=2026, month=6, today=TODAY)
    assert status.duty.period == Period.WEEK
    assert status.required == 5
    assert status.counted == 3  # delegation was allowed before 1/7/2026
    assert status.weeks_without_day == [dt.date(2026, 6, 15), dt.date(2026, 6, 22)]
    assert status.shortfall == 2


def test_units_without_a_duty_or_without_heads_have_no_status(
    commune: Unit, commune_committee: Unit
) -> None:
    assert reception_duty_statuses(unit=commune, year=2026, month=11, today=TODAY) == []
    assert reception_duty_statuses(unit=commune_committee, year=2026, month=11) == []


def test_the_public_list_shows_coming_days_with_who_when_and_where(
    commune_committee: Unit, chairman: User, deputy: User, day: Day
) -> None:
    day(commune_committee, chairman, dt.date(2026, 10, 29))  # past: not published
    coming = day(
        commune_committee,
        chairman,
        dt.date(2026, 11, 5),
        start_time=dt.time(13, 30),
        end_time=dt.time(17, 0),
    )
    day(
        commune_committee,
        chairman,
        dt.date(2026, 11, 6),
        status=Status.CANCELLED,
        cancel_reason="Họp",
    )
    day(commune_committee, chairman, dt.date(2026, 11, 9), kind="ad_hoc", delegate=deputy)
    rows = reception_days_public(unit=commune_committee, today=TODAY)
    assert [r.day.date.day for r in rows] == [5, 6, 9]
    first = rows[0]
    assert first.day == coming
    assert (first.head_name, first.head_title, first.delegate_name) == (
        "Nguyễn Văn An",
        "Chủ tịch",
        "",
    )
    assert first.time_range == gettext("from %(start)s to %(end)s") % {
        "start": clock(dt.time(13, 30)),
        "end": clock(dt.time(17, 0)),
    }
    assert clock(dt.time(7, 5)) == gettext("%(hour)d:%(minute)02d") % {"hour": 7, "minute": 5}
    assert str(first.weekday)  # Thursday
    assert rows[2].delegate_name == "Lê Thị Thu"
    assert list(units_with_public_schedule(today=TODAY)) == [commune_committee]
    assert reception_days_public(unit=commune_committee)  # today by default
