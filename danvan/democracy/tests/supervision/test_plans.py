"""Plans, activities, findings, recommendations and the commune's answers, on the legal
calendar (hand-computed dates, time frozen)."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import SupervisionBoard
from danvan.democracy.selectors.supervision import (
    answer_is_overdue,
    notice_is_late,
    overdue_recommendations,
)
from danvan.democracy.services.supervision import (
    activity_create,
    activity_notice_record,
    answer_due_date,
    finding_add,
    plan_create,
    plan_notice_due_date,
    recommendation_add,
    recommendation_answer,
)
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.supervision.conftest import vi_re

pytestmark = pytest.mark.django_db
AUGUST = dt.datetime(2026, 8, 10, 9, 0, tzinfo=dt.UTC)


def test_plan_notice_counts_back_over_a_weekend_and_national_day() -> None:
    # given an activity on Tuesday 8/9/2026: counting back 5 working days skips the
    # weekend 5–6/9, National Day 1–2/9, Monday 31/8 (a day off swapped with Saturday
    # 22/8) and the weekend 29–30/8:
    # Mon 7/9 (1), Fri 4/9 (2), Thu 3/9 (3), Fri 28/8 (4), Thu 27/8 (5)
    assert plan_notice_due_date(starts_on=dt.date(2026, 9, 8)) == dt.date(2026, 8, 27)
    # and an activity on Thursday 17/9 needs the plan by Thursday 10/9 (one weekend)
    assert plan_notice_due_date(starts_on=dt.date(2026, 9, 17)) == dt.date(2026, 9, 10)


def test_answer_deadline_rolls_past_the_holiday() -> None:
    # given a recommendation received on Monday 17/8/2026: 15 days end on Tuesday 1/9, a
    # holiday, so the answer is due on the next working day, Thursday 3/9
    assert answer_due_date(received_on=dt.date(2026, 8, 17)) == dt.date(2026, 9, 3)
    # and one received on Thursday 3/9 is due on Friday 18/9
    assert answer_due_date(received_on=dt.date(2026, 9, 3)) == dt.date(2026, 9, 18)


@time_machine.travel(AUGUST, tick=False)
def test_an_activity_records_its_notice_and_flags_a_late_one(
    commune: Commune, board: SupervisionBoard
) -> None:
    # given a plan with an activity on 8/9/2026
    plan = plan_create(board=board, title="Kế hoạch giám sát năm 2026", actor=commune.handler)
    activity = activity_create(
        plan=plan,
        subject="Việc thu, chi quỹ xây dựng đường thôn Đông Tảo",
        place="Nhà văn hóa thôn Đông Tảo",
        starts_on=dt.date(2026, 9, 8),
        actor=commune.handler,
    )
    # then the plan is due by 27/8, and on 10/8 nothing is late yet
    assert activity.notice_due_on == dt.date(2026, 8, 27)
    assert notice_is_late(activity) is False
    # and on 28/8 with nothing sent it is flagged
    assert notice_is_late(activity, dt.date(2026, 8, 28)) is True
    # when the plan is sent on 31/8 (late), it is kept and flagged
    activity_notice_record(activity=activity, sent_on=dt.date(2026, 8, 31), actor=commune.handler)
    assert notice_is_late(activity) is True
    # when corrected to 27/8 (the last day), it is on time
    activity_notice_record(activity=activity, sent_on=dt.date(2026, 8, 27), actor=commune.handler)
    assert notice_is_late(activity) is False
    # and a plan "sent" after the activity is refused
    with pytest.raises(
        ApplicationError, match=vi_re("The plan cannot be sent after the activity has taken place.")
    ):
        activity_notice_record(
            activity=activity, sent_on=dt.date(2026, 9, 9), actor=commune.handler
        )


@time_machine.travel(AUGUST, tick=False)
def test_recommendation_answer_overdue_flag(commune: Commune, board: SupervisionBoard) -> None:
    # given an activity on 17/8/2026 that found a problem and recommended a fix that day
    plan = plan_create(board=board, title="Kế hoạch 2026", actor=commune.handler)
    activity = activity_create(
        plan=plan,
        subject="Công trình nhà văn hóa",
        starts_on=dt.date(2026, 8, 17),
        actor=commune.handler,
    )
    finding = finding_add(
        activity=activity,
        content="Vật liệu không đúng thiết kế",
        recorded_on=dt.date(2026, 8, 17),
        actor=commune.handler,
    )
    assert (
        finding_add(
            activity=activity,
            content="Vật liệu không đúng thiết kế",
            recorded_on=dt.date(2026, 8, 17),
            actor=commune.handler,
        )
        == finding
    )  # a retried submission is not repeated
    recommendation = recommendation_add(
        activity=activity,
        content="Đề nghị UBND xã yêu cầu nhà thầu thay vật liệu",
        sent_on=dt.date(2026, 8, 17),
        actor=commune.handler,
    )
    again = recommendation_add(
        activity=activity,
        content="Đề nghị UBND xã yêu cầu nhà thầu thay vật liệu",
        sent_on=dt.date(2026, 8, 17),
        actor=commune.handler,
    )
    assert again == recommendation
    # then the answer is due on 3/9 (15 days end on the holiday 1/9)
    assert recommendation.answer_due_on == dt.date(2026, 9, 3)
    # on 3/9 it is not overdue; on 4/9 without an answer it is
    assert answer_is_overdue(recommendation, dt.date(2026, 9, 3)) is False
    assert answer_is_overdue(recommendation, dt.date(2026, 9, 4)) is True
    assert overdue_recommendations(board.unit, dt.date(2026, 9, 4)) == [recommendation]
    assert overdue_recommendations(board.unit, dt.date(2026, 9, 3)) == []
    # when the commune answers on 7/9, the answer is kept and shown as late
    recommendation_answer(
        recommendation=recommendation,
        answer="Đã yêu cầu nhà thầu thay vật liệu",
        answered_on=dt.date(2026, 9, 7),
        actor=commune.head,
    )
    assert answer_is_overdue(recommendation) is True
    assert overdue_recommendations(board.unit, dt.date(2026, 9, 8)) == []
    # a retried answer is harmless, a different second answer is refused
    recommendation_answer(
        recommendation=recommendation,
        answer="Đã yêu cầu nhà thầu thay vật liệu",
        answered_on=dt.date(2026, 9, 7),
        actor=commune.head,
    )
    with pytest.raises(
        ApplicationError, match=vi_re("This recommendation has already been answered.")
    ):
        recommendation_answer(
            recommendation=recommendation,
            answer="Khác",
            answered_on=dt.date(2026, 9, 8),
            actor=commune.head,
        )


def test_bad_plan_input_gets_messages(commune: Commune, board: SupervisionBoard) -> None:
    plan = plan_create(board=board, title="Kế hoạch 2026", actor=commune.handler)
    with pytest.raises(
        ApplicationError, match=vi_re("The board already has a plan with this title.")
    ):
        plan_create(board=board, title="Kế hoạch  2026", actor=commune.handler)
    activity = activity_create(
        plan=plan, subject="Chợ xã", starts_on=dt.date(2026, 9, 17), actor=commune.handler
    )
    with pytest.raises(
        ApplicationError, match=vi_re("This activity is already in the plan on that day.")
    ):
        activity_create(
            plan=plan, subject="Chợ xã", starts_on=dt.date(2026, 9, 17), actor=commune.handler
        )
    cases: list[tuple[Any, dict[str, Any], str]] = [
        (
            finding_add,
            {"content": " ", "recorded_on": dt.date(2026, 9, 17)},
            "Write what the board found.",
        ),
        (
            finding_add,
            {"content": "x", "recorded_on": dt.date(2026, 9, 16)},
            "A finding cannot be recorded before the activity.",
        ),
        (
            recommendation_add,
            {"content": "", "sent_on": dt.date(2026, 9, 17)},
            "Write the recommendation.",
        ),
        (
            recommendation_add,
            {"content": "x", "sent_on": dt.date(2026, 9, 1)},
            "A recommendation cannot be sent before the activity.",
        ),
    ]
    for service, data, message in cases:
        with pytest.raises(ApplicationError, match=vi_re(message)):
            service(activity=activity, actor=commune.handler, **data)
    recommendation = recommendation_add(
        activity=activity, content="Kiến nghị", sent_on=dt.date(2026, 9, 17), actor=commune.handler
    )
    with pytest.raises(ApplicationError, match=vi_re("Write the commune's answer.")):
        recommendation_answer(
            recommendation=recommendation,
            answer=" ",
            answered_on=dt.date(2026, 9, 18),
            actor=commune.head,
        )
    with pytest.raises(
        ApplicationError, match=vi_re("The answer cannot be dated before the recommendation.")
    ):
        recommendation_answer(
            recommendation=recommendation,
            answer="Trả lời",
            answered_on=dt.date(2026, 9, 1),
            actor=commune.head,
        )
    from danvan.democracy.services.supervision import board_dissolve

    board_dissolve(board=board, dissolved_on=dt.date(2026, 12, 31), actor=commune.handler)
    with pytest.raises(ApplicationError, match=vi_re("This board has been dissolved.")):
        plan_create(board=board, title="Kế hoạch 2027", actor=commune.handler)


def test_dates_before_the_rules_are_refused(commune: Commune, board: SupervisionBoard) -> None:
    # given a plan
    plan = plan_create(board=board, title="Kế hoạch cũ", actor=commune.handler)
    message = vi_re(
        "This date is before the rules on residents' supervision took effect "
        "(Law 10/2022 and Decree 59/2023, from 2023): enter a later date."
    )
    # when an activity is dated before Decree 59/2023 took effect, then refused
    with pytest.raises(ApplicationError, match=message):
        activity_create(
            plan=plan, subject="Cũ", starts_on=dt.date(2023, 8, 1), actor=commune.handler
        )
    # and a recommendation received before the Law, too
    with pytest.raises(ApplicationError, match=message):
        answer_due_date(received_on=dt.date(2023, 6, 30))
    # and a date past the legal calendar's years gets a message, not an error page
    for far in (dt.date(3000, 1, 10), dt.date(9999, 12, 25)):
        with pytest.raises(
            ApplicationError,
            match=vi_re("Enter a date the legal calendar covers (up to the year 2100)."),
        ):
            plan_notice_due_date(starts_on=far)
        with pytest.raises(ApplicationError):
            answer_due_date(received_on=far)
