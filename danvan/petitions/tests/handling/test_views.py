"""The staff pages through HTTP: inbox, case page, actions, panel; 404 for other units."""

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.petitions.models import (
    Case,
    CaseAnswer,
    CaseEvent,
    Field,
    GroupRepresentative,
    RefusalNotice,
    RoutingRule,
    RoutingTable,
)
from danvan.petitions.selectors.handling import inbox_counts
from danvan.petitions.services.handling import (
    case_accept,
    case_answer_approve,
    case_answer_draft,
    case_answer_send,
    case_link_previous,
    case_refusal_propose,
)
from danvan.petitions.tests.handling.conftest import CaseMaker, make_staff
from danvan.petitions.tests.handling.fakes import FakeSealed
from danvan.petitions.tests.handling.test_routing_actions import checked
from danvan.petitions.views.handling import ACTIONS, panel_context, register_panels
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def inbox_url(**query: str) -> str:
    url = reverse("petitions:handling_inbox")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def case_url(case: Case) -> str:
    return reverse("petitions:handling_case", kwargs={"code": case.tracking_code})


def action_url(case: Case, action: str) -> str:
    return reverse(
        "petitions:handling_action", kwargs={"code": case.tracking_code, "action": action}
    )


# ---------------------------------------------------------------------------- inbox


def test_inbox_lists_open_cases_soonest_due_first_with_badges(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 20))
    late = make_case(subject="Vụ việc quá hạn")
    soon = make_case(subject="Vụ việc sắp đến hạn")
    later = make_case(subject="Vụ việc còn lâu")
    closed = make_case(subject="Vụ việc đã đóng")
    Case.objects.filter(pk=late.pk).update(due_on=dt.date(2027, 1, 19))
    Case.objects.filter(pk=soon.pk).update(due_on=dt.date(2027, 1, 21))
    Case.objects.filter(pk=later.pk).update(due_on=dt.date(2027, 3, 1))
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    response = login(client, handler).get(inbox_url())
    assert response.status_code == 200
    page = response.content.decode()
    positions = [
        page.index(s) for s in ("Vụ việc quá hạn", "Vụ việc sắp đến hạn", "Vụ việc còn lâu")
    ]
    assert positions == sorted(positions)
    assert "Vụ việc đã đóng" not in page
    assert "deadline-badge--overdue" in page
    assert "deadline-badge--soon" in page
    today = make_case(subject="Hạn hôm nay")
    Case.objects.filter(pk=today.pk).update(due_on=dt.date(2027, 1, 20))
    assert "deadline-badge--today" in client.get(inbox_url()).content.decode()


def test_inbox_filters_and_search(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client, land: Field
) -> None:
    # given on Wed 20/1/2027 an overdue petition, a complaint due Fri 22/1 and one due Mon 25/1
    travel(dt.date(2027, 1, 20))
    road = make_case(subject="Đường liên thôn Đông Tảo")
    complaint = make_case(kind=Case.Kind.COMPLAINT, subject="Khiếu nại thu hồi đất", field=land)
    later = make_case(subject="Kiến nghị lắp đèn")
    Case.objects.filter(pk=road.pk).update(due_on=dt.date(2027, 1, 18))
    Case.objects.filter(pk=complaint.pk).update(due_on=dt.date(2027, 1, 22))
    Case.objects.filter(pk=later.pk).update(due_on=dt.date(2027, 1, 25), status="classified")
    login(client, handler)

    def subjects(**query: str) -> set[str]:
        page = client.get(inbox_url(**query)).context["page"]
        return {case.subject for case in page}

    assert subjects(kind="complaint") == {"Khiếu nại thu hồi đất"}
    assert subjects(field=str(land.pk)) == {"Khiếu nại thu hồi đất"}
    assert subjects(due="overdue") == {"Đường liên thôn Đông Tảo"}
    assert subjects(due="soon") == {"Khiếu nại thu hồi đất"}  # 2 working days: 21-22/1
    assert subjects(due="week") == {"Khiếu nại thu hồi đất"}  # to Sunday 24/1
    assert subjects(status="classified") == {"Kiến nghị lắp đèn"}
    assert subjects(q="dong tao") == {"Đường liên thôn Đông Tảo"}  # no diacritics typed
    assert subjects(q="ĐÔNG TẢO") == {"Đường liên thôn Đông Tảo"}
    assert subjects(q=complaint.display_code.lower()) == {"Khiếu nại thu hồi đất"}
    # an invalid filter value is ignored, not an error
    assert len(subjects(kind="nonsense")) == 3


