"""Production settings pass Django's deployment checks and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 30 + "Zq8#pL2@vX9!mN4$" + "r" * 20,
    "DJANGO_ALLOWED_HOSTS": "danvan.example.vn",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.vn:587",
    "DATABASE_URL": "sqlite:////tmp/danvan-check-deploy.sqlite3",
    # key id : base64 of 32 bytes (test value only)
    "DANVAN_SEALING_KEYS": "k2026:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_sealing_keys() -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DANVAN_SEALING_KEYS"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DANVAN_SEALING_KEYS" in result.stderr


def test_production_settings_require_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
