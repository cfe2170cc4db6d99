import pytest
from django.http import HttpRequest
from django.test import RequestFactory, override_settings

from danvan.core import client_ip as module
from danvan.core.client_ip import client_ip


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    module._trusted_networks.cache_clear()


def _request(remote: str, **headers: str) -> HttpRequest:
    request = RequestFactory().get("/")
    request.META.update({"REMOTE_ADDR": remote, **headers})
    return request


def _settings(*proxies: str) -> override_settings:
    from django.conf import settings

    return override_settings(DANVAN={**settings.DANVAN, "TRUSTED_PROXIES": list(proxies)})


def test_without_trusted_proxies_headers_are_ignored() -> None:
    with _settings():
        request = _request("203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_REAL_IP="1.2.3.4")
        assert client_ip(request) == "203.0.113.9"


def test_untrusted_peer_cannot_choose_its_address() -> None:
    with _settings("10.0.0.0/8"):
        request = _request("198.51.100.7", HTTP_X_FORWARDED_FOR="10.0.0.5")
        assert client_ip(request) == "198.51.100.7"


def test_trusted_proxy_forwarded_for_read_from_the_right() -> None:
    with _settings("10.0.0.0/8"):
        # the client forged the first entry; nginx appended the real peer
        request = _request("10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7, 10.0.0.3")
        assert client_ip(request) == "198.51.100.7"


def test_trusted_proxy_x_real_ip_and_garbage() -> None:
    with _settings("127.0.0.1"):
        assert client_ip(_request("127.0.0.1", HTTP_X_REAL_IP="198.51.100.8")) == "198.51.100.8"
        assert client_ip(_request("127.0.0.1", HTTP_X_REAL_IP="not-an-ip")) == "127.0.0.1"
        assert (
            client_ip(_request("127.0.0.1", HTTP_X_FORWARDED_FOR="bad, 127.0.0.1")) == "127.0.0.1"
        )
