"""Fixtures of the register tests: time frozen on Monday 16 March 2026, the texts and files
officers upload (built here: a Word file with python-docx, a PDF with a text layer and a
"scanned" PDF holding only an image, both with WeasyPrint), and signed-in clients.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from danvan.directives.models import Document
from danvan.directives.services.register import document_create
from danvan.directives.tests.conftest import World, make_user
from danvan.units.models import RoleAssignment, User

NOW = "2026-03-16 09:00 +0700"

# A directive of the Prime Minister, as its text reads (header, subject, body citing four
# documents; it replaces an older directive and gives one of them two dates).
DIRECTIVE_TEXT = """THỦ TƯỚNG CHÍNH PHỦ
Số: 33/CT-TTg
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 10 tháng 12 năm 2021

CHỈ THỊ
Về tiếp tục tăng cường, đổi mới công tác dân vận
của cơ quan hành chính nhà nước, chính quyền các cấp

Thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác
dân vận của hệ thống chính trị và Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư, Thủ
tướng Chính phủ chỉ thị các bộ, ngành, địa phương thực hiện tốt các nhiệm vụ sau.
Chỉ thị này thay thế Chỉ thị số 16/2008/CT-TTg ngày 30 tháng 5 năm 2008.
Các cơ quan tiếp tục thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư
và Quyết định 23-QĐ/TW ngày 31/7/2021.
"""


@pytest.fixture(autouse=True)
def frozen_time() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def officer(world: World) -> User:
    return world.commission_officer


@pytest.fixture
def officer_client(client: Client, officer: User) -> Client:
    client.force_login(officer)
    return client


@pytest.fixture
def reader(world: World) -> User:
    """A commune handler: staff, so reads the register, but directs nothing."""
    return world.commune_officers[0]


@pytest.fixture
def commune_head(world: World) -> User:
    """The head of a commune's People's Committee: manages, but only the commune."""
    return make_user("commune-head", "Phạm Văn Xã", world.committees[0], RoleAssignment.Role.HEAD)


@pytest.fixture
def add_document(world: World, officer: User) -> Any:
    """Enter a document as the commission officer (the service, as the pages do)."""

    def add(symbol: str, **values: Any) -> Document:
        values.setdefault("unit", world.commission)
        return document_create(actor=officer, symbol=symbol, **values)

    return add


# ------------------------------------------------------------------ files


def docx_bytes(text: str) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    for line in text.splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    data: bytes = HTML(string=html).write_pdf()
    return data


def _png() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (240, 120), (250, 250, 245))
    for x in range(20, 220):
        for y in (30, 60, 90):
            image.putpixel((x, y), (20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def text_pdf() -> bytes:
    """A PDF with a text layer: the directive's text, line by line."""
    lines = "".join(f"<p>{line}</p>" for line in DIRECTIVE_TEXT.splitlines() if line.strip())
    return _pdf(f"<html><body style='font-family: sans-serif'>{lines}</body></html>")


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    """A PDF without a text layer: one page with a picture of a page (a scan)."""
    image = base64.b64encode(_png()).decode()
    return _pdf(f"<html><body><img src='data:image/png;base64,{image}'></body></html>")


@pytest.fixture(scope="session")
def directive_docx() -> bytes:
    return docx_bytes(DIRECTIVE_TEXT)
