"""Access: the same 404 for another commune's staff and for a missing model, on every staff
page and on the file view; public files only of recognised models."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.emulation.models import Attachment, Exemplar
from danvan.emulation.services.registry import attachment_add, photo_inspect
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.registry.helpers import photo
from danvan.units.models import User

pytestmark = pytest.mark.django_db

STAFF_PAGES = ("registry_detail", "registry_edit", "registry_attachments")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def with_photo(world: World, **fields: object) -> Attachment:
    exemplar = make_exemplar(world.commune_committee, **fields)
    (attachment,) = attachment_add(
        actor=world.commune_head, exemplar=exemplar, uploads=[photo_inspect(upload=photo())]
    )
    return attachment


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_another_communes_staff_get_the_same_404_as_for_a_missing_model(
    world: World, name: str
) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = client_for(world.other_head)
    forbidden = client.get(reverse(f"emulation:{name}", kwargs={"pk": exemplar.pk}))
    missing = client.get(reverse(f"emulation:{name}", kwargs={"pk": exemplar.pk + 999}))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_the_committees_see_but_only_registering_staff_edit(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    for user in (world.commune_commission, world.provincial_officer, world.central_officer):
        detail = client_for(user).get(
            reverse("emulation:registry_detail", kwargs={"pk": exemplar.pk})
        )
        assert detail.status_code == 200
    edit = client_for(world.commune_commission).get(
        reverse("emulation:registry_edit", kwargs={"pk": exemplar.pk})
    )
    assert edit.status_code == 404


def test_a_citizen_and_an_anonymous_visitor_see_no_staff_page(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    url = reverse("emulation:registry_detail", kwargs={"pk": exemplar.pk})
    assert client_for(world.citizen).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404
    assert client_for(None).get(reverse("emulation:registry_list")).status_code == 302
    assert client_for(None).get(reverse("emulation:registry_create")).status_code == 302
    assert client_for(world.citizen).get(reverse("emulation:registry_list")).context["count"] == 0


def test_the_cover_of_another_communes_model_cannot_be_changed(world: World) -> None:
    attachment = with_photo(world)
    response = client_for(world.other_head).post(
        reverse(
            "emulation:registry_cover",
            kwargs={"pk": attachment.exemplar_id, "attachment": attachment.pk},
        )
    )
    assert response.status_code == 404


def test_a_registered_models_photo_is_served_to_its_staff_only(world: World) -> None:
    attachment = with_photo(world)
    url = reverse("emulation:registry_file", kwargs={"pk": attachment.pk})
    missing = reverse("emulation:registry_file", kwargs={"pk": attachment.pk + 999})
    response = client_for(world.commune_head).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]
    assert client_for(world.commune_commission).get(url).status_code == 200
    for user in (world.other_head, world.citizen, None):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).get(missing).status_code == 404


def test_a_recognised_models_photo_is_public_and_a_removed_ones_is_not(world: World) -> None:
    public = with_photo(world, status="recognised", recognised_level="commune")
    removed = with_photo(world, title="Mô hình đã loại")
    Exemplar.objects.filter(pk=removed.exemplar_id).update(
        status="removed", removed_reason="Không hiệu quả."
    )
    anonymous = client_for(None)
    assert (
        anonymous.get(reverse("emulation:registry_file", kwargs={"pk": public.pk})).status_code
        == 200
    )
    response = anonymous.get(reverse("emulation:registry_file", kwargs={"pk": removed.pk}))
    assert response.status_code == 404
