"""Settings of the app server that ``bench/portal.py`` starts: production's choices (DEBUG
off, persistent database connections, compressed static files through WhiteNoise, no
debug toolbar or template reloading) on one machine, without production's transport
settings (no TLS here, so no HTTPS redirect and no secure-only cookies) and with an
in-process cache instead of Redis. The URL conf adds the benchmark's peer view."""

import base64
import hashlib

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DANVAN, DATABASES, LOGGING

DEBUG = False
SECRET_KEY = "bench-portal-secret-key-not-for-production-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench._portal_urls"
DANVAN_SEALING_KEYS = [
    "bench:" + base64.b64encode(hashlib.sha256(b"danvan-bench-portal").digest()).decode()
]
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 600
# The load comes from one address: the public API's per-client limit would answer 429 to
# nearly every request. The benchmark measures serving, so the limit is lifted here.
DANVAN = {**DANVAN, "PUBLIC_API_RATE_LIMIT": 1_000_000_000}
LOGGING["root"] = {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")}
