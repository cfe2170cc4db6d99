"""The demo consultation: residents with a year of birth and a commune take part through the
real services, so the dashboard shows real figures; seeding twice adds nothing."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from danvan.consultations.models import Consultation, ConsultationParticipant
from danvan.consultations.selectors.dashboard import (
    figures_public,
    participation_figures,
)
from danvan.demo import cast
from danvan.demo.consultations import (
    RESIDENT_PREFIX,
    TITLE,
    demo_consultations_reset,
    demo_consultations_seed,
)
from danvan.demo.pytest_fixtures import demo_world  # noqa: F401 - the fixture
from danvan.demo.selectors import DemoPlaces
from danvan.units.models import User


# A fixed morning: the seed spreads votes over the days of the window up to "now", so the
# number of days with votes depends on the hour the test runs at.
@time_machine.travel(dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC), tick=False)
def test_the_demo_consultation_fills_every_breakdown(demo_world: DemoPlaces) -> None:  # noqa: F811
    # given: the cast has years of birth and places of residence
    citizen = User.objects.get(username=cast.CITIZEN.username)
    assert (citizen.birth_year, citizen.home_unit) == (1968, demo_world.commune)
    # when
    report = demo_consultations_seed(places=demo_world)
    again = demo_consultations_seed(places=demo_world)
    # then
    consultation = Consultation.objects.get(title=TITLE)
    figures = participation_figures(consultation=consultation)
    assert report.created
    assert not again.created
    assert report.participants == figures.total.count == 63
    assert ConsultationParticipant.objects.filter(consultation=consultation).count() == 63
    assert figures.place_level == "commune"
    assert figures.places[0].label == demo_world.commune.name
    assert {c.key for c in figures.channels if c.count} == {"web", "paper", "meeting"}
    assert all(c.count for c in figures.age_bands)
    assert len([day for day, cell in figures.days if cell.count]) == 7
    public = figures_public(figures)
    assert not public.places[0].hidden
    assert (
        Client()
        .get(reverse("consultations:dashboard_public", kwargs={"slug": consultation.slug}))
        .status_code
        == 200
    )


def test_the_demo_reset_removes_the_consultation_and_the_residents(
    demo_world: DemoPlaces,  # noqa: F811
) -> None:
    # given
    demo_consultations_seed(places=demo_world)
    # when
    removed = demo_consultations_reset()
    # then
    assert removed > 60
    assert not Consultation.objects.filter(title=TITLE).exists()
    assert not User.objects.filter(username__startswith=RESIDENT_PREFIX).exists()
    assert User.objects.filter(username=cast.CITIZEN.username).exists()
