"""Opinion map engine (the Polis method), pure numpy/scipy/scikit-learn: no Django models.

``build_vote_matrix`` turns vote rows into a sparse participant × statement matrix,
``compute_opinion_map`` runs PCA, the two-stage k-means, representative and consensus
statements on it, and ``load_polis_export`` reads a Polis CSV export into that matrix.
"""

from danvan.consultations.opinion.matrix import VoteMatrix, VoteMatrixError, build_vote_matrix
from danvan.consultations.opinion.pipeline import (
    OpinionMap,
    OpinionMapJSON,
    OpinionParams,
    compute_opinion_map,
)
from danvan.consultations.opinion.polis_export import (
    PolisExport,
    PolisExportError,
    load_polis_export,
    load_polis_groups,
)

__all__ = [
    "OpinionMap",
    "OpinionMapJSON",
    "OpinionParams",
    "PolisExport",
    "PolisExportError",
    "VoteMatrix",
    "VoteMatrixError",
    "build_vote_matrix",
    "compute_opinion_map",
    "load_polis_export",
    "load_polis_groups",
]
