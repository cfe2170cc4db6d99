"""Group a list of comments into campaigns: exact copies, then near-duplicates.

The pipeline, and why each step is there:

1. **Exact raw copies** are found with a dictionary over the raw texts: a campaign's copies
   pasted unchanged cost one normalisation, not ten thousand.
2. Each distinct raw text gets its **folded key** (``text.folded_key``: no diacritics, no
   mail-merge slots, no punctuation or case); texts with the same key are exact duplicates
   of one another for our purpose ("Toi dong y" = "Tôi đồng ý!").
3. Each distinct key gets a **MinHash signature**; LSH banding proposes pairs, and a pair is
   kept when its Jaccard similarity reaches the threshold (``minhash``). Short texts (fewer
   than seven words) are matched exactly only.
4. **Grouping**: each text keeps one link, to the most similar of the texts above it
   (sent by more people), and the connected components of these links are the groups
   (``_components`` says why not plain union-find over all pairs).

The result is a *view* over all comments: every comment keeps its index and gets a group
label (``-1`` for a comment that stands alone), and each group lists its variants with
their counts. Nothing is dropped, merged away or hidden.
"""

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from hashlib import blake2b

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from danvan.consultations.campaigns.minhash import (
    EMPTY,
    LshParams,
    candidate_pairs,
    estimated_jaccard,
    exact_jaccard,
    signatures,
)
from danvan.consultations.campaigns.text import BATCH_TEXTS, folded_keys

__all__ = ["Detection", "Group", "Variant", "detect_campaigns", "template"]

I64 = npt.NDArray[np.int64]

TEMPLATE_SAMPLE = 4
"""Texts of a variant compared to find the template its senders filled in."""

VERIFY_MARGIN = 0.1
"""Pairs whose estimated similarity is this close to the threshold are measured exactly
(the estimate from 128 permutations has a standard error of at most 0.045)."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One way a group's text was sent: same words, with or without diacritics.

    ``text`` is what the staff read: the variant's most common raw text, or, when its
    senders filled a mail-merge template with their own names and numbers, the template
    with those slots shown as "…" (no sender's details are put forward as *the* text).
    """

    text: str
    count: int
    diacritics: bool
    example: int
    """Index (into the input) of one comment of this variant."""


@dataclass(frozen=True, slots=True)
class Group:
    """Comments that carry one text: a campaign, or simply identical comments."""

    members: I64
    """Indices into the input, ascending."""
    representative: int
    """Index of the comment whose text stands for the group."""
    text: str
    """The representative text, as displayed (the most sent variant's text)."""
    variants: tuple[Variant, ...]
    """Most sent first."""

    @property
    def count(self) -> int:
        """How many comments the group holds (each one counts: the "signatures")."""
        return int(self.members.size)


@dataclass(frozen=True, slots=True)
class Detection:
    """The grouping of one list of comments."""

    labels: I64
    """One entry per input comment: the index of its group in ``groups``, or -1 (alone)."""
    groups: tuple[Group, ...]
    """Largest first."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent per step (for the benchmark)."""


