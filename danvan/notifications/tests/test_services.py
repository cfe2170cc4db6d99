"""notify() and the e-mail copy, with the locmem mail backend and ImmediateBackend tasks."""

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.test import override_settings

from danvan.notifications.models import Notification, NotificationPreference
from danvan.notifications.services import (
    EmailOutcome,
    notification_mark_all_read,
    notification_mark_read,
    notification_preference_set,
    notification_send_email,
    notify,
)
from danvan.notifications.tasks import send_notification_email
from danvan.notifications.tests.factories import NotificationFactory, UserFactory
from danvan.units.models import User

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]

TITLE = "Đơn số 0042/2026 đã được thụ lý"
BODY = "Ủy ban nhân dân xã Tân Phú đã thụ lý đơn kiến nghị của ông/bà."


def _notify(recipients: list[User], **kwargs: Any) -> list[Notification]:
    return notify(
        recipients=recipients,
        kind="petition.accepted",
        title=TITLE,
        body=BODY,
        url="/don/0042/",
        **kwargs,
    )


def test_creates_one_in_app_notification_per_recipient(an: User, binh: User) -> None:
    # when two people are notified
    created = _notify([an, binh])

    # then each has one unread notification with the given content
    assert [n.recipient for n in created] == [an, binh]
    stored = Notification.objects.get(recipient=an)
    assert (stored.kind, stored.title, stored.body, stored.url) == (
        "petition.accepted",
        TITLE,
        BODY,
        "/don/0042/",
    )
    assert stored.read_at is None


def test_repeated_and_inactive_recipients_are_handled(an: User) -> None:
    # given a deactivated account
    gone = UserFactory.create(is_active=False)

    # when the list repeats An and includes the inactive account
    created = _notify([an, an, gone])

    # then An is notified once and the inactive account not at all
    assert [n.recipient for n in created] == [an]
    assert not Notification.objects.filter(recipient=gone).exists()


def test_nobody_to_notify_creates_nothing(django_capture_on_commit_callbacks: OnCommit) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assert _notify([]) == []
    assert callbacks == []


