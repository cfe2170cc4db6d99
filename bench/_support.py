"""What the Django benchmarks share: timing medians, a Django set up on a fresh database
without migrations, and a throwaway PostgreSQL database next to DATABASE_URL's."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median seconds of ``runs`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def setup_django(database_url: str, *, any_host: bool = False) -> None:
    """Django on ``database_url`` with the tables made from the models (no migrations);
    ``any_host`` for benchmarks that send requests through the test client."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    if any_host:
        settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", run_syncdb=True, verbosity=0)


def postgres_database(base_url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """A new database ``<prefix>_<pid>`` on DATABASE_URL's server: its URL and its drop."""
    import psycopg

    name = f"{prefix}_{os.getpid()}"
    head, _sep, _old = base_url.rpartition("/")
    admin = f"{head}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{head}/{name}", drop
