"""Every refusal of the services gets its message and changes nothing; the selectors'
less common paths (commune-wide figures, drafts, strangers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.democracy.decisions import ClusterCount
from danvan.democracy.models.votes import (
    Ballot,
    CommunityDecision,
    ConsentAnswer,
    DecisionVillage,
    MeetingAttendance,
)
from danvan.democracy.selectors import votes as selectors
from danvan.democracy.services import votes as services
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import Unit

from .conftest import (
    NOW,
    TEAM,
    add_households,
    draft,
    open_ballot,
    open_meeting,
    paper_votes,
    record_meeting,
    with_account,
)

Status = CommunityDecision.Status
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_creation_refusals(commune: Commune) -> None:
    # a commune-wide matter other than items 1, 2; a village of another commune
    with pytest.raises(ApplicationError, match="whole commune"):
        draft(commune, matter="other", whole_commune=True)
    stranger = Unit.objects.create(
        code="VN-11953-to-1", name="Tổ 1", kind=Unit.Kind.VILLAGE, parent=commune.other_commune
    )
    with pytest.raises(ApplicationError, match="of this commune"):
        draft(commune, village=stranger)
    # a ballot that claims to follow a meeting which did not lack households
    add_households(commune.villages[0], 3)
    meeting = draft(commune)
    with pytest.raises(ApplicationError, match="may follow only"):
        services.decision_create(
            actor=commune.handler,
            commune=commune.commune,
            village=commune.villages[0],
            matter="contributions",
            form="household_ballot",
            title="T",
            follows=meeting,
        )
    with pytest.raises(ApplicationError, match="Only a meeting that lacked"):
        services.decision_follow_by_ballot(decision=meeting, actor=commune.handler)
    assert CommunityDecision.objects.count() == 1


def test_opening_refusals(commune: Commune) -> None:
    # given villages without households
    decision = draft(commune, matter="other", form="household_ballot")
    with pytest.raises(ApplicationError, match="No household is on the register"):
        open_ballot(commune, decision)
    add_households(commune.villages[0], 3)
    week = NOW + dt.timedelta(days=7)
    for kwargs, message in (
        ({}, "Give the time voting closes"),
        ({"closes_at": NOW}, "must close after it opens"),
        ({"closes_at": week, "ballot_team": "A\nB"}, "3 to 5 members"),
        ({"closes_at": week, "ballot_team": TEAM}, "on or before 24/11/2026"),
        (
            {"closes_at": week, "ballot_team": TEAM, "notice_date": dt.date(2026, 11, 25)},
            "on or before 24/11/2026",
        ),
    ):
        with pytest.raises(ApplicationError, match=message):
            services.decision_open(decision=decision, actor=commune.handler, **kwargs)
    meeting = draft(commune, matter="other")
    with pytest.raises(ApplicationError, match="Give the date of the notice"):
        services.decision_open(decision=meeting, actor=commune.handler)
    with pytest.raises(ApplicationError, match="Only an online vote"):
        services.decision_consent_start(decision=meeting, actor=commune.handler)
    bad_online = draft(commune, matter="contributions", form="online")
    with pytest.raises(ApplicationError, match="Only other self-management"):
        services.decision_consent_start(decision=bad_online, actor=commune.handler)
    open_meeting(commune, meeting)
    with pytest.raises(ApplicationError, match="cannot be done now"):
        open_meeting(commune, meeting)
    assert not DecisionVillage.objects.filter(decision=decision).exists()


def test_commune_without_villages(commune: Commune) -> None:
    Unit.objects.filter(kind=Unit.Kind.VILLAGE).update(path="elsewhere")
    decision = draft(commune, form="household_ballot", village=None, whole_commune=True)
    with pytest.raises(ApplicationError, match="no villages"):
        open_ballot(commune, decision)


def test_ballot_refusals(commune: Commune) -> None:
    households = add_households(commune.villages[0], 3)
    user = with_account(households[0], "ho0")
    decision = draft(commune, matter="other", form="household_ballot")
    with pytest.raises(ApplicationError, match="not open"):
        paper_votes(commune, decision, households[:1], "approve")
    decision = services.decision_open(
        decision=decision,
        actor=commune.handler,
        opens_at=NOW + dt.timedelta(hours=1),
        closes_at=NOW + dt.timedelta(days=1),
        notice_date=dt.date(2026, 11, 24),
        ballot_team=TEAM,
    )
    with pytest.raises(ApplicationError, match="not opened yet"):
        paper_votes(commune, decision, households[:1], "approve")
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        with pytest.raises(ApplicationError, match="in the future"):
            services.ballot_cast(
                decision=decision,
                household=households[0],
                actor=commune.handler,
                choice="approve",
                received_at=NOW + dt.timedelta(hours=3),
            )
        with pytest.raises(ApplicationError, match="Write the other opinion"):
            services.ballot_cast(
                decision=decision, household=households[0], actor=user, choice="other", online=True
            )
        with pytest.raises(ApplicationError, match="not being asked"):
            services.consent_answer(
                decision=decision, household=households[0], actor=user, answer="approve"
            )
        with pytest.raises(ApplicationError, match="meetings only"):
            services.meeting_attendance_set(
                decision=decision, actor=commune.handler, households=households
            )
        with pytest.raises(ApplicationError, match="meetings only"):
            record_meeting(commune, decision)
    assert not Ballot.objects.exists()


def test_consent_other_opinion_needs_text(commune: Commune) -> None:
    households = add_households(commune.villages[0], 2)
    user = with_account(households[0], "ho0")
    decision = services.decision_consent_start(
        decision=draft(commune, matter="other", form="online"), actor=commune.handler
    )
    with pytest.raises(ApplicationError, match="Write your other opinion"):
        services.consent_answer(
            decision=decision, household=households[0], actor=user, answer="other"
        )
    assert not ConsentAnswer.objects.exists()


def test_meeting_record_and_count_refusals(commune: Commune) -> None:
    households = add_households(commune.villages[0], 5)
    decision = open_meeting(commune, draft(commune, matter="other"))
    village = commune.villages[0].pk
    with pytest.raises(ApplicationError, match="Record the meeting"):
        services.decision_count(decision=decision, actor=commune.handler, meeting_counts={})
    for kwargs, message in (
        ({"voting_method": "secret_ballot", "counting_committee": "A\nB"}, "3 to 5 people"),
        ({"witnesses": "A"}, "Two household representatives"),
        ({"secretary": "   "}, "secretary"),
    ):
        arguments = {
            "secretary": "Hoa",
            "voting_method": "show_of_hands",
            "witnesses": "A\nB",
        } | kwargs
        with pytest.raises(ApplicationError, match=message):
            services.meeting_record(decision=decision, actor=commune.handler, **arguments)
    record_meeting(commune, decision)
    services.meeting_attendance_set(
        decision=decision, actor=commune.handler, households=households[:4]
    )
    for counts, message in (
        ({}, "Give the count"),
        ({village: services.MeetingCount(approve=-1, reject=2)}, "negative"),
        ({village: services.MeetingCount(approve=5)}, "only 4 households"),
    ):
        with pytest.raises(ApplicationError, match=message):
            services.decision_count(
                decision=decision,
                actor=commune.handler,
                meeting_counts=counts,
            )
    assert MeetingAttendance.objects.count() == 4


def test_clusters_cannot_count_more_than_represented(commune: Commune) -> None:
    households = add_households(commune.villages[0], 200)
    decision = open_meeting(commune, draft(commune, matter="other"))
    record_meeting(commune, decision)
    services.meeting_attendance_set(
        decision=decision, actor=commune.handler, households=households[:10]
    )
    clusters = (ClusterCount(100, 50, 0, 0), ClusterCount(100, 0, 0, 0))
    with pytest.raises(ApplicationError, match="only 10 households"):
        services.decision_count(
            decision=decision,
            actor=commune.handler,
            meeting_counts={commune.villages[0].pk: services.MeetingCount(clusters=clusters)},
        )


def test_submission_and_recognition_dates(commune: Commune) -> None:
    households = add_households(commune.villages[0], 1)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    paper_votes(commune, decision, households, "approve")
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        decision = services.decision_count(decision=decision, actor=commune.handler)
        with pytest.raises(ApplicationError, match="between the count and today"):
            services.decision_submit(
                decision=decision, actor=commune.handler, submitted_on=dt.date(2026, 12, 31)
            )
        decision = services.decision_submit(decision=decision, actor=commune.handler)
        with pytest.raises(ApplicationError, match="between receipt and today"):
            services.decision_recognise(
                decision=decision, actor=commune.head, decided_on=dt.date(2026, 11, 1)
            )
    assert decision.status == Status.SUBMITTED


def test_commune_wide_figures_and_strings(commune: Commune) -> None:
    # given a commune-wide contribution where one village alone passes
    villages = [add_households(v, 3, prefix=f"V{i}") for i, v in enumerate(commune.villages)]
    decision = open_ballot(commune, draft(commune, form="household_ballot", whole_commune=True))
    paper_votes(commune, decision, villages[0], "approve")
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        decision = services.decision_count(decision=decision, actor=commune.handler)
    figures = selectors.result_figures(decision)
    # then 1 of 3 villages is below the 2 needed
    assert figures is not None
    assert (figures.total, figures.approve, figures.not_voted) == (9, 3, 6)
    assert (figures.villages_passed, figures.villages_needed, figures.passed) == (1, 2, False)
    assert decision.status == Status.REJECTED
    page = Client().get(reverse("democracy:votes_public", kwargs={"pk": decision.pk}))
    assert page.status_code == 200
    # and every record reads as text
    ballot = Ballot.objects.first()
    assert ballot is not None
    for record in (decision, decision.villages.first(), ballot):
        assert str(record)


def test_draft_selectors(commune: Commune) -> None:
    # given drafts of a commune whose villages have no household yet
    decision = draft(commune, form="household_ballot", whole_commune=True)
    assert selectors.form_refusals(decision) == {
        "Ballot sent to each household": "A village without households cannot decide anything."
    }
    assert not selectors.roll_households(decision).exists()
    households = add_households(commune.villages[0], 30)
    assert "Online vote" in selectors.form_refusals(decision)
    assert selectors.decisions_for_account(AnonymousUser()) == []
    # and a ballot following a meeting that lacked households shows no refusal
    meeting = open_meeting(commune, draft(commune))
    services.meeting_attendance_set(
        decision=meeting, actor=commune.handler, households=households[:3]
    )
    record_meeting(commune, meeting)
    meeting = services.decision_count(
        decision=meeting,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=3)},
    )
    follow = services.decision_follow_by_ballot(decision=meeting, actor=commune.handler)
    assert selectors.form_refusals(follow) == {
        "Online vote": selectors.form_refusals(follow)["Online vote"]
    }
    consent = with_account(households[0], "ho0")
    online = services.decision_consent_start(
        decision=draft(commune, matter="other", form="online"), actor=commune.handler
    )
    services.consent_answer(
        decision=online, household=households[0], actor=consent, answer="approve", opinion="x"
    )
    assert ConsentAnswer.objects.get().opinion == ""
    assert str(ConsentAnswer.objects.get())
    assert str(MeetingAttendance.objects.first())
    assert "1 of 30" in selectors.form_refusals(online)["Online vote"]


def test_staff_pages_refuse_wrong_stages(commune: Commune) -> None:
    households = add_households(commune.villages[0], 3)
    decision = draft(commune, matter="other", form="household_ballot")
    staff = Client()
    staff.force_login(commune.handler)

    def url(name: str) -> str:
        return reverse(f"democracy:{name}", kwargs={"pk": decision.pk})

    for name in ("votes_ballot", "votes_attendance", "votes_meeting", "votes_recognise"):
        assert staff.get(url(name)).status_code == 404, name
    staff.post(url("votes_consent_start"))  # not an online vote: a message, no change
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT
    open_ballot(commune, decision)
    paper_votes(commune, decision, households, "approve")
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        services.decision_count(decision=decision, actor=commune.handler)
        staff.post(url("votes_submit"), {"submitted_on": "bad"})
        decision.refresh_from_db()
        assert decision.status == Status.COUNTED
        services.decision_submit(decision=decision, actor=commune.handler)
        early = staff.post(
            url("votes_recognise"), {"outcome": "recognise", "decided_on": "2026-11-01"}
        )
        assert early.status_code == 200
        staff.post(
            url("votes_recognise"),
            {"outcome": "refuse", "decided_on": "2026-12-04", "reasons": "Sai thủ tục."},
        )
    decision.refresh_from_db()
    assert decision.status == Status.REFUSED
    assert (
        "Sai thủ tục."
        in Client()
        .get(reverse("democracy:votes_public", kwargs={"pk": decision.pk}))
        .content.decode()
    )
