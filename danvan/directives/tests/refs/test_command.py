"""manage.py extract_refs FILE [--json]."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .conftest import docx_bytes, pdf_blank

TEXT = (
    "Thực hiện Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ; Kết luận số "
    "114-KL/TW ngày 14/7/2015 và Kết luận 114-KL/TW ngày 15/7/2015.\n"
    "Quyết định này thay thế Quyết định số 1876/QĐ-UBND ngày 25/8/2016."
)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("extract_refs", *args, stdout=out)
    return out.getvalue()


def test_json_output_is_the_issue_format(tmp_path: Path) -> None:
    # given a .txt citing three documents
    path = tmp_path / "quyet-dinh.txt"
    path.write_text(TEXT, encoding="utf-8")
    # when run with --json
    data = json.loads(_run(str(path), "--json"))
    # then the documents, relation and warning are printed in the issue's format
    assert [(d["symbol"], d["type"], d["date"]) for d in data["documents"]] == [
        ("33/CT-TTg", "directive", "2021-12-20"),
        ("114-KL/TW", "conclusion", "2015-07-14"),
        ("1876/QĐ-UBND", "decision", "2016-08-25"),
    ]
    assert data["documents"][1]["dates_seen"] == ["2015-07-14", "2015-07-15"]
    assert data["documents"][1]["mentions"] == 2
    assert data["relations"] == [
        {"from": None, "to": "33/CT-TTg", "kind": "implements"},
        {"from": None, "to": "1876/QĐ-UBND", "kind": "replaces"},
    ]
    assert [w["code"] for w in data["warnings"]] == ["conflicting_dates"]


def test_table_output_in_english(tmp_path: Path, english: None) -> None:
    # given a .docx / when run without --json
    path = tmp_path / "quyet-dinh.docx"
    path.write_bytes(docx_bytes(TEXT.split("\n")))
    text = _run(str(path))
    # then a table lists the documents, then the relations and the warnings
    lines = text.splitlines()
    assert lines[0].split() == [
        "Number",
        "and",
        "symbol",
        "Type",
        "Issuer",
        "Date",
        "Other",
        "dates",
        "seen",
        "Mentions",
    ]
    assert lines[3].split() == ["114-KL/TW", "Conclusion", "TW", "14/07/2015", "15/07/2015", "2"]
    assert "  this text replaces 1876/QĐ-UBND" in lines
    assert any(
        line.startswith("  ! The text gives different dates for 114-KL/TW") for line in lines
    )


def test_table_output_without_documents(tmp_path: Path, english: None) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Không có văn bản nào được trích dẫn.", encoding="utf-8")
    assert _run(str(path)).strip() == "No document reference found."


def test_scanned_pdf_is_a_command_error(tmp_path: Path, english: None) -> None:
    # given a scanned PDF / then the command fails with the clear message
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_blank())
    with pytest.raises(CommandError, match="scan without a text layer"):
        _run(str(path))


def test_missing_file_is_a_command_error(tmp_path: Path, english: None) -> None:
    with pytest.raises(CommandError, match="cannot be opened"):
        _run(str(tmp_path / "nowhere.txt"))
