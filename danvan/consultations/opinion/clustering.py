"""Who is clustered, and into which opinion groups (Polis ``conversation.clj``, ``clusters.clj``).

Polis clusters in two stages. Participants' 2-D positions are first summarised by k-means
into (at most) 100 *base clusters*; the opinion *groups* are then found by a k-means of the
base-cluster centres weighted by their sizes, for every k from 2 to 5 (at most one more
group per dozen base clusters), keeping the k with the best silhouette. The two stages make
the expensive part (k-means over millions of points) run once with a fixed k, while the
choice of k runs on a hundred points.

Two departures, both measured against Polis's own groups on the four conversations of
``shared/data/polis`` (``bench/consultations_opinion.py``):

* the silhouette of each candidate k is measured on (a sample of) participants rather than
  on the unweighted base-cluster centres, so a centre standing for three people does not
  weigh as much as one standing for three hundred;
* the chosen groups are refined by a k-means over the participants themselves, started from
  the group centres, so nobody is placed by the centre of their base cluster rather than by
  their own position.

Polis also seeds each run with the previous run's clusters and holds k back until a new
value wins four runs in a row; a one-off computation has no history, so the group k-means is
restarted from several weighted k-means++ seeds and the lowest weighted inertia is kept.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn import config_context
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import silhouette_score

# Polis admits a participant once they have voted on 7 statements (or on all, if fewer), and
# tops the clustered set up with the most active voters while it has fewer than 15 people.
MIN_VOTES = 7
GREEDY_MIN_PARTICIPANTS = 15
BASE_K = 100
MAX_K = 5
# Participants sampled to measure the silhouette of each candidate k.
SILHOUETTE_SAMPLE = 5_000
# Base k-means is fitted on at most this many participants, then everyone is assigned.
BASE_SAMPLE = 100_000
# Points looked at when counting distinct positions before choosing the base k.
_DISTINCT_SAMPLE = 200_000


@dataclass(frozen=True, slots=True, eq=False)
class BaseClusters:
    """k-means summary of the clustered participants' positions."""

    labels: NDArray[np.int64]  # base cluster of each clustered participant
    centers: NDArray[np.float64]  # one (x, y) per base cluster
    sizes: NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class GroupClustering:
    """Opinion groups of the clustered participants, numbered by decreasing size.

    ``labels[i]``: group of clustered participant i; ``centers[g]``: centre of group g;
    ``base_groups[b]``: the group most members of base cluster b ended up in (for drawing);
    ``silhouettes``: silhouette of the candidate clustering for each k tried.
    """

    k: int
    labels: NDArray[np.int64]
    centers: NDArray[np.float64]
    base_groups: NDArray[np.int64]
    silhouettes: dict[int, float]


def in_conversation(
    votes_per_participant: NDArray[np.int64],
    n_statements: int,
    *,
    min_votes: int = MIN_VOTES,
    greedy_min: int = GREEDY_MIN_PARTICIPANTS,
) -> NDArray[np.bool_]:
    """Which participants are clustered (Polis ``in-conv``)."""
    counts = np.asarray(votes_per_participant)
    mask = counts >= min(min_votes, max(n_statements, 1))
    missing = greedy_min - int(mask.sum())
    if missing > 0:
        candidates = np.flatnonzero(~mask & (counts > 0))
        # Most votes first; among equals the earlier participant, as a stable sort gives.
        chosen = candidates[np.argsort(-counts[candidates], kind="stable")[:missing]]
        mask[chosen] = True
    return mask


def _distinct_points(points: NDArray[np.float64], random_state: int) -> int:
    """Number of distinct points (counted on a sample when there are very many)."""
    sample = points
    if points.shape[0] > _DISTINCT_SAMPLE:
        rng = np.random.default_rng(random_state)
        sample = points[rng.choice(points.shape[0], _DISTINCT_SAMPLE, replace=False)]
    return int(np.unique(sample, axis=0).shape[0])