def test_inbox_pages_and_keeps_the_filters(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 20))
    for _i in range(27):
        make_case()
    response = login(client, handler).get(inbox_url(kind="petition"))
    assert len(response.context["rows"]) == 25
    assert "kind=petition&amp;page=2" in response.content.decode()
    second = client.get(inbox_url(kind="petition", page="2"))
    assert len(second.context["rows"]) == 2


def test_inbox_query_count_does_not_grow_with_cases(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client, land: Field
) -> None:
    travel(dt.date(2027, 1, 20))
    login(client, handler)
    for _i in range(3):
        make_case(field=land)
    client.get(inbox_url())  # warm caches (deadline calendar, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(inbox_url()).status_code == 200
    for _i in range(20):
        make_case(field=land)
    with CaptureQueriesContext(connection) as many:
        assert client.get(inbox_url()).status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 10
    listing = [q["sql"] for q in few.captured_queries if "petitions_case" in q["sql"]]
    assert all('"content"' not in sql and '"search_text"' not in sql for sql in listing)


def test_a_head_sees_the_units_below_a_handler_only_their_own(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    province_head: User,
    other_committee: Unit,
    other_handler: User,
    client: Client,
) -> None:
    travel(dt.date(2027, 1, 20))
    mine = make_case(subject="Ở xã Khoái Châu")
    theirs = make_case(subject="Ở phường Phố Hiến", receiving_unit=other_committee)
    seen = {c.pk for c in login(client, province_head).get(inbox_url()).context["page"]}
    assert seen == {mine.pk, theirs.pk}
    assert "Ở phường Phố Hiến" in client.get(inbox_url()).content.decode()
    seen = {c.pk for c in login(client, other_handler).get(inbox_url()).context["page"]}
    assert seen == {theirs.pk}


def test_inbox_is_404_without_a_staff_role(client: Client, citizen: User, commune: Unit) -> None:
    assert login(client, citizen).get(inbox_url()).status_code == 404
    RoleAssignment.objects.create(user=citizen, unit=commune, role=RoleAssignment.Role.CITIZEN)
    assert client.get(inbox_url()).status_code == 404
    client.logout()
    assert client.get(inbox_url()).status_code == 302  # to the login page


# ------------------------------------------------------------------------ case page


def test_case_page_shows_file_deadline_history_and_actions(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 28))
    case = make_case()
    response = login(client, handler).get(case_url(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert case.content in page
    assert "Trần Thị Bình" in page  # a petitioner is shown to the staff
    assert "petition_process" not in page  # the rule's description, not its code
    assert "Thông tư 05/2021/TT-TTCP" in page
    assert "ngày 18 tháng 02 năm 2027" in page  # due date, Tết skipped
    left = _("%(n)s %(unit)s left") % {"n": 10, "unit": _("working days")}
    assert left in page  # 29/1, 1-3/2, 11-12/2, 15-18/2
    assert str(ACTIONS["conditions"].title) in page
    assert str(ACTIONS["accept"].title) not in page  # conditions not checked yet
    assert str(CaseEvent.Kind.DEADLINE_STARTED.label) in page


def test_a_denunciation_page_shows_the_redacted_file_and_no_identity(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 28))
    case = make_case(kind=Case.Kind.DENUNCIATION, content="Ông K nhận tiền của [đã che].")
    page = login(client, handler).get(case_url(case)).content.decode()
    assert "Ông K nhận tiền của [đã che]." in page
    assert _("The denouncer's identity is sealed. This is the redacted file.") in page
    assert _("Petitioner") not in page
    assert str(ACTIONS["representatives"].title) not in page


def test_an_overdue_case_page_says_by_how_much(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 4))
    case = make_case()  # 10 working days: due Mon 18/1/2027
    travel(dt.date(2027, 1, 20))
    page = login(client, handler).get(case_url(case)).content.decode()
    assert "deadline-badge--overdue" in page
    assert "ngày 18 tháng 01 năm 2027" in page


