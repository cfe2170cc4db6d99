"""Two app servers and a task worker, as separate processes, on one PostgreSQL database.

This is the production shape in miniature (docs/deploy.md): a person signs in on app
server A and asks for a test notification; A writes it and queues the e-mail task; the
worker, a third process, sends the e-mail and records it; app server B, which shares
nothing with A but the database, shows the notification as e-mailed. Sessions, the task
queue and the result all travel through PostgreSQL only.

The test creates and drops its own database (the processes need committed data, which
pytest-django's per-test transactions would hide), listens on loopback only, waits with
bounded timeouts and always stops what it started.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from email.header import decode_header, make_header
from pathlib import Path
from typing import IO

import psycopg
import pytest
from psycopg import sql

from config.env import BASE_DIR

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
PASSWORD = "mat-khau-da-tien-trinh-2026"
EMAIL = "an.nv@xatanphu.gov.vn"
CREATE_USER = (
    "from danvan.units.models import User; "
    f"User.objects.create_user('an.nv', '{EMAIL}', '{PASSWORD}', full_name='Nguyễn Văn An')"
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL pointing at PostgreSQL"),
]


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server; dropped afterwards."""
    name = f"danvan_mp_{secrets.token_hex(4)}"
    maintenance = _with_database(DATABASE_URL, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_database(DATABASE_URL, name)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class Processes:
    """Start processes with their output in files; stop every one of them at the end."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.running: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []

    def run(self, *args: str, timeout: float) -> None:
        subprocess.run(
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            timeout=timeout,
            capture_output=True,
        )

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.running.append((process, log))
        return process

    def stop_all(self) -> None:
        for process, _log in self.running:
            if process.poll() is None:
                process.terminate()
        for process, log in self.running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
            log.close()

    def output(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.logs.glob("*.log"))
        )


class Browser:
    """A minimal cookie-keeping HTTP client for one signed-in person."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            urllib.request.ProxyHandler({}),  # loopback only, never through a proxy
        )

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=10) as response:
            body: bytes = response.read()
            return body.decode()

    def post(self, url: str, data: dict[str, str]) -> str:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        encoded = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        with self.opener.open(url, data=encoded, timeout=10) as response:
            body: bytes = response.read()
            return body.decode()


def _responds(url: str) -> bool:
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


def test_work_enqueued_on_one_server_is_done_by_the_worker_and_seen_on_another(
    database: str, tmp_path: Path
) -> None:
    # given a migrated database with one official, two app servers and one worker
    logs = tmp_path / "logs"
    logs.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": "consolemail://",  # the worker prints the e-mails it sends
        # With DEBUG off no development sealing key is derived (petitions.E001): give one.
        "DANVAN_SEALING_KEYS": "mp:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=",
        "PYTHONUNBUFFERED": "1",
    }
    processes = Processes(env, logs)
    port_a, port_b = _free_port(), _free_port()
    app_a, app_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    try:
        processes.run("manage.py", "migrate", "--noinput", timeout=300)
        processes.run(
            "manage.py",
            "shell",
            "-c",
            CREATE_USER,
            timeout=120,
        )
        for name, port in (("app-a", port_a), ("app-b", port_b)):
            processes.start(
                name, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
                "--workers", "1", "--timeout", "60",
            )  # fmt: skip
        worker = processes.start(
            "worker", "manage.py", "worker", "--queue-name", "default,notifications",
            "--interval", "0.2", "--no-startup-delay", "--no-reload",
        )  # fmt: skip
        _wait_for(lambda: _responds(f"{app_a}/healthz"), timeout=60, what="app server A")
        _wait_for(lambda: _responds(f"{app_b}/healthz"), timeout=60, what="app server B")

        # when An signs in on A and asks A for a test notification
        browser = Browser()
        browser.get(f"{app_a}/tai-khoan/dang-nhap/")
        browser.post(f"{app_a}/tai-khoan/dang-nhap/", {"username": "an.nv", "password": PASSWORD})
        browser.post(f"{app_a}/thong-bao/gui-thu/", {})

        # then B, with the same session cookie, soon shows it as e-mailed by the worker
        emailed = re.compile(r'data-notification-id="\d+" data-read="false" data-emailed="true"')
        _wait_for(
            lambda: bool(emailed.search(browser.get(f"{app_b}/thong-bao/"))),
            timeout=60,
            what="the worker to e-mail the notification",
        )
        # and the worker (not an app server) sent one e-mail, to An
        worker_output = (logs / "worker.log").read_text()
        assert worker_output.count(f"To: {EMAIL}") == 1
        (subject,) = re.findall(r"^Subject: (.+)$", worker_output, flags=re.MULTILINE)
        assert str(make_header(decode_header(subject))) == "[danvan] Thông báo thử"
        for name in ("app-a", "app-b"):
            assert f"To: {EMAIL}" not in (logs / f"{name}.log").read_text()
        assert worker.poll() is None  # the worker keeps serving
    except BaseException:
        processes.stop_all()
        print(processes.output())  # noqa: T201 - shown by pytest only when the test fails
        raise
    finally:
        processes.stop_all()
