"""WorkingCalendar: which days are worked, why, and the arithmetic primitives."""

import datetime as dt
import threading

import holidays
import pytest

from danvan.deadlines.engine import (
    KNOWN_OVERRIDES,
    CalendarRangeError,
    DayKind,
    DayOverride,
    DaySource,
    OverrideKind,
    WorkingCalendar,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "working", "kind"),
    [
        (D(2026, 1, 1), False, DayKind.DAY_OFF),  # New Year, statutory
        (D(2026, 1, 2), False, DayKind.DAY_OFF),  # swap (override; the package misses it)
        (D(2026, 1, 10), True, DayKind.WORKING_WEEKEND),  # the Saturday worked for it
        (D(2026, 2, 13), True, DayKind.WORKING_DAY),  # last working day before Tết
        (D(2026, 2, 14), False, DayKind.WEEKEND),  # Tết break 14–22/2
        (D(2026, 2, 16), False, DayKind.DAY_OFF),
        (D(2026, 2, 20), False, DayKind.DAY_OFF),
        (D(2026, 2, 22), False, DayKind.WEEKEND),
        (D(2026, 2, 23), True, DayKind.WORKING_DAY),  # back to work
        (D(2026, 4, 26), False, DayKind.WEEKEND),  # Hùng Kings on a Sunday
        (D(2026, 4, 27), False, DayKind.DAY_OFF),  # … compensated on Monday
        (D(2026, 4, 30), False, DayKind.DAY_OFF),
        (D(2026, 5, 1), False, DayKind.DAY_OFF),
        (D(2026, 8, 22), True, DayKind.WORKING_WEEKEND),  # worked for Mon 31/8
        (D(2026, 8, 31), False, DayKind.DAY_OFF),
        (D(2026, 9, 1), False, DayKind.DAY_OFF),
        (D(2026, 9, 2), False, DayKind.DAY_OFF),
        (D(2026, 9, 3), True, DayKind.WORKING_DAY),
        (D(2026, 11, 24), False, DayKind.DAY_OFF),  # [U] default: day off
        (D(2027, 1, 1), False, DayKind.DAY_OFF),
        # VN Tết 2030 is Sat 2/2 (UTC+7; the Chinese calendar says 3/2): 31/1–6/2 off
        (D(2030, 1, 30), True, DayKind.WORKING_DAY),
        (D(2030, 1, 31), False, DayKind.DAY_OFF),
        (D(2030, 2, 6), False, DayKind.DAY_OFF),
        (D(2030, 2, 7), True, DayKind.WORKING_DAY),
    ],
)
def test_day_classification(
    calendar: WorkingCalendar, day: dt.date, working: bool, kind: DayKind
) -> None:
    info = calendar.day_info(day)
    assert info.is_working is working
    assert calendar.is_working_day(day) is working
    assert info.kind is kind


def test_tet_2030_follows_the_vietnamese_lunar_calendar(calendar: WorkingCalendar) -> None:
    # given DOMAIN.md §8.2: Tết 2030 is 2/2/2030 in Vietnam (the Chinese calendar says 3/2)
    # when
    info = calendar.day_info(D(2030, 2, 2))
    # then the package's UTC+7 tables name it Tết
    assert info.name == "Tết Nguyên Đán"


def test_override_carries_its_legal_basis(calendar: WorkingCalendar) -> None:
    info = calendar.day_info(D(2026, 1, 2))
    assert info.source is DaySource.OVERRIDE
    assert info.legal_basis == "Công văn 12729/VPCP-KGVX ngày 25/12/2025"


def test_culture_day_is_marked_uncertain(calendar: WorkingCalendar) -> None:
    info = calendar.day_info(D(2026, 11, 24))
    assert info.uncertain is True
    assert "[U]" in info.legal_basis


