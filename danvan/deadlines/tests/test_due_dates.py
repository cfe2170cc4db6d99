"""Hand-derived due dates (DOMAIN.md §8, Civil Code Arts 147–148).

Each expected date was worked out by hand from the 2026 public-sector schedule in DOMAIN.md
§8.3 and the weekdays of the calendar, and is explained in its comment. Weekdays used:
1/1/2026 Thu; 1/2/2026 Sun; 1/4/2026 Wed; 1/8/2026 Sat; 1/11/2026 Sun; 1/1/2027 Fri;
1/2/2027 Mon.

Days off used (weekdays): 2026: Thu 1/1, Fri 2/1 (swap), Mon 16–Fri 20/2 (Tết; with the
weekends the break is 14–22/2), Mon 27/4 (compensatory for Hùng Kings on Sun 26/4), Thu
30/4, Fri 1/5, Mon 31/8 (swap), Tue 1/9, Wed 2/9, Tue 24/11 ([U], off by default).
Working Saturdays 2026: 10/1, 22/8. 2027: Fri 1/1, Thu 4–Wed 10/2 (Tết).
2025: Sat 26/4 worked, Wed 30/4–Fri 2/5 off.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from danvan.deadlines.engine import RULE_BOOK, WorkingCalendar, due_date

D = dt.date

# (rule, anchor date, remote area, expected due date)
CASES = [
    # --- Tết Bính Ngọ 2026: 14–22/2 off --------------------------------------------------
    # 7 working days after Thu 12/2: Fri 13/2 (1); 14–22/2 off; Mon 23 (2) … Fri 27 (6);
    # Mon 2/3 (7).
    ("denunciation_accept", D(2026, 2, 12), False, D(2026, 3, 2)),
    # After Fri 13/2: Mon 23 (1) … Fri 27 (5), Mon 2/3 (6), Tue 3/3 (7).
    ("denunciation_accept", D(2026, 2, 13), False, D(2026, 3, 3)),
    # Received online on Sat 14/2 (inside the break): first working day Mon 23/2 (1) …
    # Fri 27/2 (5).
    ("denunciation_transfer", D(2026, 2, 14), False, D(2026, 2, 27)),
    # 30 days after Mon 19/1 is Wed 18/2, a Tết day → Art 148(5) → Mon 23/2.
    ("complaint_first", D(2026, 1, 19), False, D(2026, 2, 23)),
    # Remote area, 45 days: 19/1 + 12 = 31/1, + 28 = 28/2, + 5 = Thu 5/3 (working).
    ("complaint_first", D(2026, 1, 19), True, D(2026, 3, 5)),
    # 30 days after Thu 15/1 is Sat 14/2 → Sun 15, Tết 16–20, weekend 21–22 → Mon 23/2.
    ("denunciation_resolve", D(2026, 1, 15), False, D(2026, 2, 23)),
    # 10 working days after Fri 6/2: 9–13/2 (1–5); break; 23–27/2 (6–10) → Fri 27/2.
    ("petition_process", D(2026, 2, 6), False, D(2026, 2, 27)),
    # 20 days after Fri 30/1 is Thu 19/2 (Tết) → 20/2 off, 21–22 weekend → Mon 23/2.
    ("consultation_posting", D(2026, 1, 30), False, D(2026, 2, 23)),
    # Holidays count inside the period: 20 days after Tue 10/2 is Mon 2/3 (10/2 + 18 = 28/2,
    # + 2 = 2/3), a working day: the Tết days inside add nothing.
    ("consultation_posting", D(2026, 2, 10), False, D(2026, 3, 2)),
    # --- New Year 2026: Fri 2/1 off, Sat 10/1 worked (VPCP 12729) ------------------------
    # 5 working days after Wed 31/12/2025: 1/1 and 2/1 off, weekend; Mon 5 (1) … Fri 9/1 (5).
    # (Without the override it would be Thu 8/1, counting Fri 2/1.)
    ("denunciation_transfer", D(2025, 12, 31), False, D(2026, 1, 9)),
    # 3 working days after Thu 8/1: Fri 9 (1), Sat 10 (2, swapped), Mon 12 (3).
    ("complaint_decision_send", D(2026, 1, 8), False, D(2026, 1, 12)),
    # After Fri 9/1: Sat 10 (1), Mon 12 (2), Tue 13 (3).
    ("complaint_decision_send", D(2026, 1, 9), False, D(2026, 1, 13)),
    # 10 days (Art 27, before 1/7/2026) after Wed 31/12/2025 is Sat 10/1: a working Saturday,
    # so Art 148(5) does not move it.
    ("complaint_accept", D(2025, 12, 31), False, D(2026, 1, 10)),
    # 10 days after Tue 23/12/2025 is Fri 2/1/2026 (off by the swap) → Sat 3, Sun 4 → Mon 5/1.
    ("complaint_accept", D(2025, 12, 23), False, D(2026, 1, 5)),
    # 90 days (Art 9) after Fri 2/1: 29 (to 31/1) + 28 + 31 = 88 → Thu 2/4.
    ("complaint_file", D(2026, 1, 2), False, D(2026, 4, 2)),
    # --- Hùng Kings 2026: Sun 26/4, compensatory Mon 27/4; 30/4, 1/5 -------------------
    # 5 working days after Thu 23/4: Fri 24 (1); Mon 27 off; Tue 28 (2), Wed 29 (3); 30/4,
    # 1/5 off; Mon 4/5 (4), Tue 5/5 (5).
    ("denunciation_transfer", D(2026, 4, 23), False, D(2026, 5, 5)),
    # 30 days after Fri 27/3 is Sun 26/4 → Mon 27/4 is the compensatory day → Tue 28/4.
    ("denunciation_resolve", D(2026, 3, 27), False, D(2026, 4, 28)),
    # 5 working days after Fri 24/4: Tue 28 (1), Wed 29 (2), Mon 4/5 (3), Tue 5 (4), Wed 6 (5).
    ("disclosure_posting", D(2026, 4, 24), False, D(2026, 5, 6)),
    # --- National Day 2026: 29/8–2/9 off, Mon 31/8 swapped to Sat 22/8 -----------------
    # 30 days after Mon 3/8 is Wed 2/9 (holiday) → Thu 3/9.
    ("complaint_first", D(2026, 8, 3), False, D(2026, 9, 3)),
    # 45 days after Fri 17/7: 14 (to 31/7) + 31 = 45 → Mon 31/8 (swapped off) → 1/9, 2/9
    # holidays → Thu 3/9.
    ("complaint_first_complex", D(2026, 7, 17), False, D(2026, 9, 3)),
    # 30 days after Thu 30/7 is Sat 29/8 → Sun 30, Mon 31 (off), 1/9, 2/9 → Thu 3/9.
    ("denunciation_resolve", D(2026, 7, 30), False, D(2026, 9, 3)),
    # 5 working days after Tue 18/8: Wed 19 (1), Thu 20 (2), Fri 21 (3), Sat 22 (4, worked),
    # Mon 24 (5).
    ("denunciation_transfer", D(2026, 8, 18), False, D(2026, 8, 24)),
    # 15 days after Fri 7/8 is Sat 22/8, a working Saturday → no roll-forward.
    ("complaint_second_publish", D(2026, 8, 7), False, D(2026, 8, 22)),
    # 7 working days after Wed 26/8: Thu 27 (1), Fri 28 (2), 29/8–2/9 off, Thu 3/9 (3),
    # Fri 4 (4), Mon 7 (5), Tue 8 (6), Wed 9/9 (7).
    ("denunciation_accept", D(2026, 8, 26), False, D(2026, 9, 9)),
    # 7 working days after Fri 28/8: Thu 3/9 (1), Fri 4 (2), Mon 7 … Fri 11/9 (7).
    ("denunciation_publish", D(2026, 8, 28), False, D(2026, 9, 11)),
    # Second complaint filing, 30 days after Sat 18/7 = Mon 17/8 (working).
    ("complaint_second_file", D(2026, 7, 18), False, D(2026, 8, 17)),
    # Remote area, 45 days after Sat 18/7 = Tue 1/9 (holiday) → Wed 2/9 (holiday) → Thu 3/9.
    ("complaint_second_file", D(2026, 7, 18), True, D(2026, 9, 3)),
    # --- ND 155/2026: acceptance in 7 working days from 1/7/2026 -----------------------
    # Anchor Mon 29/6 is before 1/7: Art 27's 10 days → Thu 9/7.
    ("complaint_accept", D(2026, 6, 29), False, D(2026, 7, 9)),
    # Anchor Wed 1/7: Thu 2 (1), Fri 3 (2), Mon 6 … Fri 10/7 (7).
    ("complaint_accept", D(2026, 7, 1), False, D(2026, 7, 10)),
    # --- Year end 2026 → 2027 ----------------------------------------------------------
    # 7 working days after Thu 24/12: Fri 25 (1), Mon 28 … Thu 31 (5), Fri 1/1/2027 off,
    # Mon 4/1 (6), Tue 5/1 (7).
    ("denunciation_accept", D(2026, 12, 24), False, D(2027, 1, 5)),
    # 30 days after Wed 2/12 is Fri 1/1/2027 (New Year) → weekend → Mon 4/1/2027.
    ("complaint_first", D(2026, 12, 2), False, D(2027, 1, 4)),
    # 45 days after Tue 1/12 = Fri 15/1/2027.
    ("complaint_second", D(2026, 12, 1), False, D(2027, 1, 15)),
    # Remote area, 60 days after Tue 1/12 = Sat 30/1/2027 → Sun 31 → Mon 1/2/2027.
    ("complaint_second", D(2026, 12, 1), True, D(2027, 2, 1)),
    # Remote area, complex, 70 days after Tue 1/12 = Tue 9/2/2027, inside Tết 2027 (4–10/2)
    # → Thu 11/2/2027.
    ("complaint_second_complex", D(2026, 12, 1), True, D(2027, 2, 11)),
    # 7 working days after Wed 3/2/2027: Tết 4–10/2; Thu 11 (1), Fri 12 (2), Mon 15 …
    # Fri 19/2 (7).
    ("denunciation_accept", D(2027, 2, 3), False, D(2027, 2, 19)),
    # --- 24/11/2026 off (default) ------------------------------------------------------
    # 5 working days after Thu 19/11: Fri 20 (1), Mon 23 (2), Tue 24 off, Wed 25 (3),
    # Thu 26 (4), Fri 27 (5).
    ("denunciation_transfer", D(2026, 11, 19), False, D(2026, 11, 27)),
    # 15 days after Mon 9/11 is Tue 24/11 (off) → Wed 25/11.
    ("complaint_second_publish", D(2026, 11, 9), False, D(2026, 11, 25)),
    # 7 working days after Thu 19/11: 20 (1), 23 (2), 25 (3), 26 (4), 27 (5), 30 (6),
    # Tue 1/12 (7).
    ("complaint_accept", D(2026, 11, 19), False, D(2026, 12, 1)),
    # --- 2025: Sat 26/4/2025 worked in exchange for Fri 2/5/2025 ------------------------
    # 5 working days after Wed 23/4/2025: Thu 24 (1), Fri 25 (2), Sat 26 (3), Mon 28 (4),
    # Tue 29 (5).
    ("denunciation_transfer", D(2025, 4, 23), False, D(2025, 4, 29)),
]

# The same periods with 24/11 as a working day (administrator's choice).
CULTURE_DAY_WORKED_CASES = [
    # 20 (1), 23 (2), Tue 24 (3), 25 (4), Thu 26/11 (5).
    ("denunciation_transfer", D(2026, 11, 19), False, D(2026, 11, 26)),
    # 15 days after Mon 9/11 = Tue 24/11, now a working day → stays.
    ("complaint_second_publish", D(2026, 11, 9), False, D(2026, 11, 24)),
    # 20 (1), 23 (2), 24 (3), 25 (4), 26 (5), 27 (6), Mon 30/11 (7).
    ("complaint_accept", D(2026, 11, 19), False, D(2026, 11, 30)),
]


def _ids(cases: list[tuple[str, dt.date, bool, dt.date]]) -> list[str]:
    return [f"{c[0]}-{c[1].isoformat()}{'-remote' if c[2] else ''}" for c in cases]


def test_there_are_at_least_thirty_hand_derived_cases() -> None:
    assert len(CASES) + len(CULTURE_DAY_WORKED_CASES) >= 30


@pytest.mark.parametrize(("code", "start", "remote", "expected"), CASES, ids=_ids(CASES))
def test_due_date(
    calendar: WorkingCalendar, code: str, start: dt.date, remote: bool, expected: dt.date
) -> None:
    # given the rule version in force on the anchor date
    rule = RULE_BOOK.get(code, on=start)
    # when the due date is computed
    result = due_date(rule, start, calendar, remote_area=remote)
    # then it is the hand-derived date, and the act is still possible on that day
    assert result == expected
    assert calendar.is_working_day(result)


@pytest.mark.parametrize(
    ("code", "start", "remote", "expected"),
    CULTURE_DAY_WORKED_CASES,
    ids=_ids(CULTURE_DAY_WORKED_CASES),
)
def test_due_date_when_24_november_is_worked(
    calendar_culture_day_worked: WorkingCalendar,
    code: str,
    start: dt.date,
    remote: bool,
    expected: dt.date,
) -> None:
    rule = RULE_BOOK.get(code, on=start)
    assert due_date(rule, start, calendar_culture_day_worked, remote_area=remote) == expected


def test_the_2026_overrides_change_the_result(package_calendar: WorkingCalendar) -> None:
    # given the package alone, which lacks the 2/1 ↔ 10/1/2026 swap
    rule = RULE_BOOK.get("denunciation_transfer", on=D(2025, 12, 31))
    # when counting 5 working days after 31/12/2025
    result = due_date(rule, D(2025, 12, 31), package_calendar)
    # then Fri 2/1 counts (1), Mon 5 … Thu 8/1 (5): one day earlier than the real schedule
    assert result == D(2026, 1, 8)


def test_remote_area_flag_is_ignored_by_rules_without_a_remote_variant(
    calendar: WorkingCalendar,
) -> None:
    rule = RULE_BOOK.get("denunciation_resolve", on=D(2026, 3, 27))
    assert due_date(rule, D(2026, 3, 27), calendar, remote_area=True) == D(2026, 4, 28)


# Some of the cases again through the management command, which reads the seeded database
# (the data migration adds the 2026 overrides), to pin its exact output.
COMMAND_CASES = [
    ("denunciation_accept", "2026-02-12", [], "2026-03-02\n"),
    ("complaint_decision_send", "2026-01-08", [], "2026-01-12\n"),
    ("complaint_first", "2026-08-03", [], "2026-09-03\n"),
    ("complaint_second", "2026-12-01", ["--remote-area"], "2027-02-01\n"),
    ("denunciation_transfer", "2026-11-19", [], "2026-11-27\n"),
    ("complaint_accept", "2025-12-23", [], "2026-01-05\n"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "start", "flags", "expected"), COMMAND_CASES)
def test_due_date_command_prints_only_the_iso_date(
    code: str, start: str, flags: list[str], expected: str
) -> None:
    # given
    out = io.StringIO()
    # when
    call_command("due_date", code, start, *flags, stdout=out)
    # then stdout holds the date and nothing else
    assert out.getvalue() == expected
