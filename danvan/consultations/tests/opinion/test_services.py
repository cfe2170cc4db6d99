"""The opinion-map service, task and selectors over a consultation's statement votes."""

import numpy as np
import pytest

from danvan.audit.models import AuditEntry
from danvan.consultations.models import OpinionMap
from danvan.consultations.selectors.opinion import (
    _vote_arrays_by_rows,
    opinion_map_latest,
    opinion_map_view,
    statement_vote_arrays,
    statements_moderated_out,
)
from danvan.consultations.services.opinion import opinion_map_compute, opinion_map_recompute
from danvan.consultations.tests.opinion.conftest import CAMP_SIZE, SHARED, Voted
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def test_vote_arrays_hold_every_vote(voted: Voted) -> None:
    # when the votes are read (binary COPY on PostgreSQL, chunks elsewhere)
    arrays = statement_vote_arrays(consultation=voted.consultation)

    # then every row is there with its value
    n_rows = 2 * CAMP_SIZE * 7 + 2
    assert arrays.participants.shape == arrays.statements.shape == arrays.votes.shape == (n_rows,)
    assert arrays.votes.dtype == np.int8
    light = arrays.participants == voted.light.pk
    assert sorted(arrays.statements[light].tolist()) == sorted(s.pk for s in voted.statements[:2])
    assert (arrays.votes[light] == 1).all()
    assert set(np.unique(arrays.votes).tolist()) == {-1, 0, 1}


def test_both_readers_agree(voted: Voted) -> None:
    # the portable row reader gives what the PostgreSQL COPY reader (when in use) gives
    fast = statement_vote_arrays(consultation=voted.consultation)
    rows = _vote_arrays_by_rows(voted.consultation)
    key = np.lexsort((fast.statements, fast.participants))
    other = np.lexsort((rows.statements, rows.participants))
    assert (fast.participants[key] == rows.participants[other]).all()
    assert (fast.statements[key] == rows.statements[other]).all()
    assert (fast.votes[key] == rows.votes[other]).all()


def test_compute_stores_a_snapshot_of_the_two_camps(voted: Voted, handler: User) -> None:
    # when the map is computed
    snapshot = opinion_map_compute(consultation=voted.consultation, actor=handler)

    # then the snapshot has two groups, each camp whole, the light voter left out
    assert snapshot.k == 2
    assert snapshot.participants_total == 2 * CAMP_SIZE + 1
    assert snapshot.participants_clustered == 2 * CAMP_SIZE
    assert snapshot.statements_total == 6  # the rejected statement does not count
    assert snapshot.votes_total == 2 * CAMP_SIZE * 7 + 2
    assert sorted(snapshot.group_sizes) == [CAMP_SIZE, CAMP_SIZE]
    assert str(voted.light.pk) not in snapshot.groups
    groups_a = {snapshot.groups[str(p.pk)] for p in voted.camp_a}
    groups_b = {snapshot.groups[str(p.pk)] for p in voted.camp_b}
    assert len(groups_a) == len(groups_b) == 1
    assert groups_a != groups_b
    # the rejected statement is never cited; the shared one is common ground
    rejected = set(statements_moderated_out(consultation=voted.consultation))
    cited = {e["tid"] for entries in snapshot.repness.values() for e in entries}
    assert cited
    assert cited.isdisjoint(rejected)
    assert [c["tid"] for c in snapshot.consensus] == [voted.statements[SHARED].pk]
    assert sum(p["size"] for p in snapshot.points) == 2 * CAMP_SIZE
    assert snapshot.params["min_votes"] == 7
    assert "2" in snapshot.silhouettes
    # and the computation is in the audit chain, without any participant id
    entry = AuditEntry.objects.get(verb="consultation.opinion_map")
    assert entry.data == {"k": 2, "participants": 25, "clustered": 24, "votes": 170}


def test_recompute_task_adds_a_new_snapshot(voted: Voted, handler: User) -> None:
    # given an earlier snapshot
    first = opinion_map_compute(consultation=voted.consultation)

    # when the task runs (immediate backend in tests)
    result = opinion_map_recompute.enqueue(
        consultation_id=voted.consultation.pk, actor_id=handler.pk
    )

    # then a second snapshot exists and is the latest
    assert OpinionMap.objects.filter(consultation=voted.consultation).count() == 2
    latest = opinion_map_latest(consultation=voted.consultation)
    assert latest is not None
    assert latest.pk == result.return_value != first.pk
    assert str(latest).startswith(str(voted.consultation.pk))


def test_map_of_a_consultation_without_votes(consultation) -> None:  # type: ignore[no-untyped-def]
    snapshot = opinion_map_compute(consultation=consultation)
    assert (snapshot.k, snapshot.participants_total, snapshot.group_sizes) == (0, 0, [])
    view = opinion_map_view(snapshot=snapshot)
    assert view.bubbles == []
    assert view.groups == []


def test_view_gives_texts_shares_and_bubbles(voted: Voted) -> None:
    snapshot = opinion_map_compute(consultation=voted.consultation)
    view = opinion_map_view(snapshot=snapshot)
    assert [g.letter for g in view.groups] == ["A", "B"]
    assert [g.percent for g in view.groups] == [50, 50]
    texts = {line.text for g in view.groups for line in g.statements}
    assert texts <= {s.text for s in voted.statements}
    assert view.consensus[0].text == voted.statements[SHARED].text
    assert view.consensus[0].percent == 100
    for bubble in view.bubbles:
        assert bubble.cx - bubble.r >= 0
        assert bubble.cx + bubble.r <= view.size
        assert bubble.cy - bubble.r >= 0
        assert bubble.cy + bubble.r <= view.size
        assert bubble.letter in {"A", "B"}
