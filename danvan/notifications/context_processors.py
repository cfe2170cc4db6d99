"""The unread count shown next to "Notifications" in the site header."""

from typing import Any

from django.http import HttpRequest

from danvan.notifications.selectors import notification_count_unread
from danvan.units.models import User


def unread_count(request: HttpRequest) -> dict[str, Any]:
    """Add ``unread_notifications`` (0 for visitors who are not signed in)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": notification_count_unread(user=user)}