def detect_campaigns(
    texts: Sequence[str],
    *,
    params: LshParams | None = None,
    min_size: int = 2,
    workers: int = 2,
    templates: int = 20,
) -> Detection:
    """Group ``texts`` into campaigns; groups smaller than ``min_size`` are left alone.

    ``workers`` is the number of threads of the MinHash step (numpy runs them in parallel).
    The ``templates`` most sent variants of each group that were filled in differently by
    their senders are shown as their shared template (see ``template``).
    """
    params = params or LshParams()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    # 1. Exact raw copies.
    raw_index: dict[str, int] = {}
    raw_of = np.fromiter(
        (raw_index.setdefault(text, len(raw_index)) for text in texts),
        dtype=np.int64,
        count=len(texts),
    )
    raw_texts = list(raw_index)
    del raw_index
    lap("exact")

    # 2-3. Folded keys and their signatures, a batch at a time. Keys are not kept: a key is
    # known by a 64-bit digest (exact duplicates), its signature, and the first raw text that
    # gave it (to key it again if its shingles are needed, see ``_keys_again``).
    key_index: dict[bytes, int] = {}
    key_of_raw = np.empty(len(raw_texts), dtype=np.int64)
    diacritics = np.empty(len(raw_texts), dtype=np.bool_)
    first_raw = np.empty(len(raw_texts), dtype=np.int64)
    sig = np.full((len(raw_texts), params.num_perm), EMPTY, dtype=np.uint16)
    hashing = 0.0
    for first in range(0, len(raw_texts), BATCH_TEXTS):
        batch, flags = folded_keys(raw_texts[first : first + BATCH_TEXTS])
        known = len(key_index)
        new_keys: list[bytes] = []
        ids: list[int] = []
        for offset, key in enumerate(batch):
            digest = blake2b(key, digest_size=8).digest()
            found = key_index.get(digest)
            if found is None:
                found = key_index[digest] = len(key_index)
                first_raw[found] = first + offset
                new_keys.append(key)
            ids.append(found)
        key_of_raw[first : first + len(batch)] = ids
        diacritics[first : first + len(batch)] = flags
        started = time.perf_counter()
        sig[known : len(key_index)] = signatures(
            new_keys,
            num_perm=params.num_perm,
            min_shingles=params.min_shingles,
            workers=workers,
        )
        hashing += time.perf_counter() - started
    sig = sig[: len(key_index)]
    del key_index
    key_of = key_of_raw[raw_of]
    weights = np.bincount(key_of, minlength=sig.shape[0]).astype(np.int64)
    lap("normalise")
    timings["normalise"] -= hashing
    timings["minhash"] = hashing

    # 3. Near-duplicates among distinct keys.
    left, right = candidate_pairs(sig, weights, params=params, workers=workers)
    lap("lsh")
    similarity = estimated_jaccard(sig, left, right)
    del sig
    close = np.flatnonzero(np.abs(similarity - params.threshold) < VERIFY_MARGIN)
    similarity[close] = exact_jaccard(
        _keys_again(np.concatenate([left[close], right[close]]), first_raw, raw_texts),
        left[close],
        right[close],
    )
    kept = similarity >= params.threshold
    lap("verify")

    # 4. Each text joins the group of the most similar heavier text.
    component = _components(weights, left[kept], right[kept], similarity[kept])
    labels, groups = _groups(
        component[key_of],
        raw_of=raw_of,
        key_of_raw=key_of_raw,
        diacritics=diacritics,
        raw_texts=raw_texts,
        min_size=min_size,
        templates=templates,
    )
    lap("groups")
    return Detection(labels=labels, groups=groups, timings=timings)


def _keys_again(rows: I64, first_raw: I64, raw_texts: list[str]) -> dict[int, bytes]:
    """The folded keys of some distinct texts, computed again from a raw text of each."""
    wanted = np.unique(rows)
    keys, _ = folded_keys([raw_texts[int(first_raw[row])] for row in wanted])
    return dict(zip(wanted.tolist(), keys, strict=True))


