"""The evaluation's services: criteria, evaluate (once a year), recognise at the committee's
own level, batch recognition, removal (messages checked by their English msgids)."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import override_settings

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.emulation.models import (
    Criterion,
    Evaluation,
    Exemplar,
    ExemplarEvent,
    Kind,
    Level,
    Recognition,
)
from danvan.emulation.selectors.evaluation import committees, year_counts, year_exemplars
from danvan.emulation.services.evaluation import (
    criterion_create,
    criterion_move,
    criterion_set_active,
    criterion_update,
    exemplar_evaluate,
    exemplar_remove,
    recognition_create,
    recognition_create_many,
)
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.evaluation.helpers import (
    committee,
    make_criteria,
    points,
    recognition_values,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(autouse=True)
def _december() -> Iterator[None]:
    with time_machine.travel("2026-12-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def criteria(db: None) -> list[Criterion]:
    return make_criteria()


def evaluate(
    world: World, exemplar: Exemplar, criteria: list[Criterion], *values: int, **extra: Any
) -> Evaluation:
    officer = world.provincial_officer
    return exemplar_evaluate(
        exemplar=exemplar,
        actor=officer,
        committee=committee(officer, exemplar),
        year=2026,
        points=points(criteria, *values),
        **extra,
    )


def test_committees_have_the_level_of_the_place_they_serve(world: World) -> None:
    # given the fixture's officers / when their committees are listed / then the level follows
    # the place served (the provincial commission sits under the Tỉnh ủy, serves the province)
    assert [c.level for c in committees(world.commune_commission)] == [Level.COMMUNE]
    assert [c.level for c in committees(world.provincial_officer)] == [Level.PROVINCIAL]
    assert [c.level for c in committees(world.central_officer)] == [Level.CENTRAL]
    assert committees(world.commune_head) == []  # the People's Committee is no committee


def test_evaluation_totals_suggests_and_records_history(
    world: World, criteria: list[Criterion]
) -> None:
    # given a collective model and three criteria, one for examples only
    exemplar = make_exemplar(world.commune_committee)
    # when the provincial commission gives 8 and 7 of 10 (75 per cent >= 70)
    evaluation = evaluate(world, exemplar, criteria, 8, 7, remarks="Tốt")
    # then the example-only criterion is left out, the verdict is effective
    assert (evaluation.total_points, evaluation.max_points) == (15, 20)
    assert evaluation.verdict == Evaluation.Verdict.EFFECTIVE
    assert evaluation.committee == world.provincial_commission
    assert evaluation.evaluated_on == dt.date(2026, 12, 15)
    assert evaluation.scores.count() == 2
    event = exemplar.events.get(kind=ExemplarEvent.EventKind.EVALUATED)
    assert event.data["verdict"] == "effective"
    assert event.actor == world.provincial_officer
    assert AuditEntry.objects.filter(verb="emulation_exemplar.evaluate").count() == 1


def test_a_required_criterion_at_zero_is_not_effective(
    world: World, criteria: list[Criterion]
) -> None:
    exemplar = make_exemplar(world.commune_committee)
    # when the required criterion scores 0 though the total is 10 of 20... below anyway; use
    # a pass mark of 50 per cent so that only the required criterion decides
    with override_settings(DANVAN={"EMULATION_PASS_PERCENT": 50}):
        evaluation = evaluate(world, exemplar, criteria, 0, 10)
    assert evaluation.verdict == Evaluation.Verdict.INEFFECTIVE


def test_the_pass_mark_is_a_setting(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    with override_settings(DANVAN={"EMULATION_PASS_PERCENT": 80}):
        evaluation = evaluate(world, exemplar, criteria, 8, 7)  # 75 per cent < 80
    assert evaluation.verdict == Evaluation.Verdict.INEFFECTIVE


def test_overriding_the_suggestion_needs_a_reason(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    with pytest.raises(ApplicationError, match="Give the reason in the remarks"):
        evaluate(world, exemplar, criteria, 10, 10, verdict="ineffective")
    assert not Evaluation.objects.exists()
    evaluation = evaluate(
        world,
        exemplar,
        criteria,
        10,
        10,
        verdict="ineffective",
        remarks="Số liệu chưa được xác minh",
    )
    assert evaluation.verdict == Evaluation.Verdict.INEFFECTIVE


def test_points_out_of_range_are_refused(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    with pytest.raises(ApplicationError, match="between 0 and 10"):
        evaluate(world, exemplar, criteria, 11, 5)
    with pytest.raises(ApplicationError, match="between 0 and 10"):
        evaluate(world, exemplar, criteria, 5)  # one criterion missing
    assert not Evaluation.objects.exists()


def test_a_retry_returns_the_evaluation_already_made(
    world: World, criteria: list[Criterion]
) -> None:
    exemplar = make_exemplar(world.commune_committee)
    first = evaluate(world, exemplar, criteria, 8, 8)
    again = evaluate(world, exemplar, criteria, 1, 1)
    assert again.pk == first.pk
    assert again.total_points == 16
    assert exemplar.events.filter(kind="evaluated").count() == 1


def test_recognition_updates_the_model(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    evaluate(world, exemplar, criteria, 9, 9)
    officer = world.provincial_officer
    recognition = recognition_create(
        exemplar=exemplar,
        actor=officer,
        committee=committee(officer, exemplar),
        **recognition_values(is_outstanding=True),
    )
    exemplar.refresh_from_db()
    assert recognition.issuer == world.provincial_commission
    assert exemplar.status == Exemplar.Status.RECOGNISED
    assert (exemplar.recognised_level, exemplar.recognised_year) == ("provincial", 2026)
    assert exemplar.is_outstanding
    assert exemplar.events.filter(kind="recognised").count() == 1
    # and a retry returns the same recognition
    again = recognition_create(
        exemplar=exemplar,
        actor=officer,
        committee=committee(officer, exemplar),
        **recognition_values(),
    )
    assert again.pk == recognition.pk
    assert Recognition.objects.count() == 1


def test_the_highest_level_held_is_kept(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    evaluate(world, exemplar, criteria, 9, 9)
    officer = world.provincial_officer
    recognition_create(
        exemplar=exemplar,
        actor=officer,
        committee=committee(officer, exemplar),
        **recognition_values(),
    )
    local = world.commune_commission
    recognition_create(
        exemplar=exemplar,
        actor=local,
        committee=committee(local, exemplar),
        **recognition_values(level="commune", decision_number="12-QĐ/ĐU"),
    )
    exemplar.refresh_from_db()
    assert exemplar.recognised_level == "provincial"
    assert not exemplar.is_outstanding


def test_a_commune_committee_cannot_recognise_at_provincial_level(
    world: World, criteria: list[Criterion]
) -> None:
    exemplar = make_exemplar(world.commune_committee)
    evaluate(world, exemplar, criteria, 9, 9)
    local = world.commune_commission
    with pytest.raises(ApplicationError, match="own level only"):
        recognition_create(
            exemplar=exemplar,
            actor=local,
            committee=committee(local, exemplar),
            **recognition_values(level="provincial"),
        )
    # nor may the province recognise at commune level
    officer = world.provincial_officer
    with pytest.raises(ApplicationError, match="own level only"):
        recognition_create(
            exemplar=exemplar,
            actor=officer,
            committee=committee(officer, exemplar),
            **recognition_values(level="commune"),
        )
    assert not Recognition.objects.exists()


def test_recognition_needs_an_effective_evaluation(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    officer = world.provincial_officer
    with pytest.raises(ApplicationError, match="no “effective” evaluation"):
        recognition_create(
            exemplar=exemplar,
            actor=officer,
            committee=committee(officer, exemplar),
            **recognition_values(),
        )
    evaluate(world, exemplar, criteria, 1, 1)
    with pytest.raises(ApplicationError, match="no “effective” evaluation"):
        recognition_create(
            exemplar=exemplar,
            actor=officer,
            committee=committee(officer, exemplar),
            **recognition_values(),
        )


def test_batch_recognition_is_all_or_nothing(world: World, criteria: list[Criterion]) -> None:
    good = make_exemplar(world.commune_committee, title="Mô hình A")
    other = make_exemplar(world.other_committee, title="Mô hình B")
    weak = make_exemplar(world.commune_committee, title="Mô hình C")
    evaluate(world, good, criteria, 9, 9)
    evaluate(world, other, criteria, 8, 8)
    officer = world.provincial_officer
    own = committees(officer)[0]
    values = recognition_values()
    values.pop("is_outstanding")
    with pytest.raises(ApplicationError, match="no “effective” evaluation"):
        recognition_create_many(
            exemplars=[good, other, weak], actor=officer, committee=own, **values
        )
    assert not Recognition.objects.exists()
    done = recognition_create_many(exemplars=[good, other], actor=officer, committee=own, **values)
    assert {r.decision_number for r in done} == {"125-QĐ/BDVTU"}
    assert Exemplar.objects.filter(status="recognised").count() == 2


def test_removal_needs_a_reason_and_keeps_the_row(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    officer = world.provincial_officer
    with pytest.raises(ApplicationError, match="Give the reason"):
        exemplar_remove(exemplar=exemplar, actor=officer, reason="  ")
    removed = exemplar_remove(exemplar=exemplar, actor=officer, reason="Không hiệu quả")
    assert removed.status == Exemplar.Status.REMOVED
    assert removed.removed_on == dt.date(2026, 12, 15)
    assert removed.removed_by == officer
    assert removed.events.filter(kind="removed").count() == 1
    # then it can be neither evaluated nor recognised
    with pytest.raises(ApplicationError, match="was removed"):
        evaluate(world, removed, criteria, 9, 9)
    with pytest.raises(ApplicationError, match="was removed"):
        recognition_create(
            exemplar=removed,
            actor=officer,
            committee=committee(officer, removed),
            **recognition_values(),
        )
    # and a second removal changes nothing
    exemplar_remove(exemplar=removed, actor=officer, reason="Lần hai")
    removed.refresh_from_db()
    assert removed.removed_reason == "Không hiệu quả"


def test_year_round_lists_and_counts(world: World, criteria: list[Criterion]) -> None:
    a = make_exemplar(world.commune_committee, title="A")
    make_exemplar(world.other_committee, title="B")
    make_exemplar(world.commune_committee, title="C", year=2027, period_start=dt.date(2026, 1, 1))
    gone = make_exemplar(world.commune_committee, title="D")
    exemplar_remove(exemplar=gone, actor=world.provincial_officer, reason="x")
    evaluate(world, a, criteria, 9, 9)
    rows = year_exemplars(world.provincial_officer, 2026)
    assert sorted(r.title for r in rows) == ["A", "B"]
    counts = year_counts(rows)
    assert (counts["to_evaluate"], counts["effective"], counts["effective_unrecognised"]) == (
        1,
        1,
        1,
    )
    # the commune's committee sees its commune only
    assert [r.title for r in year_exemplars(world.commune_commission, 2026)] == ["A"]


def test_criteria_are_edited_retired_and_ordered(world: World, criteria: list[Criterion]) -> None:
    officer = world.provincial_officer
    added = criterion_create(
        actor=officer,
        code="moi",
        name="Mới",
        max_points=5,
        applies_to="both",
        is_required=False,
        description="",
    )
    assert added.position == 4
    with pytest.raises(ApplicationError, match="already exists"):
        criterion_create(actor=officer, code="moi", name="Trùng", max_points=5)
    with pytest.raises(ApplicationError, match="already exists"):
        criterion_update(criterion=added, actor=officer, code="hieu-qua")
    criterion_update(criterion=added, actor=officer, max_points=20)
    criterion_set_active(criterion=criteria[0], actor=officer, active=False)
    criterion_move(criterion=added, actor=officer, step=-1)
    codes = list(Criterion.objects.values_list("code", flat=True))
    assert codes == ["muc-tieu", "hieu-qua", "moi", "guong-mau"]
    # a retired criterion is no longer scored, so a model is evaluated on the others
    exemplar = make_exemplar(world.commune_committee, kind=Kind.MODEL)
    evaluation = exemplar_evaluate(
        exemplar=exemplar,
        actor=officer,
        committee=committee(officer, exemplar),
        year=2026,
        points={criteria[1].pk: 10, added.pk: 15},
    )
    assert (evaluation.total_points, evaluation.max_points) == (25, 30)
