"""Files and form data shared by the registry's tests."""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.units.models import Unit


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(name: str = "le-ra-quan.png", width: int = 4, height: int = 3) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(width, height), content_type="image/png")


def fake_photo(name: str = "anh-hoat-dong.jpg") -> SimpleUploadedFile:
    """A text file named like a JPEG (the browser even claims it is one)."""
    return SimpleUploadedFile(name, b"day khong phai la anh\n" * 20, content_type="image/jpeg")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def form_data(unit: Unit, **overrides: Any) -> dict[str, Any]:
    """What a person types on the registration page (three figure rows, one filled)."""
    data: dict[str, Any] = {
        "unit": str(unit.pk),
        "year": "2026",
        "kind": "model",
        "field": "economy",
        "sub_field": "Xây dựng nông thôn mới",
        "level": "commune",
        "title": "Mô hình “Đường hoa nông thôn mới”",
        "period_start": "2026-01-15",
        "period_end": "",
        "problem": "Đường thôn nhếch nhác, thiếu cây xanh.",
        "actions": "Chi hội phụ nữ vận động các hộ trồng hoa hai bên đường.",
        "results": "Năm km đường hoa.",
        "participants": "Chi hội phụ nữ, đoàn thanh niên",
        "participant_count": "85",
        "person_name": "",
        "person_title": "",
        "figures-TOTAL_FORMS": "3",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "50",
        "figures-0-indicator": "Đường hoa",
        "figures-0-value": "5",
        "figures-0-unit_label": "km",
        "figures-1-indicator": "",
        "figures-1-value": "",
        "figures-1-unit_label": "",
        "figures-2-indicator": "",
        "figures-2-value": "",
        "figures-2-unit_label": "",
    }
    data.update(overrides)
    return data
