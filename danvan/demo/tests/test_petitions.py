"""The demo petitions seeder: once only, only with the whole map, without a sealing key,
and across runs (a story added later finds the cases of an earlier run).

Seeded on the small demo world (the demo province only) with time frozen.
"""

import datetime as dt
from dataclasses import replace
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from danvan.demo import petition_stories
from danvan.demo.management.commands.seed_demo import Command
from danvan.demo.petitions import demo_petitions_seed
from danvan.demo.selectors import DemoPlaces
from danvan.petitions.models import Case, ReceptionScheduleDay

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def seed_full() -> str:
    """``seed_demo`` without --minimal, on the small map already loaded (the whole one
    takes minutes)."""
    out = StringIO()
    with mock.patch.object(Command, "_load_places"), time_machine.travel(NOW):
        call_command("seed_demo", force=True, quiet_cast=True, stdout=out)
    return out.getvalue()


@override_settings(DANVAN_SEALING_KEYS=[])
def test_without_a_sealing_key_the_denunciations_are_skipped(demo_world: DemoPlaces) -> None:
    # when
    output = seed_full()
    # then: everything else is there, and the command says what was left out and why
    assert "5 denunciations skipped: DANVAN_SEALING_KEYS is not set" in output
    assert not Case.objects.filter(kind__in=["denunciation", "anonymous_report"]).exists()
    assert Case.objects.filter(kind="complaint").exists()


def test_a_story_added_later_finds_the_cases_of_an_earlier_run(demo_world: DemoPlaces) -> None:
    # given: an earlier run knew only the first-time complaint
    first_time = petition_stories.key("land-recovery-first")
    earlier = [s for s in petition_stories.STORIES if s.key == first_time]
    with time_machine.travel(NOW):
        demo_petitions_seed(stories=earlier, reception_days=())
        # when: the full set is seeded
        report = demo_petitions_seed()
    # then: the second-time complaint links the case made by the earlier run
    assert report.stories_present == 1
    second = Case.objects.get(idempotency_key=petition_stories.key("land-recovery-second"))
    assert second.previous_case == Case.objects.get(idempotency_key=first_time)


def test_a_step_dated_today_or_later_is_refused(demo_world: DemoPlaces) -> None:
    # given: a story whose step would fall on today
    story = petition_stories.STORIES[0]
    too_late = replace(story, received=2, steps=(petition_stories.Check(2),))
    # when / then
    with time_machine.travel(NOW), pytest.raises(RuntimeError, match="not before today"):
        demo_petitions_seed(stories=[too_late])


def test_seed_demo_adds_the_petitions_once_and_only_with_the_whole_map(
    demo_world: DemoPlaces,
) -> None:
    # given: the --minimal seed (the browser tests' world) made no petitions
    assert not Case.objects.exists()

    # when
    first = seed_full()
    counts = (Case.objects.count(), ReceptionScheduleDay.objects.count())
    second = seed_full()
    # then: the second run finds every story and changes nothing
    assert f"Demo petitions ready: {counts[0]} cases from " in first
    assert "Demo petitions ready: 0 cases from 0 stories created (47 already there)" in second
    assert (Case.objects.count(), ReceptionScheduleDay.objects.count()) == counts
