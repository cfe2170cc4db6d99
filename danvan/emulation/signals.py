"""Cached figures follow the rows they are counted from: any save or delete of a model or a
recognition invalidates the cached statistics pages (``selectors.statistics``)."""

from typing import Any

from django.db.models.signals import post_delete, post_save

from danvan.emulation.models import Exemplar, Recognition
from danvan.emulation.selectors.statistics import statistics_changed


def _changed(sender: Any, **kwargs: Any) -> None:
    statistics_changed()


def connect() -> None:
    for model in (Exemplar, Recognition):
        post_save.connect(_changed, sender=model, dispatch_uid=f"emulation-stats-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"emulation-stats-del-{model.__name__}"
        )
