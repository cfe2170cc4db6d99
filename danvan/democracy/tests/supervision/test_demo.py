"""The demo commune's boards and dialogue: seeded once, showing each flag, and removable."""

import datetime as dt

import pytest
import time_machine

from danvan.democracy.models import Commitment, Dialogue, SupervisionBoard
from danvan.democracy.selectors.dialogues import missing_yearly_dialogue, overdue_commitments
from danvan.democracy.selectors.supervision import board_states, overdue_recommendations
from danvan.democracy.services.dialogues import demo_dialogues_reset, demo_dialogues_seed
from danvan.democracy.services.supervision import demo_supervision_reset, demo_supervision_seed
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_demo_seed_shows_each_flag_once_and_resets(commune: Commune) -> None:
    # given the demo commune (the fixture uses the demo's codes)
    # when the seeds run twice
    assert (demo_supervision_seed(), demo_dialogues_seed()) == (2, 1)
    assert (demo_supervision_seed(), demo_dialogues_seed()) == (0, 0)
    # then the inspection board is complete, the investment board one member short
    states = {state.board.kind: state for state in board_states(commune.commune)}
    assert states[SupervisionBoard.Kind.INSPECTION].flags == []
    assert len(states[SupervisionBoard.Kind.INVESTMENT].flags) == 1
    # one recommendation is past its answer deadline
    assert len(overdue_recommendations(commune.commune)) == 1
    # the dialogue of 6/10/2026 counts for the year; one commitment is overdue
    assert missing_yearly_dialogue(commune.commune) is False
    assert [c.status for c in Commitment.objects.order_by("due_on")] == [
        "open",
        "done",
        "in_progress",
    ]
    assert len(overdue_commitments(commune.commune)) == 1
    # and the reset removes it all, so the demo villages can go
    assert demo_supervision_reset() > 0
    assert demo_dialogues_reset() > 0
    assert not SupervisionBoard.objects.exists()
    assert not Dialogue.objects.exists()
    for village in commune.villages:
        village.delete()
    assert not Unit.objects.filter(kind=Unit.Kind.VILLAGE).exists()


def test_without_the_demo_commune_nothing_is_seeded(db: None) -> None:
    assert (demo_supervision_seed(), demo_dialogues_seed()) == (0, 0)
    assert (demo_supervision_reset(), demo_dialogues_reset()) == (0, 0)


def test_a_commune_without_officers_gets_no_demo(commune: Commune) -> None:
    # given the demo commune's committee with nobody holding a role in it
    RoleAssignment.objects.filter(unit=commune.committee).delete()
    # then nothing is seeded
    assert (demo_supervision_seed(), demo_dialogues_seed()) == (0, 0)
