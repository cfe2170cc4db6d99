"""Reads of notifications and preferences."""

from collections.abc import Iterable

from django.db.models import QuerySet

from danvan.notifications.models import Notification, NotificationPreference
from danvan.units.models import User


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """Return the user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_list_latest(*, user: User, limit: int = 5) -> list[Notification]:
    """Return the user's ``limit`` newest notifications (the dashboard panel)."""
    return list(notification_list_for_user(user=user)[:limit])


def notification_count_unread(*, user: User) -> int:
    """Count unread notifications (served by the partial index on unread rows)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_email_enabled(*, user: User) -> bool:
    """Return whether ``user`` wants e-mail copies (yes unless they opted out)."""
    return not NotificationPreference.objects.filter(user=user, email_enabled=False).exists()


def notification_user_ids_opted_out(*, user_ids: Iterable[int]) -> set[int]:
    """Return which of ``user_ids`` turned e-mail copies off, in one query."""
    return set(
        NotificationPreference.objects.filter(
            user_id__in=list(user_ids), email_enabled=False
        ).values_list("user_id", flat=True)
    )
