"""What the records print as, the unit each belongs to, and the save errors no form
reaches (a field too long, a duplicate slipping past the check in a race)."""

import datetime as dt
from unittest import mock

import pytest

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import Dialogue, SupervisionBoard, SupervisionPlan
from danvan.democracy.services import dialogues as dialogue_services
from danvan.democracy.services import supervision as services
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.supervision.conftest import vi_re

pytestmark = pytest.mark.django_db


def test_records_print_their_text_and_know_their_unit(
    commune: Commune, board: SupervisionBoard
) -> None:
    member = services.member_add(
        board=board,
        full_name="Đỗ Văn Khoa",
        village=commune.villages[0],
        from_date=dt.date(2026, 1, 1),
        declared_not_staff=True,
        actor=commune.handler,
    )
    plan = services.plan_create(board=board, title="Kế hoạch 2026", actor=commune.handler)
    activity = services.activity_create(
        plan=plan, subject="Chợ xã", starts_on=dt.date(2026, 9, 17), actor=commune.handler
    )
    finding = services.finding_add(
        activity=activity,
        content="Thiếu thùng rác",
        recorded_on=dt.date(2026, 9, 17),
        actor=commune.handler,
    )
    recommendation = services.recommendation_add(
        activity=activity,
        content="Đặt thùng rác",
        sent_on=dt.date(2026, 9, 17),
        actor=commune.handler,
    )
    assert [str(x) for x in (board, member, plan, activity, finding, recommendation)] == [
        "Ban Thanh tra nhân dân xã Khoái Châu",
        "Đỗ Văn Khoa",
        "Kế hoạch 2026",
        "Chợ xã",
        "Thiếu thùng rác",
        "Đặt thùng rác",
    ]
    assert member.unit == plan.unit == activity.unit == commune.commune
    dialogue = dialogue_services.dialogue_create(
        unit=commune.commune,
        title="Đối thoại 2026",
        held_on=dt.date(2026, 3, 20),
        place="Hội trường",
        chair="Nguyễn Văn An",
        actor=commune.handler,
    )
    question = dialogue_services.question_add(
        dialogue=dialogue, question="Hỏi về chợ", actor=commune.handler
    )
    commitment = dialogue_services.commitment_add(
        dialogue=dialogue,
        content="Sửa chợ",
        responsible="UBND xã",
        due_on=dt.date(2026, 6, 1),
        actor=commune.handler,
    )
    update = dialogue_services.commitment_progress(
        commitment=commitment,
        status="in_progress",
        note="Đang sửa",
        on=dt.date(2026, 4, 1),
        actor=commune.handler,
    )
    assert [str(x) for x in (dialogue, question, commitment, update)] == [
        "Đối thoại 2026",
        "Hỏi về chợ",
        "Sửa chợ",
        "Đang sửa",
    ]
    assert commitment.unit == commune.commune


def test_a_field_too_long_is_refused(commune: Commune, board: SupervisionBoard) -> None:
    with pytest.raises(ApplicationError):
        services.plan_create(board=board, title="K" * 300, actor=commune.handler)
    with pytest.raises(ApplicationError):
        dialogue_services.dialogue_create(
            unit=commune.commune,
            title="Đ" * 300,
            held_on=dt.date(2026, 3, 20),
            place="x",
            chair="x",
            actor=commune.handler,
        )


def test_a_duplicate_slipping_past_the_check_is_refused(
    commune: Commune, board: SupervisionBoard
) -> None:
    # given a plan, and a second identical one whose check is skipped (a concurrent request)
    services.plan_create(board=board, title="Kế hoạch 2026", actor=commune.handler)
    with (
        mock.patch.object(SupervisionPlan, "full_clean"),
        pytest.raises(
            ApplicationError, match=vi_re("The board already has a plan with this title.")
        ),
    ):
        services.plan_create(board=board, title="Kế hoạch 2026", actor=commune.handler)
    dialogue_services.dialogue_create(
        unit=commune.commune,
        title="Đối thoại",
        held_on=dt.date(2026, 3, 20),
        place="x",
        chair="x",
        actor=commune.handler,
    )
    with (
        mock.patch.object(Dialogue, "full_clean"),
        pytest.raises(
            ApplicationError,
            match=vi_re("A dialogue with this topic is already recorded that day."),
        ),
    ):
        dialogue_services.dialogue_create(
            unit=commune.commune,
            title="Đối thoại",
            held_on=dt.date(2026, 3, 20),
            place="x",
            chair="x",
            actor=commune.handler,
        )
    assert SupervisionPlan.objects.count() == 1
    assert Dialogue.objects.count() == 1
