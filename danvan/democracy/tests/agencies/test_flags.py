"""The 31 March deadline and the Art 52 checks, as the agency page flags them (time frozen)."""

import datetime as dt

import pytest
import time_machine

from danvan.democracy.models.agencies import StaffConference
from danvan.democracy.selectors import agencies as selectors
from danvan.democracy.selectors.agencies import YearState
from danvan.democracy.services import agencies as services
from danvan.democracy.tests.agencies.conftest import Agencies

pytestmark = pytest.mark.django_db


def hold(
    agencies: Agencies, day: dt.date, *, present: int = 20, staff: int = 30
) -> StaffConference:
    conference = services.conference_create(
        actor=agencies.head, agency=agencies.agency, year=2025, held_on=day, total_staff=staff
    )
    return services.conference_record(actor=agencies.head, conference=conference, attendees=present)


def latest(agencies: Agencies, today: dt.date) -> selectors.ConferenceYear:
    profile = selectors.profile_of(agencies.agency)
    return selectors.conference_years(agencies.agency, today=today, profile=profile)[0]


def test_no_conference_is_due_until_31_march_and_missing_from_1_april(agencies: Agencies) -> None:
    # given no conference for the work year 2025
    # then on 31 March 2026 it is due, not flagged
    on_deadline = latest(agencies, dt.date(2026, 3, 31))
    assert (on_deadline.year, on_deadline.state, on_deadline.flagged) == (
        2025,
        YearState.DUE,
        False,
    )
    assert on_deadline.deadline == dt.date(2026, 3, 31)
    # and on 1 April 2026 it is missing, flagged
    after = latest(agencies, dt.date(2026, 4, 1))
    assert (after.state, after.flagged) == (YearState.MISSING, True)


def test_a_conference_without_quorum_does_not_count_as_held(agencies: Agencies) -> None:
    # given a conference on 10 March 2026 where 19 of 30 came (20 needed)
    hold(agencies, dt.date(2026, 3, 10), present=19)
    # then after 31 March the year is still missing, though the conference is shown
    year = latest(agencies, dt.date(2026, 4, 1))
    assert year.state == YearState.MISSING
    assert year.conference is not None
    assert year.conference.attendees == 19


@time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC), tick=False)
def test_held_on_time_or_late(agencies: Agencies) -> None:
    # given a quorate conference on 31 March 2026
    hold(agencies, dt.date(2026, 3, 31))
    assert latest(agencies, dt.date(2026, 11, 26)).state == YearState.HELD
    # and for another agency one held on 1 April 2026
    late = services.conference_create(
        actor=agencies.other_officer,
        agency=agencies.other_agency,
        year=2025,
        held_on=dt.date(2026, 4, 1),
        total_staff=9,
    )
    services.conference_record(actor=agencies.other_officer, conference=late, attendees=6)
    # then the second is held late, and flagged
    year = selectors.conference_years(agencies.other_agency, today=dt.date(2026, 11, 26))[0]
    assert (year.state, year.flagged) == (YearState.LATE, True)
    # and the overview of its head shows it
    rows = selectors.agencies_overview(agencies.other_officer, today=dt.date(2026, 11, 26))
    assert [row.latest.state for row in rows] == [YearState.LATE]


def test_seven_staff_or_fewer_is_optional_eight_is_not(agencies: Agencies) -> None:
    # given an agency of 7 staff with no conference
    services.agency_profile_save(actor=agencies.head, agency=agencies.agency, staff_count=7)
    # then after 31 March nothing is flagged
    year = latest(agencies, dt.date(2026, 6, 1))
    assert (year.state, year.flagged) == (YearState.OPTIONAL, False)
    # and with 8 staff it is missing
    services.agency_profile_save(actor=agencies.head, agency=agencies.agency, staff_count=8)
    assert latest(agencies, dt.date(2026, 6, 1)).state == YearState.MISSING


