"""One-time form keys for the delegation pages (the petitions' and consultations' pattern).

Every form that creates something carries a random key. The first request that brings it
claims it in the cache and acts; a double click, a retried request or the Back button
brings the same key again, and that request does not act a second time but is sent where
the first one led. A refused action releases its key, so the corrected form can be sent.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.core.cache import cache

KEY_SECONDS = 24 * 3600
WAIT_SECONDS = 10.0
PENDING = ""


def once_new() -> str:
    return secrets.token_urlsafe(24)


def _cache_key(key: str) -> str:
    return "directives:once:" + hashlib.sha256(key.encode()).hexdigest()[:32]


def once_claim(key: str, *, fallback: str) -> str | None:
    """Claim ``key``: None to go ahead, or the URL its first use led to (``fallback`` if the
    first request is still running after a while). An empty key is never claimed."""
    if not key:
        return None
    name = _cache_key(key)
    if cache.add(name, PENDING, KEY_SECONDS):
        return None
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        outcome = cache.get(name)
        if outcome or time.monotonic() >= deadline:
            return str(outcome or fallback)
        time.sleep(0.1)  # pragma: no cover - only while a twin request is still running


def once_done(key: str, url: str) -> None:
    if key:
        cache.set(_cache_key(key), url, KEY_SECONDS)


def once_release(key: str) -> None:
    if key:
        cache.delete(_cache_key(key))
