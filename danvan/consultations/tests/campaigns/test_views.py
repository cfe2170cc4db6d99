"""The staff pages of campaign groups and themes: access, content, recompute, every comment."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations.models import CampaignGroup, CampaignRun
from danvan.consultations.services.campaigns import campaigns_compute
from danvan.consultations.tests.campaigns.conftest import (
    Commented,
    add_comment,
    make_consultation,
)
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, commented: Commented, **kwargs: object) -> str:
    return reverse(f"consultations:{name}", kwargs={"slug": commented.consultation.slug, **kwargs})


def test_overview_before_any_computation(commented: Commented, handler: User) -> None:
    response = signed_in(handler).get(url("campaigns_manage", commented))
    assert response.status_code == 200
    assert response.context["run"] is None
    assert 'method="post"' in response.text
    assert "<details" in response.text


def test_recompute_runs_the_task_and_the_overview_shows_each_article(
    commented: Commented, handler: User
) -> None:
    # When a handler asks for the computation (the test task backend runs it at once)
    client = signed_in(handler)
    response = client.post(url("campaigns_recompute", commented))
    # Then they are sent back to the overview, which lists the articles with their counts
    assert response.status_code == 302
    assert response["Location"] == url("campaigns_manage", commented)
    run = CampaignRun.objects.get()
    page = client.get(response["Location"])
    assert page.context["run"] == run
    articles = {article.anchor: article for article in page.context["articles"]}
    assert list(articles) == ["dieu-1", "dieu-2", "dieu-3"]
    assert (articles["dieu-1"].groups, articles["dieu-1"].grouped_comments) == (1, 12)
    assert articles["dieu-1"].largest == 12
    assert articles["dieu-3"].groups == articles["dieu-3"].themes == 0
    assert "Điều 1" in page.text
    assert url("campaigns_article", commented, anchor="dieu-1") in page.text


def test_article_page_shows_one_representative_text_its_count_and_variants(
    commented: Commented, handler: User
) -> None:
    campaigns_compute(consultation=commented.consultation)
    response = signed_in(handler).get(url("campaigns_article", commented, anchor="dieu-1"))
    assert response.status_code == 200
    text = response.text
    # one representative text, shown as the template (no sender's name)
    assert "Tôi là …, trú tại thôn …, xã Hòa Bình." in text
    assert "Nguyễn Văn An" not in text
    assert text.count('class="card campaign-group"') == 1
    # its variants behind <details>, the one without diacritics included
    assert "<details>" in text
    assert "Toi la …, tru tai thon …, xa Hoa Binh." in text
    # a link to every comment of the group, and the land comments' theme with examples
    group = CampaignGroup.objects.get()
    assert url("campaigns_group", commented, pk=group.pk) in text
    assert response.context["label"] == "Điều 1"
    themes = response.context["themes"]
    assert sum(view.theme.count for view in themes) == 8
    assert any("thu hồi" in view.theme.keywords for view in themes)
    assert all(view.examples for view in themes)


def test_article_page_of_an_article_with_nothing(commented: Commented, handler: User) -> None:
    campaigns_compute(consultation=commented.consultation)
    response = signed_in(handler).get(url("campaigns_article", commented, anchor="dieu-3"))
    assert response.status_code == 200
    assert list(response.context["groups"]) == []
    assert response.context["themes"] == []


def test_article_page_before_any_computation_leads_to_the_overview(
    commented: Commented, handler: User
) -> None:
    response = signed_in(handler).get(url("campaigns_article", commented, anchor="dieu-1"))
    assert response.status_code == 302
    assert response["Location"] == url("campaigns_manage", commented)


def test_group_page_lists_every_comment_of_the_group_page_by_page(
    commented: Commented, handler: User, resident: User
) -> None:
    # Given a campaign of 60 copies (twelve in the fixture, 48 more)
    for index in range(48):
        add_comment(
            commented.consultation,
            resident,
            commented.campaign[0].text.replace("Nguyễn Văn An", f"Người Gửi Số {index}"),
        )
    campaigns_compute(consultation=commented.consultation)
    group = CampaignGroup.objects.get(anchor="dieu-1")
    assert group.count == 60
    client = signed_in(handler)
    # When the group's pages are read
    first = client.get(url("campaigns_group", commented, pk=group.pk))
    second = client.get(url("campaigns_group", commented, pk=group.pk) + "?trang=2")
    # Then the sixty comments are all there, fifty then ten, with the senders' own texts
    assert first.status_code == second.status_code == 200
    shown = list(first.context["page"]) + list(second.context["page"])
    assert len(shown) == 60
    assert {comment.pk for comment in shown} >= {comment.pk for comment in commented.campaign}
    assert "Nguyễn Văn An" in first.text
    assert "?trang=2" in first.text
    assert commented.hidden.text not in first.text + second.text
    assert resident.full_name not in first.text


def test_a_group_of_another_consultation_is_not_found(
    commented: Commented, handler: User, agency: Unit
) -> None:
    campaigns_compute(consultation=commented.consultation)
    group = CampaignGroup.objects.get()
    other = make_consultation(agency, slug="du-thao-khac")
    client = signed_in(handler)
    response = client.get(
        reverse("consultations:campaigns_group", kwargs={"slug": other.slug, "pk": group.pk})
    )
    assert response.status_code == 404
    assert client.get(url("campaigns_group", commented, pk=group.pk + 999)).status_code == 404


def test_a_unit_above_may_read_the_pages(commented: Commented, head_above: User) -> None:
    campaigns_compute(consultation=commented.consultation)
    assert signed_in(head_above).get(url("campaigns_manage", commented)).status_code == 200


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("campaigns_manage", {}),
        ("campaigns_article", {"anchor": "dieu-1"}),
        ("campaigns_group", {"pk": 1}),
    ],
)
def test_outsiders_and_residents_get_the_same_404(
    commented: Commented, outsider: User, resident: User, name: str, extra: dict[str, object]
) -> None:
    campaigns_compute(consultation=commented.consultation)
    if name == "campaigns_group":
        extra = {"pk": CampaignGroup.objects.get().pk}
    for user in (outsider, resident):
        assert signed_in(user).get(url(name, commented, **extra)).status_code == 404
    missing = reverse(f"consultations:{name}", kwargs={"slug": "khong-co", **extra})
    assert signed_in(outsider).get(missing).status_code == 404


def test_outsiders_cannot_recompute(commented: Commented, outsider: User) -> None:
    response = signed_in(outsider).post(url("campaigns_recompute", commented))
    assert response.status_code == 404
    assert not CampaignRun.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(commented: Commented) -> None:
    response = Client().get(url("campaigns_manage", commented))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_methods_are_enforced(commented: Commented, handler: User) -> None:
    client = signed_in(handler)
    assert client.get(url("campaigns_recompute", commented)).status_code == 405
    assert client.post(url("campaigns_manage", commented)).status_code == 405
