"""Read the text of an uploaded or given file (.txt, .docx, .pdf) for reference extraction.

Nothing is lost on failure: the caller keeps the uploaded bytes and shows the message of
:class:`UnreadableFile`, which says what is wrong and what to do (a scanned PDF has no text
layer: run OCR or upload the Word file).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.exceptions import ApplicationError

# A PDF whose pages give fewer letters than this in all is treated as a scan.
_MIN_PDF_LETTERS = 20


class UnreadableFile(ApplicationError):  # noqa: N818 - the name the register uses
    """The file gives no usable text; ``message`` is translated, ``code`` says why."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, extra={"code": code})
        self.code = code


def read_text(name: str, data: bytes) -> str:
    """Return the text of the file ``name`` with content ``data`` (NFC).

    Raises :class:`UnreadableFile` for an unsupported type, a damaged file, a protected or
    scanned PDF, or a file without text.
    """
    kind = _kind(name, data)
    if kind == "txt":
        text = _read_txt(name, data)
    elif kind == "docx":
        text = _read_docx(name, data)
    elif kind == "pdf":
        text = _read_pdf(name, data)
    elif kind == "doc":
        raise UnreadableFile(
            _("Old Word files (.doc) cannot be read; save %(name)s as .docx and upload it again.")
            % {"name": name},
            code="unsupported",
        )
    else:
        raise UnreadableFile(
            _(
                "%(name)s is not a .docx, .pdf or .txt file; upload the text in one of "
                "these formats."
            )
            % {"name": name},
            code="unsupported",
        )
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile(
            _("%(name)s contains no text.") % {"name": name},
            code="empty",
        )
    return text


def _kind(name: str, data: bytes) -> str:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in {"txt", "docx", "pdf", "doc"}:
        return suffix
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in {"", "text", "md"}:
        return "txt"
    return "unknown"


def _damaged(name: str, kind: str) -> UnreadableFile:
    return UnreadableFile(
        _("%(name)s could not be read: the file is damaged or is not really a %(kind)s file.")
        % {"name": name, "kind": kind},
        code="damaged",
    )


def _read_txt(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _damaged(name, ".txt") from None
    if b"\x00" in data:
        raise _damaged(name, ".txt")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("%(name)s is not in a known text encoding; save it as UTF-8 and upload it again.")
        % {"name": name},
        code="encoding",
    )


def _read_docx(name: str, data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many types for a bad package
        raise _damaged(name, ".docx") from None

    def table_lines(table: Table) -> Iterator[str]:
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                    continue
                seen.add(id(cell._tc))
                cells.append(cell.text)
                for inner in cell.tables:
                    cells.extend(table_lines(inner))
            yield "\t".join(cells)

    lines: list[str] = []
    body: Any = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(table_lines(Table(child, document)))
    return "\n".join(lines)


def _read_pdf(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(
                _("%(name)s is protected by a password; upload a copy without protection.")
                % {"name": name},
                code="encrypted",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise _damaged(name, ".pdf") from None
    text = "\n".join(pages)
    if sum(ch.isalpha() for ch in text) < _MIN_PDF_LETTERS:
        raise UnreadableFile(
            _(
                "This PDF file is a scan without a text layer; run text recognition (OCR) on "
                "it or upload the Word file."
            ),
            code="scanned",
        )
    return text
