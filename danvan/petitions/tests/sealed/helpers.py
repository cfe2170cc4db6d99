"""Helpers of the sealed-area tests: translated texts and rendered pages."""

import html
import io
import zipfile
from typing import Any

from django.utils import translation


def t(msgid: str, **params: object) -> str:
    """The Vietnamese text for ``msgid`` (the msgid until the catalogue is compiled)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def page_text(response: Any) -> str:
    """The page's text with HTML entities decoded.

    An Office download (.xlsx, .docx) is a zip of XML parts: its text is every part read
    out, so the leak checks search what a spreadsheet or a Word file would show.
    """
    content: bytes = response.content
    if "openxmlformats" in response.get("Content-Type", ""):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return html.unescape(
                "\n".join(
                    archive.read(name).decode("utf-8", errors="replace")
                    for name in archive.namelist()
                    if name.endswith(".xml")
                )
            )
    return html.unescape(content.decode())


def assert_not_cached(response: Any) -> None:
    parts = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= parts
