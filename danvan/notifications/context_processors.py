from typing import Any

from django.http import HttpRequest


def unread_count(request: HttpRequest) -> dict[str, Any]:
    """Placeholder until the notifications model lands (replaced by the notifications work)."""
    return {"unread_notifications": 0}
