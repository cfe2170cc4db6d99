"""Consultations: the opinion map (bản đồ ý kiến) of a consultation's statement votes.

Each computation is kept as a snapshot, so the synthesis report can cite the map it was
written from even after later votes change it. The engine is ``danvan.consultations.opinion``
(the Polis method); the service is ``services/opinion.py``.

``groups`` maps participant ids to group indices: it is for the engine's own bookkeeping
(and a participant's own "your group" hint), never for display. Pages show group sizes,
base-cluster bubbles and statements only, never who is in a group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models.drafts import Consultation
from danvan.core.models import BaseModel

__all__ = ["OpinionMap"]


class OpinionMap(BaseModel):
    """One computation of the opinion map of a consultation."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="opinion_maps",
        db_index=False,  # the index below starts with it
    )
    computed_at = models.DateTimeField(_("computed at"))
    k = models.PositiveSmallIntegerField(_("number of groups"))
    participants_total = models.PositiveIntegerField(_("participants who voted"))
    participants_clustered = models.PositiveIntegerField(_("participants clustered"))
    statements_total = models.PositiveIntegerField(_("statements taken into account"))
    votes_total = models.PositiveBigIntegerField(_("votes"))
    duration_ms = models.PositiveIntegerField(_("computation time (ms)"))
    # {participant id: group index}; clustered participants only. Never shown.
    groups = models.JSONField(_("group of each participant"), default=dict, blank=True)
    group_sizes = models.JSONField(_("group sizes"), default=list, blank=True)
    # [{"x", "y", "size", "group"}]: the base clusters, what the map draws.
    points = models.JSONField(_("map points"), default=list, blank=True)
    repness = models.JSONField(_("representative statements"), default=dict, blank=True)
    consensus = models.JSONField(_("consensus statements"), default=list, blank=True)
    silhouettes = models.JSONField(_("silhouette per number of groups"), default=dict, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        ordering = ["consultation", "-computed_at"]
        indexes = [
            models.Index(fields=["consultation", "-computed_at"], name="opinionmap_latest"),
        ]
        get_latest_by = "computed_at"

    def __str__(self) -> str:
        return f"{self.consultation_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
