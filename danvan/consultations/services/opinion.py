"""Compute and keep the opinion map of a consultation (the Polis method over statement votes).

The computation reads the whole vote matrix, so it runs as a task (``opinion_map_recompute``),
never inside a request. Each run stores a new ``OpinionMap`` snapshot; pages read the latest.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.consultations.models import Consultation, OpinionMap
from danvan.consultations.selectors.opinion import (
    statement_vote_arrays,
    statements_moderated_out,
)
from danvan.units.models import User

logger = logging.getLogger(__name__)


if TYPE_CHECKING:
    from danvan.consultations.opinion import OpinionParams


def opinion_map_compute(
    *,
    consultation: Consultation,
    actor: User | None = None,
    params: OpinionParams | None = None,
) -> OpinionMap:
    """Compute the opinion map from the consultation's current statement votes and store it.

    Statements that are not accepted (awaiting moderation, rejected) take no part in the
    map, as Polis excludes moderated-out comments. Participants with fewer than seven votes
    are placed on no group (Polis's rule); they still count in the consensus figures.
    """
    # The engine (numpy, scipy, scikit-learn) is imported when a map is computed, not when
    # the URLconf is: every app-server process would otherwise pay seconds at start.
    from danvan.consultations.opinion import OpinionParams, build_vote_matrix, compute_opinion_map

    params = params or OpinionParams()
    started = time.perf_counter()
    arrays = statement_vote_arrays(consultation=consultation)
    matrix = build_vote_matrix(
        participants=arrays.participants, statements=arrays.statements, votes=arrays.votes
    )
    result = compute_opinion_map(
        matrix,
        moderated_out=statements_moderated_out(consultation=consultation),
        params=params,
    )
    payload = result.to_json()
    snapshot = OpinionMap(
        consultation=consultation,
        computed_at=timezone.now(),
        k=result.k,
        participants_total=matrix.n_participants,
        participants_clustered=result.n_clustered,
        statements_total=int(result.active.sum()),
        votes_total=matrix.n_votes,
        duration_ms=round(1000 * (time.perf_counter() - started)),
        groups=payload["groups"],
        group_sizes=result.group_sizes,
        points=result.base_clusters,
        repness=payload["repness"],
        consensus=payload["consensus"],
        silhouettes={str(k): round(v, 6) for k, v in result.silhouettes.items()},
        params=params.as_dict(),
    )
    snapshot.full_clean()
    with transaction.atomic():
        snapshot.save()
        audit_record(
            actor=actor,
            verb="consultation.opinion_map",
            target=consultation,
            data={
                "k": snapshot.k,
                "participants": snapshot.participants_total,
                "clustered": snapshot.participants_clustered,
                "votes": snapshot.votes_total,
            },
        )
    return snapshot


@task()
def opinion_map_recompute(*, consultation_id: int, actor_id: int | None = None) -> int:
    """Recompute a consultation's opinion map; returns the new snapshot's id."""
    consultation = Consultation.objects.get(pk=consultation_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    snapshot = opinion_map_compute(consultation=consultation, actor=actor)
    logger.info(
        "opinion map of consultation %s: k=%s, %s of %s participants clustered, %s ms",
        consultation_id,
        snapshot.k,
        snapshot.participants_clustered,
        snapshot.participants_total,
        snapshot.duration_ms,
    )
    return int(snapshot.pk)
