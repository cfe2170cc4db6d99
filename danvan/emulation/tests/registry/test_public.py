"""The public pages: recognised models only (never registered or removed ones), filters,
folded search, the story with its figures, cover, recognitions and replications, the
person of an individual example, and never a staff account."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.emulation.models import Attachment, Exemplar, ExemplarEvent, Recognition, ResultFigure
from danvan.emulation.services.registry import attachment_add, photo_inspect
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.registry.helpers import photo

pytestmark = pytest.mark.django_db


def recognised(world: World, **fields: object) -> Exemplar:
    values: dict[str, object] = {
        "status": "recognised",
        "recognised_level": "commune",
        "recognised_year": 2026,
        "created_by": world.commune_head,
        "search_text": "mo hinh chi hoi nong dan giup nhau phat trien kinh te",
    }
    values.update(fields)
    return make_exemplar(world.commune_committee, **values)


def test_the_public_list_shows_recognised_models_only(world: World) -> None:
    recognised(world)
    make_exemplar(world.commune_committee, title="Mô hình mới đăng ký")
    make_exemplar(
        world.commune_committee,
        title="Mô hình đã loại",
        status="removed",
        removed_reason="Không hiệu quả.",
    )
    response = Client().get(reverse("emulation:registry_public_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["count"] == 1
    assert "Chi hội nông dân giúp nhau" in html
    assert "Mô hình mới đăng ký" not in html
    assert "Mô hình đã loại" not in html


def test_unrecognised_and_removed_models_have_no_public_page(world: World) -> None:
    registered = make_exemplar(world.commune_committee, title="Mô hình mới đăng ký")
    removed = make_exemplar(
        world.commune_committee,
        title="Mô hình đã loại",
        status="removed",
        removed_reason="Không hiệu quả.",
        recognised_level="commune",
    )
    for exemplar in (registered, removed):
        url = reverse("emulation:registry_public_detail", kwargs={"pk": exemplar.pk})
        assert Client().get(url).status_code == 404
    missing = reverse("emulation:registry_public_detail", kwargs={"pk": removed.pk + 99})
    assert Client().get(missing).status_code == 404


def test_the_public_filters_and_search_without_diacritics(world: World) -> None:
    recognised(world)
    recognised(
        world,
        title="Tổ an ninh tự quản",
        field="defence_security",
        recognised_level="provincial",
        search_text="to an ninh tu quan",
    )
    url = reverse("emulation:registry_public_list")
    client = Client()
    assert client.get(url, {"q": "AN NINH tự"}).context["count"] == 1
    assert client.get(url, {"q": "phát triển"}).context["count"] == 1
    assert client.get(url, {"field": "defence_security"}).context["count"] == 1
    assert client.get(url, {"recognised_level": "provincial"}).context["count"] == 1
    assert client.get(url, {"year": "2026"}).context["count"] == 2
    assert client.get(url, {"province": world.province.pk}).context["count"] == 2
    assert client.get(url, {"year": "2025"}).context["count"] == 0


def test_the_public_page_tells_the_story_without_staff_accounts(world: World) -> None:
    exemplar = recognised(
        world,
        kind="example",
        title="Điển hình “Trưởng thôn giỏi dân vận”",
        person_name="Đặng Văn Bảy",
        person_title="Trưởng thôn Đông",
    )
    ResultFigure.objects.create(exemplar=exemplar, indicator="Hộ thoát nghèo", value=120)
    attachment_add(
        actor=world.commune_head, exemplar=exemplar, uploads=[photo_inspect(upload=photo())]
    )
    ExemplarEvent.objects.create(
        exemplar=exemplar, kind="registered", at="2026-01-15T09:00+07:00", actor=world.commune_head
    )
    Recognition.objects.create(
        exemplar=exemplar,
        level="commune",
        year=2026,
        decision_number="12-QĐ/ĐU",
        decision_date=dt.date(2026, 12, 20),
        issuer=world.commune_party,
        recorded_by=world.commune_commission,
    )
    copy = recognised(world, title="Bản nhân rộng", replicated_from=exemplar, year=2027)
    copy.unit = world.other_committee
    copy.save()
    response = Client().get(reverse("emulation:registry_public_detail", kwargs={"pk": exemplar.pk}))
    html = response.content.decode()
    # the story, its figure, the cover photo, the person commended publicly
    assert "Đặng Văn Bảy, Trưởng thôn Đông" in html
    assert "Hộ thoát nghèo" in html
    cover = Attachment.objects.get()
    assert reverse("emulation:registry_file", kwargs={"pk": cover.pk}) in html
    # the recognition with its decision and issuer, and where it was replicated
    assert "12-QĐ/ĐU" in html
    assert "Đảng ủy xã Khoái Châu" in html
    assert world.other_committee.name in html
    # never the staff who registered or recognised it
    for staff in (world.commune_head, world.commune_commission):
        assert staff.full_name not in html
        assert staff.username not in html
        assert staff.email not in html


def test_the_public_list_is_paginated(world: World) -> None:
    for number in range(27):
        recognised(world, title=f"Mô hình số {number:02}")
    response = Client().get(reverse("emulation:registry_public_list"), {"page": "2"})
    assert response.context["count"] == 27
    assert len(response.context["page"].object_list) == 2