def test_the_complaint_chain_and_split_links(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 4))
    first = make_case(kind=Case.Kind.COMPLAINT)
    second = make_case(kind=Case.Kind.COMPLAINT)
    case_link_previous(case=second, actor=handler, previous=first)
    login(client, handler)
    for case in (first, second):
        page = client.get(case_url(case)).content.decode()
        assert first.display_code in page
        assert second.display_code in page
        assert _("Complaint chain") in page
    mixed = make_case(kind=Case.Kind.MIXED)
    response = client.post(
        action_url(mixed, "split"),
        {
            "petition_subject": "Đèn đường",
            "petition_content": "Đèn hỏng.",
            "complaint_subject": "Khiếu nại",
            "complaint_content": "Khiếu nại QĐ 12.",
        },
    )
    assert response.status_code == 302
    child = Case.objects.get(split_from=mixed, kind=Case.Kind.COMPLAINT)
    page = client.get(case_url(mixed)).content.decode()
    assert child.display_code in page
    assert mixed.display_code in client.get(case_url(child)).content.decode()


# ------------------------------------------------------------------- the 404 matrix


def test_another_units_staff_get_404_on_every_page_and_post(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    other_handler: User,
    client: Client,
    commune_committee: Unit,
) -> None:
    travel(dt.date(2027, 1, 28))
    case = make_case()
    other_head = make_staff("truongphuong", Unit.objects.get(code="VN-11953-ubnd"), "head")
    for user in (other_handler, other_head):
        login(client, user)
        assert client.get(case_url(case)).status_code == 404
        for action in ACTIONS:
            assert client.get(action_url(case, action)).status_code == 404, action
            assert client.post(action_url(case, action), {"note": "x"}).status_code == 404, action
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
    assert case.events.count() == 2
    # the same 404 for a code that does not exist or an unknown action
    login(client, handler)
    assert (
        client.get(reverse("petitions:handling_case", kwargs={"code": "DV0000000000"})).status_code
        == 404
    )
    assert client.get(action_url(case, "delete")).status_code == 404


def test_a_reception_officer_reads_but_cannot_act(
    travel: Travel, make_case: CaseMaker, reception_officer: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 28))
    case = make_case()
    login(client, reception_officer)
    assert client.get(case_url(case)).status_code == 200
    assert client.get(inbox_url()).status_code == 200
    assert client.post(action_url(case, "conditions"), {}).status_code == 404


def test_a_handler_cannot_do_what_only_the_head_may(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 28))
    case = checked(make_case(), handler)
    case_accept(case=case, actor=handler)
    case_answer_draft(case=case, actor=handler, body="Trả lời.")
    login(client, handler)
    assert client.post(action_url(case, "approve")).status_code == 404
    case.refresh_from_db()
    assert case.status == Case.Status.ANSWER_DRAFTED


def test_an_action_not_possible_now_goes_back_to_the_case(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 28))
    case = make_case()
    response = login(client, handler).post(action_url(case, "accept"), {})
    assert response.status_code == 302
    assert response["Location"] == case_url(case)
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


# ------------------------------------------------------------- actions through HTTP


