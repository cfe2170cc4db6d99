"""Registry of dashboard panels that apps contribute for each role.

The dashboard page itself belongs to ``core`` and knows nothing about the apps: each app
registers its panels in ``AppConfig.ready()`` and the page shows those whose roles include
the user's active role. This keeps the dependency rule (apps depend on core, never the
reverse) while letting later modules fill the dashboard.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

PanelContext = Callable[[HttpRequest], dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    """One box on the dashboard: a template rendered with the context its function returns."""

    key: str
    template: str
    context: PanelContext
    roles: frozenset[str] = field(default_factory=frozenset)  # empty = every signed-in user
    order: int = 100


_panels: dict[str, Panel] = {}


def register_panel(
    *,
    key: str,
    template: str,
    context: PanelContext,
    roles: Iterable[str] = (),
    order: int = 100,
) -> None:
    """Register (or replace) the panel ``key``."""
    _panels[key] = Panel(
        key=key, template=template, context=context, roles=frozenset(roles), order=order
    )


def panels_for_role(role: str | None) -> list[Panel]:
    """Return the panels shown to ``role`` (``None`` for a user with no role), in order."""
    chosen = [p for p in _panels.values() if not p.roles or (role is not None and role in p.roles)]
    return sorted(chosen, key=lambda p: (p.order, p.key))