def test_culture_day_flag_off_removes_the_day_and_its_compensatory_day(
    calendar: WorkingCalendar, calendar_culture_day_worked: WorkingCalendar
) -> None:
    # given 24/11/2029 is a Saturday, compensated on Monday 26/11/2029 by the package
    assert calendar.is_working_day(D(2029, 11, 26)) is False
    # when the administrator says 24/11 is not a day off
    # then neither the day nor the compensatory day is off
    assert calendar_culture_day_worked.is_working_day(D(2026, 11, 24)) is True
    assert calendar_culture_day_worked.is_working_day(D(2029, 11, 26)) is True
    assert calendar_culture_day_worked.day_info(D(2026, 11, 24)).name == ""


def test_override_wins_over_the_package() -> None:
    # given an override making the statutory 2/9/2026 a working day and 3/9 a day off
    overrides = [
        DayOverride(D(2026, 9, 2), OverrideKind.WORKING_DAY, "Thử", "Văn bản thử 1"),
        DayOverride(D(2026, 9, 3), OverrideKind.DAY_OFF, "Thử", "Văn bản thử 2"),
    ]
    # when
    calendar = WorkingCalendar(overrides=overrides)
    # then
    assert calendar.is_working_day(D(2026, 9, 2)) is True
    assert calendar.is_working_day(D(2026, 9, 3)) is False
    assert calendar.add_working_days(D(2026, 9, 1), 1) == D(2026, 9, 2)


def test_two_overrides_for_one_date_are_refused() -> None:
    same_day = [
        DayOverride(D(2026, 9, 3), OverrideKind.DAY_OFF, "A", "X"),
        DayOverride(D(2026, 9, 3), OverrideKind.WORKING_DAY, "B", "Y"),
    ]
    with pytest.raises(ValueError, match="Two overrides"):
        WorkingCalendar(overrides=same_day)


def test_add_zero_and_negative_working_days(calendar: WorkingCalendar) -> None:
    assert calendar.add_working_days(D(2026, 2, 15), 0) == D(2026, 2, 15)
    # 3 working days before Mon 5/1/2026: 2/1 and 1/1 off → Wed 31/12, Tue 30, Mon 29/12/2025
    assert calendar.add_working_days(D(2026, 1, 5), -3) == D(2025, 12, 29)
    # 1 working day before Mon 23/2/2026 (after Tết) is Fri 13/2
    assert calendar.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)


def test_next_working_day(calendar: WorkingCalendar) -> None:
    assert calendar.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)
    assert calendar.next_working_day(D(2026, 2, 23)) == D(2026, 2, 23)
    assert calendar.next_working_day(D(2026, 1, 10)) == D(2026, 1, 10)


def test_working_days_between(calendar: WorkingCalendar) -> None:
    # (Thu 12/2, Mon 2/3]: 13/2, 23–27/2, 2/3 = 7
    assert calendar.working_days_between(D(2026, 2, 12), D(2026, 3, 2)) == 7
    assert calendar.working_days_between(D(2026, 3, 2), D(2026, 2, 12)) == -7
    assert calendar.working_days_between(D(2026, 2, 14), D(2026, 2, 22)) == 0


def test_range_grows_on_demand_in_both_directions() -> None:
    # given a calendar built for 2026 only
    calendar = WorkingCalendar(overrides=KNOWN_OVERRIDES, years=(2026, 2026))
    assert calendar.years == (2026, 2026)
    # when asking beyond it
    late = calendar.add_working_days(D(2026, 12, 30), 300)
    early = calendar.add_working_days(D(2026, 1, 5), -300)
    # then the range grew and results are consistent with a calendar built wide at once
    wide = WorkingCalendar(overrides=KNOWN_OVERRIDES, years=(2020, 2030))
    assert late == wide.add_working_days(D(2026, 12, 30), 300)
    assert early == wide.add_working_days(D(2026, 1, 5), -300)
    assert calendar.years[0] < 2026 < calendar.years[1]
    # and every day of the grown range is classified as by a calendar built wide at once
    first, last = calendar.years
    wide_all = WorkingCalendar(overrides=KNOWN_OVERRIDES, years=(first, last))
    day, end = D(first, 1, 1), D(last, 12, 31)
    differing = []
    while day <= end:
        if calendar.is_working_day(day) is not wide_all.is_working_day(day):
            differing.append(day)
        day += dt.timedelta(days=1)
    assert differing == []


