"""Dates in Vietnamese administrative style (Decree 30/2020/NĐ-CP, Annex I).

In the place-and-date line of an administrative document, days below 10 and the months
January and February take a leading zero: "ngày 05 tháng 02 năm 2026", but
"ngày 26 tháng 11 năm 2026" and "ngày 10 tháng 3 năm 2026".
"""

import datetime as dt

_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def admin_date_vi(value: dt.date) -> str:
    """Return ``value`` as "ngày DD tháng M năm YYYY" per Decree 30/2020."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def admin_date_en(value: dt.date) -> str:
    """Return ``value`` in the English style used in translations: "5 February 2026"."""
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def admin_date(value: dt.date, language: str) -> str:
    """Return the administrative date for ``language``: Vietnamese words, English words, or
    the neutral DD/MM/YYYY for any other language (an Arabic page must not read "ngày … tháng")."""
    if language.startswith("en"):
        return admin_date_en(value)
    if language.startswith("vi"):
        return admin_date_vi(value)
    return short_date(value)


def short_date(value: dt.date) -> str:
    """Return DD/MM/YYYY, the numeric form used in tables and lists in Vietnam."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
