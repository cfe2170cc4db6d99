"""The client's IP address, trusting proxy headers only from the proxies we run.

Behind nginx every request comes from nginx's address; without this, five wrong passwords
from anyone would lock an official out (django-axes) and the audit log would record nginx.
Forwarding headers are trusted only when the direct peer is listed in
``DANVAN_TRUSTED_PROXIES`` (addresses or networks), and ``X-Forwarded-For`` is read from the
right, skipping our own proxies, so a client cannot choose its address by sending the header.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str, networks: tuple[IPNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """Return the address of the client that sent ``request``."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    networks = _trusted_networks(tuple(settings.DANVAN.get("TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [a.strip() for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    for address in reversed([a for a in forwarded if a]):
        if not _valid(address):
            break
        if not _is_trusted(address, networks):
            return address
    real = str(request.META.get("HTTP_X_REAL_IP", "")).strip()
    return real if _valid(real) else remote
