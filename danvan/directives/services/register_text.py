"""Reading a document's text for the register, and guessing its own details from its header.

The file readers are the extraction engine's (``refs.files.read_text``); this module turns
what they refuse into a message an officer can act on, and keeps the uploaded file aside
(``pending_*``) so that a refused or corrected submission never has to be uploaded again.

A Vietnamese administrative text starts with a header (Decree 30/2020/NĐ-CP, Appendix I;
HD 36-HD/VPTW for Party documents): the issuing body, "Số: 33/CT-TTg" or "Số 127-QĐ/TW",
the place-and-date line "Hà Nội, ngày 10 tháng 12 năm 2021", the type in capitals
("CHỈ THỊ") and the subject under it ("Về tiếp tục tăng cường…"); a công văn puts its
subject after "V/v". ``header_guess`` reads those lines to pre-fill the form; the officer
checks and corrects them before anything is stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext

from danvan.core.exceptions import ApplicationError
from danvan.directives.refs import extract
from danvan.directives.refs.files import UnreadableFile, read_text

__all__ = [
    "ALLOWED_EXTENSIONS",
    "HeaderGuess",
    "PendingFile",
    "header_guess",
    "max_upload_bytes",
    "pending_discard",
    "pending_load",
    "pending_store",
    "text_read",
]

ALLOWED_EXTENSIONS = (".docx", ".pdf", ".txt")
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PENDING_FOLDER = "directives/pending"
PENDING_SALT = "danvan.directives.register.pending"
PENDING_MAX_AGE = dt.timedelta(days=2)
# How far into the text the header is looked for (characters).
HEADER_CHARS = 3000
# A citation this close to the start stands in the header's place (characters).
TOP_CHARS = 200


def max_upload_bytes() -> int:
    """Largest document file accepted (``DIRECTIVES_DOCUMENT_MAX_UPLOAD_BYTES``, 20 MiB)."""
    return int(getattr(settings, "DIRECTIVES_DOCUMENT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _unreadable_message(code: str, *, name: str, extension: str) -> str:
    """What went wrong, and what to do: the file itself is kept either way."""
    values = {"name": name, "extension": extension}
    if code == "scanned":
        message = gettext(
            "No text could be read from the PDF file “%(name)s”: it is a scanned image "
            "without a text layer. Paste the text of the document in the box below, or "
            "upload its Word file; the PDF is kept and will be attached to the entry."
        )
    elif code == "encrypted":
        message = gettext(
            "The PDF file “%(name)s” is protected by a password, so its text cannot be "
            "read. Paste the text in the box below; the file is kept and will be attached."
        )
    elif code == "empty":
        message = gettext(
            "The file “%(name)s” contains no text. Paste the text of the document in the "
            "box below; the file is kept and will be attached to the entry."
        )
    elif code == "encoding":
        message = gettext(
            "The text file “%(name)s” is not in a known character encoding (UTF-8 is "
            "expected). Paste the text in the box below; the file is kept and will be "
            "attached to the entry."
        )
    else:
        message = gettext(
            "The file “%(name)s” could not be read: it may be damaged or not really a "
            "%(extension)s file. Paste the text of the document in the box below; the file "
            "is kept and will be attached to the entry."
        )
    return message % values


def text_read(*, name: str, data: bytes) -> str:
    """The text of an uploaded file, or ``ApplicationError`` saying what to do instead."""
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ApplicationError(
            gettext(
                "Only .docx, .pdf and .txt files can be read. Save the document in one of "
                "these formats (a .doc file: open it in Word and save it as .docx)."
            )
        )
    if not data:
        raise ApplicationError(
            gettext("The file “%(name)s” is empty. Choose the right file or paste the text.")
            % {"name": name}
        )
    try:
        text = read_text(name, data)
    except UnreadableFile as error:
        raise ApplicationError(
            _unreadable_message(error.code, name=name, extension=extension),
            extra={"code": error.code, "detail": error.message},
        ) from error
    return text


# ------------------------------------------------------------------ files kept between tries


@dataclass(frozen=True)
class PendingFile:
    """An uploaded file kept aside until the document is registered."""

    token: str
    name: str
    size: int

    def read(self) -> bytes:
        with default_storage.open(_pending_path(self.token), "rb") as handle:
            data: bytes = handle.read()
        return data


def _pending_path(token: str) -> str:
    stored = signing.loads(token, salt=PENDING_SALT)["p"]
    return f"{PENDING_FOLDER}/{stored}"


def _folder_remove(name: str) -> None:
    """Remove an emptied folder where the storage has folders on disk."""
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(name))


def _pending_sweep(today: dt.date) -> None:
    """Remove files kept longer than ``PENDING_MAX_AGE`` (an officer who gave up)."""
    oldest = (today - PENDING_MAX_AGE).isoformat()
    try:
        folders, _files = default_storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        return
    for folder in folders:
        if folder < oldest:
            _sub, files = default_storage.listdir(f"{PENDING_FOLDER}/{folder}")
            for name in files:
                default_storage.delete(f"{PENDING_FOLDER}/{folder}/{name}")
            _folder_remove(f"{PENDING_FOLDER}/{folder}")


def pending_store(*, name: str, data: bytes, user_id: int) -> PendingFile:
    """Keep an uploaded file aside and return the token the form carries to find it again.

    The token is signed and names the person who uploaded it, so a token copied into
    another person's form (or altered) reads nothing.
    """
    today = timezone.localdate()
    _pending_sweep(today)
    stored = f"{today.isoformat()}/{secrets.token_hex(16)}"
    default_storage.save(f"{PENDING_FOLDER}/{stored}", ContentFile(data))
    clean_name = PurePath(name).name[-150:] or "tep"
    token = signing.dumps(
        {"p": stored, "n": clean_name, "u": user_id, "s": len(data)}, salt=PENDING_SALT
    )
    return PendingFile(token=token, name=clean_name, size=len(data))


def pending_load(*, token: str, user_id: int) -> PendingFile | None:
    """The file a token names, if the token is genuine, recent, the person's, and still kept."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("u") != user_id:
        return None
    if not default_storage.exists(f"{PENDING_FOLDER}/{payload['p']}"):
        return None
    return PendingFile(token=token, name=str(payload["n"]), size=int(payload["s"]))


