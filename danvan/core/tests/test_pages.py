import datetime as dt

import pytest
from django.http import Http404, HttpRequest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from danvan.core.access import get_object_for_user_or_404
from danvan.core.dashboard import panels_for_role, register_panel
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese_by_default(client: Client) -> None:
    # when
    response = client.get("/")
    # then
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    html = response.content.decode()
    assert '<html lang="vi" dir="ltr">' in html
    assert "Đăng nhập" in html


def test_language_switch_to_english_and_back(client: Client) -> None:
    # when
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    # then
    assert "Log in" in response.content.decode()
    assert response["Content-Language"] == "en"
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, follow=True)
    assert "Đăng nhập" in response.content.decode()


def test_csp_forbids_inline_scripts_and_styles(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy
    # every <script> carries the per-response nonce
    html = response.content.decode()
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert html.count("<script") == html.count(f'nonce="{nonce}"')


def test_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_forms_need_csrf() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403


def test_dashboard_requires_login(client: Client) -> None:
    response = client.get("/bang-dieu-khien/")
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_healthz(client: Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_vn_date_filter_follows_active_language() -> None:
    template = Template("{% load danvan_format %}{{ d|vn_date }}|{{ d|vn_short_date }}")
    context = Context({"d": dt.date(2026, 2, 3)})
    with translation.override("vi"):
        assert template.render(context) == "ngày 03 tháng 02 năm 2026|03/02/2026"
    with translation.override("en"):
        assert template.render(context) == "3 February 2026|03/02/2026"


def test_access_helper_gives_same_404_for_missing_and_forbidden() -> None:
    # given
    user = User.objects.create_user(username="an", password="x-secret-123")
    queryset = User.objects.all()
    # then: forbidden
    with pytest.raises(Http404) as forbidden:
        get_object_for_user_or_404(queryset, allowed=lambda u: False, pk=user.pk)
    # and missing, and malformed
    with pytest.raises(Http404) as missing:
        get_object_for_user_or_404(queryset, allowed=lambda u: True, pk=user.pk + 1000)
    with pytest.raises(Http404):
        get_object_for_user_or_404(queryset, allowed=lambda u: True, pk="not-a-number")
    assert str(forbidden.value) == str(missing.value)
    assert get_object_for_user_or_404(queryset, allowed=lambda u: True, pk=user.pk) == user


def test_dashboard_registry_filters_by_role(monkeypatch: pytest.MonkeyPatch) -> None:
    # given an empty registry (restored after the test)
    monkeypatch.setattr("danvan.core.dashboard._panels", {})

    def context(request: HttpRequest) -> dict[str, object]:
        return {}

    register_panel(key="head-only", template="x.html", context=context, roles=["head"], order=2)
    register_panel(key="everyone", template="y.html", context=context, order=1)
    # then
    assert [p.key for p in panels_for_role("head")] == ["everyone", "head-only"]
    assert [p.key for p in panels_for_role("citizen")] == ["everyone"]
    assert [p.key for p in panels_for_role(None)] == ["everyone"]


def test_dashboard_shows_the_active_roles_panel_in_vietnamese(client: Client) -> None:
    # given a commune chairman
    from danvan.units.models import RoleAssignment, Unit

    commune = Unit.objects.create(
        code="T-X1", name="Xã Phù Đổng", kind=Unit.Kind.COMMUNE, path="T-X1"
    )
    user = User.objects.create_user(
        username="head", password="x-secret-123", full_name="Lê Văn Hùng"
    )
    RoleAssignment.objects.create(user=user, unit=commune, role=RoleAssignment.Role.HEAD)
    client.force_login(user)
    # when
    html = client.get("/bang-dieu-khien/").content.decode()
    # then
    assert "Bảng điều khiển" in html
    assert "Công việc của bạn với vai trò" in html
    assert "Xã Phù Đổng" in html
    assert "ít nhất 01 ngày mỗi tháng" in html


def test_browser_language_does_not_override_vietnamese(client: Client) -> None:
    # given a browser set to English but no explicit choice
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    # then the public service still speaks Vietnamese
    assert response["Content-Language"] == "vi"
    # and an explicit choice wins
    client.cookies["danvan_language"] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi")["Content-Language"] == "en"
    client.cookies["danvan_language"] = "xx-unknown"
    assert client.get("/")["Content-Language"] == "vi"
