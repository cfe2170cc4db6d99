"""The whole opinion map: votes in, groups, representative and consensus statements out."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

import numpy as np
from numpy.typing import NDArray

from danvan.consultations.opinion.clustering import (
    BASE_K,
    BASE_SAMPLE,
    GREEDY_MIN_PARTICIPANTS,
    MAX_K,
    MIN_VOTES,
    SILHOUETTE_SAMPLE,
    base_clusters,
    group_participants,
    in_conversation,
)
from danvan.consultations.opinion.matrix import VoteMatrix
from danvan.consultations.opinion.pca import Projection, project
from danvan.consultations.opinion.repness import (
    PICK_MAX,
    ConsensusStatement,
    RepStatement,
    count_votes,
    select_consensus,
    select_representative,
)


@dataclass(frozen=True, slots=True)
class OpinionParams:
    """Tunable knobs; the defaults are Polis's."""

    min_votes: int = MIN_VOTES
    greedy_min_participants: int = GREEDY_MIN_PARTICIPANTS
    base_k: int = BASE_K
    base_sample: int = BASE_SAMPLE
    max_k: int = MAX_K
    pick_max: int = PICK_MAX
    group_n_init: int = 20
    silhouette_sample: int = SILHOUETTE_SAMPLE
    random_state: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class BaseClusterPoint(TypedDict):
    """One base cluster as drawn on the map: centre, member count and group."""

    x: float
    y: float
    size: int
    group: int


class OpinionMapJSON(TypedDict):
    """The ``opinion_map --json`` document."""

    k: int
    groups: dict[str, int]
    repness: dict[str, list[RepStatement]]
    consensus: list[ConsensusStatement]


@dataclass(frozen=True, slots=True, eq=False)
class OpinionMap:
    """Result of :func:`compute_opinion_map`.

    ``participant_ids`` / ``groups`` / ``coords`` cover every participant of the matrix;
    ``groups[i]`` is −1 for a participant who was not clustered (too few votes).
    """

    k: int
    participant_ids: NDArray[Any]
    groups: NDArray[np.int64]
    coords: NDArray[np.float64]
    statement_ids: NDArray[Any]
    statement_coords: NDArray[np.float64]
    active: NDArray[np.bool_]
    group_sizes: list[int]
    base_clusters: list[BaseClusterPoint]
    silhouettes: dict[int, float]
    repness: dict[int, list[RepStatement]]
    consensus: list[ConsensusStatement]
    params: OpinionParams = field(default_factory=OpinionParams)

    @property
    def n_clustered(self) -> int:
        return int(np.count_nonzero(self.groups >= 0))

    def group_of(self) -> dict[str, int]:
        """Participant id (as text) → group index, for clustered participants only."""
        clustered = np.flatnonzero(self.groups >= 0)
        ids = self.participant_ids[clustered].tolist()
        labels = self.groups[clustered].tolist()
        return {str(pid): int(g) for pid, g in zip(ids, labels, strict=True)}

    def to_json(self) -> OpinionMapJSON:
        return {
            "k": self.k,
            "groups": self.group_of(),
            "repness": {str(g): entries for g, entries in self.repness.items()},
            "consensus": self.consensus,
        }


def _active_mask(matrix: VoteMatrix, moderated_out: Collection[Any]) -> NDArray[np.bool_]:
    if not moderated_out:
        return np.ones(matrix.n_statements, dtype=bool)
    out = np.asarray(list(moderated_out))
    if out.dtype.kind != matrix.statement_ids.dtype.kind:
        out = out.astype(matrix.statement_ids.dtype)
    return ~np.isin(matrix.statement_ids, out)


def _plain_ids(ids: NDArray[Any]) -> list[int | str]:
    return [v if isinstance(v, int) else str(v) for v in ids.tolist()]


def compute_opinion_map(
    matrix: VoteMatrix,
    *,
    moderated_out: Collection[Any] = (),
    params: OpinionParams | None = None,
) -> OpinionMap:
    """Run the Polis method on ``matrix``.

    ``moderated_out`` holds statement ids excluded by moderation: they take no part in the
    components, the representative or the consensus statements.
    """
    params = params or OpinionParams()
    active = _active_mask(matrix, moderated_out)
    projection: Projection = project(matrix, active=active, random_state=params.random_state)

    clustered = in_conversation(
        matrix.votes_per_participant(),
        matrix.n_statements,
        min_votes=params.min_votes,
        greedy_min=params.greedy_min_participants,
    )
    clustered_rows = np.flatnonzero(clustered)
    points = projection.coords[clustered_rows]
    base = base_clusters(
        points, k=params.base_k, sample=params.base_sample, random_state=params.random_state
    )
    grouping = group_participants(
        points,
        base,
        max_k=params.max_k,
        n_init=params.group_n_init,
        silhouette_sample=params.silhouette_sample,
        random_state=params.random_state,
    )
    groups = np.full(matrix.n_participants, -1, dtype=np.int64)
    groups[clustered_rows] = grouping.labels

    counts = count_votes(matrix, groups, grouping.k)
    statement_ids = _plain_ids(matrix.statement_ids)
    repness = select_representative(counts, statement_ids, active, pick_max=params.pick_max)
    consensus = select_consensus(counts, statement_ids, active, pick_max=params.pick_max)

    return OpinionMap(
        k=grouping.k,
        participant_ids=matrix.participant_ids,
        groups=groups,
        coords=projection.coords,
        statement_ids=matrix.statement_ids,
        statement_coords=projection.statement_coords,
        active=active,
        group_sizes=np.bincount(groups[clustered_rows], minlength=grouping.k).tolist(),
        base_clusters=[
            {"x": float(x), "y": float(y), "size": int(size), "group": int(group)}
            for (x, y), size, group in zip(
                base.centers.tolist(),
                base.sizes.tolist(),
                grouping.base_groups.tolist(),
                strict=True,
            )
        ],
        silhouettes=grouping.silhouettes,
        repness=repness,
        consensus=consensus,
        params=params,
    )