def base_clusters(
    points: NDArray[np.float64],
    *,
    k: int = BASE_K,
    sample: int = BASE_SAMPLE,
    random_state: int = 0,
) -> BaseClusters:
    """Summarise ``points`` by at most ``k`` base clusters (fewer when fewer distinct points).

    Beyond ``sample`` points the centres are fitted on a random sample and every point is
    then assigned to its nearest centre: a hundred centres in a plane are pinned down by a
    hundred thousand points as well as by a million, at a tenth of the cost.
    """
    n = points.shape[0]
    if n == 0:
        return BaseClusters(
            labels=np.zeros(0, dtype=np.int64),
            centers=np.zeros((0, 2)),
            sizes=np.zeros(0, dtype=np.int64),
        )
    k_eff = min(k, _distinct_points(points, random_state))
    if k_eff <= 1:
        return BaseClusters(
            labels=np.zeros(n, dtype=np.int64),
            centers=points.mean(axis=0, keepdims=True),
            sizes=np.array([n], dtype=np.int64),
        )
    model = KMeans(n_clusters=k_eff, n_init=1, random_state=random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if n > sample:
            rng = np.random.default_rng(random_state)
            model.fit(points[rng.choice(n, sample, replace=False)])
            labels = model.predict(points).astype(np.int64)
        else:
            labels = model.fit_predict(points).astype(np.int64)
    sizes = np.bincount(labels, minlength=k_eff).astype(np.int64)
    used = sizes > 0
    if not used.all():
        renumber = np.cumsum(used) - 1
        labels = renumber[labels]
    return BaseClusters(
        labels=labels,
        centers=np.asarray(model.cluster_centers_, dtype=np.float64)[used],
        sizes=sizes[used],
    )


def weighted_kmeans(
    points: NDArray[np.float64],
    weights: NDArray[np.float64],
    k: int,
    *,
    n_init: int = 20,
    max_iter: int = 100,
    random_state: int = 0,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Weighted k-means of a few hundred points at most (the base-cluster centres).

    Plain numpy: at this size the set-up cost of a scikit-learn estimator (thread-pool
    inspection, validation) is a hundred times the arithmetic, and it runs 20 × 4 times.
    Seeds are weighted k-means++; the restart with the lowest weighted inertia wins.
    """
    rng = np.random.default_rng(random_state)
    n = points.shape[0]
    best_labels = np.zeros(n, dtype=np.int64)
    best_centers = points[:k].copy()
    best_inertia = np.inf
    for _ in range(n_init):
        centers = np.empty((k, points.shape[1]))
        centers[0] = points[rng.choice(n, p=weights / weights.sum())]
        closest = ((points - centers[0]) ** 2).sum(axis=1)
        for c in range(1, k):
            mass = weights * closest
            total = mass.sum()
            pick = rng.choice(n, p=mass / total) if total > 0 else int(rng.integers(n))
            centers[c] = points[pick]
            closest = np.minimum(closest, ((points - centers[c]) ** 2).sum(axis=1))
        labels = np.full(n, -1, dtype=np.int64)
        for _ in range(max_iter):
            distances = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
            new_labels = distances.argmin(axis=1)
            if (new_labels == labels).all():
                break
            labels = new_labels
            for c in range(k):
                members = labels == c
                if members.any():
                    centers[c] = np.average(points[members], axis=0, weights=weights[members])
        inertia = float((weights * distances[np.arange(n), labels]).sum())
        if inertia < best_inertia:
            best_inertia, best_labels, best_centers = inertia, labels, centers.copy()
    return best_labels, best_centers


def _max_k(n_base: int, max_k: int) -> int:
    """Polis ``max-k-fn``: at most ``max_k``, and about one group per dozen base clusters."""
    return min(max_k, 2 + n_base // 12, n_base)


def group_participants(
    points: NDArray[np.float64],
    base: BaseClusters,
    *,
    max_k: int = MAX_K,
    n_init: int = 20,
    silhouette_sample: int = SILHOUETTE_SAMPLE,
    random_state: int = 0,
) -> GroupClustering:
    """Choose k and the groups (see the module docstring).

    For each k the candidate groups come from a k-means of the base-cluster centres weighted
    by their sizes; the silhouette is measured on (a sample of) participants, not on centres,
    so that a centre standing for three people does not weigh as much as one standing for
    three hundred. The chosen clustering is then refined by a k-means over the participants
    themselves, started from the group centres, so that nobody is placed by the centre of
    their base cluster rather than by their own position.
    """
    n = points.shape[0]
    n_base = base.centers.shape[0]
    if n_base < 2:
        labels = np.zeros(n, dtype=np.int64)
        return GroupClustering(
            k=1 if n else 0,
            labels=labels,
            centers=points.mean(axis=0, keepdims=True) if n else np.zeros((0, 2)),
            base_groups=np.zeros(n_base, dtype=np.int64),
            silhouettes={},
        )
    rng = np.random.default_rng(random_state)
    sample = np.arange(n) if n <= silhouette_sample else rng.choice(n, silhouette_sample, False)
    sample_points = points[sample]
    sample_base = base.labels[sample]
    weights = base.sizes.astype(np.float64)

    best_centers = base.centers[:1]
    best_score = -np.inf
    silhouettes: dict[int, float] = {}
    for k in range(2, _max_k(n_base, max_k) + 1):
        base_labels, centers = weighted_kmeans(
            base.centers, weights, k, n_init=n_init, random_state=random_state
        )
        sample_labels = base_labels[sample_base]
        if np.unique(sample_labels).size < 2 or np.unique(sample_labels).size >= sample.size:
            continue
        with config_context(working_memory=64):
            score = float(silhouette_score(sample_points, sample_labels))
        silhouettes[k] = score
        if score > best_score:
            best_score = score
            best_centers = centers

    if best_centers.shape[0] < 2:
        labels = np.zeros(n, dtype=np.int64)
        centers = points.mean(axis=0, keepdims=True)
    else:
        refine = KMeans(n_clusters=best_centers.shape[0], init=best_centers, n_init=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            labels = refine.fit_predict(points).astype(np.int64)
        labels, centers = _by_decreasing_size(labels, points)
    k = int(centers.shape[0])
    members = np.bincount(base.labels * k + labels, minlength=n_base * k).reshape(n_base, k)
    base_groups = members.argmax(axis=1).astype(np.int64)
    return GroupClustering(
        k=k,
        labels=labels,
        centers=centers,
        base_groups=base_groups,
        silhouettes=silhouettes,
    )


def _by_decreasing_size(
    labels: NDArray[np.int64], points: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Renumber groups 0, 1, … by decreasing size (ties: by centre x, then y); drop empty ones."""
    present = np.unique(labels)
    size = np.bincount(labels)[present]
    centers = np.array([points[labels == g].mean(axis=0) for g in present])
    order = np.lexsort((centers[:, 1], centers[:, 0], -size))
    renumber = np.zeros(int(present.max()) + 1, dtype=np.int64)
    renumber[present[order]] = np.arange(order.size)
    return renumber[labels], centers[order]
