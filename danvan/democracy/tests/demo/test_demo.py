"""The demo commune's grassroots democracy: seeded through the real services, so every page
of the module shows real work; seeding twice adds nothing and the reset removes it."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from danvan.demo import cast
from danvan.demo.democracy import (
    LIGHTS_DECISION,
    PROPOSAL_REACHED,
    ROAD_DECISION,
    demo_democracy_reset,
    demo_democracy_seed,
)
from danvan.demo.pytest_fixtures import demo_world  # noqa: F401 - the fixture
from danvan.demo.selectors import DemoPlaces
from danvan.democracy.models import (
    Ballot,
    CommunityDecision,
    Disclosure,
    Household,
    ResidentProposal,
    StaffConference,
)
from danvan.democracy.services.households import demo_households_seed
from danvan.units.models import User

NOW = dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC)  # 09:00 in Hà Nội, a Thursday


@time_machine.travel(NOW, tick=False)
def test_the_demo_shows_every_part_of_the_work(demo_world: DemoPlaces) -> None:  # noqa: F811
    # given the demo villages' households
    demo_households_seed()
    # when the seed runs twice
    report = demo_democracy_seed()
    again = demo_democracy_seed()
    # then: seeded once
    assert (report.disclosures, report.proposals, report.decisions, report.conferences) == (
        5, 2, 2, 1,
    )  # fmt: skip
    assert (again.disclosures, again.proposals, again.decisions, again.conferences) == (
        0, 0, 0, 0,
    )  # fmt: skip
    # five items of the register, and the recognised decision's result disclosed (Art 23)
    assert Disclosure.objects.count() == 6
    assert Disclosure.objects.filter(title__contains=ROAD_DECISION).exists()
    # the commune-wide contribution passed in three villages of four and was recognised
    road = CommunityDecision.objects.get(title=ROAD_DECISION)
    assert road.status == CommunityDecision.Status.RECOGNISED
    assert road.scope == "commune"
    assert Ballot.objects.filter(decision=road).count() > 300
    # the lighting of Đông Tảo waits for the households' consent to vote online
    lights = CommunityDecision.objects.get(title=LIGHTS_DECISION)
    assert lights.status == CommunityDecision.Status.CONSENT_POLL
    # An Vĩ's proposal reached 10 % of households
    assert ResidentProposal.objects.get(title=PROPOSAL_REACHED).status == "reached"
    assert StaffConference.objects.filter(year=2025).count() == 1
    # the demo citizen represents her household and sees its poll
    citizen = User.objects.get(username=cast.CITIZEN.username)
    assert Household.objects.get(account=citizen).representative == citizen.full_name
    client = Client()
    client.force_login(citizen)
    mine = client.get(reverse("democracy:votes_mine")).content.decode()
    assert LIGHTS_DECISION in mine
    # and the public pages show the result and the disclosures, logged out
    public = Client()
    result = public.get(reverse("democracy:votes_public", args=[road.pk])).content.decode()
    assert "Được công nhận" in result or "công nhận" in result
    commune = road.commune
    posted = public.get(reverse("democracy:disclosures_public", args=[commune.pk]))
    assert "Quy chế thực hiện dân chủ ở cơ sở xã Khoái Châu" in posted.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_demo_reset_removes_it(demo_world: DemoPlaces) -> None:  # noqa: F811
    demo_households_seed()
    demo_democracy_seed()
    assert demo_democracy_reset() > 0
    assert not CommunityDecision.objects.exists()
    assert not Disclosure.objects.exists()
    assert not ResidentProposal.objects.exists()
    assert not StaffConference.objects.exists()