def test_email_waits_for_the_commit(an: User, django_capture_on_commit_callbacks: OnCommit) -> None:
    # when notify runs inside a transaction that has not committed yet
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([an])

    # then nothing was sent; one callback is waiting for the commit
    assert mail.outbox == []
    assert len(callbacks) == 1

    # when the transaction commits, the e-mail goes out
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_rolled_back_action_sends_no_email(
    an: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # given a service that notifies, then fails
    def failing_service() -> None:
        with transaction.atomic():
            _notify([an])
            raise RuntimeError

    # when it runs
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        failing_service()

    # then no notification remains and no e-mail was sent
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


@override_settings(DANVAN={**settings.DANVAN, "SITE_URL": "https://danvan.example.vn"})
def test_email_is_in_vietnamese_with_an_absolute_link(
    an: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # when An is notified
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _notify([an])

    # then one Vietnamese e-mail with text and HTML parts reaches An's address
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == ["an.nv@xatanphu.gov.vn"]
    assert message.subject == f"[danvan] {TITLE}"
    assert message.body.startswith("Kính gửi Nguyễn Văn An,")
    assert BODY in message.body
    assert "Mở trong danvan: https://danvan.example.vn/don/0042/" in message.body
    assert "https://danvan.example.vn/thong-bao/cai-dat/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://danvan.example.vn/don/0042/">' in str(html)
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_without_a_site_url_the_email_carries_no_broken_link(
    an: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify([an])

    (message,) = mail.outbox
    assert "/don/0042/" not in message.body
    assert "thay đổi cài đặt thông báo trong danvan" in message.body


def test_web_addresses_are_linked_as_they_are(
    an: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[an],
            kind="consultation.opened",
            title="Lấy ý kiến dự thảo",
            body="",
            url="https://duthaoonline.quochoi.vn/",
        )

    (message,) = mail.outbox
    assert "Mở trong danvan: https://duthaoonline.quochoi.vn/" in message.body


def test_email_false_keeps_it_in_app(
    an: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify([an], email=False)

    assert mail.outbox == []
    assert Notification.objects.filter(recipient=an).count() == 1


def test_opted_out_people_get_no_email_but_see_the_notification(
    an: User, binh: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # given Bình turned e-mail copies off
    notification_preference_set(user=binh, email_enabled=False)

    # when both are notified
    with django_capture_on_commit_callbacks(execute=True):
        _notify([an, binh])

    # then only An is e-mailed; both have the in-app notification
    assert [m.to for m in mail.outbox] == [["an.nv@xatanphu.gov.vn"]]
    assert Notification.objects.filter(recipient=binh).count() == 1


def test_people_without_an_address_get_no_email(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    citizen = UserFactory.create(email="")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify([citizen])

    assert callbacks == []
    assert mail.outbox == []


def test_opting_out_after_notify_stops_the_pending_email(an: User) -> None:
    # given a notification whose e-mail is still queued when An opts out
    notification = NotificationFactory.create(recipient=an)
    notification_preference_set(user=an, email_enabled=False)

    # when the task runs
    result = send_notification_email.enqueue(notification_id=notification.pk)

    # then it sends nothing
    assert result.return_value == EmailOutcome.OPTED_OUT
    assert mail.outbox == []


def test_task_does_not_send_twice(an: User) -> None:
    notification = NotificationFactory.create(recipient=an)

    first = send_notification_email.enqueue(notification_id=notification.pk)
    second = send_notification_email.enqueue(notification_id=notification.pk)

    assert (first.return_value, second.return_value) == ("sent", "already_sent")
    assert len(mail.outbox) == 1


def test_task_for_a_deleted_notification_does_nothing(an: User) -> None:
    notification = NotificationFactory.create(recipient=an)
    notification_id = notification.pk
    notification.delete()

    result = send_notification_email.enqueue(notification_id=notification_id)

    assert result.return_value == "missing"
    assert mail.outbox == []


def test_deactivated_recipient_gets_no_email(an: User) -> None:
    notification = NotificationFactory.create(recipient=an)
    an.is_active = False
    an.save(update_fields=["is_active"])

    assert notification_send_email(notification=notification) == EmailOutcome.NO_ADDRESS
    assert mail.outbox == []


def test_logs_carry_no_personal_data(
    an: User, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # when a notification is e-mailed
    with (
        caplog.at_level(logging.DEBUG, logger="danvan.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (notification,) = _notify([an])

    # then the log names the notification by id and kind only
    assert f"id={notification.pk} kind=petition.accepted" in caplog.text
    for personal in ("an.nv", "Nguyễn", "xatanphu", TITLE, BODY):
        assert personal not in caplog.text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "ftp://x/"])
def test_unsafe_links_are_refused(an: User, url: str) -> None:
    with pytest.raises(ValidationError):
        notify(recipients=[an], kind="x.y", title=TITLE, body=BODY, url=url)
    assert not Notification.objects.exists()


def test_empty_title_is_refused(an: User) -> None:
    with pytest.raises(ValidationError):
        notify(recipients=[an], kind="x.y", title="", body=BODY)


def test_mark_read_keeps_the_first_reading_time(an: User) -> None:
    notification = NotificationFactory.create(recipient=an)

    notification_mark_read(notification=notification)
    first = notification.read_at
    notification_mark_read(notification=notification)

    notification.refresh_from_db()
    assert first is not None
    assert notification.read_at == first


def test_mark_all_read_touches_only_my_unread(an: User, binh: User) -> None:
    # given two unread and one read notification for An, one unread for Bình
    NotificationFactory.create_batch(2, recipient=an)
    notification_mark_read(notification=NotificationFactory.create(recipient=an))
    NotificationFactory.create(recipient=binh)

    # when An marks all read
    changed = notification_mark_all_read(user=an)

    # then two changed and Bình's stays unread
    assert changed == 2
    assert not Notification.objects.filter(recipient=an, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=binh, read_at__isnull=True).count() == 1


def test_preference_is_created_then_updated(an: User) -> None:
    notification_preference_set(user=an, email_enabled=False)
    assert NotificationPreference.objects.get(user=an).email_enabled is False

    notification_preference_set(user=an, email_enabled=True)
    assert NotificationPreference.objects.get(user=an).email_enabled is True
    assert NotificationPreference.objects.count() == 1
