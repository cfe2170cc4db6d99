"""Dashboard panel of the year-end evaluation (registered from ``EmulationConfig.ready``):
what waits for a committee this year — models to evaluate, effective ones not yet
recognised."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_panel
from danvan.units.models import RoleAssignment


def evaluation_context(request: HttpRequest) -> dict[str, Any]:
    from danvan.emulation.selectors.evaluation import committees, year_counts, year_exemplars

    user = request.user
    if not committees(user):
        return {"show": False}
    year = timezone.localdate().year
    counts = year_counts(year_exemplars(user, year))
    return {"show": True, "year": year, "counts": counts}


def register() -> None:
    register_panel(
        key="emulation_evaluation",
        template="emulation/evaluation/panel.html",
        context=evaluation_context,
        roles=(
            RoleAssignment.Role.HEAD,
            RoleAssignment.Role.COMMISSION_STAFF,
            RoleAssignment.Role.ADMINISTRATOR,
        ),
        order=60,
    )