def pending_discard(*, pending: PendingFile) -> None:
    """Forget a kept file once the document holds its own copy."""
    default_storage.delete(_pending_path(pending.token))


# ------------------------------------------------------------------ the text's own details


@dataclass(frozen=True)
class HeaderGuess:
    """What the header of a text says about the document itself (all may be empty)."""

    symbol: str = ""
    issued_on: dt.date | None = None
    title: str = ""
    doc_type: str = ""


# The type line in capitals and the type it names (Party and State practice).
_TYPE_LINES = {
    "LUẬT": "law",
    "NGHỊ QUYẾT": "resolution",
    "NGHỊ ĐỊNH": "decree",
    "QUYẾT ĐỊNH": "decision",
    "QUY ĐỊNH": "regulation",
    "QUY CHẾ": "regulation",
    "CHỈ THỊ": "directive",
    "KẾT LUẬN": "conclusion",
    "THÔNG TƯ": "circular",
    "HƯỚNG DẪN": "guidance",
    "THÔNG BÁO": "notice",
    "KẾ HOẠCH": "plan",
    "CHƯƠNG TRÌNH": "program",
    "BÁO CÁO": "report",
    "CÔNG ĐIỆN": "official_dispatch",
}
_SUBJECT_START = re.compile(r"^(?:V/v|V/V|Về việc|Về|VỀ|Ve)\b\.?\s*", re.UNICODE)
_BODY_START = re.compile(r"^(?:Căn cứ|Kính gửi|Thực hiện|Trong|Để|Qua|Ngày|Sau|Nhằm)\b")


def _header_title(lines: list[str]) -> tuple[str, str]:
    """The subject under the type line, and the type that line names."""
    for index, line in enumerate(lines[:60]):
        stripped = line.strip()
        if stripped.startswith(("V/v", "V/V")):
            return _SUBJECT_START.sub("", stripped).strip(), "official_dispatch"
        doc_type = _TYPE_LINES.get(" ".join(stripped.split()))
        if doc_type is None:
            continue
        parts: list[str] = []
        for follow in lines[index + 1 : index + 5]:
            text = follow.strip()
            if not text:
                if parts:
                    break
                continue
            if _BODY_START.match(text) or text.startswith(("-", "—", "–", "_")):
                break
            parts.append(text)
        title = " ".join(" ".join(parts).split())
        title = title[:1].upper() + title[1:] if title else ""
        return title[:500], doc_type
    return "", ""


def header_guess(text: str) -> HeaderGuess:
    """The document's own symbol, date, subject and type as its header gives them.

    The extraction engine recognises the header's "Số: …" and date line
    (``own_symbol``/``own_date``); a citation at the very top stands for the number when
    nothing else does. A date found further down belongs to a cited document, not to
    this one, so it is never taken.
    """
    head = text[:HEADER_CHARS]
    lines = head.splitlines()
    found = extract(head)
    symbol = found.own_symbol.symbol if found.own_symbol else ""
    if not symbol and found.documents and found.documents[0].first_offset < TOP_CHARS:
        symbol = found.documents[0].symbol
    title, doc_type = _header_title(lines)
    return HeaderGuess(
        symbol=symbol,
        issued_on=found.own_date,
        title=title,
        doc_type=doc_type,
    )
