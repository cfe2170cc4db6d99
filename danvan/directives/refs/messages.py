"""Translated warning messages (English msgids; Vietnamese in the app's catalogue).

The engine is pure Python and may run outside Django (a script, the benchmark before
``django.setup()``); gettext is then skipped and the English text is returned.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext


def _(message: str) -> str:
    if not settings.configured:
        return message
    return gettext(message)


def msg_conflicting_dates(symbol: str, dates: list[dt.date]) -> str:
    """Message for one document given two or more dates in the same text."""
    return _("The text gives different dates for %(symbol)s: %(dates)s.") % {
        "symbol": symbol,
        "dates": ", ".join(d.strftime("%d/%m/%Y") for d in dates),
    }


def msg_year_removed(symbol: str, year: int) -> str:
    """Message for a year written into an administrative symbol (read without it)."""
    return _(
        "An administrative document number does not carry the year; it was read as "
        "%(symbol)s and the year %(year)s kept as a hint."
    ) % {"symbol": symbol, "year": year}


def msg_unknown_symbol(text: str) -> str:
    """Message for a "số …" that does not have the shape of a number and symbol."""
    return _("“%(text)s” does not look like a document number and symbol; please check it.") % {
        "text": text
    }