def _components(weights: I64, left: I64, right: I64, similarity: npt.NDArray[np.float64]) -> I64:
    """Group labels of the distinct texts, from the kept pairs.

    Plain union-find over all kept pairs chains: one organic comment that happens to look
    like two campaigns would merge them into one. Here each text keeps **one** link: to the
    most similar of the texts above it (heavier, i.e. sent by more people; equal weights
    by earlier first appearance). Links only go up, so they form trees rooted at the
    texts most people sent, and a text in between two campaigns joins one of them
    without joining them together.
    """
    size = weights.size
    if size == 0:
        return np.zeros(0, dtype=np.int64)
    left_is_upper = weights[left] >= weights[right]  # left < right: ties go to the left
    upper = np.where(left_is_upper, left, right)
    lower = np.where(left_is_upper, right, left)
    # For each lower text: highest similarity, then the heaviest, then the earliest upper.
    order = np.lexsort((upper, -weights[upper], -similarity, lower))
    lower_sorted = lower[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = lower_sorted[1:] != lower_sorted[:-1]
    links = order[first]
    graph = coo_array(
        (np.ones(links.size, dtype=np.int8), (lower[links], upper[links])), shape=(size, size)
    ).tocsr()
    _, component = connected_components(graph, directed=False)
    labels: I64 = np.asarray(component, dtype=np.int64)
    return labels


def _groups(
    component_of: I64,
    *,
    raw_of: I64,
    key_of_raw: I64,
    diacritics: npt.NDArray[np.bool_],
    raw_texts: list[str],
    min_size: int,
    templates: int,
) -> tuple[I64, tuple[Group, ...]]:
    """Turn one component label per comment into groups with variants (largest first)."""
    labels = np.full(component_of.size, -1, dtype=np.int64)
    if component_of.size == 0:
        return labels, ()
    sizes = np.bincount(component_of)
    big = np.flatnonzero(sizes >= max(min_size, 2))
    if big.size == 0:
        return labels, ()
    # Largest first; equal sizes in order of their first comment.
    first_seen = np.full(sizes.size, component_of.size, dtype=np.int64)
    np.minimum.at(first_seen, component_of, np.arange(component_of.size))
    big = big[np.lexsort((first_seen[big], -sizes[big]))]
    rank = np.full(sizes.size, -1, dtype=np.int64)
    rank[big] = np.arange(big.size)
    labels = rank[component_of]
    in_group = np.flatnonzero(labels >= 0)
    order = in_group[np.argsort(labels[in_group], kind="stable")]
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = tuple(
        _group(
            members,
            raw_of=raw_of,
            key_of_raw=key_of_raw,
            diacritics=diacritics,
            raw_texts=raw_texts,
            templates=templates,
        )
        for members in np.split(order, bounds)
    )
    return labels, groups


def _group(
    members: I64,
    *,
    raw_of: I64,
    key_of_raw: I64,
    diacritics: npt.NDArray[np.bool_],
    raw_texts: list[str],
    templates: int,
) -> Group:
    """One group: its variants (same folded key, same use of diacritics) and its text."""
    raws, first_index, raw_counts = np.unique(
        raw_of[members], return_index=True, return_counts=True
    )
    # Variant of each distinct raw text: its folded key and whether it has diacritics.
    variant_of = key_of_raw[raws] * 2 + diacritics[raws]
    order = np.lexsort((-raw_counts, variant_of))  # per variant, its most sent raw text first
    bounds = np.flatnonzero(np.diff(variant_of[order])) + 1
    variants: list[Variant] = []
    parts = np.split(order, bounds)
    # The templates of the most sent variants only: the others are read one by one anyway.
    counts = np.array([raw_counts[positions].sum() for positions in parts])
    templated = set(np.argsort(-counts, kind="stable")[:templates].tolist())
    for number, positions in enumerate(parts):
        chosen = int(positions[0])
        text = raw_texts[int(raws[chosen])]
        if positions.size > 1 and number in templated:
            sample = positions[np.linspace(0, positions.size - 1, TEMPLATE_SAMPLE).astype(int)]
            text = template([raw_texts[int(raw)] for raw in raws[np.unique(sample)]])
        variants.append(
            Variant(
                text=text,
                count=int(raw_counts[positions].sum()),
                diacritics=bool(diacritics[raws[chosen]]),
                example=int(members[first_index[chosen]]),
            )
        )
    variants.sort(key=lambda variant: (-variant.count, variant.example))
    top = variants[0]
    return Group(
        members=members,
        representative=top.example,
        text=top.text,
        variants=tuple(variants),
    )


_TOKEN_RE = re.compile(r"\w+|[^\w\s]+")
_NO_SPACE_BEFORE = frozenset(",.:;!?)]}…%")


def _compared(token: str, placeholder: str) -> str:
    """How a token is compared: words without case, every punctuation mark alike, and a
    placeholder like nothing else (it stands for words that differed already)."""
    if token == placeholder:
        return "\x00"
    return token.lower() if token[0].isalnum() or token[0] == "_" else "."


def template(texts: Sequence[str], *, placeholder: str = "…") -> str:
    """The words all ``texts`` share, in the first one's order, with "…" where they differ.

    A mail-merge campaign has as many different raw texts as senders; the staff should read
    the template they share ("Tôi là …, sinh năm …, trú tại thôn …") rather than one
    sender's name and address put forward as *the* text. Words are compared without case.
    """
    shown = _TOKEN_RE.findall(texts[0])
    for other in texts[1:]:
        matcher = SequenceMatcher(
            None,
            [_compared(token, placeholder) for token in shown],
            [_compared(token, placeholder) for token in _TOKEN_RE.findall(other)],
            autojunk=False,
        )
        merged: list[str] = []
        a_end = b_end = 0
        for block in matcher.get_matching_blocks():
            if (block.a > a_end or block.b > b_end) and (not merged or merged[-1] != placeholder):
                merged.append(placeholder)
            merged.extend(shown[block.a : block.a + block.size])
            a_end, b_end = block.a + block.size, block.b + block.size
        shown = merged
    text = ""
    for token in shown:
        glued = token[0] in _NO_SPACE_BEFORE and token != placeholder
        text += token if glued or not text else f" {token}"
    return text