def test_the_whole_staff_walk_through_http(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    head: User,
    citizen: User,
    client: Client,
    land: Field,
) -> None:
    travel(dt.date(2027, 1, 28))
    case = make_case(submitted_by=citizen)
    handler_client = login(client, handler)
    assert handler_client.get(action_url(case, "classify")).status_code == 200
    response = handler_client.post(
        action_url(case, "classify"), {"kind": "complaint", "field": land.pk, "note": ""}
    )
    assert response.status_code == 302
    # the checklist keeps what was typed when the date is missing
    response = handler_client.post(
        action_url(case, "conditions"), {"has_name": "on", "reason": "Ghi chú đã gõ"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ghi chú đã gõ" in page
    assert re.search(r'<input type="checkbox" name="has_name"[^>]* checked>', page)
    assert not re.search(r'<input type="checkbox" name="has_address"[^>]* checked>', page)
    assert _("Give the day the complainant received or learnt of the decision or act.") in page
    response = handler_client.post(
        action_url(case, "conditions"),
        {
            "has_name": "on",
            "has_address": "on",
            "has_signature": "on",
            "content_clear": "on",
            "within_competence": "on",
            "known_act_on": "2027-01-10",
        },
    )
    assert response.status_code == 302
    assert handler_client.post(action_url(case, "accept"), {"note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.ACCEPTED
    assert case.rule_code == "complaint_first"
    assert handler_client.get(action_url(case, "answer")).status_code == 200
    assert (
        handler_client.post(
            action_url(case, "answer"), {"body": "Quyết định giải quyết."}
        ).status_code
        == 302
    )
    head_client = Client()
    login(head_client, head)
    assert (
        head_client.post(action_url(case, "return_answer"), {"comment": "Sửa lại."}).status_code
        == 302
    )
    handler_client.post(action_url(case, "answer"), {"body": "Quyết định đã sửa."})
    assert head_client.get(action_url(case, "approve")).status_code == 200
    assert head_client.post(action_url(case, "approve"), {}).status_code == 302
    assert handler_client.post(action_url(case, "send"), {}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.ANSWERED
    assert CaseAnswer.objects.get(case=case).body == "Quyết định đã sửa."
    page = handler_client.get(case_url(case)).content.decode()
    assert "Quyết định đã sửa." in page


def test_deadline_actions_through_http(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, client: Client
) -> None:
    travel(dt.date(2026, 12, 30))
    case = checked(make_case(kind=Case.Kind.DENUNCIATION), handler)
    travel(dt.date(2027, 1, 5))
    case_accept(case=case, actor=handler)
    head_client = login(Client(), head)
    page = head_client.get(action_url(case, "extend")).content.decode()
    assert "Điều 30" in page  # the rule's extensions with their legal basis
    response = head_client.post(
        action_url(case, "extend"), {"extension": "complex", "count": "45", "legal_basis": "QĐ 1"}
    )
    assert response.status_code == 200
    assert "QĐ 1" in response.content.decode()
    response = head_client.post(
        action_url(case, "extend"), {"extension": "complex", "legal_basis": "QĐ 1/QĐ-UBND"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.due_on == dt.date(2027, 3, 8)
    login(client, handler)
    assert client.post(action_url(case, "complex"), {"reason": "a", "note": ""}).status_code == 302
    assert (
        client.post(
            action_url(case, "suspend"), {"reason": "Chờ", "legal_basis": "QĐ 2"}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.status == Case.Status.SUSPENDED
    assert (
        client.post(action_url(case, "resume"), {"legal_basis": "QĐ 3", "note": ""}).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.status == Case.Status.ACCEPTED


def test_forward_return_refuse_and_link_through_http(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    head: User,
    client: Client,
    other_committee: Unit,
    province: Unit,
) -> None:
    travel(dt.date(2027, 2, 2))
    table = RoutingTable.objects.create(
        version=1, effective_from=dt.date(2026, 7, 1), published=True
    )
    RoutingRule.objects.create(table=table, kind="petition", competent_unit=other_committee)
    login(client, handler)
    case = make_case()
    page = client.get(action_url(case, "forward")).content.decode()
    assert other_committee.code in page
    assert other_committee.name in page
    # an unknown unit keeps the typed letter number
    response = client.post(
        action_url(case, "forward"), {"unit_code": "VN-0", "letter_number": "25/PC"}
    )
    assert response.status_code == 200
    assert "25/PC" in response.content.decode()
    response = client.post(
        action_url(case, "forward"), {"unit_code": other_committee.code, "letter_number": "25/PC"}
    )
    # the case left the handler's unit: back to the inbox
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:handling_inbox")
    assert client.get(case_url(case)).status_code == 404

    returned = make_case()
    response = client.post(
        action_url(returned, "return"),
        {
            "guided_to": "Tòa án nhân dân khu vực 2",
            "guidance": "Gửi đơn đến Tòa án.",
            "letter_number": "",
        },
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == Case.Status.RETURNED

    refused = make_case(kind=Case.Kind.COMPLAINT)
    response = client.post(
        action_url(refused, "refuse"), {"ground": "nd154_4_1_h", "reason": "Không mới"}
    )
    assert response.status_code == 200  # wrong ground for a complaint: the service says why
    assert (
        _("ND 154/2026 Art 4(1)(h) applies to petitions and feedback only.")
        in response.content.decode()
    )
    assert (
        client.post(
            action_url(refused, "refuse"), {"ground": "law_9_3", "reason": "Đã giải quyết"}
        ).status_code
        == 302
    )
    head_client = login(Client(), head)
    page = head_client.get(case_url(refused)).content.decode()
    assert "12/02/2027" in page
    assert (
        head_client.post(
            action_url(refused, "issue_refusal"), {"notice_number": "12/TB-UBND"}
        ).status_code
        == 302
    )
    refused.refresh_from_db()
    assert refused.status == Case.Status.CLOSED

    first = make_case(kind=Case.Kind.COMPLAINT)
    second = make_case(kind=Case.Kind.COMPLAINT)
    response = client.post(action_url(second, "link_previous"), {"code": "DV0000000000"})
    assert _("No case with this code that you may see.") in response.content.decode()
    response = client.post(action_url(second, "link_previous"), {"code": "not a code"})
    assert _("This is not a tracking code.") in response.content.decode()
    response = client.post(action_url(second, "link_previous"), {"code": first.display_code})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.previous_case == first


def test_representatives_and_publication_through_http(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    head: User,
    client: Client,
    sealed: FakeSealed,
) -> None:
    travel(dt.date(2027, 1, 4))
    group = make_case(people_count=7)
    login(client, handler)
    assert client.get(action_url(group, "representatives")).status_code == 200
    data = {
        "people_count": "7",
        "name_1": "A",
        "among_1": "on",
        "name_2": "B",
        "among_2": "on",
        "name_3": "C",
        "among_3": "on",
    }
    response = client.post(action_url(group, "representatives"), data)
    assert response.status_code == 200  # 3 representatives for 7 people
    del data["name_3"]
    assert client.post(action_url(group, "representatives"), data).status_code == 302
    assert list(GroupRepresentative.objects.filter(case=group).values_list("name", flat=True)) == [
        "A",
        "B",
    ]
    assert client.get(action_url(group, "representatives")).status_code == 200

    denunciation = checked(make_case(kind=Case.Kind.DENUNCIATION), handler)
    case_accept(case=denunciation, actor=handler)
    case_answer_draft(case=denunciation, actor=handler, body="Kết luận.")
    case_answer_approve(case=denunciation, actor=head)
    case_answer_send(case=denunciation, actor=handler)
    head_client = login(Client(), head)
    assert str(ACTIONS["publish"].title) in head_client.get(case_url(denunciation)).content.decode()
    assert head_client.post(action_url(denunciation, "publish"), {}).status_code == 302
    assert CaseAnswer.objects.get(case=denunciation).published
    assert _("Published") in head_client.get(case_url(denunciation)).content.decode()


def test_a_refusal_waiting_for_its_notice_is_shown(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 2, 2))
    case = make_case()
    case_refusal_propose(
        case=case, actor=handler, ground=RefusalNotice.Ground.NO_NEW_CONTENT, reason="r"
    )
    page = login(client, handler).get(case_url(case)).content.decode()
    assert "12/02/2027" in page
    assert str(ACTIONS["issue_refusal"].title) not in page  # only the head issues it


# -------------------------------------------------------------------------- panel


def test_the_dashboard_panel_counts_new_due_this_week_and_overdue(
    travel: Travel, make_case: CaseMaker, head: User, client: Client, citizen: User
) -> None:
    register_panels()
    travel(dt.date(2027, 1, 20))  # a Wednesday
    make_case()
    overdue = make_case()
    this_week = make_case()
    Case.objects.filter(pk=overdue.pk).update(due_on=dt.date(2027, 1, 19))
    Case.objects.filter(pk=this_week.pk).update(
        due_on=dt.date(2027, 1, 22), status=Case.Status.CLASSIFIED
    )
    response = login(client, head).get(reverse("core:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "?due=overdue" in page
    assert "?due=week" in page
    assert "?status=received" in page
    counts = inbox_counts(unit=Unit.objects.get(code="VN-12205-ubnd"), include_below=True)
    assert (counts.new, counts.due_this_week, counts.overdue) == (2, 1, 1)
    login(client, citizen)
    request = RequestFactory().get("/")
    request.active_role = None  # type: ignore[attr-defined]
    assert panel_context(request) == {"counts": None}


def test_case_page_query_count_is_bounded(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 20))
    case = checked(make_case(), handler)
    login(client, handler)
    client.get(case_url(case))
    with CaptureQueriesContext(connection) as few:
        client.get(case_url(case))
    for _i in range(10):
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            occurred_at=case.received_at,
            occurred_on=case.received_on,
            actor=handler,
            note="Ghi chú",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(case_url(case))
    assert len(many) == len(few)
    # the file, history and deadline, plus the attachments, duplicates, merged-cases and
    # sealed-identity panels of the other areas
    assert len(few) <= 26


def test_a_closed_case_shows_its_due_date_but_no_days_left(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    # given a petition received on Thu 28/1/2027 and then withdrawn
    travel(dt.date(2027, 1, 28))
    case = make_case()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.WITHDRAWN)
    # when the handler opens it
    page = login(client, handler).get(case_url(case)).content.decode()
    # then the due date is there for the record, with no countdown
    assert "ngày 18 tháng 02 năm 2027" in page
    assert _("The case is no longer open: its time limit no longer runs.") in page
    assert _("%(n)s %(unit)s left") % {"n": 10, "unit": _("working days")} not in page
