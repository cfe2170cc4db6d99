"""Grassroots democracy models, one module per area (each defines ``__all__``)."""

from danvan.democracy.models.agencies import *  # noqa: F403
from danvan.democracy.models.comments import *  # noqa: F403
from danvan.democracy.models.dialogues import *  # noqa: F403
from danvan.democracy.models.disclosures import *  # noqa: F403
from danvan.democracy.models.households import *  # noqa: F403
from danvan.democracy.models.proposals import *  # noqa: F403
from danvan.democracy.models.supervision import *  # noqa: F403
from danvan.democracy.models.votes import *  # noqa: F403
