"""Dashboard panels contributed by the deadlines app (registered in ``apps.py``)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.deadlines.selectors import days_off_upcoming


def next_days_off_context(request: HttpRequest) -> dict[str, Any]:
    """The next days off (and swapped working weekends) every official plans around."""
    return {"days": days_off_upcoming(today=timezone.localdate(), limit=5)}
