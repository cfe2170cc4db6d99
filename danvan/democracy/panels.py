"""Dashboard panels of grassroots democracy (registered from ``DemocracyConfig.ready``).

Each area keeps its own panel (what waits for the officer there); the hub panel leads to
the whole of the work, so the areas without a panel of their own — the household register,
residents' proposals and comments — are one click from the dashboard too.
"""

from typing import Any

from django.http import HttpRequest

from danvan.core.dashboard import register_panel


def hub_context(request: HttpRequest) -> dict[str, Any]:
    active = getattr(request, "active_role", None)
    return {"unit": getattr(active, "unit", None)}


def register() -> None:
    from danvan.democracy.rules import MANAGER_ROLES
    from danvan.democracy.views.agencies import agencies_register_panel
    from danvan.democracy.views.dialogues import register_panels
    from danvan.democracy.views.disclosures import panel_register
    from danvan.democracy.views.votes import register_votes_panel

    register_panel(
        key="democracy_hub",
        template="democracy/hub/panel.html",
        context=hub_context,
        roles=MANAGER_ROLES,
        order=54,
    )
    panel_register()
    register_votes_panel()
    register_panels()
    agencies_register_panel()
