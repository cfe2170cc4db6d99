"""The delegation pages through HTTP: plan, minutes, findings, recommendations, final report,
and the inspected unit that sees only the recommendations made to it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.directives.models import (
    Delegation,
    Document,
    Finding,
    Recommendation,
    RecommendationUpdate,
)
from danvan.directives.services import delegations as services
from danvan.directives.tests.conftest import World
from danvan.directives.tests.monitoring.test_letters import docx_text
from danvan.units.models import User

pytestmark = pytest.mark.django_db
RS = Recommendation.Status


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def key_of(html: str, action: str = "") -> str:
    """The one-time key of the form posting to ``action`` (the first form if empty)."""
    part = html.split(f'action="{action}"', 1)[1] if action else html
    found = re.search(r'name="key" value="([^"]+)"', part)
    assert found is not None
    return found.group(1)


def detail(delegation: Delegation) -> str:
    return reverse("directives:delegations_detail", kwargs={"pk": delegation.pk})


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"directives:delegations_{name}", kwargs=kwargs)


def a_recommendation(delegation: Delegation, world: World, unit_index: int = 0) -> Recommendation:
    finding = services.finding_add(
        delegation=delegation,
        actor=world.commission_officer,
        unit=world.committees[unit_index],
        kind=Finding.Kind.SHORTCOMING,
        text=f"Hạn chế của đơn vị {unit_index}",
    )
    return services.recommendation_add(
        finding=finding, actor=world.commission_officer, text=f"Khắc phục {unit_index}", due_on=None
    )


# ------------------------------------------------------------------ plan


def create_data(world: World, key: str, **changes: str) -> dict[str, Any]:
    c0, c1, _c2 = world.committees
    data: dict[str, Any] = {
        "unit": world.commission.pk,
        "kind": "survey",
        "title": "Khảo sát dân vận chính quyền",
        "subject_symbol": "23-QD/TW",  # typed without Đ: found by the folded key
        "directive": "",
        "starts_on": "2026-03-16",
        "ends_on": "2026-03-20",
        "head_name": "Nguyễn Văn Trưởng",
        "head_position": "Trưởng ban",
        "key": key,
        "members-TOTAL_FORMS": "4",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "Trần Thị Dân Vận",
        "members-0-position": "Chuyên viên",
        "members-0-role": "secretary",
        "members-1-role": "member",
        "members-2-role": "member",
        "members-3-role": "member",
        "visits-TOTAL_FORMS": "4",
        "visits-INITIAL_FORMS": "0",
        "visits-0-unit": c0.pk,
        "visits-0-scheduled_on": "2026-03-17",
        "visits-1-unit": c1.pk,
        "visits-1-scheduled_on": "2026-03-18",
    }
    data.update(changes)
    return data


def test_the_commission_plans_a_delegation_once(
    world: World, regulation: Document, frozen: None
) -> None:
    # given the commission officer on the planning page
    client = logged_in(world.commission_officer)
    page = client.get(url("create"))
    assert page.status_code == 200
    key = key_of(page.content.decode())
    # when the form is sent twice
    first = client.post(url("create"), create_data(world, key))
    second = client.post(url("create"), create_data(world, key))
    # then one delegation, with its head, secretary and two sessions
    delegation = Delegation.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == detail(delegation)
    assert delegation.subject_document == regulation
    assert sorted(delegation.members.values_list("role", flat=True)) == ["head", "secretary"]
    assert delegation.sessions.count() == 2
    html = client.get(detail(delegation)).content.decode()
    assert "Trần Thị Dân Vận" in html
    assert world.committees[1].name in html


def test_the_plan_form_keeps_what_was_typed_when_refused(
    world: World, regulation: Document, frozen: None
) -> None:
    client = logged_in(world.commission_officer)
    # an unknown document
    response = client.post(url("create"), create_data(world, "a", subject_symbol="99-QĐ/TW"))
    assert response.status_code == 200
    assert "Khảo sát dân vận chính quyền" in response.content.decode()
    # no unit to visit
    response = client.post(
        url("create"),
        create_data(
            world,
            "b",
            **{
                "visits-0-unit": "",
                "visits-0-scheduled_on": "",
                "visits-1-unit": "",
                "visits-1-scheduled_on": "",
            },
        ),
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    # a visit outside the dates (refused by the service), then corrected with the same page
    response = client.post(
        url("create"), create_data(world, "c", **{"visits-0-scheduled_on": "2026-04-01"})
    )
    assert response.status_code == 200
    assert not Delegation.objects.exists()
    response = client.post(url("create"), create_data(world, "c"))
    assert response.status_code == 302
    assert Delegation.objects.count() == 1


def test_a_commune_officer_neither_plans_nor_opens_delegations(
    delegation: Delegation, world: World
) -> None:
    officer = logged_in(world.commune_officers[0])
    assert officer.get(url("create")).status_code == 404
    assert officer.get(detail(delegation)).status_code == 404
    listing = officer.get(url("list"))
    assert listing.status_code == 200
    assert delegation.title not in listing.content.decode()
    assert logged_in(world.citizen).get(url("list")).status_code == 404
    assert Client().get(detail(delegation)).status_code == 302  # to the sign-in page


def test_the_list_shows_the_commissions_delegations(delegation: Delegation, world: World) -> None:
    html = logged_in(world.commission_officer).get(url("list")).content.decode()
    assert delegation.title in html
    assert url("create") in html


# ------------------------------------------------------------------ work of the delegation


def test_members_sessions_findings_and_recommendations_from_the_detail_page(
    delegation: Delegation, world: World
) -> None:
    client = logged_in(world.commission_officer)
    c0, _c1, c2 = world.committees
    html = client.get(detail(delegation)).content.decode()
    # a member
    response = client.post(
        url("member_add", pk=delegation.pk),
        {
            "name": "Phạm Phó",
            "position": "",
            "role": "deputy",
            "key": key_of(html, url("member_add", pk=delegation.pk)),
        },
    )
    assert response.status_code == 302
    # a second head is refused with the page shown again
    response = client.post(
        url("member_add", pk=delegation.pk), {"name": "X", "role": "head", "key": "h2"}
    )
    assert response.status_code == 400
    # a session with the third commune
    response = client.post(
        url("session_add", pk=delegation.pk),
        {"unit": c2.pk, "scheduled_on": "2026-03-19", "key": "s1"},
    )
    assert response.status_code == 302
    assert delegation.sessions.filter(unit=c2).exists()
    response = client.post(
        url("session_add", pk=delegation.pk),
        {"unit": "", "scheduled_on": "2026-03-19", "key": "s2"},
    )
    assert response.status_code == 400
    # a finding, then a recommendation (twice the same form: one recommendation)
    response = client.post(
        url("finding_add", pk=delegation.pk),
        {
            "unit": c0.pk,
            "session": "",
            "kind": "shortcoming",
            "text": "Chưa đối thoại",
            "key": "f1",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    data = {"finding": finding.pk, "text": "Tổ chức đối thoại", "due_on": "2026-04-30", "key": "r1"}
    client.post(url("recommendation_add", pk=delegation.pk), data)
    client.post(url("recommendation_add", pk=delegation.pk), data)
    assert Recommendation.objects.count() == 1
    # a refused recommendation (due in the past) keeps the page with the message
    response = client.post(
        url("recommendation_add", pk=delegation.pk),
        {"finding": finding.pk, "text": "Cũ", "due_on": "2026-01-01", "key": "r2"},
    )
    assert response.status_code == 400
    assert "Cũ" in response.content.decode()
    html = client.get(detail(delegation)).content.decode()
    assert "Tổ chức đối thoại" in html
    assert "Phạm Phó" in html


def test_minutes_are_written_and_downloaded(delegation: Delegation, world: World) -> None:
    client = logged_in(world.commission_officer)
    session = delegation.sessions.get(unit=world.committees[0])
    page = url("session", pk=delegation.pk, session_pk=session.pk)
    assert client.get(page).status_code == 200
    response = client.post(
        page, {"held_on": "2026-03-16", "place": "Hội trường", "minutes": "Nội dung làm việc"}
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.UNDER_WAY
    refused = client.post(page, {"held_on": "2026-12-01", "place": "", "minutes": ""})
    assert refused.status_code == 200
    assert "errorlist" in refused.content.decode()
    download = client.get(url("session_minutes", pk=delegation.pk, session_pk=session.pk))
    assert download["Content-Disposition"].startswith('attachment; filename="bien-ban-lam-viec-')
    assert "Nội dung làm việc" in docx_text(download.content)
    # another delegation's session number is 404 here
    other = url("session", pk=delegation.pk + 1, session_pk=session.pk)
    assert client.get(other).status_code == 404


def test_start_then_final_report_and_download(delegation: Delegation, world: World) -> None:
    client = logged_in(world.commission_officer)
    assert client.get(url("report_download", pk=delegation.pk)).status_code == 404
    client.post(url("start", pk=delegation.pk))
    page = client.get(url("report", pk=delegation.pk))
    assert page.status_code == 200
    assert "Nguyễn Văn Trưởng" in page.content.decode()  # the head signs by default
    refused = client.post(url("report", pk=delegation.pk), {"text": ""})
    assert refused.status_code == 200
    response = client.post(
        url("report", pk=delegation.pk),
        {
            "text": "Đánh giá chung",
            "signer_name": "Nguyễn Văn Trưởng",
            "signer_title": "Trưởng ban",
        },
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.REPORTED
    download = client.get(url("report_download", pk=delegation.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao-01-bc-btgdvtu.docx"'
    assert "Đánh giá chung" in docx_text(download.content)
    # the report page now leads to the detail page; the minutes are read-only
    assert client.get(url("report", pk=delegation.pk)).status_code == 302
    session = delegation.sessions.first()
    assert session is not None
    html = client.get(url("session", pk=delegation.pk, session_pk=session.pk)).content.decode()
    assert "<textarea" not in html


def test_the_service_refusal_on_the_report_page(delegation: Delegation, world: World) -> None:
    # a planned delegation: the report is refused with the service's message
    response = logged_in(world.commission_officer).post(
        url("report", pk=delegation.pk), {"text": "Sớm quá"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


# ------------------------------------------------------------------ the inspected unit


def test_an_inspected_unit_sees_only_its_recommendations(
    delegation: Delegation, world: World
) -> None:
    # given one recommendation to committee 0 and one to committee 1
    to_c0 = a_recommendation(delegation, world, 0)
    to_c1 = a_recommendation(delegation, world, 1)
    officer0 = logged_in(world.commune_officers[0])
    # when committee 0's officer lists and opens recommendations
    listing = officer0.get(url("recommendations")).content.decode()
    # then only theirs, and the other unit's is 404
    assert "Khắc phục 0" in listing
    assert "Khắc phục 1" not in listing
    page = officer0.get(url("recommendation", pk=to_c0.pk)).content.decode()
    assert "Khắc phục 0" in page
    assert "Hạn chế của đơn vị 0" not in page  # the delegation's findings are not shown
    assert officer0.get(url("recommendation", pk=to_c1.pk)).status_code == 404
    assert logged_in(world.commune_officers[2]).get(url("recommendations")).status_code == 200
    # the commission sees both
    listing = logged_in(world.commission_officer).get(url("recommendations")).content.decode()
    assert "Khắc phục 0" in listing
    assert "Khắc phục 1" in listing


def test_a_recommendation_followed_to_done_through_the_pages(
    delegation: Delegation, world: World
) -> None:
    recommendation = a_recommendation(delegation, world, 0)
    unit = logged_in(world.commune_officers[0])
    commission = logged_in(world.commission_officer)
    page = url("recommendation", pk=recommendation.pk)
    progress = url("recommendation_progress", pk=recommendation.pk)
    review = url("recommendation_review", pk=recommendation.pk)
    # the unit reports done without a note: refused, then with a note (twice: once)
    html = unit.get(page).content.decode()
    key = key_of(html, progress)
    refused = unit.post(progress, {"status": "reported_done", "note": "", "key": key})
    assert refused.status_code == 400
    unit.post(progress, {"status": "reported_done", "note": "Đã làm", "key": key})
    unit.post(progress, {"status": "reported_done", "note": "Đã làm", "key": key})
    assert RecommendationUpdate.objects.filter(recommendation=recommendation).count() == 2
    # the unit cannot check; the commission cannot report for the unit
    assert unit.post(review, {"decision": "confirm", "key": "x"}).status_code == 404
    assert commission.post(progress, {"status": "in_progress", "key": "y"}).status_code == 404
    # the commission confirms it done
    html = commission.get(page).content.decode()
    assert "Hạn chế của đơn vị 0" in html  # the manager sees the finding
    response = commission.post(
        review, {"decision": "confirm", "note": "", "key": key_of(html, review)}
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == RS.DONE
    # and the page shows the whole history, with no form left
    html = unit.get(page).content.decode()
    assert "Đã làm" in html
    assert progress not in html
    assert review not in html


def test_the_list_of_open_recommendations(delegation: Delegation, world: World) -> None:
    recommendation = a_recommendation(delegation, world, 0)
    Recommendation.objects.filter(pk=recommendation.pk).update(status=RS.DONE)
    client = logged_in(world.commune_officers[0])
    assert "Khắc phục 0" in client.get(url("recommendations")).content.decode()
    assert "Khắc phục 0" not in client.get(url("recommendations"), {"open": "1"}).content.decode()


# ------------------------------------------------------------------ layout of the pages


def label_texts(html: str) -> list[str]:
    """The text of every label and legend, tags removed."""
    found = re.findall(r"<(?:label|legend)\b[^>]*>(.*?)</(?:label|legend)>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]


def test_the_forms_print_their_labels_as_the_other_areas_do(
    delegation: Delegation, world: World
) -> None:
    # given the planning page and the delegation's page
    client = logged_in(world.commission_officer)
    services.delegation_start(delegation=delegation, actor=world.commission_officer)
    a_recommendation(delegation, world)
    pages = [
        client.get(url("create")).content.decode(),
        client.get(detail(delegation)).content.decode(),
    ]
    for html in pages:
        labels = label_texts(html)
        # then no label carries Django's ":" suffix; a required field is marked with "*"
        assert labels
        assert not [label for label in labels if label.rstrip("* ").endswith(":")]
    assert '<span class="required" aria-hidden="true">*</span>' in pages[0]
    # and the title's help says the kind is added, with an example without it
    assert "việc thực hiện dân chủ ở cơ sở năm 2026" in pages[0]
    assert "Khảo sát việc thực hiện dân chủ" not in pages[0]
    # and on the delegation's page, where four forms share field names, every id is unique
    # and every label points to its own field
    ids = re.findall(r'\sid="([^"]+)"', pages[1])
    assert len(ids) == len(set(ids))
    targets = re.findall(r'<label for="([^"]+)"', pages[1])
    assert targets
    assert set(targets) <= set(ids)


def test_the_sessions_take_the_full_width_and_tables_label_their_cells(
    delegation: Delegation, world: World
) -> None:
    # given a delegation with sessions and a recommendation
    client = logged_in(world.commission_officer)
    services.delegation_start(delegation=delegation, actor=world.commission_officer)
    a_recommendation(delegation, world)
    # when its page is shown
    html = client.get(detail(delegation)).content.decode()
    # then the members and the sessions panels span the whole row (not a quarter of it)
    assert '<section class="panel panel--wide" id="sessions"' in html
    assert '<section class="panel panel--wide" id="members"' in html
    # and each cell of its tables carries its column's name, for the phone's card layout
    cells = re.findall(r"<td\b[^>]*>", html)
    assert len(cells) == 2 * 4 + 1 * 4
    assert all('role="cell" data-label="' in cell for cell in cells)
    assert html.count('class="data delegations-stack" role="table"') == 2
    for page in (url("list"), url("recommendations")):
        listing = client.get(page).content.decode()
        listed = re.findall(r"<td\b[^>]*>", listing)
        assert listed
        assert all('data-label="' in cell for cell in listed)
