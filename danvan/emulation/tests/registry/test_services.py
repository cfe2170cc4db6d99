"""The registry's services: register, retry, edit, files, cover, replicate (messages checked
by their English msgids)."""

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.emulation.models import Attachment, Exemplar, ExemplarEvent, Kind
from danvan.emulation.services.registry import (
    Figure,
    attachment_add,
    attachment_set_cover,
    document_inspect,
    exemplar_register,
    exemplar_replicate,
    exemplar_update,
    photo_inspect,
)
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.registry.helpers import fake_photo, pdf, photo, png_bytes

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(autouse=True)
def _february() -> Iterator[None]:
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        yield


def register(world: World, **overrides: object) -> Exemplar:
    values: dict[str, object] = {
        "actor": world.commune_head,
        "unit": world.commune_committee,
        "kind": Kind.MODEL,
        "field": "economy",
        "title": "Mô hình “Đường hoa nông thôn mới”",
        "year": 2026,
        "period_start": dt.date(2026, 1, 15),
        "problem": "Đường thôn thiếu cây xanh.",
        "actions": "Các hộ trồng hoa hai bên đường.",
    }
    values.update(overrides)
    return exemplar_register(**values)  # type: ignore[arg-type]


def test_registering_writes_the_model_figures_files_history_and_audit(world: World) -> None:
    # given a checked photo and a checked PDF
    uploads = [photo_inspect(upload=photo()), document_inspect(upload=pdf())]
    # when the commune head registers a model with a figure
    exemplar = register(world, figures=[Figure("Đường hoa", Decimal("5"), "km")], uploads=uploads)
    # then the model is registered in the commune, searchable without diacritics
    assert exemplar.status == Exemplar.Status.REGISTERED
    assert exemplar.place == world.commune
    assert exemplar.created_by == world.commune_head
    assert "duong hoa nong thon moi" in exemplar.search_text
    assert "uy ban nhan dan xa khoai chau" in exemplar.search_text
    # and its figure, its photo (the cover, with its size) and its document are kept
    assert [(f.indicator, f.value) for f in exemplar.figures.all()] == [("Đường hoa", Decimal(5))]
    cover = exemplar.attachments.get(kind=Attachment.AttachmentKind.PHOTO)
    assert (cover.is_cover, cover.width, cover.height) == (True, 4, 3)
    assert cover.content_type == "image/png"
    assert cover.original_name == "le-ra-quan.png"
    document = exemplar.attachments.get(kind=Attachment.AttachmentKind.DOCUMENT)
    assert (document.is_cover, document.content_type) == (False, "application/pdf")
    assert document.file.read().startswith(b"%PDF")
    # and the history and the audit log say so
    event = exemplar.events.get()
    assert (event.kind, event.actor, event.data) == (
        "registered",
        world.commune_head,
        {"figures": 1, "files": 2},
    )
    assert AuditEntry.objects.filter(verb="emulation_exemplar.register").count() == 1


def test_a_model_without_a_field_is_refused(world: World) -> None:
    # when a model is registered without its field
    with pytest.raises(ApplicationError, match="Choose the field"):
        register(world, field="")
    # then nothing is written
    assert not Exemplar.objects.exists()


def test_an_individual_example_needs_the_person_and_a_model_drops_it(world: World) -> None:
    with pytest.raises(ApplicationError, match="person's full name"):
        register(world, kind=Kind.EXAMPLE, title="Điển hình “Trưởng thôn giỏi”")
    model = register(world, person_name="Nguyễn Văn Bảy", person_title="Trưởng thôn")
    assert (model.person_name, model.person_title) == ("", "")
    example = register(
        world,
        kind=Kind.EXAMPLE,
        title="Điển hình “Trưởng thôn giỏi”",
        person_name="Đặng Văn Bảy",
        person_title="Trưởng thôn Đông",
    )
    assert example.person_name == "Đặng Văn Bảy"
    assert "dang van bay" in example.search_text


def test_a_retried_registration_returns_the_first_one(world: World) -> None:
    # given a registered model
    first = register(world)
    # when the same registration arrives again (a double click, a retry)
    again = register(world, title="  Mô hình  “Đường hoa nông thôn mới” ")
    # then no duplicate is created
    assert again.pk == first.pk
    assert Exemplar.objects.count() == 1
    assert ExemplarEvent.objects.count() == 1


