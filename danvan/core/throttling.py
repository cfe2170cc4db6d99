"""Rate limits of the project's APIs: a fixed window per client address, counted in the cache.

``add``/``incr`` on the shared cache (Redis in production) let every worker count together.
The address is the one our own proxies vouch for (``client_ip``), not whatever
X-Forwarded-For a client sends.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from danvan.core.client_ip import client_ip


class PerAddressThrottle(BaseThrottle):
    """At most ``DANVAN[setting]`` requests (``default`` when unset) per client address in
    each window of ``window_seconds``; ``prefix`` keeps each API's counters apart."""

    def __init__(self, *, setting: str, default: int, window_seconds: int, prefix: str) -> None:
        self.setting = setting
        self.default = default
        self.window_seconds = window_seconds
        self.prefix = prefix

    def allow_request(self, request: HttpRequest) -> bool:
        limit = int(settings.DANVAN.get(self.setting, self.default))
        window = int(time.time() // self.window_seconds)
        key = f"{self.prefix}:{client_ip(request)}:{window}"
        cache.add(key, 0, self.window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, self.window_seconds)
            count = 1
        return count <= limit

    def wait(self) -> float:
        return self.window_seconds - time.time() % self.window_seconds
