"""Project-wide pytest configuration."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told that this is intended (only tests do this).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: cached pages, rate-limit counters and figures
    must not leak from one test's database into the next (primary keys repeat)."""
    from django.core.cache import cache

    cache.clear()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``postgres`` unless DATABASE_URL points at PostgreSQL."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
