"""Field shapes the democracy models repeat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from danvan.units.models import User


def by_user(verbose_name: StrOrPromise) -> models.ForeignKey[User | None, User | None]:
    """Who created or recorded a row. PROTECT keeps the person as long as the record exists
    (an audit trail must not lose its author); no reverse accessor; empty for rows made
    without a signed-in person (imports, seeds)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=verbose_name,
    )
