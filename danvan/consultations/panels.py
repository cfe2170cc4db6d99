"""Dashboard panels of the consultations app (registered from ``ConsultationsConfig.ready``)."""

from danvan.core.dashboard import register_panel


def register() -> None:
    """The open consultations of the active unit, with their participants today and in all."""
    from danvan.consultations.selectors.drafts import MANAGER_ROLES
    from danvan.consultations.views.dashboard import panel_context

    register_panel(
        key="consultations_dashboard",
        template="consultations/dashboard/panel.html",
        context=panel_context,
        roles=MANAGER_ROLES,
        order=45,
    )
