"""Settings for the demo and for development on one machine (SQLite, console e-mail)."""

import base64
import hashlib

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DANVAN_SEALING_KEYS, SECRET_KEY

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# Development only: without DANVAN_SEALING_KEYS, derive a sealing key from the (development)
# secret key, so the demo runs with no setup. Never used when DEBUG is off.
if DEBUG and not DANVAN_SEALING_KEYS:
    DANVAN_SEALING_KEYS = [
        "dev:"
        + base64.b64encode(
            hashlib.sha256(f"danvan-dev-sealing|{SECRET_KEY}".encode()).digest()
        ).decode()
    ]
