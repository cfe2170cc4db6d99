"""Dates as texts give them for a cited document (run on the folded, lower-case view).

"ngày 20/12/2021", "ngay 20 thang 12 nam 2021", "20-12-2021", "dated December 20, 2021",
"December 20th, 2021", "on 20 December 2021", "the 20th of December 2021". A numeric date
is read day first (Vietnamese and British use); it is read month first only when the
first number cannot be a month's day order otherwise (12/20/2021).
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTHS = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}(?!\d)"

#: One date, in any of the supported writings (named groups d1/m1/y1 … d4/mn4/y4).
DATE = (
    rf"(?:(?P<d1>\d{{1,2}})[ ]?[/.-][ ]?(?P<m1>\d{{1,2}})[ ]?[/.-][ ]?(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}})\s+thang\s+(?P<m2>\d{{1,2}})\s*,?\s+nam\s+(?P<y2>{_YEAR})"
    rf"|(?P<mn3>{_MONTHS})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y3>{_YEAR})"
    rf"|(?:the\s+)?(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn4>{_MONTHS})\.?\s*,?\s*"
    rf"(?P<y4>{_YEAR}))"
)
DATE_RE = re.compile(DATE)


def date_from_match(m: re.Match[str]) -> dt.date | None:
    """Build the date from a match of :data:`DATE` (None when it is not a real day)."""
    if m["y1"]:
        day, month, year = int(m["d1"]), int(m["m1"]), int(m["y1"])
        if month > 12 >= day:
            day, month = month, day
    elif m["y2"]:
        day, month, year = int(m["d2"]), int(m["m2"]), int(m["y2"])
    elif m["y3"]:
        day, month, year = int(m["d3"]), _MONTH_NAMES[m["mn3"]], int(m["y3"])
    else:
        day, month, year = int(m["d4"]), _MONTH_NAMES[m["mn4"]], int(m["y4"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """Parse one date written alone ("ngày 5 tháng 3 năm 2024", "March 5, 2024")."""
    from .normalize import fold

    m = DATE_RE.search(fold(text))
    return date_from_match(m) if m else None
