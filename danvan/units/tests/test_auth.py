"""Log-in, lock-out and log-out, in Vietnamese."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse

from danvan.units.models import User
from danvan.units.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN_URL = reverse("units:login")


@pytest.fixture
def official(db: None) -> User:
    return UserFactory.create(username="an.nv", full_name="Nguyễn Văn An")


def test_login_page_is_vietnamese_and_public(client: Client) -> None:
    # when
    response = client.get(LOGIN_URL)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html
    assert "không cần đăng nhập" in html  # petitions need no account


def test_password_is_stored_with_argon2(official: User) -> None:
    # when
    official.set_password("mot-mat-khau-moi-2026")
    official.save(update_fields=["password"])
    # then
    official.refresh_from_db()
    assert official.password.startswith("argon2")
    assert "argon2id" in official.password
    assert check_password("mot-mat-khau-moi-2026", official.password)


def test_login_success_redirects_to_the_dashboard(client: Client, official: User) -> None:
    # when
    response = client.post(LOGIN_URL, {"username": "an.nv", "password": PASSWORD})
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.session["_auth_user_id"] == str(official.pk)


def test_login_follows_a_safe_next_only(client: Client, official: User) -> None:
    response = client.post(
        LOGIN_URL + "?next=/tai-khoan/ho-so/",
        {"username": "an.nv", "password": PASSWORD, "next": "/tai-khoan/ho-so/"},
    )
    assert response["Location"] == "/tai-khoan/ho-so/"
    client.logout()
    response = client.post(
        LOGIN_URL, {"username": "an.nv", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:dashboard")


def test_login_failure_explains_in_vietnamese_and_keeps_the_username(
    client: Client, official: User
) -> None:
    # when
    response = client.post(LOGIN_URL, {"username": "an.nv", "password": "sai-mat-khau"})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert 'value="an.nv"' in html
    assert "sai-mat-khau" not in html
    assert "_auth_user_id" not in client.session


def test_login_with_empty_fields_names_each_field(client: Client) -> None:
    response = client.post(LOGIN_URL, {"username": "", "password": ""})
    html = response.content.decode()
    assert "Vui lòng nhập tên đăng nhập." in html
    assert "Vui lòng nhập mật khẩu." in html


def test_inactive_account_cannot_log_in(client: Client, official: User) -> None:
    official.is_active = False
    official.save(update_fields=["is_active"])
    response = client.post(LOGIN_URL, {"username": "an.nv", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_lock_out_after_five_failures_in_vietnamese(client: Client, official: User) -> None:
    # given four failures: still the form
    for _attempt in range(4):
        response = client.post(LOGIN_URL, {"username": "an.nv", "password": "sai"})
        assert response.status_code == 200
    # when the fifth fails
    response = client.post(LOGIN_URL, {"username": "an.nv", "password": "sai"})
    # then
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in html
    assert "5 lần" in html
    assert "15 phút" in html
    # and even the right password is refused now
    response = client.post(LOGIN_URL, {"username": "an.nv", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="an.nv").failures_since_start >= 5


def test_lock_out_is_per_username(client: Client, official: User) -> None:
    # given another account is locked out from this address
    for _attempt in range(5):
        client.post(LOGIN_URL, {"username": "ke-la", "password": "sai"})
    # when
    response = client.post(LOGIN_URL, {"username": "an.nv", "password": PASSWORD})
    # then
    assert response.status_code == 302


def test_logout_needs_post(client: Client, official: User) -> None:
    # given
    client.force_login(official)
    # when
    refused = client.get(reverse("units:logout"))
    # then
    assert refused.status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("units:logout"), follow=True)
    assert "_auth_user_id" not in client.session
    assert "Bạn đã đăng xuất." in response.content.decode()


def test_public_pages_do_not_force_login(client: Client) -> None:
    assert client.get("/").status_code == 200
    assert client.get(LOGIN_URL).status_code == 200
