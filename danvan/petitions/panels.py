"""Dashboard panels of the petitions app (each area registers its own in ``register``)."""


def register() -> None:
    """Register the petitions panels; areas add their calls here."""
