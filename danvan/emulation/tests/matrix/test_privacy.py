"""What the public sees of the "Dân vận khéo" registry, and what the audit log keeps.

Checked on the matrix's scene (a registered, a recognised and a removed model of Khoái
Châu, each with a photo and a document; an evaluation with the committee's remarks; a
removal with its reason): the public pages, the statistics (page, charts, CSV), the
portal's open datasets and the public API show the recognised model only, never the titles
of the others, never a staff account, name or e-mail, never the evaluation's remarks or
scores, never a link to a file that is not public; the audit log keeps no file body and
no e-mail.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.emulation.charts import CHARTS
from danvan.emulation.models import BookEntry, Evaluation, ExemplarEvent, Kind
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.matrix.scene import (
    BOOK_PDF,
    DOCX,
    NOW,
    RECOGNISED_TITLE,
    REGISTERED_TITLE,
    REMARKS,
    REMOVAL_REASON,
    REMOVED_TITLE,
    Scene,
    build_scene,
)
from danvan.emulation.tests.matrix.test_permission_matrix import MATRIX, PUBLIC, client_for
from danvan.emulation.tests.registry.helpers import PDF, png_bytes

pytestmark = pytest.mark.django_db

STAFF_NAMES = (
    "Nguyễn Văn An",  # the commune's head, who registered
    "Lê Thị Hoa",
    "Phạm Quốc Huy",  # the provincial officer, who evaluated and recognised
    "Vũ Minh Châu",
    "Phan Thị Lan",
    "Trần Thị Bình",
)
SECRETS = (
    REGISTERED_TITLE,
    REMOVED_TITLE,
    REMARKS,
    REMOVAL_REASON,
    "@example.com",
    "chutich",
    "danvan-tinh",
    *STAFF_NAMES,
)


@pytest.fixture
def scene(world: World) -> Iterator[Scene]:
    with time_machine.travel(NOW, tick=False):
        yield build_scene(world)


PUBLIC_ROUTES = sorted(name for name, route in MATRIX.items() if route.allowed == PUBLIC)


def test_the_public_routes_are_the_ones_checked() -> None:
    # the matrix's public routes are the pages and exports checked below
    assert PUBLIC_ROUTES == [
        "registry_public_detail",
        "registry_public_list",
        "statistics_chart",
        "statistics_csv",
        "statistics_index",
    ]


def read(response: Any) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return str(response.content.decode())


def read_bytes(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def leaks(body: str, scene: Scene) -> list[str]:
    hidden_files = [
        reverse("emulation:registry_file", kwargs={"pk": attachment.pk}) + '"'
        for attachment in (
            scene.registered_photo,
            scene.registered_document,
            scene.removed_photo,
            scene.removed_document,
        )
    ]
    return [secret for secret in (*SECRETS, *hidden_files) if secret in body]


def public_urls(scene: Scene) -> list[str]:
    return [
        reverse("emulation:registry_public_list"),
        reverse("emulation:registry_public_list") + "?year=2026",
        reverse("emulation:registry_public_detail", kwargs={"pk": scene.recognised.pk}),
        reverse("emulation:statistics_index"),
        reverse("emulation:statistics_csv"),
        *(reverse("emulation:statistics_chart", kwargs={"kind": kind}) for kind in CHARTS),
    ]


def test_the_public_pages_and_exports_show_no_personal_or_internal_data(scene: Scene) -> None:
    for url in public_urls(scene):
        # given a public page or export, opened by nobody signed in
        response = Client().get(url)
        # when it is read
        body = read(response)
        # then it is there, and nothing unrecognised, internal or personal is
        assert response.status_code == 200, url
        assert leaks(body, scene) == [], (url, leaks(body, scene))


def test_the_public_pages_do_show_the_recognised_model(scene: Scene) -> None:
    # given the public list and the recognised model's page
    for url in public_urls(scene)[:3]:
        # when they are read, then the recognised model is there (the checks above are real)
        assert RECOGNISED_TITLE in Client().get(url).content.decode(), url
    # and its remarks are real data that the staff's page does show
    assert Evaluation.objects.filter(exemplar=scene.recognised, remarks=REMARKS).exists()


def test_the_public_model_page_shows_no_scores(scene: Scene) -> None:
    # given the recognised model, evaluated with 9 points on each criterion
    url = reverse("emulation:registry_public_detail", kwargs={"pk": scene.recognised.pk})
    # when its public page is read
    body = Client().get(url).content.decode()
    # then no criterion and no score is shown
    for criterion in scene.criteria:
        assert criterion.name not in body


def test_the_audit_log_keeps_no_file_and_no_e_mail(scene: Scene) -> None:
    # given everything the scene recorded through the services, the models' history included
    entries = list(AuditEntry.objects.all())
    registered = [e for e in entries if e.target_id == str(scene.registered.pk)]
    assert {e.verb for e in registered} >= {"emulation_exemplar.register"}
    events = list(ExemplarEvent.objects.values_list("data", "note"))
    # when the audit data and the history are read
    text = json.dumps(
        [[e.data, e.actor_label, e.target_label] for e in entries] + [list(e) for e in events],
        ensure_ascii=False,
        default=str,
    )
    # then no file content and no e-mail is kept there
    assert PDF.decode() not in text
    assert "%PDF" not in text
    assert "PNG" not in text
    assert png_bytes().hex() not in text
    assert "@example.com" not in text


def test_the_open_datasets_carry_only_the_recognised_model(scene: Scene) -> None:
    records = pytest.importorskip("danvan.portal.records")
    # given the portal's dataset of models
    dataset = records.DATASETS["models"]
    # when its rows are read
    rows = dataset.page(cursor=None, limit=100).items
    # then only the recognised model is there
    assert [row["id"] for row in rows] == [scene.recognised.pk]
    assert dataset.get(str(scene.registered.pk)) is None
    assert dataset.get(str(scene.removed.pk)) is None
    text = json.dumps(rows, ensure_ascii=False, default=str)
    assert leaks(text, scene) == []


def test_the_public_api_carries_only_the_recognised_model(scene: Scene) -> None:
    # given the public API's models
    client = Client()
    # when the list is read
    response = client.get("/api/v1/models")
    if response.status_code == 404:
        pytest.skip("the public API has no models dataset")
    # then only the recognised model is there, and the others answer 404
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [scene.recognised.pk]
    assert leaks(json.dumps(items, ensure_ascii=False), scene) == []
    for hidden in (scene.registered, scene.removed):
        assert client.get(f"/api/v1/models/{hidden.pk}").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_open_data_downloads_carry_only_the_recognised_model(scene: Scene, fmt: str) -> None:
    # given the portal's download of the models dataset
    url = reverse("portal:data_download", kwargs={"slug": "models", "fmt": fmt})
    # when it is downloaded
    response = Client().get(url)
    body = read(response)
    # then it has the recognised model and nothing hidden
    assert response.status_code == 200
    assert "Chi hội nông dân giúp nhau" in body
    assert leaks(body, scene) == []


def test_the_files_served_are_the_stored_ones_with_the_right_caching(scene: Scene) -> None:
    # given a public photo, a staff-only document, and the book's two files
    world = scene.world
    public = Client().get(
        reverse("emulation:registry_file", kwargs={"pk": scene.recognised_photo.pk})
    )
    staff = client_for(world.commune_head).get(
        reverse("emulation:registry_file", kwargs={"pk": scene.registered_document.pk})
    )
    officer = client_for(world.provincial_officer)
    docx = officer.get(
        reverse("emulation:books_download", kwargs={"pk": scene.book.pk, "fmt": "docx"})
    )
    pdf = officer.get(
        reverse("emulation:books_download", kwargs={"pk": scene.book.pk, "fmt": "pdf"})
    )
    # then each is the stored file; a file of a model not public is never cached publicly
    assert read_bytes(public) == png_bytes()
    assert "public" in public["Cache-Control"]
    assert read_bytes(staff) == PDF
    assert "no-store" in staff["Cache-Control"]
    assert staff["Content-Security-Policy"] == "sandbox"
    assert read_bytes(docx) == DOCX
    assert read_bytes(pdf) == BOOK_PDF


def test_a_search_of_the_public_list_finds_no_hidden_model(scene: Scene) -> None:
    # given the titles of the registered and the removed models
    for title in (REGISTERED_TITLE, REMOVED_TITLE, "dưỡng sinh", "đường làng"):
        # when a visitor searches the public list for them
        url = reverse("emulation:registry_public_list") + "?" + urlencode({"q": title})
        response = Client().get(url)
        # then nothing is found (the search box keeps what was typed: nothing more)
        assert response.context["count"] == 0, title
        body = response.content.decode()
        for hidden in (scene.registered, scene.removed):
            link = reverse("emulation:registry_public_detail", kwargs={"pk": hidden.pk})
            assert f'href="{link}"' not in body
    # and the same search finds the recognised model (the search itself works)
    url = reverse("emulation:registry_public_list") + "?" + urlencode({"q": "nông dân"})
    assert Client().get(url).context["count"] == 1


def test_a_book_takes_no_model_that_is_not_recognised(scene: Scene) -> None:
    # given the provincial officer, who compiles the provincial book
    client = client_for(scene.world.provincial_officer)
    url = reverse("emulation:books_entry_add", kwargs={"pk": scene.book.pk})
    for hidden in (scene.registered, scene.removed):
        # when he posts a model that is only registered, or removed
        client.post(url, {"exemplar": str(hidden.pk)})
        # then it is not in the book (the book's files are public-bound)
        assert not BookEntry.objects.filter(book=scene.book, exemplar=hidden).exists()
    assert BookEntry.objects.filter(book=scene.book).count() == 1


def test_a_person_not_yet_recognised_is_named_nowhere_public(scene: Scene) -> None:
    # given an individual example registered (not recognised) with the person's name
    make_exemplar(
        scene.world.commune_committee,
        kind=Kind.EXAMPLE,
        title="Gương “Người cựu chiến binh hiến đất mở đường”",
        person_name="Đỗ Văn Khải",
        person_title="Cựu chiến binh thôn Đông",
    )
    dataset = pytest.importorskip("danvan.portal.records").DATASETS["models"]
    rows = json.dumps(dataset.page(cursor=None, limit=100).items, ensure_ascii=False)
    for url in public_urls(scene):
        # when the public pages and exports are read
        body = read(Client().get(url))
        # then neither the person nor the title is there
        for text in ("Đỗ Văn Khải", "Cựu chiến binh thôn Đông", "hiến đất mở đường"):
            assert text not in body, (url, text)
            assert text not in rows


def test_the_staff_list_shows_each_person_only_the_models_they_may_see(scene: Scene) -> None:
    world = scene.world
    url = reverse("emulation:registry_list")
    titles = (REGISTERED_TITLE, RECOGNISED_TITLE, REMOVED_TITLE)
    # given the commune's head and the other ward's head and a citizen on the staff list
    mine = client_for(world.commune_head).get(url).content.decode()
    # then the head sees his unit's three models, the others none of them
    assert all(title in mine for title in titles)
    for user in (world.other_head, world.citizen):
        body = client_for(user).get(url).content.decode()
        assert [title for title in titles if title in body] == [], user.username


def test_the_book_offers_only_recognised_models(scene: Scene) -> None:
    # given the provincial book's selection page (its candidates go into a public book)
    url = reverse("emulation:books_detail", kwargs={"pk": scene.book.pk})
    body = client_for(scene.world.provincial_officer).get(url).content.decode()
    # then the recognised model is there and neither the registered nor the removed one
    assert RECOGNISED_TITLE in body
    assert REGISTERED_TITLE not in body
    assert REMOVED_TITLE not in body


def test_the_commune_committee_reaches_no_model_of_another_ward(scene: Scene) -> None:
    world = scene.world
    # given a model registered by the other ward
    theirs = make_exemplar(world.other_committee, title="Mô hình “Phố văn minh Phố Hiến”")
    commune = client_for(world.commune_commission)
    # when Khoái Châu's commission officer opens its pages, then there is none
    for name in ("registry_detail", "evaluation_evaluate", "evaluation_recognise"):
        url = reverse(f"emulation:{name}", kwargs={"pk": theirs.pk})
        assert commune.get(url).status_code == 404, name
    # and the year's round and the staff list do not show it
    for url in (
        reverse("emulation:evaluation_year", kwargs={"year": 2026}),
        reverse("emulation:registry_list"),
    ):
        body = commune.get(url).content.decode()
        assert "Phố văn minh Phố Hiến" not in body, url
        assert RECOGNISED_TITLE in body or REGISTERED_TITLE in body, url
    # while the province's officer, who serves both, does reach it
    url = reverse("emulation:registry_detail", kwargs={"pk": theirs.pk})
    assert client_for(world.provincial_officer).get(url).status_code == 200
