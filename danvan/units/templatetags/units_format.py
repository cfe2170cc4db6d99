"""Template filters of the units app."""

import datetime as dt
import math

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: dt.timedelta | None) -> int:
    """A duration in whole minutes, rounded up (the lock-out page says "15 minutes")."""
    if not isinstance(value, dt.timedelta):
        return 0
    return math.ceil(value.total_seconds() / 60)
