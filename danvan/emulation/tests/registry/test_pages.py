"""The staff pages in Vietnamese: register (with figures and a photo), detail, edit, files,
cover, replication and the list with its filters and folded search."""

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.emulation.models import Attachment, Exemplar, ExemplarEvent
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.registry.helpers import form_data, pdf, photo
from danvan.units.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _february() -> Iterator[None]:
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        yield


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_registration_page_offers_the_persons_units_and_three_figure_rows(
    world: World,
) -> None:
    # when the commune head opens the registration page
    response = signed_in(world.commune_head).get(reverse("emulation:registry_create"))
    # then only the units they register for are offered, and three empty figure rows
    assert response.status_code == 200
    html = response.content.decode()
    assert world.commune_committee.name in html
    assert world.other_committee.name not in html
    assert 'name="figures-2-indicator"' in html
    assert 'name="figures-3-indicator"' not in html
    assert 'enctype="multipart/form-data"' in html
    assert 'value="2026"' in html


def test_a_head_registers_a_model_with_a_figure_and_a_photo(world: World) -> None:
    client = signed_in(world.commune_head)
    data = form_data(world.commune_committee, photos=[photo()], documents=[pdf()])
    # when the form is sent
    response = client.post(reverse("emulation:registry_create"), data)
    # then the model is registered and its page shows it all
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:registry_detail", kwargs={"pk": exemplar.pk})
    assert exemplar.place == world.commune
    assert exemplar.attachments.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Mô hình “Đường hoa nông thôn mới”" in page
    assert "Đường hoa" in page
    assert "km" in page
    photo_row = exemplar.attachments.get(kind="photo")
    assert reverse("emulation:registry_file", kwargs={"pk": photo_row.pk}) in page
    assert "bao-cao.pdf" in page
    assert "Xã Khoái Châu" in page  # the place, by default the commune


def test_sending_the_form_twice_registers_once(world: World) -> None:
    client = signed_in(world.commune_head)
    first = client.post(reverse("emulation:registry_create"), form_data(world.commune_committee))
    second = client.post(reverse("emulation:registry_create"), form_data(world.commune_committee))
    assert first["Location"] == second["Location"]
    assert Exemplar.objects.count() == 1


