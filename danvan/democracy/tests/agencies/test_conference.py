"""The staff conference (Law 10/2022, Art 51): quorum, attendance form, deadline, record."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.agencies import AgendaItem, StaffConference
from danvan.democracy.services import agencies as services
from danvan.democracy.tests.agencies.conftest import Agencies

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DELEGATES = "delegates"


def annual(
    agencies: Agencies,
    *,
    staff: int,
    day: dt.date = dt.date(2026, 3, 10),
    year: int = 2025,
    **kw: Any,
) -> StaffConference:
    return services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=year,
        held_on=day,
        total_staff=staff,
        **kw,
    )


def test_quorum_is_two_thirds_of_all_staff_computed_in_integers() -> None:
    # given 90 staff: two thirds is exactly 60
    # then 60 present is a quorum and 59 is not
    assert services.quorum_needed(90) == 60
    assert services.has_quorum(present=60, base=90)
    assert not services.has_quorum(present=59, base=90)
    # and for 100 delegates two thirds is 66.67: 67 needed, 66 not enough
    assert services.quorum_needed(100) == 67
    assert services.has_quorum(present=67, base=100)
    assert not services.has_quorum(present=66, base=100)
    # and small counts: 7 staff need 5 (4.67 rounded up), 1 needs 1
    assert services.quorum_needed(7) == 5
    assert services.quorum_needed(1) == 1


def test_ninety_staff_conference_reaches_quorum_with_sixty_not_fifty_nine(
    agencies: Agencies,
) -> None:
    # given an annual conference of 90 staff
    conference = annual(agencies, staff=90)
    # when 59 are present
    conference.attendees = 59
    # then there is no quorum, and with 60 there is
    assert conference.quorum_needed == 60
    assert not conference.has_quorum
    conference.attendees = 60
    assert conference.has_quorum


def test_delegates_conference_quorum_counts_over_delegates_convened(agencies: Agencies) -> None:
    # given 150 staff meeting as 100 delegates agreed with the union
    conference = annual(
        agencies, staff=150, attendance_form=DELEGATES, delegates_convened=100, union_agreed=True
    )
    # then the quorum is 67 of the delegates, not two thirds of the 150 staff
    assert conference.quorum_base == 100
    assert conference.quorum_needed == 67
    # and recording 66 present leaves it without quorum, 67 gives it one
    services.conference_record(actor=agencies.head, conference=conference, attendees=66)
    assert not conference.has_quorum
    services.conference_record(actor=agencies.head, conference=conference, attendees=67)
    conference.refresh_from_db()
    assert conference.has_quorum


def test_delegates_refused_under_100_allowed_from_100(agencies: Agencies) -> None:
    # given 99 staff
    # when the head asks for a delegates' conference
    # then it is refused: every member of staff attends
    with pytest.raises(ApplicationError, match="fewer than 100"):
        annual(
            agencies, staff=99, attendance_form=DELEGATES, delegates_convened=50, union_agreed=True
        )
    # and from 100 staff delegates are allowed
    conference = annual(
        agencies, staff=100, attendance_form=DELEGATES, delegates_convened=60, union_agreed=True
    )
    assert conference.quorum_base == 60
    # and all staff remain allowed at 100 (the union and the head choose)
    all_staff = annual(agencies, staff=100, day=dt.date(2026, 3, 11))
    assert all_staff.quorum_base == 100


def test_delegates_need_the_union_and_a_sensible_number(agencies: Agencies) -> None:
    # given 150 staff
    # then delegates without the union's agreement are refused
    with pytest.raises(ApplicationError, match="trade union"):
        annual(agencies, staff=150, attendance_form=DELEGATES, delegates_convened=100)
    # and so are no delegates, or more delegates than staff
    for count in (None, 0, 151):
        with pytest.raises(ApplicationError, match="delegates convened"):
            annual(
                agencies,
                staff=150,
                attendance_form=DELEGATES,
                delegates_convened=count,
                union_agreed=True,
            )


def test_dispersed_agency_may_use_delegates_under_100(agencies: Agencies) -> None:
    # given an agency of 80 staff working in dispersed places
    services.agency_profile_save(
        actor=agencies.head, agency=agencies.agency, staff_count=80, is_dispersed=True
    )
    # when it holds a delegates' conference
    conference = annual(
        agencies, staff=80, attendance_form=DELEGATES, delegates_convened=30, union_agreed=True
    )
    # then it is accepted
    assert conference.attendance_form == DELEGATES


def test_all_staff_form_drops_stray_delegate_fields(agencies: Agencies) -> None:
    # given an all-staff conference submitted with a delegates count typed by mistake
    conference = annual(agencies, staff=40, delegates_convened=30, union_agreed=True)
    # then the count is not kept and the quorum is over all staff
    assert conference.delegates_convened is None
    assert conference.quorum_base == 40


def test_a_small_unit_may_hold_one(agencies: Agencies) -> None:
    # given a unit of 7 staff
    conference = annual(agencies, staff=7)
    # then the conference is recorded; 5 present make a quorum, 4 do not
    assert conference.quorum_needed == 5
    with pytest.raises(ApplicationError):
        services.conference_record(
            actor=agencies.head,
            conference=conference,
            attendees=4,
            resolution_number="01/NQ-HNCBCC",
            resolution_adopted_on=dt.date(2026, 3, 10),
        )


def test_annual_conference_is_held_after_the_work_year_and_flagged_after_31_march(
    agencies: Agencies,
) -> None:
    # given the work year 2025
    # when a conference for it is set in December 2025
    # then it is refused: the year has not ended
    with pytest.raises(ApplicationError, match="1 January 2026"):
        annual(agencies, staff=30, day=dt.date(2025, 12, 20))
    # and on 31 March 2026 it is on time, on 1 April 2026 late
    on_time = annual(agencies, staff=30, day=dt.date(2026, 3, 31))
    assert on_time.deadline == dt.date(2026, 3, 31)
    assert not on_time.is_late
    late = annual(agencies, staff=30, day=dt.date(2026, 4, 1))
    assert late.is_late


def test_a_second_annual_conference_only_after_one_without_quorum(agencies: Agencies) -> None:
    # given a first conference that failed its quorum
    first = annual(agencies, staff=30, day=dt.date(2026, 2, 10))
    services.conference_record(actor=agencies.head, conference=first, attendees=19)
    # when it is convened again
    second = annual(agencies, staff=30, day=dt.date(2026, 2, 24))
    services.conference_record(actor=agencies.head, conference=second, attendees=20)
    # then a third is refused: the year's conference has been held
    with pytest.raises(ApplicationError, match="already been held"):
        annual(agencies, staff=30, day=dt.date(2026, 3, 3))
    # and the same day twice is refused (a retried form)
    with pytest.raises(ApplicationError, match="already has a conference"):
        annual(agencies, staff=30, day=dt.date(2026, 2, 24))


def test_extraordinary_conference_needs_an_article_50_proposal(agencies: Agencies) -> None:
    # given 90 staff
    extraordinary: dict[str, Any] = {
        "kind": StaffConference.Kind.EXTRAORDINARY,
        "day": dt.date(2026, 7, 1),
    }
    # then 29 signatures are not a third; 30 are
    with pytest.raises(ApplicationError, match="30 of 90, not 29"):
        annual(agencies, staff=90, proposer="staff", supporters=29, **extraordinary)
    conference = annual(agencies, staff=90, proposer="staff", supporters=30, **extraordinary)
    assert conference.supporters == 30
    assert not conference.is_late  # an extraordinary session has no 31 March deadline
    # and the union's proposal needs no count (a stray one is dropped)
    union = annual(
        agencies,
        staff=90,
        proposer="union",
        supporters=3,
        kind=StaffConference.Kind.EXTRAORDINARY,
        day=dt.date(2026, 8, 1),
    )
    assert union.supporters is None
    # and without a proposer it is refused
    with pytest.raises(ApplicationError, match="who proposed"):
        annual(agencies, staff=90, kind=StaffConference.Kind.EXTRAORDINARY, day=dt.date(2026, 9, 1))


def test_no_quorum_no_resolution_with_a_vietnamese_message(agencies: Agencies) -> None:
    # given 90 staff and 59 present
    conference = annual(agencies, staff=90)
    # when the resolution is recorded
    with translation.override("vi"), pytest.raises(ApplicationError) as error:
        services.conference_record(
            actor=agencies.head,
            conference=conference,
            attendees=59,
            resolution_number="01/NQ-HNCBCC",
            resolution_adopted_on=dt.date(2026, 3, 10),
        )
    # then it is refused, in Vietnamese (the catalogue's wording), with the figures
    with translation.override("vi"):
        expected = gettext(
            "The conference has no quorum (%(present)s of %(base)d present, at least "
            "%(needed)d needed): it cannot adopt a resolution or decide anything."
        ) % {"present": "59", "base": 90, "needed": 60}
    assert error.value.message == expected


def test_recording_the_conference(agencies: Agencies) -> None:
    # given a conference of 90 staff
    conference = annual(agencies, staff=90)
    # when 75 attended, the agenda was covered, the pledge signed and a resolution adopted
    services.conference_record(
        actor=agencies.head,
        conference=conference,
        attendees=75,
        agenda_done=["policy_review", "emulation", "bogus"],
        pledge_signed=True,
        pledge_signed_on=dt.date(2026, 3, 10),
        resolution_number=" 01/NQ-HNCBCC ",
        resolution_adopted_on=dt.date(2026, 3, 10),
        resolution_summary="Hoàn thành 100% kế hoạch.",
    )
    conference.refresh_from_db()
    # then it is kept, unknown agenda items dropped, the missing ones listed
    assert conference.agenda_done == ["policy_review", "emulation"]
    assert len(conference.agenda_missing) == len(AgendaItem) - 2
    assert conference.resolution_number == "01/NQ-HNCBCC"
    assert conference.check_due_dates() == [dt.date(2026, 9, 10), dt.date(2027, 3, 10)]
    assert AuditEntry.objects.filter(verb="democracy_conference.record").count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"attendees": 91}, "more than the 90"),
        ({"attendees": 70, "resolution_number": "01/NQ"}, "date the resolution"),
        (
            {
                "attendees": 70,
                "resolution_number": "01",
                "resolution_adopted_on": dt.date(2026, 1, 1),
            },
            "before the conference",
        ),
        ({"attendees": 70, "pledge_signed": True}, "pledge"),
        (
            {"attendees": 70, "pledge_signed": True, "pledge_signed_on": dt.date(2026, 3, 9)},
            "not before it",
        ),
    ],
)
def test_bad_records_are_refused(
    agencies: Agencies, values: dict[str, object], message: str
) -> None:
    # given a conference of 90 staff
    conference = annual(agencies, staff=90)
    # when a record does not add up, then it is refused with a reason
    with pytest.raises(ApplicationError, match=message):
        services.conference_record(actor=agencies.head, conference=conference, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"total_staff": 0}, "number of staff"),
        ({"kind": "weekly"}, "annual or an extraordinary"),
        ({"attendance_form": "online"}, "all staff or delegates"),
    ],
)
def test_bad_conferences_are_refused(
    agencies: Agencies, values: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "actor": agencies.head,
        "agency": agencies.agency,
        "year": 2025,
        "held_on": dt.date(2026, 3, 1),
        "total_staff": 20,
    } | values
    with pytest.raises(ApplicationError, match=message):
        services.conference_create(**arguments)  # type: ignore[arg-type]


def test_a_commune_is_not_an_agency(agencies: Agencies) -> None:
    # given a village (not an agency)
    with pytest.raises(ApplicationError, match="State agency"):
        services.conference_create(
            actor=agencies.head,
            agency=agencies.province,
            year=2025,
            held_on=dt.date(2026, 3, 1),
            total_staff=20,
        )


@time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC), tick=False)
def test_profile_is_created_then_updated(agencies: Agencies) -> None:
    # given no profile, when it is saved twice
    services.agency_profile_save(actor=agencies.head, agency=agencies.agency, staff_count=5)
    profile = services.agency_profile_save(
        actor=agencies.head, agency=agencies.agency, staff_count=120, union_name="  Công đoàn  Sở "
    )
    # then one profile holds the latest figures
    assert profile.staff_count == 120
    assert profile.union_name == "Công đoàn Sở"
    assert profile.may_use_delegates
    assert not profile.is_small
    assert str(profile) == "Sở Nội vụ"
    # and a bad count is refused
    with pytest.raises(ApplicationError):
        services.agency_profile_save(actor=agencies.head, agency=agencies.agency, staff_count=0)
