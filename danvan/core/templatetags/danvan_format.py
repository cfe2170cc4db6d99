"""Template filters for Vietnamese administrative dates."""

import datetime as dt

from django import template
from django.utils import timezone, translation

from danvan.core.dates import admin_date, short_date

register = template.Library()


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """Render "ngày 05 tháng 02 năm 2026" (or "5 February 2026" in English)."""
    if value is None or value == "":
        return ""
    return admin_date(_as_date(value), translation.get_language() or "vi")


@register.filter
def vn_short_date(value: dt.date | dt.datetime | None) -> str:
    """Render DD/MM/YYYY."""
    if value is None or value == "":
        return ""
    return short_date(_as_date(value))