def test_an_individual_example_shows_the_person(world: World) -> None:
    client = signed_in(world.commune_head)
    data = form_data(
        world.commune_committee,
        kind="example",
        title="Điển hình “Trưởng thôn giỏi dân vận”",
        person_name="Đặng Văn Bảy",
        person_title="Trưởng thôn Đông",
    )
    response = client.post(reverse("emulation:registry_create"), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đặng Văn Bảy, Trưởng thôn Đông" in page


def test_an_edit_is_saved_and_listed_in_the_history(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = signed_in(world.commune_head)
    url = reverse("emulation:registry_edit", kwargs={"pk": exemplar.pk})
    # the edit page is filled with the model's text
    assert exemplar.problem in client.get(url).content.decode()
    data = form_data(world.commune_committee, title="Mô hình “Tổ vay vốn giúp nhau”")
    response = client.post(url, data)
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.title == "Mô hình “Tổ vay vốn giúp nhau”"
    event = ExemplarEvent.objects.get(kind="edited")
    assert "title" in event.data["fields"]
    assert "figures" in event.data["fields"]
    history = client.get(response["Location"]).context["info"].history
    with translation.override("vi"):
        title_label = str(Exemplar._meta.get_field("title").verbose_name)
    assert title_label in history[-1][1]


def test_a_removed_model_has_no_edit_page(world: World) -> None:
    exemplar = make_exemplar(
        world.commune_committee, status="removed", removed_reason="Không hiệu quả."
    )
    client = signed_in(world.commune_head)
    response = client.get(reverse("emulation:registry_edit", kwargs={"pk": exemplar.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:registry_detail", kwargs={"pk": exemplar.pk})


def test_files_are_added_later_and_another_photo_made_the_cover(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = signed_in(world.commune_head)
    url = reverse("emulation:registry_attachments", kwargs={"pk": exemplar.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"photos": [photo("a.png"), photo("b.png")], "caption": ""})
    assert response.status_code == 302
    second = Attachment.objects.get(original_name="b.png")
    cover_url = reverse(
        "emulation:registry_cover", kwargs={"pk": exemplar.pk, "attachment": second.pk}
    )
    client.post(cover_url)
    assert list(exemplar.attachments.values_list("original_name", flat=True)) == [
        "b.png",
        "a.png",
    ]
    # nothing chosen: a clear message, nothing added
    assert client.post(url, {"caption": "Ảnh"}).status_code == 200
    assert exemplar.attachments.count() == 2


def test_the_detail_page_shows_history_recognitions_and_no_broken_links(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    ExemplarEvent.objects.create(
        exemplar=exemplar, kind="registered", at="2026-01-15T09:00+07:00", actor=world.commune_head
    )
    response = signed_in(world.commune_commission).get(
        reverse("emulation:registry_detail", kwargs={"pk": exemplar.pk})
    )
    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.content.decode()  # who registered, for staff


def test_a_recognised_model_is_replicated_into_the_other_ward(world: World) -> None:
    source = make_exemplar(world.commune_committee, status="recognised", recognised_level="commune")
    client = signed_in(world.other_head)
    url = reverse("emulation:registry_replicate", kwargs={"pk": source.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"unit": world.other_committee.pk, "year": "2026"})
    copy = Exemplar.objects.get(replicated_from=source)
    assert response["Location"] == reverse("emulation:registry_detail", kwargs={"pk": copy.pk})
    page = signed_in(world.commune_head).get(
        reverse("emulation:registry_detail", kwargs={"pk": source.pk})
    )
    assert world.other_committee.name in page.content.decode()
    # the same replication again: a clear message and no second copy
    again = client.post(url, {"unit": world.other_committee.pk, "year": "2026"})
    assert again.status_code == 200
    assert Exemplar.objects.filter(replicated_from=source).count() == 1


def test_a_model_not_yet_recognised_cannot_be_replicated(world: World) -> None:
    source = make_exemplar(world.commune_committee)
    # the provincial officer sees it and registers for the provincial commission
    client = signed_in(world.provincial_officer)
    url = reverse("emulation:registry_replicate", kwargs={"pk": source.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["recognised"] is False
    assert 'name="unit"' not in response.content.decode()
    client.post(url, {"unit": world.provincial_commission.pk, "year": "2026"})
    assert Exemplar.objects.count() == 1
    # the commune head registers for no other unit: told so
    assert signed_in(world.commune_head).get(url).status_code == 403


def test_the_list_filters_and_searches_without_diacritics(world: World) -> None:
    make_exemplar(world.commune_committee, search_text="mo hinh duong hoa", title="Đường hoa")
    make_exemplar(
        world.commune_committee,
        title="Tổ an ninh tự quản",
        field="defence_security",
        search_text="to an ninh tu quan",
    )
    make_exemplar(world.other_committee, title="Phường văn minh", search_text="phuong van minh")
    client = signed_in(world.commune_head)
    url = reverse("emulation:registry_list")
    page = client.get(url).content.decode()
    assert "Đường hoa" in page
    assert "Tổ an ninh tự quản" in page
    assert "Phường văn minh" not in page  # another ward's model
    assert client.get(url, {"q": "Đường"}).context["count"] == 1
    assert client.get(url, {"field": "defence_security"}).context["count"] == 1
    assert client.get(url, {"year": "2025"}).context["count"] == 0
    # the provincial commission sees the whole province
    assert signed_in(world.provincial_officer).get(url).context["count"] == 3


def test_the_list_is_paginated(world: World) -> None:
    for number in range(30):
        make_exemplar(world.commune_committee, title=f"Mô hình số {number:02}")
    response = signed_in(world.commune_head).get(reverse("emulation:registry_list"))
    assert response.context["count"] == 30
    assert len(response.context["page"].object_list) == 25
    second = signed_in(world.commune_head).get(reverse("emulation:registry_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 5


def test_a_person_without_a_registering_role_is_told_so(world: World) -> None:
    response = signed_in(world.citizen).get(reverse("emulation:registry_create"))
    assert response.status_code == 403


def test_the_place_defaults_to_the_commune_and_may_be_the_province(world: World) -> None:
    client = signed_in(world.commune_head)
    url = reverse("emulation:registry_create")
    # another ward is not a place of the commune head's units
    refused = client.post(url, form_data(world.commune_committee, place=world.other_commune.pk))
    assert refused.context["form"].errors["place"]
    client.post(url, form_data(world.commune_committee, place=world.province.pk))
    assert Exemplar.objects.get().place == world.province
    # an edit that empties the place goes back to the commune
    exemplar = Exemplar.objects.get()
    client.post(
        reverse("emulation:registry_edit", kwargs={"pk": exemplar.pk}),
        form_data(world.commune_committee),
    )
    exemplar.refresh_from_db()
    assert exemplar.place == world.commune


def test_refusals_are_shown_on_the_forms(world: World) -> None:
    client = signed_in(world.commune_head)
    client.post(reverse("emulation:registry_create"), form_data(world.commune_committee))
    # the same title with another content: a clear message, the text kept
    response = client.post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, problem="Một vấn đề khác."),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Một vấn đề khác." in response.content.decode()
    # an edit onto another model's title
    other = make_exemplar(world.commune_committee, title="Mô hình khác")
    response = client.post(
        reverse("emulation:registry_edit", kwargs={"pk": other.pk}),
        form_data(world.commune_committee),
    )
    assert response.context["form"].non_field_errors()
    # a document made the cover
    exemplar = Exemplar.objects.get(title="Mô hình “Đường hoa nông thôn mới”")
    client.post(
        reverse("emulation:registry_attachments", kwargs={"pk": exemplar.pk}),
        {"documents": [pdf()]},
    )
    document = exemplar.attachments.get()
    response = client.post(
        reverse("emulation:registry_cover", kwargs={"pk": exemplar.pk, "attachment": document.pk}),
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
    assert not exemplar.attachments.filter(is_cover=True).exists()


def test_a_removed_model_gets_no_more_files(world: World) -> None:
    exemplar = make_exemplar(
        world.commune_committee, status="removed", removed_reason="Không hiệu quả."
    )
    response = signed_in(world.commune_head).get(
        reverse("emulation:registry_attachments", kwargs={"pk": exemplar.pk})
    )
    assert response.status_code == 302
