"""Matters staff decide (Art 49–50), the resolution checks (Art 52) and the Art 53 links."""

import datetime as dt

import pytest

from danvan.consultations.models import Consultation
from danvan.consultations.services.drafts import consultation_create
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.agencies import StaffConference, StaffMatter
from danvan.democracy.services import agencies as services
from danvan.democracy.tests.agencies.conftest import Agencies

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def conference(
    agencies: Agencies, *, staff: int = 90, present: int | None = 75, day: int = 10
) -> StaffConference:
    created = services.conference_create(
        actor=agencies.head,
        agency=agencies.agency,
        year=2025,
        held_on=dt.date(2026, 3, day),
        total_staff=staff,
    )
    return services.conference_record(actor=agencies.head, conference=created, attendees=present)


def matter(
    agencies: Agencies, *, title: str = "Mức đóng góp quỹ tương trợ", **kw: object
) -> StaffMatter:
    arguments: dict[str, object] = {
        "actor": agencies.head,
        "agency": agencies.agency,
        "item": StaffMatter.Item.CONTRIBUTIONS,
        "title": title,
        "proposer": "head",
        "staff_at_proposal": 90,
        "proposed_on": dt.date(2026, 2, 1),
    } | kw
    return services.matter_propose(**arguments)  # type: ignore[arg-type]


def test_more_than_half_is_strict_ties_fail_and_abstentions_count_against() -> None:
    # given 60 attending
    # then 31 approvals pass, 30 (a tie with the rest) do not
    assert services.passes_majority(approve=31, voters=60)
    assert not services.passes_majority(approve=30, voters=60)
    # and with 61 attending, 31 is more than half (30.5)
    assert services.passes_majority(approve=31, voters=61)


def test_a_third_of_staff_may_propose() -> None:
    # given 90 staff: a third is exactly 30; given 100: 33.3 means 34
    assert services.proposal_reaches_third(supporters=30, staff=90)
    assert not services.proposal_reaches_third(supporters=29, staff=90)
    assert services.supporters_needed(100) == 34
    assert not services.proposal_reaches_third(supporters=33, staff=100)


def test_staff_proposal_counts_are_checked(agencies: Agencies) -> None:
    # given 90 staff
    # then 29 signatures are refused, 30 accepted, a missing count or 91 refused
    with pytest.raises(ApplicationError, match="one third"):
        matter(agencies, proposer="staff", supporters=29)
    with pytest.raises(ApplicationError, match="how many staff"):
        matter(agencies, proposer="staff")
    with pytest.raises(ApplicationError, match=r"\(91\).*\(90\)"):
        matter(agencies, proposer="staff", supporters=91)
    proposed = matter(agencies, proposer="staff", supporters=30)
    assert proposed.status == StaffMatter.Status.PROPOSED
    # and the same matter proposed again on the same day is refused (a retried form)
    with pytest.raises(ApplicationError, match="already proposed"):
        matter(agencies, proposer="staff", supporters=30)
    # and the union's proposal needs no count
    union = matter(agencies, title="Bầu Ban Thanh tra nhân dân", proposer="union", supporters=2)
    assert union.supporters is None
    with pytest.raises(ApplicationError, match="who proposed"):
        matter(agencies, title="x", proposer="director")
    with pytest.raises(ApplicationError, match="number of staff"):
        matter(agencies, title="y", staff_at_proposal=0)


def test_decision_at_a_conference_counts_over_those_attending(agencies: Agencies) -> None:
    # given 75 attending out of 90
    held = conference(agencies, present=75)
    # when 38 approve, 20 disagree and 17 abstain
    passed = services.matter_decide_at_conference(
        actor=agencies.head,
        matter=matter(agencies),
        conference=held,
        approve=38,
        disagree=20,
        abstain=17,
    )
    # then it passes (38 > 37.5) and the result is kept
    assert passed.status == StaffMatter.Status.PASSED
    assert (passed.voters, passed.decided_on) == (75, dt.date(2026, 3, 10))
    # and 37 approvals with 38 abstaining fail: abstentions are not approvals
    failed = services.matter_decide_at_conference(
        actor=agencies.head,
        matter=matter(agencies, title="Quy chế chi tiêu nội bộ"),
        conference=held,
        approve=37,
        disagree=0,
        abstain=38,
    )
    assert failed.status == StaffMatter.Status.FAILED
    # and a decided matter cannot be voted again
    with pytest.raises(ApplicationError, match="already been decided"):
        services.matter_decide_at_conference(
            actor=agencies.head, matter=failed, conference=held, approve=75, disagree=0, abstain=0
        )


