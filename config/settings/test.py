"""Settings for the test suite. DATABASE_URL selects PostgreSQL; SQLite otherwise."""

import base64
import hashlib
import tempfile
from pathlib import Path

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import TASKS

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = [
    # Argon2 stays first so tests exercise the production hasher; cheap parameters keep it fast.
    "danvan.units.hashers.FastArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {
    "default": {
        **TASKS["default"],
        "BACKEND": env("TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"),
    }
}
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Attachments written by tests go to a throw-away folder, never into var/private.
DANVAN_PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="danvan-test-private-"))
# A fixed sealing key derived from the test secret key (never a real key).
DANVAN_SEALING_KEYS = [
    "test:"
    + base64.b64encode(
        hashlib.sha256(f"danvan-test-sealing|{SECRET_KEY}".encode()).digest()
    ).decode()
]
