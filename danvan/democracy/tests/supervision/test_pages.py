"""The supervision pages: who may see them (the same 404 otherwise) and what they do."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.democracy.models import (
    BoardMember,
    SupervisionActivity,
    SupervisionBoard,
    SupervisionPlan,
    SupervisionRecommendation,
)
from danvan.democracy.services.supervision import (
    activity_create,
    member_add,
    plan_create,
    recommendation_add,
)
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.democracy.tests.supervision.conftest import vi
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db
AUGUST = dt.datetime(2026, 8, 10, 9, 0, tzinfo=dt.UTC)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def recommendation(commune: Commune, board: SupervisionBoard) -> SupervisionRecommendation:
    plan = plan_create(board=board, title="Kế hoạch 2026", actor=commune.handler)
    activity = activity_create(
        plan=plan, subject="Chợ xã", starts_on=dt.date(2026, 8, 17), actor=commune.handler
    )
    return recommendation_add(
        activity=activity,
        content="Kiến nghị về vệ sinh chợ",
        sent_on=dt.date(2026, 8, 17),
        actor=commune.handler,
    )


def staff_urls(
    board: SupervisionBoard, recommendation: SupervisionRecommendation
) -> list[tuple[str, str]]:
    member = member_add(
        board=board,
        full_name="Đỗ Văn Khoa",
        village=Unit.objects.filter(kind=Unit.Kind.VILLAGE).first(),
        from_date=dt.date(2026, 1, 1),
        declared_not_staff=True,
        actor=board.created_by,  # type: ignore[arg-type]
    )
    activity = recommendation.activity
    get = [
        reverse("democracy:supervision_unit", kwargs={"pk": board.unit_id}),
        reverse("democracy:supervision_board_create", kwargs={"pk": board.unit_id}),
        reverse("democracy:supervision_board", kwargs={"pk": board.pk}),
        reverse("democracy:supervision_plan", kwargs={"pk": activity.plan_id}),
        reverse("democracy:supervision_activity", kwargs={"pk": activity.pk}),
    ]
    post = [
        reverse("democracy:supervision_member_add", kwargs={"pk": board.pk}),
        reverse("democracy:supervision_member_end", kwargs={"pk": member.pk}),
        reverse("democracy:supervision_board_dissolve", kwargs={"pk": board.pk}),
        reverse("democracy:supervision_plan_add", kwargs={"pk": board.pk}),
        reverse("democracy:supervision_activity_add", kwargs={"pk": activity.plan_id}),
        reverse("democracy:supervision_notice", kwargs={"pk": activity.pk}),
        reverse("democracy:supervision_finding_add", kwargs={"pk": activity.pk}),
        reverse("democracy:supervision_recommendation_add", kwargs={"pk": activity.pk}),
        reverse("democracy:supervision_answer", kwargs={"pk": recommendation.pk}),
    ]
    return [("get", u) for u in get] + [("post", u) for u in post]


@time_machine.travel(AUGUST, tick=False)
def test_other_communes_handlers_citizens_and_strangers_get_404(
    commune: Commune, board: SupervisionBoard, recommendation: SupervisionRecommendation
) -> None:
    # given every staff page of Khoái Châu's board
    urls = staff_urls(board, recommendation)
    # when the other ward's handler, a citizen or an anonymous visitor opens them
    for user in (commune.other_handler, commune.citizen, None):
        client = client_for(user)
        for method, url in urls:
            # then each gets the same 404, and nothing changes
            assert getattr(client, method)(url).status_code == 404, (user, url)
        if user is not commune.other_handler:  # who manages nothing has no index either
            assert client.get(reverse("democracy:supervision_index")).status_code == 404
    missing = [
        reverse("democracy:supervision_board", kwargs={"pk": 999_999}),
        reverse("democracy:supervision_unit", kwargs={"pk": commune.villages[0].pk}),
    ]
    for url in missing:
        assert client_for(commune.handler).get(url).status_code == 404
    assert BoardMember.objects.count() == 1
    assert SupervisionPlan.objects.count() == 1
    # while the commune's handler sees every page
    handler = client_for(commune.handler)
    for method, url in urls:
        if method == "get":
            assert handler.get(url).status_code == 200, url


@time_machine.travel(AUGUST, tick=False)
def test_a_board_is_run_through_its_pages(commune: Commune, villages: list[Unit]) -> None:
    client = client_for(commune.handler)
    # the index offers the commune and its People's Committee (an agency with its own board)
    index = client.get(reverse("democracy:supervision_index"))
    assert index.context["communes"] == [commune.commune, commune.committee]
    # when the board is registered
    response = client.post(
        reverse("democracy:supervision_board_create", kwargs={"pk": commune.commune.pk}),
        {"kind": "inspection", "name": "Ban TTND xã Khoái Châu", "term_start": "2026-01-01"},
    )
    board = SupervisionBoard.objects.get()
    assert response.status_code == 302
    assert board.term_end == dt.date(2030, 12, 31)
    page = client.get(reverse("democracy:supervision_board", kwargs={"pk": board.pk}))
    assert vi("Fewer members than the legal minimum") in page.content.decode()
    # when a commune official is proposed as a member
    official = make_user("canbothon", "Lê Văn Tâm", commune.committee, RoleAssignment.Role.HANDLER)
    refused = client.post(
        reverse("democracy:supervision_member_add", kwargs={"pk": board.pk}),
        {
            "full_name": "Lê Văn Tâm",
            "role": "member",
            "from_date": "2026-01-01",
            "account": official.username,
            "declared_not_staff": "on",
            "village": villages[0].pk,
        },
    )
    # then the page says why, keeps what was typed, and adds no one
    assert refused.status_code == 400
    assert "Lê Văn Tâm" in refused.content.decode()
    assert not BoardMember.objects.exists()
    unknown = client.post(
        reverse("democracy:supervision_member_add", kwargs={"pk": board.pk}),
        {"full_name": "X", "role": "member", "from_date": "2026-01-01", "account": "khong-co"},
    )
    assert unknown.status_code == 400
    assert vi("No active account has this user name.") in unknown.content.decode()
    # when five residents are added, the flag goes
    for i in range(5):
        ok = client.post(
            reverse("democracy:supervision_member_add", kwargs={"pk": board.pk}),
            {
                "full_name": f"Người {i}",
                "role": "head" if i == 0 else "member",
                "from_date": "2026-01-01",
                "declared_not_staff": "on",
                "village": villages[i % 4].pk,
            },
        )
        assert ok.status_code == 302
    page = client.get(reverse("democracy:supervision_unit", kwargs={"pk": commune.commune.pk}))
    assert vi("In order") in page.content.decode()
    member = BoardMember.objects.get(full_name="Người 4")
    ended = client.post(
        reverse("democracy:supervision_member_end", kwargs={"pk": member.pk}),
        {"to_date": "2026-07-31"},
    )
    assert ended.status_code == 302
    member.refresh_from_db()
    assert member.to_date == dt.date(2026, 7, 31)
    bad_end = client.post(
        reverse("democracy:supervision_member_end", kwargs={"pk": member.pk}),
        {"to_date": "2025-01-01"},
    )
    assert bad_end.status_code == 302
    member.refresh_from_db()
    assert member.to_date == dt.date(2026, 7, 31)
    # when a plan and an activity on 8/9 are created
    bad_plan = client.post(
        reverse("democracy:supervision_plan_add", kwargs={"pk": board.pk}), {"title": ""}
    )
    assert bad_plan.status_code == 400
    client.post(
        reverse("democracy:supervision_plan_add", kwargs={"pk": board.pk}),
        {"title": "Kế hoạch 2026"},
    )
    plan = SupervisionPlan.objects.get()
    bad_activity = client.post(
        reverse("democracy:supervision_activity_add", kwargs={"pk": plan.pk}),
        {"subject": "Chợ", "starts_on": "8/9"},
    )
    assert bad_activity.status_code == 400
    client.post(
        reverse("democracy:supervision_activity_add", kwargs={"pk": plan.pk}),
        {"subject": "Chợ xã", "starts_on": "2026-09-08", "place": "Chợ"},
    )
    activity = SupervisionActivity.objects.get()
    # then the page shows the plan is due on 27/8
    assert activity.notice_due_on == dt.date(2026, 8, 27)
    plan_page = client.get(reverse("democracy:supervision_plan", kwargs={"pk": plan.pk}))
    assert plan_page.status_code == 200
    late = client.post(
        reverse("democracy:supervision_notice", kwargs={"pk": activity.pk}),
        {"sent_on": "2026-09-09"},
    )
    assert late.status_code == 400
    client.post(
        reverse("democracy:supervision_notice", kwargs={"pk": activity.pk}),
        {"sent_on": "2026-08-31"},
    )
    page = client.get(reverse("democracy:supervision_activity", kwargs={"pk": activity.pk}))
    assert vi("Plan not sent in time") in page.content.decode()
    # findings, a recommendation and the answer
    assert (
        client.post(
            reverse("democracy:supervision_finding_add", kwargs={"pk": activity.pk}),
            {"content": "Chợ chưa có thùng rác", "recorded_on": "2026-09-08"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("democracy:supervision_finding_add", kwargs={"pk": activity.pk}),
            {"content": "x", "recorded_on": "2026-09-01"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("democracy:supervision_recommendation_add", kwargs={"pk": activity.pk}),
            {"content": "x", "sent_on": "2026-09-01"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("democracy:supervision_recommendation_add", kwargs={"pk": activity.pk}),
            {"content": "Đặt thùng rác ở chợ", "sent_on": "2026-09-08"},
        ).status_code
        == 302
    )
    recommendation = SupervisionRecommendation.objects.get()
    assert recommendation.answer_due_on == dt.date(2026, 9, 23)
    assert (
        client.post(
            reverse("democracy:supervision_answer", kwargs={"pk": recommendation.pk}),
            {"answer": "", "answered_on": "2026-09-10"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("democracy:supervision_answer", kwargs={"pk": recommendation.pk}),
            {"answer": "x", "answered_on": "2026-09-01"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("democracy:supervision_answer", kwargs={"pk": recommendation.pk}),
            {"answer": "Đã đặt 4 thùng rác", "answered_on": "2026-09-10"},
        ).status_code
        == 302
    )
    page = client.get(reverse("democracy:supervision_activity", kwargs={"pk": activity.pk}))
    assert "Đã đặt 4 thùng rác" in page.content.decode()
    # and the board is dissolved (a bad date first)
    assert (
        client.post(
            reverse("democracy:supervision_board_dissolve", kwargs={"pk": board.pk}),
            {"dissolved_on": "2025-01-01"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("democracy:supervision_board_dissolve", kwargs={"pk": board.pk}),
            {"dissolved_on": "2026-12-31"},
        ).status_code
        == 302
    )


@time_machine.travel(dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_commune_page_lists_overdue_answers(
    commune: Commune, board: SupervisionBoard, recommendation: SupervisionRecommendation
) -> None:
    # given a recommendation due on 3/9 and not answered by 30/9
    page = client_for(commune.head).get(
        reverse("democracy:supervision_unit", kwargs={"pk": commune.commune.pk})
    )
    # then the commune's page lists it as overdue
    assert "Kiến nghị về vệ sinh chợ" in page.content.decode()
    assert page.context["overdue"] == [recommendation]


def test_a_bad_board_is_refused_with_what_was_typed(commune: Commune) -> None:
    client = client_for(commune.handler)
    response = client.post(
        reverse("democracy:supervision_board_create", kwargs={"pk": commune.commune.pk}),
        {"kind": "investment", "name": "Ban GSĐTCĐ đường", "term_start": "2026-01-01"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ban GSĐTCĐ đường" in body
    assert vi("Name the programme or project the investment supervision board watches.") in body
    assert not SupervisionBoard.objects.exists()


def test_an_officer_of_two_communes_chooses_one(commune: Commune) -> None:
    RoleAssignment.objects.create(
        user=commune.handler,
        unit=Unit.objects.get(code="VN-11953-ubnd"),
        role=RoleAssignment.Role.HANDLER,
    )
    response = client_for(commune.handler).get(reverse("democracy:supervision_index"))
    assert response.status_code == 200
    # communes first (by name), then the agencies where the officer holds a role
    assert response.context["communes"] == [
        commune.other_commune,
        commune.commune,
        Unit.objects.get(code="VN-11953-ubnd"),
        commune.committee,
    ]


def test_an_agency_board_is_managed_by_the_agency(commune: Commune) -> None:
    # given the commune's People's Committee as an agency with its own inspection board
    head = client_for(commune.head)
    response = head.post(
        reverse("democracy:supervision_board_create", kwargs={"pk": commune.committee.pk}),
        {"kind": "inspection", "name": "Ban TTND cơ quan UBND xã", "term_start": "2026-01-01"},
    )
    # then its head registers it, with no term imposed and no minimum checked
    assert response.status_code == 302
    board = SupervisionBoard.objects.get()
    assert board.term_end is None
    assert (
        head.get(reverse("democracy:supervision_board", kwargs={"pk": board.pk})).status_code == 200
    )
    # and the other ward's handler gets 404
    other = client_for(commune.other_handler)
    assert (
        other.get(reverse("democracy:supervision_board", kwargs={"pk": board.pk})).status_code
        == 404
    )


def test_an_officer_of_one_unit_goes_straight_to_it(commune: Commune) -> None:
    # given an officer whose only role is held in the commune itself
    officer = make_user("canboxa", "Vũ Văn Nam", commune.commune, RoleAssignment.Role.HANDLER)
    client = client_for(officer)
    # then both indexes lead to the commune's pages
    supervision = client.get(reverse("democracy:supervision_index"))
    dialogues = client.get(reverse("democracy:dialogues_index"))
    assert supervision["Location"] == reverse(
        "democracy:supervision_unit", kwargs={"pk": commune.commune.pk}
    )
    assert dialogues["Location"] == reverse(
        "democracy:dialogues_unit", kwargs={"pk": commune.commune.pk}
    )
