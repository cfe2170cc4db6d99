"""Principal components of the vote matrix, the way Polis computes them, without densifying.

Polis replaces every missing vote by its statement's mean vote, centres the columns and takes
the first two principal components; a participant's position is then the projection of their
own votes only, pushed out from the centre by ``sqrt(n_statements / n_votes)`` so that people
who voted little are not all piled up in the middle (Polis ``pca.clj``,
``sparsity-aware-project-ptpt``).

Mean imputation makes the centring free: an imputed cell equals its column mean, so after
centring it is exactly zero. The centred matrix therefore has the same sparsity pattern as
the votes, with ``vote − mean`` in place of each vote, and its truncated SVD is computed on
that sparse matrix directly. No dense matrix and no centring operator is ever built.

Moderated-out statements are zeroed as Polis does (``zero-out-columns``): a zeroed column
carries no variance, so it does not move the components, but it still counts as a column
every participant has "answered" in the sparsity scaling. That quirk is kept on purpose, to
land on the same positions as Polis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.linalg import svds

from danvan.consultations.opinion.matrix import VoteMatrix

N_COMPONENTS = 2


@dataclass(frozen=True, slots=True, eq=False)
class Projection:
    """Participants and statements in the plane of the first two principal components.

    ``coords``: one (x, y) per participant, sparsity-scaled as Polis does.
    ``statement_coords``: where a participant who agreed with that one statement only would
    sit (Polis ``pca-project-cmnts``), for drawing statements on the map.
    ``center``: mean vote per statement (0 for moderated-out statements).
    ``components``: 2 × n_statements, unit rows.
    """

    coords: NDArray[np.float64]
    statement_coords: NDArray[np.float64]
    center: NDArray[np.float64]
    components: NDArray[np.float64]
    singular_values: NDArray[np.float64]


def column_means(matrix: VoteMatrix) -> NDArray[np.float64]:
    """Mean vote of each statement over those who voted on it (0 when nobody did)."""
    votes = matrix.votes
    sums = np.bincount(votes.indices, weights=votes.data, minlength=matrix.n_statements)
    counts = matrix.votes_per_statement()
    means = np.zeros(matrix.n_statements, dtype=np.float64)
    np.divide(sums, counts, out=means, where=counts > 0)
    return means


def centred_votes(matrix: VoteMatrix, active: NDArray[np.bool_]) -> sp.csr_array:
    """The mean-imputed, column-centred vote matrix: sparse, same pattern as the votes."""
    return _centred(matrix, active, np.where(active, column_means(matrix), 0.0))


def _centred(
    matrix: VoteMatrix, active: NDArray[np.bool_], center: NDArray[np.float64]
) -> sp.csr_array:
    votes = matrix.votes
    data = votes.data.astype(np.float64)
    data -= center[votes.indices]
    if not active.all():
        data[~active[votes.indices]] = 0.0
    return sp.csr_array((data, votes.indices, votes.indptr), shape=votes.shape)


def _top_components(
    centred: sp.csr_array, random_state: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """First two right singular vectors (as rows) and singular values, largest first."""
    n_rows, n_cols = centred.shape
    rank_cap = min(n_rows, n_cols)
    components = np.zeros((N_COMPONENTS, n_cols))
    values = np.zeros(N_COMPONENTS)
    if rank_cap == 0 or not centred.data.any():
        return components, values
    if rank_cap <= N_COMPONENTS + 1:
        # ARPACK needs k < min(shape); tiny matrices are solved densely.
        _, s, vt = np.linalg.svd(centred.toarray(), full_matrices=False)
        take = min(N_COMPONENTS, s.size)
        components[:take] = vt[:take]
        values[:take] = s[:take]
    else:
        rng = np.random.default_rng(random_state)
        start = rng.uniform(-1.0, 1.0, size=min(n_rows, n_cols))
        _, s, vt = svds(centred, k=N_COMPONENTS, v0=start, solver="arpack")
        order = np.argsort(s)[::-1]
        components[:] = vt[order]
        values[:] = s[order]
    # Deterministic signs: the largest loading of each component is positive.
    for row in components:
        pivot = int(np.argmax(np.abs(row)))
        if row[pivot] < 0:
            row *= -1.0
    return components, values


def project(matrix: VoteMatrix, *, active: NDArray[np.bool_], random_state: int = 0) -> Projection:
    """Polis's PCA and sparsity-aware projection of every participant.

    ``active`` marks the statements that are not moderated out.
    """
    if active.shape != (matrix.n_statements,):
        raise ValueError("active must have one flag per statement")
    center = np.where(active, column_means(matrix), 0.0)
    centred = _centred(matrix, active, center)
    components, values = _top_components(centred, random_state)
    coords = np.asarray(centred @ components.T)
    del centred

    # Polis counts a zeroed (moderated-out) column as answered by everyone.
    n_zeroed = int(np.count_nonzero(~active))
    indptr = matrix.votes.indptr
    if n_zeroed:
        answered_cum = np.zeros(matrix.n_votes + 1, dtype=np.int64)
        np.cumsum(active[matrix.votes.indices], out=answered_cum[1:])
        answered = answered_cum[indptr[1:]] - answered_cum[indptr[:-1]] + n_zeroed
    else:
        answered = np.diff(indptr).astype(np.int64)
    coords *= np.sqrt(matrix.n_statements / np.maximum(answered, 1))[:, None]

    statement_coords = ((1.0 - center)[:, None] * components.T) * np.sqrt(matrix.n_statements)
    statement_coords[~active] = 0.0
    return Projection(
        coords=coords,
        statement_coords=statement_coords,
        center=center,
        components=components,
        singular_values=values,
    )
