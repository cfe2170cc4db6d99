"""Dashboard panels of the petitions app: each area registers its own."""


def register() -> None:
    """Register every area's panels (called from ``PetitionsConfig.ready``)."""
    from danvan.petitions.views import handling, intake, schedule, sealed, stats

    for area in (intake, handling, sealed, schedule, stats):
        area.register_panels()
