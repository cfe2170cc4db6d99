"""Directives models, one module per area (each defines ``__all__``)."""

from danvan.directives.models.delegations import *  # noqa: F403
from danvan.directives.models.monitoring import *  # noqa: F403
from danvan.directives.models.register import *  # noqa: F403
from danvan.directives.models.reports import *  # noqa: F403
from danvan.directives.models.tasks import *  # noqa: F403
