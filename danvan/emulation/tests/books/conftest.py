"""Fixtures of the books' tests: a book of the provincial commission for 2021–2025 and
recognised models of its province with photos and figures."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from danvan.emulation.models import Attachment, Book, Exemplar, Field, Level, ResultFigure
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit

STORY = (
    "Trước đây, nhiều hộ dân trong thôn còn khó khăn, thiếu vốn và kỹ thuật sản xuất; "
    "đường làng, ngõ xóm xuống cấp."
)


def photo_bytes(color: str = "#2e7d32", size: tuple[int, int] = (1600, 1000)) -> bytes:
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), "#f9a825")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def recognised(unit: Unit, title: str, **fields: Any) -> Exemplar:
    values: dict[str, Any] = {
        "status": Exemplar.Status.RECOGNISED,
        "recognised_level": Level.PROVINCIAL,
        "recognised_year": 2023,
        "year": 2023,
        "search_text": fold_for_search(f"{title} {unit.name}"),
    }
    values.update(fields)
    return make_exemplar(unit, title=title, **values)


def with_photo(exemplar: Exemplar, *, cover: bool = True, caption: str = "") -> Attachment:
    data = photo_bytes()
    attachment = Attachment(
        exemplar=exemplar,
        kind=Attachment.AttachmentKind.PHOTO,
        original_name="anh.jpg",
        content_type="image/jpeg",
        size=len(data),
        width=1600,
        height=1000,
        caption=caption,
        is_cover=cover,
    )
    attachment.file.save("anh.jpg", ContentFile(data), save=False)
    attachment.save()
    return attachment


def with_figures(exemplar: Exemplar) -> None:
    ResultFigure.objects.create(
        exemplar=exemplar, indicator="Hộ thoát nghèo", value=Decimal(120), unit_label="hộ"
    )
    ResultFigure.objects.create(
        exemplar=exemplar,
        indicator="Thu nhập bình quân tăng",
        value=Decimal("18.5"),
        unit_label="%",
        position=1,
    )


@pytest.fixture
def book(world: World) -> Book:
    return Book.objects.create(
        unit=world.provincial_commission,
        title="Tuyển tập mô hình, điển hình “Dân vận khéo” tiêu biểu giai đoạn 2021–2025",
        subtitle="Ban Tuyên giáo và Dân vận Tỉnh ủy biên soạn",
        first_year=2021,
        last_year=2025,
        target_size=8,
        foreword="Phong trào thi đua “Dân vận khéo” đã lan tỏa sâu rộng.\nCuốn sách tập hợp …",
        created_by=world.provincial_officer,
    )


FIELD_ORDER = [Field.ECONOMY, Field.CULTURE_SOCIETY, Field.DEFENCE_SECURITY, Field.PARTY_BUILDING]