def test_concurrent_growth_gives_consistent_answers() -> None:
    # given one calendar shared by several threads that all need later years
    calendar = WorkingCalendar(years=(2026, 2026))
    expected = WorkingCalendar(years=(2026, 2040))
    starts = [D(2026, 1, 1) + dt.timedelta(days=37 * i) for i in range(40)]
    results: dict[int, list[dt.date]] = {}

    def work(n: int) -> None:
        results[n] = [calendar.add_working_days(s, 1000 + n) for s in starts]

    # when
    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then every thread saw a complete table
    for n, got in results.items():
        assert got == [expected.add_working_days(s, 1000 + n) for s in starts]


def test_dates_outside_the_package_range_are_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(CalendarRangeError):
        calendar.is_working_day(D(2101, 1, 3))
    with pytest.raises(CalendarRangeError):
        calendar.add_working_days(D(2100, 12, 20), 30)


def test_special_days_lists_named_days_in_order(calendar: WorkingCalendar) -> None:
    # when listing January 2026
    days = calendar.special_days(D(2026, 1, 1), D(2026, 1, 31))
    # then: New Year, the swapped day off, the swapped working Saturday
    assert [d.date for d in days] == [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 10)]
    assert [d.is_working for d in days] == [False, False, True]


def test_english_names_come_from_the_package(calendar: WorkingCalendar) -> None:
    assert calendar.day_info(D(2026, 4, 27), language="en").name == (
        "Hung Kings' Commemoration Day (observed)"
    )
    assert calendar.day_info(D(2026, 4, 27)).name == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert "111" in calendar.day_info(D(2026, 4, 27)).legal_basis


def test_overrides_property_and_year_order() -> None:
    calendar = WorkingCalendar(overrides=reversed(KNOWN_OVERRIDES), years=(2026, 2026))
    assert calendar.overrides == KNOWN_OVERRIDES
    with pytest.raises(ValueError, match="first year"):
        WorkingCalendar(years=(2027, 2026))


def test_growth_at_the_end_of_the_table_for_every_query() -> None:
    # 30/12/2028 is a Saturday: the next working day is in 2029, outside the table
    calendar = WorkingCalendar(years=(2028, 2028))
    assert calendar.next_working_day(D(2028, 12, 30)) == D(2029, 1, 2)  # Mon 1/1 is New Year
    other = WorkingCalendar(years=(2028, 2028))
    # (Fri 29/12/2028, Tue 2/1/2029]: only 2/1 is worked
    assert other.working_days_between(D(2028, 12, 29), D(2029, 1, 2)) == 1
    third = WorkingCalendar(years=(2028, 2028))
    assert third.period_end(D(2028, 12, 20), 20, working_days=False) == D(2029, 1, 9)


def test_period_end_without_roll_forward(calendar: WorkingCalendar) -> None:
    # a rule may opt out of Art 148(5) where its own law says so (Civil Code Art 145(1))
    end = calendar.period_end(D(2026, 1, 15), 30, working_days=False, roll_forward=False)
    assert end == D(2026, 2, 14)  # a Saturday inside Tết, kept as it is


def test_swaps_listed_with_a_neighbouring_year_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a package that reveals the Saturday 26/12/2026 worked only when 2027 is built
    class FakePackage(dict[dt.date, str]):
        def __init__(self, years: list[int]) -> None:
            super().__init__()
            self.weekend_workdays = {D(2026, 12, 26)} if 2027 in years else set()

    def fake_country_holidays(country: str, years: list[int]) -> FakePackage:
        return FakePackage(list(years))

    monkeypatch.setattr(holidays, "country_holidays", fake_country_holidays)
    calendar = WorkingCalendar(years=(2026, 2026))
    assert calendar.is_working_day(D(2026, 12, 26)) is False
    # when 2027 is loaded
    calendar.is_working_day(D(2027, 6, 1))
    # then the 2026 Saturday becomes a working day
    assert calendar.is_working_day(D(2026, 12, 26)) is True
