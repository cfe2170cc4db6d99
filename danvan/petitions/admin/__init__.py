"""Admin of the petitions app: one module per area, imported here (autodiscovered)."""

from danvan.petitions.admin import (
    handling,  # noqa: F401
    sealed,  # noqa: F401
)
