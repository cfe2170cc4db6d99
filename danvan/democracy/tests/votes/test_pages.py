"""The pages: staff drive the lifecycle, residents vote with their household's account,
anyone reads a counted result; everyone else gets the same 404."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from danvan.democracy.models.votes import Ballot, CommunityDecision, ConsentAnswer
from danvan.democracy.selectors import votes as selectors
from danvan.democracy.services import votes as services
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import User

from .conftest import NOW, TEAM, add_households, draft, open_ballot, open_meeting, with_account

Status = CommunityDecision.Status
pytestmark = pytest.mark.usefixtures("clock")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"democracy:{name}", kwargs={"pk": pk} if pk is not None else None)


def test_staff_prepare_open_and_count_a_ballot_through_the_pages(commune: Commune) -> None:
    # given 30 households and the commune's handler
    households = add_households(commune.villages[0], 30)
    staff = client_for(commune.handler)
    # when they prepare an "other matter" by household ballot
    form = staff.get(url("votes_create", commune.commune.pk)).content.decode()
    token = form.split('name="form_token" value="')[1].split('"')[0]
    fields = {
        "village": commune.villages[0].pk,
        "matter": "other",
        "form": "household_ballot",
        "title": "Giờ mở cửa nhà văn hóa",
        "content": "Mở cửa đến 21 giờ.",
        "form_token": token,
    }
    response = staff.post(url("votes_create", commune.commune.pk), fields)
    # (sent twice: the retried submission makes no second draft)
    retried = staff.post(url("votes_create", commune.commune.pk), fields)
    decision = CommunityDecision.objects.get()
    assert retried["Location"] == response["Location"]
    assert response.status_code == 302
    assert response["Location"] == url("votes_detail", decision.pk)
    assert "Giờ mở cửa" in staff.get(url("votes_detail", decision.pk)).content.decode()
    # and open it for a week
    response = staff.post(
        url("votes_open", decision.pk),
        {"closes_at": "2026-12-03T09:00", "notice_date": "2026-11-24", "ballot_team": TEAM},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Status.OPEN
    assert decision.household_count == 30
    # and enter 16 paper ballots approving, then one household again
    for household in households[:16]:
        staff.post(
            url("votes_ballot", decision.pk), {"household": household.pk, "choice": "approve"}
        )
    again = staff.post(
        url("votes_ballot", decision.pk), {"household": households[0].pk, "choice": "disagree"}
    )
    assert "Hộ H001 đã biểu quyết nội dung này" in again.content.decode()
    assert Ballot.objects.count() == 16
    assert "16" in staff.get(url("votes_detail", decision.pk)).content.decode()
    # then counting before closing is refused, after closing it passes (16 > 15)
    staff.post(url("votes_count", decision.pk))
    decision.refresh_from_db()
    assert decision.status == Status.OPEN
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        staff.post(url("votes_count", decision.pk))
        decision.refresh_from_db()
        assert decision.status == Status.COUNTED
        page = staff.get(url("votes_detail", decision.pk)).content.decode()
        assert "16" in page
        # and it is sent to the commune and recognised
        staff.post(url("votes_submit", decision.pk), {"submitted_on": "2026-12-04"})
        decision.refresh_from_db()
        assert decision.status == Status.SUBMITTED
        assert decision.recognition_due == dt.date(2026, 12, 11)
        assert staff.get(url("votes_recognise", decision.pk)).status_code == 200
        refused = staff.post(
            url("votes_recognise", decision.pk),
            {"outcome": "refuse", "decided_on": "2026-12-04", "reasons": ""},
        )
        assert refused.status_code == 200
        staff.post(
            url("votes_recognise", decision.pk),
            {"outcome": "recognise", "decided_on": "2026-12-04", "document_number": "5/QĐ-UBND"},
        )
    decision.refresh_from_db()
    assert decision.status == Status.RECOGNISED
    assert decision.recognition_number == "5/QĐ-UBND"


def test_overdue_recognition_is_flagged(commune: Commune) -> None:
    # given a decision sent to the commune on 26/11/2026 (due 3/12/2026)
    households = add_households(commune.villages[0], 3)
    decision = open_meeting(commune, draft(commune, matter="convention"))
    services.meeting_attendance_set(decision=decision, actor=commune.handler, households=households)
    staff = client_for(commune.handler)
    staff.post(
        url("votes_meeting", decision.pk),
        {
            "secretary": "Lê Thị Hoa",
            "voting_method": "secret_ballot",
            "counting_committee": "A\nB\nC",
            "witnesses": "D\nE",
            f"approve_{commune.villages[0].pk}": "2",
            f"reject_{commune.villages[0].pk}": "1",
        },
    )
    decision.refresh_from_db()
    assert decision.status == Status.COUNTED
    services.decision_submit(decision=decision, actor=commune.handler)
    # when the index is read on 4/12/2026
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        page = client_for(commune.handler).get(url("votes_index")).content.decode()
        detail = client_for(commune.handler).get(url("votes_detail", decision.pk)).content.decode()
    # then it is flagged overdue
    assert "badge" in page
    assert "badge" in detail


def test_meeting_pages_attendance_record_and_lacking_count(commune: Commune) -> None:
    # given a meeting convened through the page
    households = add_households(commune.villages[0], 30)
    decision = draft(commune)
    staff = client_for(commune.handler)
    refused = staff.post(
        url("votes_open", decision.pk),
        {"notice_date": "2026-11-25", "meeting_at": "2026-11-26T09:00"},
    )
    assert refused.status_code == 200
    assert "26/11/2026" in refused.content.decode()
    staff.post(
        url("votes_open", decision.pk),
        {"notice_date": "2026-11-24", "meeting_at": "2026-11-26T09:00", "meeting_place": "Đình"},
    )
    decision.refresh_from_db()
    assert decision.status == Status.OPEN
    # when 10 households are marked represented, and all 10 approve
    assert staff.get(url("votes_attendance", decision.pk)).status_code == 200
    staff.post(
        url("votes_attendance", decision.pk), {"households": [h.pk for h in households[:10]]}
    )
    assert staff.get(url("votes_meeting", decision.pk)).status_code == 200
    bad = staff.post(
        url("votes_meeting", decision.pk),
        {
            "secretary": "Lê Thị Hoa",
            "voting_method": "show_of_hands",
            "witnesses": "D\nE",
            f"approve_{commune.villages[0].pk}": "11",
        },
    )
    assert bad.status_code == 200  # 11 votes from 10 households refused
    staff.post(
        url("votes_meeting", decision.pk),
        {
            "secretary": "Lê Thị Hoa",
            "voting_method": "show_of_hands",
            "witnesses": "D\nE",
            f"approve_{commune.villages[0].pk}": "10",
        },
    )
    decision.refresh_from_db()
    # then the contribution is not passed and a household ballot may follow
    assert decision.status == Status.REJECTED
    assert decision.meeting_lacked_households
    response = staff.post(url("votes_follow", decision.pk))
    follow = CommunityDecision.objects.get(follows=decision)
    assert response["Location"] == url("votes_detail", follow.pk)
    # and the ballot cannot be followed a second time from the ballot itself
    staff.post(url("votes_follow", follow.pk))
    assert CommunityDecision.objects.count() == 2


def test_cluster_meetings_are_summed(commune: Commune) -> None:
    # given a village of 200 households, 150 represented in two clusters
    households = add_households(commune.villages[0], 200)
    decision = open_meeting(commune, draft(commune, matter="other"))
    services.meeting_attendance_set(
        decision=decision, actor=commune.handler, households=households[:150]
    )
    staff = client_for(commune.handler)
    key = commune.villages[0].pk
    bad = staff.post(
        url("votes_meeting", decision.pk),
        {
            "secretary": "H",
            "voting_method": "show_of_hands",
            "witnesses": "D\nE",
            f"clusters_{key}": "100, x",
        },
    )
    assert "Dòng 1: ghi bốn số" in bad.content.decode()
    # when the clusters report 60 + 41 approvals
    staff.post(
        url("votes_meeting", decision.pk),
        {
            "secretary": "H",
            "voting_method": "show_of_hands",
            "witnesses": "D\nE",
            f"clusters_{key}": "100, 60, 10, 5\n\n100, 41, 20, 14",
        },
    )
    # then 101 of 200 is more than half
    decision.refresh_from_db()
    row = decision.villages.get()
    assert (row.approve, row.reject, row.other, row.not_voted) == (101, 30, 19, 50)
    assert decision.status == Status.COUNTED
    assert len(row.clusters) == 2


def test_a_scattered_village_below_200_households_may_meet_by_cluster(commune: Commune) -> None:
    # given a village of 40 households, all represented in two cluster meetings
    households = add_households(commune.villages[0], 40)
    decision = open_meeting(commune, draft(commune, matter="other"))
    services.meeting_attendance_set(decision=decision, actor=commune.handler, households=households)
    staff = client_for(commune.handler)
    key = commune.villages[0].pk
    fields = {
        "secretary": "H",
        "voting_method": "show_of_hands",
        "witnesses": "D\nE",
        f"clusters_{key}": "25, 12, 10, 3\n15, 9, 6, 0",
    }
    # when the clusters are given without saying the population is scattered, it is refused
    assert "scattered_" in staff.get(url("votes_meeting", decision.pk)).content.decode()
    staff.post(url("votes_meeting", decision.pk), fields)
    decision.refresh_from_db()
    assert decision.status == Status.OPEN
    # and with it, 21 of 40 approvals pass (more than half)
    staff.post(url("votes_meeting", decision.pk), fields | {f"scattered_{key}": "on"})
    decision.refresh_from_db()
    assert decision.status == Status.COUNTED
    assert decision.villages.get().approve == 21


def test_online_vote_refused_before_consent_then_households_vote(commune: Commune) -> None:
    # given 3 households with accounts, an online vote
    households = add_households(commune.villages[0], 3)
    users = [with_account(h, f"ho{i}") for i, h in enumerate(households)]
    decision = draft(commune, matter="other", form="online")
    staff = client_for(commune.handler)
    # when it is opened before asking, then it is refused
    staff.post(
        url("votes_open", decision.pk),
        {"closes_at": "2026-12-03T09:00", "notice_date": "2026-11-24", "ballot_team": TEAM},
    )
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT
    staff.post(url("votes_consent_start", decision.pk))
    decision.refresh_from_db()
    assert decision.status == Status.CONSENT_POLL
    # and with one of three agreeing it stays closed
    resident = client_for(users[0])
    mine = resident.get(url("votes_mine")).content.decode()
    assert url("votes_consent", decision.pk) in mine
    assert resident.get(url("votes_consent", decision.pk)).status_code == 200
    resident.post(url("votes_consent", decision.pk), {"answer": "approve"})
    again = resident.post(url("votes_consent", decision.pk), {"answer": "disagree"})
    assert again.status_code == 200
    assert ConsentAnswer.objects.get().answer == "approve"
    assert resident.get(url("votes_vote", decision.pk)).status_code == 404
    refused = staff.post(
        url("votes_open", decision.pk),
        {"closes_at": "2026-12-03T09:00", "notice_date": "2026-11-24", "ballot_team": TEAM},
    )
    assert "Mới có 1/3 hộ gia đình đồng ý biểu quyết trực tuyến" in refused.content.decode()
    decision.refresh_from_db()
    assert decision.status == Status.CONSENT_POLL
    # when a second agrees (2 of 3), the vote opens
    client_for(users[1]).post(url("votes_consent", decision.pk), {"answer": "approve"})
    staff.post(
        url("votes_open", decision.pk),
        {"closes_at": "2026-12-03T09:00", "notice_date": "2026-11-24", "ballot_team": TEAM},
    )
    decision.refresh_from_db()
    assert decision.status == Status.OPEN
    assert staff.get(url("votes_ballot", decision.pk)).status_code == 404  # online only
    # then households vote online, once
    assert resident.get(url("votes_consent", decision.pk)).status_code == 404
    assert resident.get(url("votes_vote", decision.pk)).status_code == 200
    resident.post(url("votes_vote", decision.pk), {"choice": "approve"})
    twice = resident.post(url("votes_vote", decision.pk), {"choice": "disagree"})
    assert twice.status_code == 200
    assert list(Ballot.objects.values_list("choice", "channel")) == [("approve", "online")]
    assert "votes_vote" not in resident.get(url("votes_mine")).content.decode()


def test_public_page_shows_counts_but_no_personal_data(commune: Commune) -> None:
    # given a counted ballot of 3 households, one with a phone number
    households = add_households(commune.villages[0], 3)
    households[0].phone = "0912345678"
    households[0].save()
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    anonymous = Client()
    assert anonymous.get(url("votes_public", decision.pk)).status_code == 404  # not counted yet
    services.ballot_cast(
        decision=decision, household=households[0], actor=commune.handler, choice="approve"
    )
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        services.decision_count(decision=decision, actor=commune.handler)
    # when anyone reads it, without signing in
    page = anonymous.get(url("votes_public", decision.pk)).content.decode()
    # then the counts are there, not the households
    assert decision.title in page
    assert "0912345678" not in page
    assert "H001" not in page
    assert households[0].representative not in page


def test_strangers_get_the_same_404(commune: Commune) -> None:
    # given a decision of Khoái Châu and a household of it with an account
    households = add_households(commune.villages[0], 3)
    owner = with_account(households[0], "chuho")
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    staff_urls = [
        url("votes_detail", decision.pk),
        url("votes_open", decision.pk),
        url("votes_ballot", decision.pk),
        url("votes_recognise", decision.pk),
        url("votes_create", commune.commune.pk),
    ]
    # when another commune's handler, a citizen without household, or the household's
    # account reads the staff pages, then 404
    for user in (commune.other_handler, commune.citizen, owner):
        client = client_for(user)
        for address in staff_urls:
            assert client.get(address).status_code == 404, (user, address)
        assert client.post(url("votes_count", decision.pk)).status_code == 404
    assert client_for(commune.citizen).get(url("votes_index")).status_code == 404
    # and a citizen without household sees nothing to vote and cannot vote
    citizen = client_for(commune.citizen)
    assert decision.title not in citizen.get(url("votes_mine")).content.decode()
    assert citizen.post(url("votes_vote", decision.pk), {"choice": "approve"}).status_code == 404
    # and an anonymous visitor cannot reach the resident pages
    assert Client().get(url("votes_mine")).status_code in (302, 404)
    assert not Ballot.objects.exists()


def test_a_household_account_votes_only_its_own_household(commune: Commune) -> None:
    # given two households, the second's account, and a vote in another village
    households = add_households(commune.villages[0], 2)
    add_households(commune.villages[1], 2, prefix="B")
    owner = with_account(households[1], "chuho2")
    here = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    there = open_ballot(
        commune,
        draft(commune, matter="other", form="household_ballot", village=commune.villages[1]),
    )
    client = client_for(owner)
    # when the account votes here, and tries the other village's vote
    client.post(url("votes_vote", here.pk), {"choice": "approve"})
    assert client.post(url("votes_vote", there.pk), {"choice": "approve"}).status_code == 404
    # then only its own household's ballot exists
    ballot = Ballot.objects.get()
    assert ballot.household == households[1]
    assert ballot.recorded_by == owner


def test_index_filters_and_lists_the_communes_decisions(commune: Commune) -> None:
    add_households(commune.villages[0], 3)
    decision = draft(commune, matter="other")
    staff = client_for(commune.handler)
    page = staff.get(url("votes_index")).content.decode()
    assert decision.title in page
    assert decision.title not in staff.get(url("votes_index") + "?status=open").content.decode()
    assert decision.title in staff.get(url("votes_index") + "?status=bogus").content.decode()
    assert staff.get(url("votes_create", commune.commune.pk)).status_code == 200
    refused = staff.post(
        url("votes_create", commune.commune.pk),
        {"village": "", "matter": "other", "form": "meeting", "title": "Ngày hội"},
    )
    assert refused.status_code == 200
    assert "Ngày hội" in refused.content.decode()
    assert staff.get(url("votes_open", decision.pk)).status_code == 200


def test_dashboard_panel_lists_decisions_under_way_overdue_first(commune: Commune) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from danvan.core.dashboard import panels_for_role
    from danvan.democracy.views.votes import register_votes_panel, votes_panel_context

    # given a vote under way and a decision waiting for recognition since 26/11/2026
    households = add_households(commune.villages[0], 3)
    under_way = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    waiting = open_meeting(commune, draft(commune, matter="convention"))
    services.meeting_attendance_set(decision=waiting, actor=commune.handler, households=households)
    services.meeting_record(
        decision=waiting,
        actor=commune.handler,
        secretary="Hoa",
        voting_method="show_of_hands",
        witnesses="A\nB",
    )
    services.decision_count(
        decision=waiting,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=3)},
    )
    services.decision_submit(decision=waiting, actor=commune.handler)
    register_votes_panel()
    assert "democracy_votes" in [p.key for p in panels_for_role("handler")]
    request = RequestFactory().get("/")
    request.user = commune.handler
    # when the panel is drawn after the due date
    with time_machine.travel(NOW + dt.timedelta(days=10), tick=False):
        context = votes_panel_context(request)
    # then the overdue recognition comes first, then the vote under way
    assert [d.pk for d, _overdue in context["rows"]] == [waiting.pk, under_way.pk]
    assert [overdue for _d, overdue in context["rows"]] == [True, False]
    html = render_to_string("democracy/votes/panel.html", context)
    assert "badge" in html
    dashboard = client_for(commune.handler).get(reverse("core:dashboard")).content.decode()
    assert "panel-democracy-votes" in dashboard
    assert waiting.title in dashboard
    request.user = commune.citizen
    empty = votes_panel_context(request)
    assert empty == {"rows": [], "has_communes": False}
    assert "badge" not in render_to_string("democracy/votes/panel.html", empty)


def test_a_draft_is_corrected_until_voting_opens(commune: Commune) -> None:
    # given a village contribution drafted as a household ballot (refused without a meeting)
    add_households(commune.villages[0], 3)
    decision = draft(commune, form="household_ballot")
    staff = client_for(commune.handler)
    page = staff.get(url("votes_edit", decision.pk)).content.decode()
    with translation.override("vi"):
        reasons = list(selectors.form_refusals(decision).values())
    assert len(reasons) == 2  # the ballot (no meeting yet) and the online vote (item 1)
    assert all(escape(reason) in page for reason in reasons)
    # when the officer changes it to a meeting
    staff.post(
        url("votes_edit", decision.pk),
        {"title": "  Đóng góp   làm đường ", "form": "meeting", "content": "Mức 500.000 đồng."},
    )
    # then the draft is a meeting, and once open it cannot be corrected
    decision.refresh_from_db()
    assert (decision.form, decision.title) == ("meeting", "Đóng góp làm đường")
    open_meeting(commune, decision)
    assert staff.get(url("votes_edit", decision.pk)).status_code == 404
    assert client_for(commune.other_handler).get(url("votes_edit", decision.pk)).status_code == 404


def test_public_list_and_the_households_panel(commune: Commune) -> None:
    # given a counted decision, a draft, and a household with an account and an open vote
    households = add_households(commune.villages[0], 2)
    owner = with_account(households[0], "chuho")
    counted = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        services.decision_count(decision=counted, actor=commune.handler)
    hidden = draft(commune, matter="other")
    hidden.title = "Bản nháp chưa công khai"
    hidden.save()
    waiting = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    waiting.title = "Giờ thắp sáng đường làng"
    waiting.save()
    # when anyone reads the commune's public list
    page = Client().get(url("votes_public_list", commune.commune.pk)).content.decode()
    # then the counted decision is there, not the draft, and a village is no commune
    assert url("votes_public", counted.pk) in page
    assert "Bản nháp chưa công khai" not in page
    assert Client().get(url("votes_public_list", commune.villages[0].pk)).status_code == 404
    empty = Client().get(url("votes_public_list", commune.other_commune.pk)).content.decode()
    assert url("votes_public", counted.pk) not in empty
    # and the household's account sees its waiting vote on the dashboard, the citizen none
    dashboard = client_for(owner).get(reverse("core:dashboard")).content.decode()
    assert "Giờ thắp sáng đường làng" in dashboard
    assert url("votes_vote", waiting.pk) in dashboard
    other = client_for(commune.citizen).get(reverse("core:dashboard")).content.decode()
    assert "panel-democracy-household-votes" not in other
