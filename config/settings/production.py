"""Production settings: everything comes from the environment (see docs/deploy.md)."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env, mailers_from_url
from config.settings.base import *  # noqa: F403

DEBUG = False
# No silent fallback to SQLite in production.
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Sealed denouncer identities: required, no derived default (docs/deploy.md explains rotation).
DANVAN_SEALING_KEYS = env.list("DANVAN_SEALING_KEYS")
if not DANVAN_SEALING_KEYS:
    raise ImproperlyConfigured("DANVAN_SEALING_KEYS must be set in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-danvan_session"
CSRF_COOKIE_NAME = "__Host-danvan_csrf"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names let nginx cache static files for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

# Several app servers share one cache (rate limits, lock-outs) through Redis.
CACHES = {"default": env.cache_url("CACHE_URL", default="rediscache://127.0.0.1:6379/1")}
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"

# Real e-mail is required in production (smtp://, smtp+tls://, smtp+ssl://).
MAILERS = mailers_from_url(env.str("EMAIL_URL"))
