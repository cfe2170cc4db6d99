"""Precision and recall of a grouping against planted campaigns (tests and benchmark).

Two definitions, both reported, because each alone can flatter a detector:

* **Pairwise**: a pair of comments is *predicted* together when both are in the same group,
  *truly* together when both are copies of the same planted campaign. Precision is the share
  of predicted pairs that are true, recall the share of true pairs that are predicted.
  Merging two campaigns, or pulling organic comments into one, costs precision; splitting a
  campaign costs recall. Counted from the contingency table, never pair by pair.
* **Membership**: a comment is *predicted* a campaign copy when it is in a group of at least
  ``min_size`` comments, *truly* one when it was planted as a copy. Precision and recall
  over comments. Says nothing about which campaign: the pairwise figures do.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Scores", "score"]

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision and recall, pairwise and by membership."""

    pair_precision: float
    pair_recall: float
    member_precision: float
    member_recall: float


def _pairs(counts: I64) -> int:
    return int((counts * (counts - 1) // 2).sum())


def score(labels: I64, truth: I64, *, min_size: int = 2) -> Scores:
    """Score predicted group ``labels`` (-1: alone) against planted ``truth`` (-1: organic)."""
    # Comments alone get labels of their own, so they pair with nobody.
    alone = labels < 0
    predicted = labels.copy()
    predicted[alone] = labels.max(initial=0) + 1 + np.arange(int(alone.sum()))
    planted = truth >= 0
    _, predicted_sizes = np.unique(predicted, return_counts=True)
    _, true_sizes = np.unique(truth[planted], return_counts=True)
    both = np.stack([predicted[planted], truth[planted]], axis=1)
    _, cell_sizes = np.unique(both, axis=0, return_counts=True)
    together = _pairs(cell_sizes)
    predicted_pairs = _pairs(predicted_sizes)
    true_pairs = _pairs(true_sizes)

    _, inverse, group_sizes = np.unique(predicted, return_inverse=True, return_counts=True)
    flagged = group_sizes[inverse] >= min_size
    hits = int((flagged & planted).sum())
    return Scores(
        pair_precision=together / predicted_pairs if predicted_pairs else 1.0,
        pair_recall=together / true_pairs if true_pairs else 1.0,
        member_precision=hits / int(flagged.sum()) if flagged.any() else 1.0,
        member_recall=hits / int(planted.sum()) if planted.any() else 1.0,
    )
