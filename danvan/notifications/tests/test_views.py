"""My notifications through HTTP: list, mark read (with and without htmx), settings."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.notifications.models import Notification, NotificationPreference
from danvan.notifications.tests.factories import NotificationFactory, UserFactory
from danvan.units.models import User

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]
LIST = reverse("notifications:list")


def _mark_read_url(notification: Notification) -> str:
    return reverse("notifications:mark_read", args=[notification.pk])


def test_list_requires_login(db: None) -> None:
    response = Client().get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("units:login"))


def test_list_shows_only_my_notifications_newest_first(
    client_an: Client, an: User, binh: User
) -> None:
    # given two notifications for An and one for Bình
    older = NotificationFactory.create(recipient=an, title="Lịch tiếp công dân tháng 4")
    newer = NotificationFactory.create(recipient=an, title="Đơn số 0042/2026 đã được thụ lý")
    NotificationFactory.create(recipient=binh, title="Báo cáo của Bình")

    # when An opens the list
    response = client_an.get(LIST)

    # then An sees exactly theirs, newest first, and the unread count
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [newer, older]
    assert "Báo cáo của Bình" not in response.text
    assert response.context["unread"] == 2


def test_header_badge_shows_the_unread_count(client_an: Client, an: User) -> None:
    NotificationFactory.create_batch(3, recipient=an)
    notification_read = NotificationFactory.create(recipient=an)
    client_an.post(_mark_read_url(notification_read))

    response = client_an.get(reverse("core:home"))

    assert response.context["unread_notifications"] == 3
    assert '<span class="badge"' in response.text


def test_visitors_have_no_unread_count(db: None) -> None:
    response = Client().get(reverse("core:home"))
    assert response.context["unread_notifications"] == 0


def test_mark_read_without_javascript_redirects_back(client_an: Client, an: User) -> None:
    notification = NotificationFactory.create(recipient=an)

    response = client_an.post(_mark_read_url(notification), {"next": f"{LIST}?page=1"})

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_ignores_a_foreign_next(client_an: Client, an: User) -> None:
    notification = NotificationFactory.create(recipient=an)

    response = client_an.post(_mark_read_url(notification), {"next": "https://evil.example/"})

    assert response["Location"] == LIST


def test_mark_read_with_htmx_returns_the_updated_row(client_an: Client, an: User) -> None:
    notification = NotificationFactory.create(recipient=an)

    response = client_an.post(_mark_read_url(notification), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.startswith("<tr")
    assert f'data-notification-id="{notification.pk}" data-read="true"' in response.text
    assert "<html" not in response.text


def test_someone_elses_notification_is_a_404(client_an: Client, binh: User) -> None:
    notification = NotificationFactory.create(recipient=binh)

    response = client_an.post(_mark_read_url(notification))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_missing_notification_is_the_same_404(client_an: Client) -> None:
    assert client_an.post(reverse("notifications:mark_read", args=[999999])).status_code == 404


def test_marking_read_needs_post(client_an: Client, an: User) -> None:
    notification = NotificationFactory.create(recipient=an)
    assert client_an.get(_mark_read_url(notification)).status_code == 405


def test_marking_read_needs_the_csrf_token(an: User) -> None:
    # given a browser session without a CSRF token in the form
    client = Client(enforce_csrf_checks=True)
    client.force_login(an)
    notification = NotificationFactory.create(recipient=an)

    # then the POST is refused and nothing changes
    assert client.post(_mark_read_url(notification)).status_code == 403
    assert client.post(reverse("notifications:mark_all_read")).status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_list_forms_carry_the_csrf_token(client_an: Client, an: User) -> None:
    NotificationFactory.create(recipient=an)
    response = client_an.get(LIST)
    assert response.text.count('name="csrfmiddlewaretoken"') >= 2  # mark one, mark all


def test_mark_all_read(client_an: Client, an: User, binh: User) -> None:
    NotificationFactory.create_batch(2, recipient=an)
    others = NotificationFactory.create(recipient=binh)

    response = client_an.post(reverse("notifications:mark_all_read"), follow=True)

    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.text
    assert not Notification.objects.filter(recipient=an, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_list_query_count_does_not_grow_with_the_page(client_an: Client, an: User) -> None:
    NotificationFactory.create_batch(2, recipient=an)
    with CaptureQueriesContext(connection) as small:
        client_an.get(LIST)
    NotificationFactory.create_batch(18, recipient=an)
    with CaptureQueriesContext(connection) as full:
        client_an.get(LIST)
    assert len(full) == len(small)


def test_list_is_paginated(client_an: Client, an: User) -> None:
    NotificationFactory.create_batch(25, recipient=an)

    first = client_an.get(LIST)
    second = client_an.get(LIST, {"page": 2})

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5


def test_preferences_default_to_email_on(client_an: Client) -> None:
    response = client_an.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    assert response.context["form"].initial["email_enabled"] is True


def test_preferences_opt_out_and_back_in(client_an: Client, an: User) -> None:
    url = reverse("notifications:preferences")

    response = client_an.post(url, {}, follow=True)  # unchecked box = opt out
    assert NotificationPreference.objects.get(user=an).email_enabled is False
    assert "Đã lưu cài đặt thông báo của bạn." in response.text
    assert client_an.get(url).context["form"].initial["email_enabled"] is False

    client_an.post(url, {"email_enabled": "on"})
    assert NotificationPreference.objects.get(user=an).email_enabled is True


def test_send_test_notification_to_myself(
    client_an: Client, an: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # when An asks for a test notification (the e-mail task runs once the request commits)
    with django_capture_on_commit_callbacks(execute=True):
        client_an.post(reverse("notifications:send_test"))
    response = client_an.get(LIST)

    # then it appears in the list, marked as e-mailed, and the e-mail reached An
    notification = Notification.objects.get(recipient=an)
    assert notification.kind == "notifications.test"
    assert f'data-notification-id="{notification.pk}"' in response.text
    assert 'data-emailed="true"' in response.text
    assert [m.to for m in mail.outbox] == [["an.nv@xatanphu.gov.vn"]]


def test_send_test_without_an_address_says_so(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    client = Client()
    client.force_login(UserFactory.create(email=""))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:send_test"), follow=True)

    assert "không có địa chỉ e-mail" in response.text
    assert mail.outbox == []


def test_dashboard_shows_the_latest_notifications(client_an: Client, an: User) -> None:
    # given six notifications
    for number in range(6):
        NotificationFactory.create(recipient=an, title=f"Thông báo số {number}")

    # when An opens the dashboard
    response = client_an.get(reverse("core:dashboard"))

    # then the panel lists the five newest
    assert "Thông báo mới nhất" in response.text
    assert "Thông báo số 5" in response.text
    assert "Thông báo số 1" in response.text
    assert "Thông báo số 0" not in response.text


def test_mark_read_with_htmx_also_updates_the_header_badge(client_an: Client, an: User) -> None:
    # given two unread notifications
    first = NotificationFactory.create(recipient=an)
    NotificationFactory.create(recipient=an)
    # when one is marked read with htmx
    response = client_an.post(_mark_read_url(first), headers={"HX-Request": "true"})
    # then the response carries an out-of-band badge with the new count
    assert '<span id="unread-badge" hx-swap-oob="true">' in response.text
    assert '<span class="badge"' in response.text
    assert ">1</span>" in response.text
    # and the full page has the same badge (without oob) for htmx to replace
    page = client_an.get(LIST).content.decode()
    assert '<span id="unread-badge">' in page
