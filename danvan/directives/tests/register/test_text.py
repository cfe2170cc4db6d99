"""Reading uploaded texts, keeping files between tries, and reading a text's header."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.directives.services.register_text import (
    PENDING_FOLDER,
    header_guess,
    pending_discard,
    pending_load,
    pending_store,
    text_read,
)
from danvan.directives.tests.register.conftest import DIRECTIVE_TEXT


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


# ------------------------------------------------------------------ reading files


def test_text_docx_and_pdf_files_are_read(directive_docx: bytes, text_pdf: bytes) -> None:
    assert "33/CT-TTg" in text_read(name="ct33.txt", data=DIRECTIVE_TEXT.encode())
    assert "Về tiếp tục tăng cường" in text_read(name="ct33.docx", data=directive_docx)
    assert "23-QĐ/TW" in text_read(name="CT33.PDF", data=text_pdf)


def test_a_scanned_pdf_gets_a_message_saying_what_to_do(scanned_pdf: bytes) -> None:
    with pytest.raises(ApplicationError) as error:
        text_read(name="ban-quet.pdf", data=scanned_pdf)
    assert "scanned image" in error.value.message
    assert "ban-quet.pdf" in error.value.message
    assert "Paste the text" in error.value.message
    assert error.value.extra["code"] == "scanned"


def test_a_protected_pdf_gets_its_own_message(text_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf)).pages:
        writer.add_page(page)
    writer.encrypt("mat-khau", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ApplicationError) as error:
        text_read(name="mat.pdf", data=buffer.getvalue())
    assert "password" in error.value.message


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("trong.txt", b"", "is empty"),
        ("trong.txt", b"   \n  ", "contains no text"),
        ("hong.docx", b"PK\x03\x04 not a zip at all", "could not be read"),
        ("hong.pdf", b"%PDF-1.4 garbage", "could not be read"),
        ("la.txt", b"\x81\x8d\x8f\x90\x9d" * 20, "character encoding"),
        ("cu.doc", b"\xd0\xcf\x11\xe0", "Only .docx, .pdf and .txt"),
    ],
)
def test_unreadable_files_get_a_clear_message(name: str, data: bytes, expected: str) -> None:
    with pytest.raises(ApplicationError) as error:
        text_read(name=name, data=data)
    assert expected in error.value.message


# ------------------------------------------------------------------ files kept between tries


@pytest.mark.django_db
def test_a_kept_file_is_found_again_only_by_its_owner() -> None:
    # given a file kept for person 7
    kept = pending_store(name="../../ct33.pdf", data=b"%PDF-data", user_id=7)
    # then its token finds it for person 7 only, with a safe name
    again = pending_load(token=kept.token, user_id=7)
    assert again is not None
    assert (again.name, again.size, again.read()) == ("ct33.pdf", 9, b"%PDF-data")
    assert pending_load(token=kept.token, user_id=8) is None
    assert pending_load(token=kept.token + "x", user_id=7) is None
    assert pending_load(token="", user_id=7) is None
    # and once discarded it is gone
    pending_discard(pending=kept)
    assert pending_load(token=kept.token, user_id=7) is None


@pytest.mark.django_db
def test_old_kept_files_are_swept_and_their_tokens_expire() -> None:
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        old = pending_store(name="cu.txt", data=b"old", user_id=7)
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False):
        assert pending_load(token=old.token, user_id=7) is None  # the token expired
        fresh = pending_store(name="moi.txt", data=b"new", user_id=7)
        assert default_storage.listdir(f"{PENDING_FOLDER}/2026-03-01") == ([], [])
        assert pending_load(token=fresh.token, user_id=7) is not None


def test_the_sweep_removes_emptied_folders_on_disk(tmp_path: Path, settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        pending_store(name="cu.txt", data=b"old", user_id=7)
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False):
        pending_store(name="moi.txt", data=b"new", user_id=7)
    assert sorted(p.name for p in (tmp_path / PENDING_FOLDER).iterdir()) == ["2026-03-16"]


# ------------------------------------------------------------------ the header


def test_header_gives_the_number_date_subject_and_type() -> None:
    guess = header_guess(DIRECTIVE_TEXT)
    assert guess.symbol == "33/CT-TTg"
    assert guess.issued_on == dt.date(2021, 12, 10)
    assert guess.title == (
        "Về tiếp tục tăng cường, đổi mới công tác dân vận của cơ quan hành chính nhà nước, "
        "chính quyền các cấp"
    )
    assert guess.doc_type == "directive"


def test_header_of_an_official_dispatch_and_a_party_document() -> None:
    dispatch = header_guess(
        "ỦY BAN NHÂN DÂN\nSố: 125/UBND-VP\nV/v triển khai Chỉ thị 33/CT-TTg\n"
        "Hưng Yên, ngày 05 tháng 3 năm 2026\nKính gửi: các xã"
    )
    assert (dispatch.symbol, dispatch.title, dispatch.doc_type) == (
        "125/UBND-VP",
        "triển khai Chỉ thị 33/CT-TTg",
        "official_dispatch",
    )
    assert dispatch.issued_on == dt.date(2026, 3, 5)
    party = header_guess(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HƯNG YÊN\nSố 07 - KH/TU\n"
        "Hưng Yên, ngày 31/12/2025\nKẾ HOẠCH\n\nthực hiện Kết luận 114-KL/TW\n- Căn cứ"
    )
    assert (party.symbol, party.title, party.doc_type) == (
        "07-KH/TU",
        "Thực hiện Kết luận 114-KL/TW",
        "plan",
    )
    assert party.issued_on == dt.date(2025, 12, 31)


def test_a_text_without_header_gives_what_it_can() -> None:
    assert header_guess("Chỉ thị số 33/CT-TTg về công tác dân vận.").symbol == "33/CT-TTg"
    nothing = header_guess("Một đoạn văn không có số hiệu, ngày 31 tháng 2 năm 2026.")
    assert (nothing.symbol, nothing.issued_on, nothing.title) == ("", None, "")
