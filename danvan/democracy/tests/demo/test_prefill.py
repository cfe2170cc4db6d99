"""What grassroots democracy gives a commune's periodic report: the demo commune's figures
for the last two months, counted for its People's Committee (the reporting body)."""

import datetime as dt

import time_machine

from danvan.demo import world
from danvan.demo.democracy import demo_democracy_seed
from danvan.demo.pytest_fixtures import demo_world  # noqa: F401 - the fixture
from danvan.demo.selectors import DemoPlaces
from danvan.democracy import prefill
from danvan.democracy.services.dialogues import demo_dialogues_seed
from danvan.democracy.services.households import demo_households_seed
from danvan.directives.prefill import source_choices, source_count
from danvan.units.models import Unit

NOW = dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_the_commune_report_is_prefilled_from_democracy(demo_world: DemoPlaces) -> None:  # noqa: F811
    # given the demo commune's households, dialogue, disclosures and decisions
    demo_households_seed()
    demo_dialogues_seed()
    demo_democracy_seed()
    committee = Unit.objects.get(code=world.COMMUNE_COMMITTEE.code)
    start, end = dt.date(2026, 10, 1), dt.date(2026, 11, 26)

    def figure(code: str) -> int:
        counted = source_count(code, unit=committee, period_start=start, period_end=end)
        assert counted is not None
        assert "Tự động từ sổ" in counted.note
        assert "01/10–26/11/2026" in counted.note
        return int(counted.value)

    # then the committee's report gets the commune's figures (the seed dates follow today)
    assert figure(prefill.DIALOGUES_HELD) == 1  # held 45 days ago
    assert figure(prefill.DISCLOSURES_POSTED) == 2  # the budget and the housing-support list
    assert figure(prefill.DECISIONS_RECOGNISED) == 1  # the road contribution
    assert figure(prefill.COMMITMENTS_DONE) >= 1
    # and another commune's report gets none of them
    ward = Unit.objects.get(code=world.WARD_COMMITTEE.code)
    other = source_count(prefill.DIALOGUES_HELD, unit=ward, period_start=start, period_end=end)
    assert other is not None
    assert other.value == 0
    # the sources are offered to report templates
    codes = {code for code, _label in source_choices()}
    assert {prefill.DIALOGUES_HELD, prefill.DECISIONS_RECOGNISED} <= codes
