"""Access to notifications: a person reaches only their own, everything else is a 404."""

from django.contrib.auth.models import AnonymousUser

from danvan.core.access import get_object_for_user_or_404
from danvan.notifications.models import Notification
from danvan.units.models import User


def access_notification_for_recipient(
    user: User | AnonymousUser, *, notification_id: object
) -> Notification:
    """Return the notification if ``user`` is its recipient; ``Http404`` otherwise."""
    return get_object_for_user_or_404(
        Notification.objects.all(),
        allowed=lambda notification: notification.recipient_id == user.pk,
        pk=notification_id,
    )
