"""The one place that reads environment variables (HackSoft styleguide)."""

from pathlib import Path
from typing import Any

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def mailers_from_url(url: str) -> dict[str, dict[str, Any]]:
    """Turn an EMAIL_URL (``smtp+tls://user:pass@host:587``, ``consolemail://``) into MAILERS."""
    config = env.email_url_config(url)
    options: dict[str, Any] = {}
    if config["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
        options = {
            "host": config.get("EMAIL_HOST", "localhost"),
            "port": config.get("EMAIL_PORT", 25),
            "username": config.get("EMAIL_HOST_USER", ""),
            "password": config.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": bool(config.get("EMAIL_USE_TLS", False)),
            "use_ssl": bool(config.get("EMAIL_USE_SSL", False)),
            "timeout": 30,
        }
    elif config["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
        options = {"file_path": config.get("EMAIL_FILE_PATH", "")}
    return {"default": {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options}}
