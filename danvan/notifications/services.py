"""Creating notifications, sending their e-mail copies, and marking them read.

``notify`` is what other apps call. It writes the in-app notifications in its own
transaction and, once that transaction commits, enqueues one e-mail task per notification
(``tasks.send_notification_email``), so a rolled-back action never e-mails anybody and a
slow mail server never slows a page down.

Titles and bodies are shown in the app and copied into e-mails: never put a denouncer's
identity or other sealed data in them (Law on Denunciations Arts 47, 56).
"""

import enum
import functools
import logging
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.notifications.models import EmailDelivery, Notification, NotificationPreference
from danvan.notifications.selectors import (
    notification_email_enabled,
    notification_user_ids_opted_out,
)
from danvan.units.models import User

logger = logging.getLogger(__name__)


def _absolute_url(path: str) -> str:
    """Return a link usable outside the site, or "" when there is none.

    Site paths need the deployment's ``DANVAN["SITE_URL"]`` (e.g. https://danvan.example.vn);
    without it an e-mail simply carries no link rather than a broken one.
    """
    if path.startswith(("https://", "http://")):
        return path
    base: str = getattr(settings, "DANVAN", {}).get("SITE_URL", "")
    if not path or not base:
        return ""
    return urljoin(base, path)


def _enqueue_emails(notification_ids: list[int]) -> None:
    # Imported here: the tasks module imports this one.
    from danvan.notifications.tasks import send_notification_email

    for notification_id in notification_ids:
        send_notification_email.enqueue(notification_id=notification_id)


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Notify each active recipient once, in the app and (if ``email``) by e-mail.

    Inactive accounts are skipped and repeated recipients get one notification. E-mail goes
    only to people with an address who have not opted out; it is enqueued after commit.
    """
    unique: dict[int, User] = {}
    for user in recipients:
        if user.is_active:
            unique.setdefault(user.pk, user)
    notifications = [
        Notification(recipient=user, kind=kind, title=str(title), body=str(body), url=url)
        for user in unique.values()
    ]
    for notification in notifications:
        notification.full_clean(exclude=["recipient"])
    created = Notification.objects.bulk_create(notifications)

    if email and created:
        opted_out = notification_user_ids_opted_out(user_ids=unique)
        to_email = [n.pk for n in created if n.recipient.email and n.recipient_id not in opted_out]
        if to_email:
            transaction.on_commit(functools.partial(_enqueue_emails, to_email))
    return created


class EmailOutcome(enum.StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    NO_ADDRESS = "no_address"
    OPTED_OUT = "opted_out"


def notification_send_email(*, notification: Notification) -> EmailOutcome:
    """Send the e-mail copy of ``notification`` unless it went already or is not wanted.

    The preference is checked again here because it may have changed since ``notify``.
    At-least-once: if the process dies between sending and recording, a retry resends.
    """
    recipient = notification.recipient
    if notification.emailed_at is not None:
        return EmailOutcome.ALREADY_SENT
    if not recipient.email or not recipient.is_active:
        return EmailOutcome.NO_ADDRESS
    if not notification_email_enabled(user=recipient):
        return EmailOutcome.OPTED_OUT

    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "recipient_name": recipient.get_full_name(),
            "link": _absolute_url(notification.url),
            "preferences_link": _absolute_url(reverse("notifications:preferences")),
            "site_name": getattr(settings, "DANVAN", {}).get("SITE_NAME", "danvan"),
        }
        # Header fields must be one line; titles are single-line already, this makes sure.
        subject = _("[%(site)s] %(title)s") % {
            "site": context["site_name"],
            "title": " ".join(notification.title.split()),
        }
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)

    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers={"Message-ID": email_message_id(f"notification-{notification.pk}")},
    )
    message.attach_alternative(html, "text/html")
    message.send()

    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at", "updated_at"])
    return EmailOutcome.SENT


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (keeping the first reading time)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; return how many changed."""
    now = timezone.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )


@transaction.atomic
def notification_preference_set(*, user: User, email_enabled: bool) -> NotificationPreference:
    """Record whether ``user`` wants e-mail copies of notifications."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
        user=user, defaults={"email_enabled": email_enabled}
    )
    if preference.email_enabled != email_enabled:
        preference.email_enabled = email_enabled
        preference.full_clean(exclude=["user"])
        preference.save(update_fields=["email_enabled", "updated_at"])
    return preference


def notification_send_test(*, user: User) -> Notification:
    """Send ``user`` a test notification, so they can check that e-mail reaches them."""
    (notification,) = notify(
        recipients=[user],
        kind="notifications.test",
        title=_("Test notification"),
        body=_(
            "This is a test notification from danvan. If it reached your mailbox, "
            "e-mail notifications work for your account."
        ),
        url=reverse("notifications:list"),
    )
    return notification


def email_message_id(key: str) -> str:
    """A Message-ID made from ``key``, the same each time the e-mail is sent.

    If a worker dies after the mail server took an e-mail but before it was recorded, the
    retry sends it again; mail clients drop a second message with the same Message-ID.
    """
    sender = str(settings.DEFAULT_FROM_EMAIL)
    domain = sender.rpartition("@")[2].strip(" >") or "danvan.local"
    return f"<{key}@{domain}>"


def email_send_once(*, key: str, message: EmailMessage) -> bool:
    """Send ``message`` unless an e-mail with ``key`` was sent already; True if sent now.

    Task bodies call this with a key chosen when the task was queued, so a task run twice
    (a killed worker's task put back in the queue, a retry) sends one e-mail. At least
    once: a crash between the hand-over and the record resends with the same Message-ID.
    """
    if EmailDelivery.objects.filter(key=key).exists():
        return False
    message.extra_headers = {**message.extra_headers, "Message-ID": email_message_id(key)}
    message.send()
    EmailDelivery.objects.get_or_create(key=key, defaults={"sent_at": timezone.now()})
    return True
