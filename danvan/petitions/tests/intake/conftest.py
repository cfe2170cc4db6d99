"""Fixtures for the intake tests: fields, files of every kind, a clean cache, private media."""

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from danvan.petitions.models import Field
from danvan.units.models import Unit, User

# The smallest valid PNG (1x1 transparent pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The first bytes of a Windows program: what a renamed .exe starts with.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def docx_bytes(text: str = "Đơn kiến nghị sửa đường liên thôn") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def private_media(settings: Settings, tmp_path: Path) -> Path:
    root = tmp_path / "private"
    settings.DANVAN_PRIVATE_MEDIA_ROOT = root
    return root


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def land(db: None) -> Field:
    return Field.objects.create(code="dat-dai", name="Đất đai", name_en="Land")


@pytest.fixture
def roads(db: None) -> Field:
    return Field.objects.create(
        code="giao-thong-ha-tang", name="Giao thông, hạ tầng", name_en="Transport"
    )


@pytest.fixture
def officer_client(client: Client, reception_officer: User) -> Client:
    client.force_login(reception_officer)
    return client


@pytest.fixture
def other_officer(other_committee: Unit) -> User:
    from danvan.units.models import RoleAssignment

    user = User.objects.create_user(
        username="lethanhtam", password="danvan-test-2026", full_name="Lê Thanh Tâm"
    )
    RoleAssignment.objects.create(
        user=user, unit=other_committee, role=RoleAssignment.Role.RECEPTION_OFFICER
    )
    return user
