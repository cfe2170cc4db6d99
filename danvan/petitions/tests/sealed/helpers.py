"""Helpers of the sealed-area tests: translated texts and rendered pages."""

import html
from typing import Any

from django.utils import translation


def t(msgid: str, **params: object) -> str:
    """The Vietnamese text for ``msgid`` (the msgid until the catalogue is compiled)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def page_text(response: Any) -> str:
    """The page's text with HTML entities decoded."""
    return html.unescape(response.content.decode())


def assert_not_cached(response: Any) -> None:
    parts = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= parts
