"""Pages of residents' proposals: staff pages (404 for others), the resident's proposal and
online support, and the public page (a count, never who supports)."""

import datetime as dt
import html
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from danvan.democracy.models import CommunityDecision, Household, ProposalSupport, ResidentProposal
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.democracy.tests.proposals.conftest import TODAY, households, propose
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def visitor() -> Client:
    """A browser that chose English (the pages are compared with the English msgids)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signed_in(user: User) -> Client:
    client = visitor()
    client.force_login(user)
    return client


@pytest.fixture
def register(commune: Commune) -> list[Household]:
    return households(commune.villages[0], 45)


@pytest.fixture
def proposal(commune: Commune, register: list[Household], frozen: object) -> ResidentProposal:
    return propose(commune, register)


def test_staff_pages_answer_404_to_other_communes_residents_and_visitors(
    commune: Commune, proposal: ResidentProposal
) -> None:
    # given the pages of a proposal of Xã Khoái Châu
    pages = [
        reverse("democracy:proposals_commune", kwargs={"pk": commune.commune.pk}),
        reverse("democracy:proposals_create", kwargs={"pk": commune.villages[0].pk}),
        reverse("democracy:proposals_manage", kwargs={"pk": proposal.pk}),
    ]
    posts = [
        reverse(f"democracy:proposals_{name}", kwargs={"pk": proposal.pk})
        for name in ("support_add", "endorse", "put", "decline")
    ]
    for person in (commune.other_handler, commune.citizen, None):
        client = signed_in(person) if person else visitor()
        # then another ward's officer, a resident and a visitor all get 404
        assert [client.get(url).status_code for url in pages] == [404] * 3
        assert [client.post(url).status_code for url in posts] == [404] * 4
    for person in (commune.citizen, None):
        client = signed_in(person) if person else visitor()
        assert client.get(reverse("democracy:proposals_index")).status_code == 404
    missing = reverse("democracy:proposals_manage", kwargs={"pk": proposal.pk + 999})
    assert signed_in(commune.handler).get(missing).status_code == 404


def test_the_commune_officer_works_through_a_proposal(
    commune: Commune,
    register: list[Household],
    proposal: ResidentProposal,
) -> None:
    client = signed_in(commune.handler)
    # the index leads to the only commune, which lists the proposal with its count
    index = client.get(reverse("democracy:proposals_index"))
    assert index.status_code == 302
    listing = text_of(client.get(index["Location"]))
    assert "Làm đường bê tông ngõ 3" in listing
    assert "0 of 5 needed" in listing
    # when two signatures from the paper list are recorded, one of them twice
    url = reverse("democracy:proposals_support_add", kwargs={"pk": proposal.pk})
    for code in ("DT-002", "DT-003"):
        answer = client.post(url, {"household": code, "signed_on": "2026-03-09"})
        assert answer.status_code == 302
    again = client.post(url, {"household": "dt-002", "signed_on": "09/03/2026"})
    unknown = client.post(url, {"household": "XX-1", "signed_on": "2026-03-09"})
    # then the retry gets its message with what was typed kept, and nothing is added
    assert again.status_code == 400
    assert "Household DT-002 already supports this proposal." in text_of(again)
    assert 'value="dt-002"' in text_of(again)
    assert "No active household of this village has this code." in text_of(unknown)
    assert ProposalSupport.objects.count() == 2
    page = client.get(reverse("democracy:proposals_manage", kwargs={"pk": proposal.pk}))
    page_text = text_of(page)
    assert "DT-003" in page_text
    assert "Chủ hộ số 3" in page_text
    # when the Front's endorsement is recorded and the proposal is put to a meeting
    bad = client.post(
        reverse("democracy:proposals_endorse", kwargs={"pk": proposal.pk}),
        {"endorsed_by_name": "Vũ Văn Lợi", "endorsed_on": "2026-03-11"},
    )
    assert "The date of endorsement cannot be in the future." in text_of(bad)
    client.post(
        reverse("democracy:proposals_endorse", kwargs={"pk": proposal.pk}),
        {"endorsed_by_name": "Vũ Văn Lợi", "endorsed_on": "2026-03-10"},
    )
    put = client.post(
        reverse("democracy:proposals_put", kwargs={"pk": proposal.pk}), {"form": "meeting"}
    )
    # then the community decision is prepared
    assert put.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ResidentProposal.Status.PUT
    assert proposal.decision == CommunityDecision.objects.get()
    assert "Vũ Văn Lợi" in text_of(client.get(put["Location"]))


def test_refusals_on_the_staff_page_keep_the_form(
    commune: Commune,
    register: list[Household],
    proposal: ResidentProposal,
) -> None:
    client = signed_in(commune.handler)
    put = client.post(
        reverse("democracy:proposals_put", kwargs={"pk": proposal.pk}), {"form": "meeting"}
    )
    assert put.status_code == 400
    assert "is put to the community" in text_of(put)
    decline = client.post(reverse("democracy:proposals_decline", kwargs={"pk": proposal.pk}), {})
    assert decline.status_code == 400
    declined = client.post(
        reverse("democracy:proposals_decline", kwargs={"pk": proposal.pk}),
        {"reasons": "Không thuộc thẩm quyền của cộng đồng."},
    )
    assert declined.status_code == 302
    again = client.post(
        reverse("democracy:proposals_decline", kwargs={"pk": proposal.pk}),
        {"reasons": "Lần hai"},
    )
    assert "This proposal has already been dealt with." in text_of(again)
    endorse = client.post(
        reverse("democracy:proposals_endorse", kwargs={"pk": proposal.pk}),
        {"endorsed_by_name": "Vũ Văn Lợi", "endorsed_on": "2026-03-10"},
    )
    assert endorse.status_code == 400


def test_staff_register_a_proposal_once(
    commune: Commune, register: list[Household], frozen: object
) -> None:
    client = signed_in(commune.handler)
    url = reverse("democracy:proposals_create", kwargs={"pk": commune.villages[0].pk})
    assert 'name="submission_key"' in text_of(client.get(url))
    data = {
        "title": "Nạo vét mương",
        "content": "Nạo vét mương tiêu thôn Đông Tảo.",
        "matter": "other",
        "proposer_name": "Nguyễn Văn Hùng",
        "proposer_household": "dt-001",
        "submission_key": "khoa-form",
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ResidentProposal.objects.count() == 1
    wrong = client.post(url, {**data, "proposer_household": "KHONG-CO", "submission_key": "k2"})
    assert "No active household of this village has this code." in text_of(wrong)
    other_village = households(commune.villages[1], 1, prefix="AV")[0]
    moved = client.post(
        url, {**data, "proposer_household": other_village.code, "submission_key": "k3"}
    )
    assert moved.status_code == 200
    assert ResidentProposal.objects.count() == 1


def test_a_resident_proposes_and_supports_online_once(
    commune: Commune,
    register: list[Household],
    frozen: object,
) -> None:
    # given a resident whose account is their household's
    resident = make_user("hodan", "Lê Văn Tám")
    register[4].account = resident
    register[4].save(update_fields=["account"])
    client = signed_in(resident)
    village_page = reverse("democracy:proposals_village", kwargs={"pk": commune.villages[0].pk})
    assert "Make a proposal" in text_of(client.get(village_page))
    # when they propose
    url = reverse("democracy:proposals_propose", kwargs={"pk": commune.villages[0].pk})
    answer = client.post(
        url,
        {
            "title": "Lắp camera an ninh",
            "content": "Lắp camera ở cổng làng.",
            "matter": "other",
            "submission_key": "k1",
        },
    )
    proposal = ResidentProposal.objects.get()
    assert answer["Location"] == reverse("democracy:proposals_public", kwargs={"pk": proposal.pk})
    # and support it for their household, twice (a retried request)
    support = reverse("democracy:proposals_support_online", kwargs={"pk": proposal.pk})
    client.post(support)
    retried = client.post(support, follow=True)
    # then one support counts and the retry says so
    assert "Your household already supports this proposal." in text_of(retried)
    assert ProposalSupport.objects.filter(proposal=proposal).count() == 1
    assert proposal.proposer_household == register[4]


def test_a_resident_without_a_household_cannot_propose_or_support(
    commune: Commune, proposal: ResidentProposal
) -> None:
    client = signed_in(commune.citizen)
    url = reverse("democracy:proposals_propose", kwargs={"pk": commune.villages[0].pk})
    page = text_of(client.get(url))
    assert "is not the representative's account" in page
    refused = client.post(
        url, {"title": "A", "content": "B", "matter": "other", "submission_key": "k"}
    )
    assert "is not the representative's account" in text_of(refused)
    answer = client.post(
        reverse("democracy:proposals_support_online", kwargs={"pk": proposal.pk}), follow=True
    )
    assert "is not the representative's account" in text_of(answer)
    assert not ProposalSupport.objects.exists()
    anonymous = visitor().post(
        reverse("democracy:proposals_support_online", kwargs={"pk": proposal.pk})
    )
    assert anonymous.status_code == 302
    assert "/dang-nhap/" in anonymous["Location"]


def test_the_public_page_shows_the_count_and_no_supporter(
    commune: Commune,
    register: list[Household],
    proposal: ResidentProposal,
) -> None:
    # given two supports, one of them online by an account
    resident = make_user("hodan", "Lê Văn Tám")
    register[6].account = resident
    register[6].save(update_fields=["account"])
    ProposalSupport.objects.create(
        proposal=proposal, household=register[6], signed_on=TODAY, channel="online"
    )
    ProposalSupport.objects.create(
        proposal=proposal, household=register[7], signed_on=dt.date(2026, 3, 1), channel="paper"
    )
    # when anyone reads the public page
    public = visitor().get(reverse("democracy:proposals_public", kwargs={"pk": proposal.pk}))
    text = text_of(public)
    # then it shows 2 of 5 and neither names nor household codes nor accounts
    assert "Làm đường bê tông ngõ 3" in text
    assert "<strong>2</strong>" in text
    assert "5 needed (10% of 45 households)" in text
    for private in ("DT-007", "DT-008", "DT-001", "Chủ hộ số", "Lê Văn Tám", "hodan"):
        assert private not in text
    assert "Sign in with your household" in text
    # and the household's own account sees the support button
    assert "My household supports" in text_of(signed_in(resident).get(public.wsgi_request.path))
    listing = visitor().get(
        reverse("democracy:proposals_village", kwargs={"pk": commune.villages[0].pk})
    )
    assert "2 of 5 needed" in text_of(listing)
    assert "DT-00" not in text_of(listing)


def test_public_pages_of_missing_things_are_404(commune: Commune, frozen: object) -> None:
    client = visitor()
    assert client.get(reverse("democracy:proposals_public", kwargs={"pk": 999})).status_code == 404
    assert (
        client.get(
            reverse("democracy:proposals_village", kwargs={"pk": commune.commune.pk})
        ).status_code
        == 404
    )


def test_an_officer_of_two_communes_chooses_one(commune: Commune, frozen: object) -> None:
    from danvan.units.models import RoleAssignment

    officer = make_user("haixa", "Hoàng Văn Hải", commune.committee, "handler")
    other_committee = Unit.objects.get(code="VN-11953-ubnd")
    RoleAssignment.objects.create(user=officer, unit=other_committee, role="handler")
    page = signed_in(officer).get(reverse("democracy:proposals_index"))
    assert page.status_code == 200
    assert "Xã Khoái Châu" in text_of(page)
    assert "Phường Phố Hiến" in text_of(page)


def test_outcomes_show_on_the_public_page(
    commune: Commune,
    register: list[Household],
    proposal: ResidentProposal,
) -> None:
    from danvan.democracy.services.proposals import proposal_decline, proposal_endorse

    other = propose(commune, register, title="Xây nhà văn hóa")
    proposal_endorse(
        proposal=other, actor=commune.handler, endorsed_by_name="Vũ Văn Lợi", endorsed_on=TODAY
    )
    proposal_decline(proposal=proposal, actor=commune.handler, reasons="Đã có trong kế hoạch.")
    endorsed = visitor().get(reverse("democracy:proposals_public", kwargs={"pk": other.pk}))
    declined = visitor().get(reverse("democracy:proposals_public", kwargs={"pk": proposal.pk}))
    assert "Endorsed by the Front work committee on" in text_of(endorsed)
    assert "Vũ Văn Lợi" not in text_of(endorsed)
    assert "Đã có trong kế hoạch." in text_of(declined)
