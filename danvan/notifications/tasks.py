"""Background work of the notifications app (Django's Tasks API).

Task bodies stay thin: load by id, call the service, log. Logs carry ids and kinds only,
never addresses, names or message text (personal data stays out of logs).
"""

import logging

from django.tasks import task

from danvan.notifications.models import Notification
from danvan.notifications.services import notification_send_email

logger = logging.getLogger(__name__)


@task(queue_name="notifications")
def send_notification_email(*, notification_id: int) -> str:
    """Send the e-mail copy of one notification."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None:
        logger.info("notification e-mail skipped: id=%s no longer exists", notification_id)
        return "missing"
    outcome = notification_send_email(notification=notification)
    logger.info(
        "notification e-mail %s: id=%s kind=%s", outcome, notification.pk, notification.kind
    )
    return str(outcome)
