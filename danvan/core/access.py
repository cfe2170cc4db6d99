"""Object access that never tells "missing" apart from "not allowed".

Every security-sensitive read goes through :func:`get_object_for_user_or_404`: the
caller passes the queryset and a predicate, and gets the same ``Http404`` whether the
row does not exist or the user may not see it (Zulip's ``access_*`` functions).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404


def get_object_for_user_or_404[M: Model](
    queryset: QuerySet[M],
    *,
    allowed: Callable[[M], bool],
    **lookup: Any,
) -> M:
    """Return the object matching ``lookup`` if ``allowed(obj)``; otherwise raise ``Http404``."""
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    if not allowed(obj):
        raise Http404
    return obj
