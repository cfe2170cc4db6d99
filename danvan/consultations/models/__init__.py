"""Consultations models, one module per area (each defines ``__all__``)."""

from danvan.consultations.models.campaigns import *  # noqa: F403
from danvan.consultations.models.dashboard import *  # noqa: F403
from danvan.consultations.models.drafts import *  # noqa: F403
from danvan.consultations.models.opinion import *  # noqa: F403
from danvan.consultations.models.participation import *  # noqa: F403
from danvan.consultations.models.report import *  # noqa: F403
