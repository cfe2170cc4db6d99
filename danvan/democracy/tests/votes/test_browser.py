"""In Chromium, without JavaScript (the issue's acceptance): households vote on a
contribution by household ballot, below two thirds of ALL households it is rejected and at
two thirds it is recognised; an online vote cannot open before more than half of the
households agreed to vote online. Screenshots go to e2e/artifacts/votes-*.png.

Run with ``pytest -m e2e danvan/democracy/tests/votes`` (Debian Chromium).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import Browser, Page, ViewportSize

from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import Ballot, CommunityDecision
from danvan.democracy.services import votes as services
from danvan.democracy.tests.browser import DESKTOP, PHONE, new_page, screenshot, sign_in
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import User

from .conftest import HANOI, TEAM, add_households, draft, open_meeting, record_meeting, with_account

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

START = dt.datetime(2026, 11, 26, 9, 0, tzinfo=HANOI)
Status = CommunityDecision.Status


@pytest.fixture
def moving_clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(START, tick=True) as traveller:
        yield traveller


@pytest.fixture
def browser(browser: Browser) -> Iterator[Browser]:
    """The session's browser, with every context a test opened closed after it (no page
    keeps a connection to the live server into the next test)."""
    yield browser
    for context in browser.contexts:
        context.close()


def _signed_in(browser: Browser, live_server: Any, user: User, viewport: ViewportSize) -> Page:
    page = new_page(browser, viewport)
    sign_in(page, live_server, user)
    return page


def _submit(page: Page) -> None:
    with page.expect_navigation():
        page.click("main form.stacked button[type=submit]")


def _ballot_after_lacking_meeting(commune: Commune, village_index: int) -> CommunityDecision:
    """A contribution whose meeting had 15 of 30 households: a ballot may follow."""
    village = commune.villages[village_index]
    households = add_households(village, 30, prefix=f"T{village_index}")
    meeting = open_meeting(commune, draft(commune, village=village))
    services.meeting_attendance_set(
        decision=meeting, actor=commune.handler, households=households[:15]
    )
    record_meeting(commune, meeting)
    meeting = services.decision_count(
        decision=meeting,
        actor=commune.handler,
        meeting_counts={village.pk: services.MeetingCount(approve=15)},
    )
    return services.decision_follow_by_ballot(decision=meeting, actor=commune.handler)


@pytest.mark.usefixtures("moving_clock")
def test_a_contribution_by_household_ballot_rejected_below_and_recognised_at_two_thirds(
    browser: Browser,
    live_server: Any,
    commune: Commune,
    moving_clock: time_machine.Traveller,
) -> None:
    # given two villages of 30 households whose meetings lacked households
    low = _ballot_after_lacking_meeting(commune, 0)
    high = _ballot_after_lacking_meeting(commune, 1)
    officer = _signed_in(browser, live_server, commune.handler, DESKTOP)
    # when the officer opens both ballots for a day and enters ballots on paper
    for decision in (low, high):
        officer.goto(live_server.url + reverse("democracy:votes_open", kwargs={"pk": decision.pk}))
        officer.fill("#id_closes_at", "27/11/2026 09:00")
        officer.fill("#id_notice_date", "24/11/2026")
        officer.fill("#id_ballot_team", TEAM)
        _submit(officer)
    officer.goto(live_server.url + reverse("democracy:votes_ballot", kwargs={"pk": low.pk}))
    household = Household.objects.get(code="T0001")
    officer.select_option("#id_household", str(household.pk))
    officer.check("input[name=choice][value=approve]")
    _submit(officer)
    officer.select_option("#id_household", str(household.pk))
    officer.check("input[name=choice][value=disagree]")
    _submit(officer)  # the same household again: refused, nothing changes
    screenshot(officer, "votes-ballot-twice")
    assert "Hộ T0001 đã biểu quyết nội dung này" in officer.locator("main .errorlist").inner_text()
    for decision, approvals in ((low, 19), (high, 20)):
        village = decision.villages.get().village
        households = list(Household.objects.filter(village=village).order_by("code"))
        for index, voter in enumerate(households):
            if Ballot.objects.filter(decision=decision, household=voter).exists():
                continue
            services.ballot_cast(
                decision=decision,
                household=voter,
                actor=commune.handler,
                choice="approve" if index < approvals else "disagree",
            )
    # and counts them after the return deadline
    moving_clock.shift(dt.timedelta(days=1, hours=1))
    for decision, name in ((low, "rejected-19-of-30"), (high, "passed-20-of-30")):
        officer.goto(
            live_server.url + reverse("democracy:votes_detail", kwargs={"pk": decision.pk})
        )
        with officer.expect_navigation():
            officer.click(f"form[action$='/{decision.pk}/kiem-phieu/'] button")
        screenshot(officer, f"votes-{name}")
    low.refresh_from_db()
    high.refresh_from_db()
    # then 19 of 30 is rejected, 20 of 30 (two thirds) passed
    assert (low.status, high.status) == (Status.REJECTED, Status.COUNTED)
    # and the passed one is sent to the commune and recognised
    officer.goto(live_server.url + reverse("democracy:votes_detail", kwargs={"pk": high.pk}))
    with officer.expect_navigation():
        officer.click(f"form[action$='/{high.pk}/gui-xa/'] button")
    head = _signed_in(browser, live_server, commune.head, DESKTOP)
    head.goto(live_server.url + reverse("democracy:votes_recognise", kwargs={"pk": high.pk}))
    head.fill("form:has(input[value=recognise]) #id_document_number", "15/QĐ-UBND")
    with head.expect_navigation():
        head.click("form:has(input[value=recognise]) button")
    screenshot(head, "votes-recognised-20-of-30")
    high.refresh_from_db()
    assert high.status == Status.RECOGNISED
    # and anyone reads the result on a phone, without personal data
    resident = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    resident.goto(live_server.url + reverse("democracy:votes_public", kwargs={"pk": high.pk}))
    screenshot(resident, "votes-public-phone")
    body = resident.locator("main").inner_text()
    assert "15/QĐ-UBND" in body
    assert "T1001" not in body
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


@pytest.mark.usefixtures("moving_clock")
def test_an_online_vote_cannot_open_before_more_than_half_agreed(
    browser: Browser, live_server: Any, commune: Commune
) -> None:
    # given 3 households with accounts and an online vote being prepared
    households = add_households(commune.villages[0], 3)
    accounts = [with_account(h, f"chuho{i}") for i, h in enumerate(households)]
    officer = _signed_in(browser, live_server, commune.handler, DESKTOP)
    officer.goto(
        live_server.url + reverse("democracy:votes_create", kwargs={"pk": commune.commune.pk})
    )
    officer.select_option("#id_village", str(commune.villages[0].pk))
    officer.select_option("#id_matter", "other")
    officer.select_option("#id_form", "online")
    officer.fill("#id_title", "Chọn ngày tổ chức ngày hội đại đoàn kết")
    _submit(officer)
    decision = CommunityDecision.objects.get()
    with officer.expect_navigation():
        officer.click(f"form[action$='/{decision.pk}/hoi-y-kien/'] button")
    # when one household of three agrees, on a phone
    resident = _signed_in(browser, live_server, accounts[0], PHONE)
    resident.goto(live_server.url + reverse("democracy:votes_mine"))
    resident.click(f"a[href$='/{decision.pk}/dong-y/']")
    resident.check("input[name=answer][value=approve]")
    _submit(resident)
    screenshot(resident, "votes-consent-phone")
    # then the online vote is refused
    officer.goto(live_server.url + reverse("democracy:votes_open", kwargs={"pk": decision.pk}))
    officer.fill("#id_closes_at", "28/11/2026 09:00")
    officer.fill("#id_ballot_team", TEAM)
    _submit(officer)
    screenshot(officer, "votes-online-refused")
    assert "Mới có 1/3 hộ gia đình đồng ý" in officer.locator("main .errorlist").inner_text()
    decision.refresh_from_db()
    assert decision.status == Status.CONSENT_POLL
    # and once a second household agrees (2 of 3) it opens, and the household votes
    services.consent_answer(
        decision=decision, household=households[1], actor=accounts[1], answer="approve"
    )
    officer.fill("#id_closes_at", "28/11/2026 09:00")
    officer.fill("#id_ballot_team", TEAM)
    _submit(officer)
    decision.refresh_from_db()
    assert decision.status == Status.OPEN
    resident.goto(live_server.url + reverse("democracy:votes_vote", kwargs={"pk": decision.pk}))
    resident.check("input[name=choice][value=approve]")
    _submit(resident)
    screenshot(resident, "votes-voted-phone")
    assert Ballot.objects.get().household == households[0]