def test_a_tie_at_the_conference_fails(agencies: Agencies) -> None:
    # given 60 attending, when 30 approve and 30 disagree
    held = conference(agencies, present=60)
    tied = services.matter_decide_at_conference(
        actor=agencies.head,
        matter=matter(agencies),
        conference=held,
        approve=30,
        disagree=30,
        abstain=0,
    )
    # then it is not passed
    assert tied.status == StaffMatter.Status.FAILED


def test_no_decision_without_quorum_or_with_counts_over_the_attendance(agencies: Agencies) -> None:
    # given a conference with 59 of 90 present
    short = conference(agencies, present=59)
    proposed = matter(agencies)
    # then nothing can be decided there
    with pytest.raises(ApplicationError, match="no quorum"):
        services.matter_decide_at_conference(
            actor=agencies.head,
            matter=proposed,
            conference=short,
            approve=59,
            disagree=0,
            abstain=0,
        )
    # and at a quorate one the counts cannot exceed those attending, nor be negative
    held = conference(agencies, present=70, day=20)
    with pytest.raises(ApplicationError, match="add up to 71"):
        services.matter_decide_at_conference(
            actor=agencies.head,
            matter=proposed,
            conference=held,
            approve=40,
            disagree=30,
            abstain=1,
        )
    with pytest.raises(ApplicationError, match="negative"):
        services.matter_decide_at_conference(
            actor=agencies.head, matter=proposed, conference=held, approve=-1, disagree=0, abstain=0
        )


def test_a_conference_of_another_agency_cannot_decide(agencies: Agencies) -> None:
    # given a conference of the Department of Finance
    other = services.conference_create(
        actor=agencies.other_officer,
        agency=agencies.other_agency,
        year=2025,
        held_on=dt.date(2026, 3, 5),
        total_staff=10,
    )
    services.conference_record(actor=agencies.other_officer, conference=other, attendees=10)
    # then it cannot decide a matter of the Department of Home Affairs
    with pytest.raises(ApplicationError, match="this agency"):
        services.matter_decide_at_conference(
            actor=agencies.head,
            matter=matter(agencies),
            conference=other,
            approve=10,
            disagree=0,
            abstain=0,
        )


def test_written_ballot_counts_over_all_staff_by_default(agencies: Agencies) -> None:
    # given a matter and no conference possible
    proposed = matter(agencies)
    # when 45 of 90 staff approve (the rest did not return a ballot)
    result = services.matter_decide_by_ballot(
        actor=agencies.head,
        matter=proposed,
        reason="no_conference",
        staff_total=90,
        approve=45,
        disagree=5,
        abstain=0,
        decided_on=dt.date(2026, 4, 10),
    )
    # then it fails: 45 is half of all staff, not more
    assert result.status == StaffMatter.Status.FAILED
    assert (result.ballot_base, result.voters) == ("all_staff", 90)


def test_written_ballot_over_ballots_returned_when_the_agency_says_so(agencies: Agencies) -> None:
    # given an agency whose regulation counts a ballot over the ballots returned
    services.agency_profile_save(
        actor=agencies.head, agency=agencies.agency, staff_count=90, ballot_base="ballots_returned"
    )
    # when 45 approve and 5 disagree
    result = services.matter_decide_by_ballot(
        actor=agencies.head,
        matter=matter(agencies),
        reason="no_conference",
        staff_total=90,
        approve=45,
        disagree=5,
        abstain=0,
        decided_on=dt.date(2026, 4, 10),
    )
    # then it passes: 45 of 50 returned
    assert result.status == StaffMatter.Status.PASSED
    assert result.voters == 50
    # and with no ballot returned nothing is decided
    with pytest.raises(ApplicationError, match="No ballot"):
        services.matter_decide_by_ballot(
            actor=agencies.head,
            matter=matter(agencies, title="Khác"),
            reason="no_conference",
            staff_total=90,
            approve=0,
            disagree=0,
            abstain=0,
            decided_on=dt.date(2026, 4, 10),
        )


