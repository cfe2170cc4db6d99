"""Notification links, labels and the dashboard panel for visitors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from danvan.notifications.dashboard import latest_notifications_panel
from danvan.notifications.models import NotificationPreference, validate_notification_url
from danvan.notifications.services import notification_preference_set
from danvan.notifications.tests.factories import NotificationFactory
from danvan.units.models import User


@pytest.mark.parametrize(
    "url", ["/thong-bao/", "/don/0042/?tab=tra-loi", "https://dichvucong.gov.vn/", "http://x.vn/"]
)
def test_site_paths_and_web_addresses_are_accepted(url: str) -> None:
    validate_notification_url(url)  # does not raise


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/", "data:text/html,x", "thong-bao/"]
)
def test_other_links_are_refused(url: str) -> None:
    with pytest.raises(ValidationError):
        validate_notification_url(url)


@pytest.mark.django_db
def test_notification_and_preference_labels(an: User) -> None:
    notification = NotificationFactory.create(recipient=an, title="Lịch tiếp công dân")
    preference = notification_preference_set(user=an, email_enabled=False)

    assert str(notification) == "Lịch tiếp công dân"
    assert notification.is_read is False
    assert str(preference) == f"{an.pk}: in-app only"
    assert str(NotificationPreference(user=an)) == f"{an.pk}: e-mail"


def test_dashboard_panel_is_empty_for_visitors() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    assert latest_notifications_panel(request) == {"notifications": [], "unread": 0}