def test_the_same_title_with_other_content_is_refused_clearly(world: World) -> None:
    register(world)
    with pytest.raises(ApplicationError, match="already registered a model named"):
        register(world, problem="Một vấn đề khác.")
    assert Exemplar.objects.count() == 1


def test_an_edit_records_the_changed_fields(world: World) -> None:
    exemplar = register(world, figures=[Figure("Đường hoa", Decimal("5"), "km")])
    # when the title and the figures are changed
    exemplar_update(
        actor=world.commune_head,
        exemplar=exemplar,
        title="Mô hình “Đường hoa, đường đèn”",
        problem=exemplar.problem,
        figures=[Figure("Đường hoa", Decimal("7"), "km")],
    )
    exemplar.refresh_from_db()
    # then the model, its search text and its history follow
    assert exemplar.title == "Mô hình “Đường hoa, đường đèn”"
    assert "duong den" in exemplar.search_text
    assert exemplar.figures.get().value == 7
    edited = exemplar.events.get(kind="edited")
    assert edited.data == {"fields": ["title", "figures"]}
    # and an edit changing nothing writes nothing
    exemplar_update(actor=world.commune_head, exemplar=exemplar, title=exemplar.title)
    assert exemplar.events.filter(kind="edited").count() == 1


def test_a_removed_model_cannot_be_edited_nor_given_files(world: World) -> None:
    exemplar = make_exemplar(
        world.commune_committee, status="removed", removed_reason="Không hiệu quả."
    )
    with pytest.raises(ApplicationError, match="can no longer be edited"):
        exemplar_update(actor=world.commune_head, exemplar=exemplar, title="Tên mới")
    with pytest.raises(ApplicationError, match="removed model"):
        attachment_add(
            actor=world.commune_head, exemplar=exemplar, uploads=[photo_inspect(upload=photo())]
        )


