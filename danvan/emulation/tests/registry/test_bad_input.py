"""Bad input on the registration and files pages (Vietnamese pages): a model without a
field, a photo that is not an image, an oversized file, a missing person — each gets a
clear message on its field, what was typed is kept and the person is told to choose the
files again. Nothing is registered."""

from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from danvan.emulation.models import Attachment, Exemplar
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.registry.helpers import fake_photo, form_data, pdf, photo, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _february() -> Iterator[None]:
    with time_machine.travel("2026-02-10 09:00 +07:00", tick=False):
        yield


def head(world: World) -> Client:
    client = Client()
    client.force_login(world.commune_head)
    return client


def field_errors(response: object, name: str) -> list[str]:
    form = response.context["form"]  # type: ignore[attr-defined]
    return [str(error) for error in form.errors.get(name, [])]


def test_a_model_without_a_field_gets_a_clear_message_and_keeps_what_was_typed(
    world: World,
) -> None:
    # when the form is sent without the field, with a photo chosen
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, field="", photos=[photo()]),
    )
    # then the page says which field is missing, in the person's language
    assert response.status_code == 200
    with translation.override("vi"):
        expected = translation.gettext(
            "Choose the field of the model: economy; culture and society; defence and "
            "security; or building the Party and the political system."
        )
    assert field_errors(response, "field") == [expected]
    html = response.content.decode()
    assert 'class="field field--error"' in html
    # and keeps what was typed, figures included, and asks for the files again
    assert "Mô hình “Đường hoa nông thôn mới”" in html
    assert "Chi hội phụ nữ vận động các hộ trồng hoa hai bên đường." in html
    assert 'value="Đường hoa"' in html
    assert response.context["form"].had_files
    assert "message--warning" in html
    assert not Exemplar.objects.exists()


def test_a_text_file_named_jpg_is_refused_as_a_photo(world: World) -> None:
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, photos=[fake_photo()]),
    )
    assert response.status_code == 200
    (message,) = field_errors(response, "photos")
    assert "anh-hoat-dong.jpg" in message
    assert not Exemplar.objects.exists()


def test_a_real_image_declared_as_text_is_refused(world: World) -> None:
    fake = SimpleUploadedFile("anh.png", png_bytes(), content_type="text/plain")
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, photos=[fake]),
    )
    assert field_errors(response, "photos")
    assert not Exemplar.objects.exists()


def test_a_photo_sent_as_a_document_is_refused(world: World) -> None:
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, documents=[photo("anh.pdf")]),
    )
    (message,) = field_errors(response, "documents")
    assert "anh.pdf" in message
    assert not Exemplar.objects.exists()


@override_settings(DANVAN={**settings.DANVAN, "EMULATION_MAX_UPLOAD_BYTES": 1024 * 1024})
def test_an_oversized_file_is_refused_naming_the_limit(world: World) -> None:
    big = SimpleUploadedFile("anh-lon.png", png_bytes() + b"\0" * 1_100_000, "image/png")
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, photos=[big], documents=[pdf()]),
    )
    (message,) = field_errors(response, "photos")
    assert "anh-lon.png" in message
    assert "1 MB" in message
    assert "Mô hình “Đường hoa nông thôn mới”" in response.content.decode()
    assert not Exemplar.objects.exists()


@override_settings(DANVAN={**settings.DANVAN, "EMULATION_MAX_UPLOAD_BYTES": 1024 * 1024})
def test_an_oversized_file_added_later_is_refused(world: World) -> None:
    exemplar = make_exemplar(world.commune_committee)
    big = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n" + b"0" * 1_100_000, "application/pdf")
    response = head(world).post(
        reverse("emulation:registry_attachments", kwargs={"pk": exemplar.pk}),
        {"documents": [big], "caption": "Báo cáo tổng kết"},
    )
    assert response.status_code == 200
    assert "1 MB" in field_errors(response, "documents")[0]
    assert 'value="Báo cáo tổng kết"' in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_individual_example_without_the_person_is_refused(world: World) -> None:
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(world.commune_committee, kind="example"),
    )
    assert field_errors(response, "person_name")
    assert not Exemplar.objects.exists()


def test_a_half_filled_figure_and_a_period_ending_before_it_starts_are_refused(
    world: World,
) -> None:
    response = head(world).post(
        reverse("emulation:registry_create"),
        form_data(
            world.commune_committee,
            **{"figures-1-indicator": "Hộ tham gia", "period_end": "2025-12-31"},
        ),
    )
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors["value"]
    assert field_errors(response, "period_end")
    assert not Exemplar.objects.exists()


def test_another_units_model_is_not_offered(world: World) -> None:
    response = head(world).post(
        reverse("emulation:registry_create"), form_data(world.other_committee)
    )
    assert field_errors(response, "unit")
    assert not Exemplar.objects.exists()


def test_a_year_before_the_movement_is_refused_on_the_form(world: World) -> None:
    response = head(world).post(
        reverse("emulation:registry_create"), form_data(world.commune_committee, year="2008")
    )
    assert field_errors(response, "year")
    assert not Exemplar.objects.exists()
