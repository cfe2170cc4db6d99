"""Grassroots democracy models, one module per area (each defines ``__all__``)."""

from danvan.democracy.models.households import *  # noqa: F403
from danvan.democracy.models.votes import *  # noqa: F403