def test_history_starts_at_the_first_conference_recorded(agencies: Agencies) -> None:
    # given an agency with nothing recorded
    # then only the last finished work year is shown (earlier ones were kept on paper)
    years = selectors.conference_years(agencies.agency, today=dt.date(2026, 6, 1))
    assert [y.year for y in years] == [2025]
    # when a conference for 2023 is recorded (held in February 2024)
    services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2023,
        held_on=dt.date(2024, 2, 1),
        total_staff=30,
    )
    # then three years are shown, newest first, 2024 missing
    years = selectors.conference_years(agencies.agency, today=dt.date(2026, 6, 1))
    assert [(y.year, y.state) for y in years] == [
        (2025, YearState.MISSING),
        (2024, YearState.MISSING),
        (2023, YearState.MISSING),  # recorded, but its attendance is not: not held
    ]


def test_six_monthly_checks_fall_due_and_are_flagged_when_missing(agencies: Agencies) -> None:
    # given a resolution adopted on 10 March 2026
    conference = hold(agencies, dt.date(2026, 3, 10), present=25)
    services.conference_record(
        actor=agencies.head,
        conference=conference,
        attendees=25,
        resolution_number="01/NQ",
        resolution_adopted_on=dt.date(2026, 3, 10),
    )
    # then on 10 September 2026 the first check is due, not yet overdue
    first, second = selectors.checks_due(conference, today=dt.date(2026, 9, 10))
    assert (first.due_on, first.overdue) == (dt.date(2026, 9, 10), False)
    assert (second.due_on, second.overdue) == (dt.date(2027, 3, 10), False)
    # and on 11 September it is overdue
    assert [
        d.period for d in selectors.overdue_checks(agencies.agency, today=dt.date(2026, 9, 11))
    ] == [1]
    # and once recorded it is no longer
    services.resolution_check_record(
        actor=agencies.head,
        conference=conference,
        period=1,
        checked_on=dt.date(2026, 9, 12),
        findings="Đạt.",
    )
    assert selectors.overdue_checks(agencies.agency, today=dt.date(2026, 9, 30)) == []
    assert selectors.overdue_checks(agencies.agency, today=dt.date(2027, 3, 11))[0].period == 2
    # and a conference without a resolution has nothing to check
    bare = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2026,
        kind=StaffConference.Kind.EXTRAORDINARY,
        proposer="head",
        held_on=dt.date(2026, 7, 1),
        total_staff=30,
    )
    assert selectors.checks_due(bare, today=dt.date(2027, 1, 1)) == []


def test_management_rule(agencies: Agencies) -> None:
    # given the agency's head and handler, the other agency's head, a citizen
    # then only the first two manage the agency, and nobody manages nothing
    assert agencies.head.has_perm("democracy.manage_agency", agencies.agency)
    assert agencies.handler.has_perm("democracy.manage_agency", agencies.agency)
    assert not agencies.other_officer.has_perm("democracy.manage_agency", agencies.agency)
    assert not agencies.citizen.has_perm("democracy.manage_agency", agencies.agency)
    assert not agencies.head.has_perm("democracy.manage_agency", None)
    # and the lists follow the same rule
    assert list(selectors.agencies_managed(agencies.handler)) == [agencies.agency]
    assert list(selectors.agencies_managed(agencies.citizen)) == []


def test_labels(agencies: Agencies) -> None:
    profile = services.agency_profile_save(
        actor=agencies.head, agency=agencies.agency, staff_count=7
    )
    conference = hold(agencies, dt.date(2026, 3, 10), present=5, staff=7)
    matter = services.matter_propose(
        actor=agencies.head,
        agency=agencies.agency,
        item="other",
        title="Tổ chức tham quan",
        proposer="head",
        staff_at_proposal=7,
        proposed_on=dt.date(2026, 2, 1),
    )
    assert profile.unit == conference.unit == matter.unit == agencies.agency
    assert str(conference) == "Sở Nội vụ — 2025"
    assert str(matter) == "Tổ chức tham quan"
    assert profile.is_small
    assert not profile.may_use_delegates