def test_the_first_photo_is_the_cover_and_another_can_be_chosen(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    first, second = attachment_add(
        actor=world.commune_head,
        exemplar=exemplar,
        uploads=[photo_inspect(upload=photo("a.png")), photo_inspect(upload=photo("b.png"))],
        caption="Ra quân",
    )
    assert (first.is_cover, second.is_cover) == (True, False)
    attachment_set_cover(actor=world.commune_head, attachment=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_cover, second.is_cover) == (False, True)
    assert list(exemplar.events.values_list("kind", flat=True)) == ["attached", "edited"]


def test_the_cover_of_a_removed_model_cannot_change(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    first, second = attachment_add(
        actor=world.commune_head,
        exemplar=exemplar,
        uploads=[photo_inspect(upload=photo("a.png")), photo_inspect(upload=photo("b.png"))],
    )
    Exemplar.objects.filter(pk=exemplar.pk).update(status="removed", removed_reason="Hết hạn.")
    second.refresh_from_db()
    with pytest.raises(ApplicationError, match="can no longer be edited"):
        attachment_set_cover(actor=world.commune_head, attachment=second)
    first.refresh_from_db()
    assert first.is_cover


def test_a_document_cannot_be_the_cover(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    (document,) = attachment_add(
        actor=world.commune_head, exemplar=exemplar, uploads=[document_inspect(upload=pdf())]
    )
    with pytest.raises(ApplicationError, match="Only a photo"):
        attachment_set_cover(actor=world.commune_head, attachment=document)


def test_a_text_file_named_jpg_is_not_a_photo_nor_a_document() -> None:
    with pytest.raises(ValidationError, match="is not a photo"):
        photo_inspect(upload=fake_photo())
    with pytest.raises(ValidationError, match="is not a PDF, DOCX or ODT"):
        document_inspect(upload=fake_photo("bao-cao.pdf"))


@override_settings(DANVAN={**settings.DANVAN, "EMULATION_MAX_UPLOAD_BYTES": 1024 * 1024})
def test_a_file_over_the_limit_is_refused_naming_the_limit() -> None:
    big = SimpleUploadedFile("anh-lon.png", png_bytes() + b"\0" * 1_100_000, "image/png")
    with pytest.raises(ValidationError, match="larger than the limit of 1 MB"):
        photo_inspect(upload=big)


def test_replication_makes_a_linked_copy_once(world: World) -> None:
    # given a recognised model of the commune
    source = make_exemplar(world.commune_committee, status="recognised", recognised_level="commune")
    # when the other ward's head replicates it for 2027
    copy = exemplar_replicate(
        actor=world.other_head, source=source, unit=world.other_committee, year=2027
    )
    # then the copy is registered there, linked, with the story as a starting point
    assert copy.replicated_from == source
    assert (copy.unit, copy.year, copy.status) == (world.other_committee, 2027, "registered")
    assert (copy.title, copy.field, copy.problem) == (source.title, source.field, source.problem)
    assert copy.place == world.other_commune
    assert copy.events.get().data == {"from": source.pk}
    assert source.events.get().data == {"to": copy.pk}
    # and a second replication into the same unit and year is refused
    with pytest.raises(ApplicationError, match="already replicated"):
        exemplar_replicate(
            actor=world.other_head, source=source, unit=world.other_committee, year=2027
        )


def test_only_a_recognised_model_can_be_replicated(world: World) -> None:
    source = make_exemplar(world.commune_committee)
    with pytest.raises(ApplicationError, match="Only a recognised model"):
        exemplar_replicate(
            actor=world.other_head, source=source, unit=world.other_committee, year=2027
        )
    assert Exemplar.objects.count() == 1


def test_an_empty_file_and_a_gif_are_refused() -> None:
    with pytest.raises(ValidationError, match="is empty"):
        photo_inspect(upload=SimpleUploadedFile("trong.png", b"", "image/png"))
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="GIF")
    gif = SimpleUploadedFile("dong.gif", buffer.getvalue(), "image/gif")
    with pytest.raises(ValidationError, match="is not a photo"):
        photo_inspect(upload=gif)


def test_an_edit_cannot_take_the_title_of_another_model_of_the_unit(world: World) -> None:
    make_exemplar(world.commune_committee, title="Mô hình A")
    second = make_exemplar(world.commune_committee, title="Mô hình B")
    with pytest.raises(ApplicationError, match="already registered a model named"):
        exemplar_update(actor=world.commune_head, exemplar=second, title="Mô hình A")
    with pytest.raises(ApplicationError, match="person's full name"):
        exemplar_update(actor=world.commune_head, exemplar=second, kind=Kind.EXAMPLE)
    with pytest.raises(ApplicationError, match="Choose the field"):
        exemplar_update(actor=world.commune_head, exemplar=second, field="")
    with pytest.raises(TypeError):
        exemplar_update(actor=world.commune_head, exemplar=second, status="recognised")
    assert not ExemplarEvent.objects.exists()


def test_unchanged_figures_write_no_history(world: World) -> None:
    exemplar = register(world, figures=[Figure("Đường hoa", Decimal("5"), "km")])
    exemplar_update(
        actor=world.commune_head,
        exemplar=exemplar,
        figures=[Figure("Đường hoa", Decimal("5.00"), "km")],
    )
    assert not exemplar.events.filter(kind="edited").exists()


def test_adding_nothing_is_refused_and_the_cover_twice_changes_nothing(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    with pytest.raises(ApplicationError, match="at least one"):
        attachment_add(actor=world.commune_head, exemplar=exemplar, uploads=[])
    (cover,) = attachment_add(
        actor=world.commune_head, exemplar=exemplar, uploads=[photo_inspect(upload=photo())]
    )
    attachment_set_cover(actor=world.commune_head, attachment=cover)
    assert exemplar.events.count() == 1


def test_replication_into_its_own_unit_or_onto_a_taken_title_is_refused(world: World) -> None:
    source = make_exemplar(world.commune_committee, status="recognised")
    with pytest.raises(ApplicationError, match="its own unit"):
        exemplar_replicate(
            actor=world.commune_head, source=source, unit=world.commune_committee, year=2027
        )
    make_exemplar(world.other_committee, title=source.title, year=2027)
    with pytest.raises(ApplicationError, match="already registered a model named"):
        exemplar_replicate(
            actor=world.other_head, source=source, unit=world.other_committee, year=2027
        )
