"""The "latest notifications" panel that this app adds to the dashboard."""

from typing import Any

from django.http import HttpRequest

from danvan.notifications.selectors import notification_count_unread, notification_list_latest
from danvan.units.models import User

PANEL_SIZE = 5


def latest_notifications_panel(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not isinstance(user, User):
        return {"notifications": [], "unread": 0}
    return {
        "notifications": notification_list_latest(user=user, limit=PANEL_SIZE),
        "unread": notification_count_unread(user=user),
    }