def test_written_ballot_after_quorum_failed_needs_two_failures(agencies: Agencies) -> None:
    # given one conference that failed its quorum
    conference(agencies, present=50, day=3)
    proposed = matter(agencies)
    ballot = {
        "actor": agencies.head,
        "reason": "no_quorum_twice",
        "staff_total": 90,
        "approve": 60,
        "disagree": 10,
        "abstain": 5,
        "decided_on": dt.date(2026, 3, 30),
    }
    # then a ballot "because it failed twice" is refused
    with pytest.raises(ApplicationError, match="Only 1 conference"):
        services.matter_decide_by_ballot(matter=proposed, **ballot)  # type: ignore[arg-type]
    # and after a second failure it is allowed, and passes with 60 of 90
    conference(agencies, present=55, day=17)
    result = services.matter_decide_by_ballot(matter=proposed, **ballot)  # type: ignore[arg-type]
    assert result.status == StaffMatter.Status.PASSED
    assert result.method == StaffMatter.Method.BALLOT


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"reason": ""}, "could not be held"),
        ({"staff_total": 0}, "number of staff"),
        ({"approve": 80, "disagree": 20}, "add up to 100"),
        ({"decided_on": dt.date(2026, 1, 31)}, "before it was proposed"),
    ],
)
def test_bad_ballots_are_refused(
    agencies: Agencies, values: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "actor": agencies.head,
        "matter": matter(agencies),
        "reason": "no_conference",
        "staff_total": 90,
        "approve": 50,
        "disagree": 0,
        "abstain": 0,
        "decided_on": dt.date(2026, 4, 1),
    } | values
    with pytest.raises(ApplicationError, match=message):
        services.matter_decide_by_ballot(**arguments)  # type: ignore[arg-type]


def test_resolution_checks(agencies: Agencies) -> None:
    # given a conference without a resolution
    held = conference(agencies, present=80)
    with pytest.raises(ApplicationError, match="no resolution"):
        services.resolution_check_record(
            actor=agencies.head,
            conference=held,
            period=1,
            checked_on=dt.date(2026, 9, 1),
            findings="x",
        )
    # when the resolution is adopted on 10 March 2026
    services.conference_record(
        actor=agencies.head,
        conference=held,
        attendees=80,
        resolution_number="01/NQ-HNCBCC",
        resolution_adopted_on=dt.date(2026, 3, 10),
    )
    # then the first check is recorded once
    check = services.resolution_check_record(
        actor=agencies.head,
        conference=held,
        period=1,
        checked_on=dt.date(2026, 9, 8),
        findings="Đã thực hiện 6/8 chỉ tiêu.",
        staff_informed_on=dt.date(2026, 9, 10),
    )
    assert check.unit == agencies.agency
    assert "—" in str(check)
    with pytest.raises(ApplicationError, match="already been checked"):
        services.resolution_check_record(
            actor=agencies.head,
            conference=held,
            period=1,
            checked_on=dt.date(2026, 9, 9),
            findings="x",
        )
    # and bad dates or empty findings are refused
    bad = [
        ({"checked_on": dt.date(2026, 3, 1), "findings": "x"}, "before the resolution"),
        ({"checked_on": dt.date(2027, 3, 1), "findings": " "}, "found"),
        (
            {
                "checked_on": dt.date(2027, 3, 1),
                "findings": "x",
                "staff_informed_on": dt.date(2027, 2, 1),
            },
            "informed before",
        ),
    ]
    for values, message in bad:
        with pytest.raises(ApplicationError, match=message):
            services.resolution_check_record(
                actor=agencies.head,
                conference=held,
                period=2,
                **values,  # type: ignore[arg-type]
            )


