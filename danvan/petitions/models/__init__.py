"""Models of the petitions app, one module per area; import them from here."""

from danvan.petitions.models.case import Case, CaseEvent, Field
from danvan.petitions.models.duplicates import *  # noqa: F403
from danvan.petitions.models.handling import *  # noqa: F403
from danvan.petitions.models.intake import *  # noqa: F403
from danvan.petitions.models.schedule import *  # noqa: F403
from danvan.petitions.models.sealed import *  # noqa: F403
from danvan.petitions.models.stats import *  # noqa: F403

__all__ = ["Case", "CaseEvent", "Field"]