def test_staff_consultations_link_the_consultations_module(agencies: Agencies) -> None:
    # given an internal consultation of the agency's staff, and a public one
    internal = consultation_create(
        unit=agencies.agency,
        title="Dự thảo Quy chế chi tiêu nội bộ 2026",
        actor=agencies.head,
        kind=Consultation.Kind.INTERNAL,
        audience=Consultation.Audience.STAFF,
    )
    public = consultation_create(
        unit=agencies.agency, title="Dự thảo quyết định", actor=agencies.head
    )
    # when the internal one is listed under Art 53 item 9
    link = services.staff_consultation_link(
        actor=agencies.head, agency=agencies.agency, consultation=internal, item="spending_rules"
    )
    # then it is listed once; a public one or another agency's is refused
    assert link.unit == agencies.agency
    assert str(link) == internal.title
    with pytest.raises(ApplicationError, match="already listed"):
        services.staff_consultation_link(
            actor=agencies.head, agency=agencies.agency, consultation=internal, item="other"
        )
    with pytest.raises(ApplicationError, match="internal consultation"):
        services.staff_consultation_link(
            actor=agencies.head, agency=agencies.agency, consultation=public, item="other"
        )
    with pytest.raises(ApplicationError, match="internal consultation"):
        services.staff_consultation_link(
            actor=agencies.head, agency=agencies.other_agency, consultation=internal, item="other"
        )


def test_starting_a_staff_consultation_uses_the_consultations_service(agencies: Agencies) -> None:
    # when the head starts a consultation on the annual work plan (Art 53 item 2)
    link = services.staff_consultation_start(
        actor=agencies.head,
        agency=agencies.agency,
        item="work_plan",
        title="Kế hoạch công tác 2027",
    )
    # then an internal, staff-only draft consultation of the agency exists and is listed
    consultation = link.consultation
    assert (consultation.kind, consultation.audience, consultation.unit) == (
        "internal",
        "staff",
        agencies.agency,
    )
    assert consultation.status == Consultation.Status.DRAFT
    # and bad input is refused
    with pytest.raises(ApplicationError, match="Article 53"):
        services.staff_consultation_start(
            actor=agencies.head, agency=agencies.agency, item="x", title="T"
        )
    with pytest.raises(ApplicationError, match="title"):
        services.staff_consultation_start(
            actor=agencies.head, agency=agencies.agency, item="other", title="  "
        )
    internal = consultation_create(
        unit=agencies.agency,
        title="Khác",
        actor=agencies.head,
        kind=Consultation.Kind.INTERNAL,
        audience=Consultation.Audience.STAFF,
    )
    with pytest.raises(ApplicationError, match="Article 53"):
        services.staff_consultation_link(
            actor=agencies.head, agency=agencies.agency, consultation=internal, item="x"
        )


def test_attendance_cannot_drop_below_the_votes_already_counted(agencies: Agencies) -> None:
    # given a conference of 90 where 70 were present and 65 voted on a matter
    held = conference(agencies, present=70)
    services.matter_decide_at_conference(
        actor=agencies.head,
        matter=matter(agencies),
        conference=held,
        approve=40,
        disagree=20,
        abstain=5,
    )
    # when the attendance is corrected to 64, or to 60 (a quorum, but fewer than voted)
    # then it is refused
    for present in (64, None):
        with pytest.raises(ApplicationError, match="65 people voted"):
            services.conference_record(actor=agencies.head, conference=held, attendees=present)
    # and a correction to 65 is accepted
    services.conference_record(actor=agencies.head, conference=held, attendees=65)
    held.refresh_from_db()
    assert held.attendees == 65


def test_a_retried_start_creates_no_second_consultation(agencies: Agencies) -> None:
    # given a consultation started on the annual work plan
    services.staff_consultation_start(
        actor=agencies.head, agency=agencies.agency, item="work_plan", title="Kế hoạch 2027"
    )
    # when the same form is submitted again
    with pytest.raises(ApplicationError, match="already listed"):
        services.staff_consultation_start(
            actor=agencies.head, agency=agencies.agency, item="work_plan", title=" Kế hoạch 2027 "
        )
    # then one consultation exists
    assert Consultation.objects.filter(unit=agencies.agency).count() == 1


def test_a_conference_cannot_decide_a_matter_proposed_after_it(agencies: Agencies) -> None:
    # given a conference on 10 March and a matter proposed on 1 April
    held = conference(agencies, present=80)
    later = matter(agencies, proposed_on=dt.date(2026, 4, 1))
    # then that conference cannot have decided it
    with pytest.raises(ApplicationError, match="before it was proposed"):
        services.matter_decide_at_conference(
            actor=agencies.head, matter=later, conference=held, approve=50, disagree=0, abstain=0
        )
