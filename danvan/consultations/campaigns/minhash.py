"""MinHash signatures and LSH banding over folded keys, vectorised in numpy.

Why it looks like this:

* **Features.** A comment is the *set* of its word bigrams, taken inside each sentence only
  (never across a ``|`` sentence mark). A set does not see the order of its elements, so a
  copy with its sentences reordered has exactly the features of the original; a copy with
  a word changed loses two bigrams and gains two. A comment too short to have a bigram is
  the set of its words.
* **Hashing without Python loops.** All keys of a batch are joined into one byte buffer.
  Vietnamese words are single syllables of at most seven ASCII letters once folded, so a
  word *is* a 64-bit integer: its first eight bytes read straight from the buffer (a strided
  view, one gather); longer words add their next eight bytes, mixed in. Word and bigram
  hashes go through the splitmix64 finaliser, so similar words get unrelated hashes.
  Nothing depends on Python's per-process ``hash`` seed: results are the same every run.
* **Signatures.** Each shingle is kept as 32 bits; ``num_perm`` hash functions
  ``h(x) = a·x mod 2³²`` (odd multipliers, so each is a permutation of the 32-bit values;
  fixed seed), and the minimum per comment is one ``minimum.reduceat`` over a batch. Keys
  are hashed a batch at a time, and the permutations are split over threads (numpy
  releases the GIL in its loops). Each signature value keeps the low 16 bits of its minimum
  (b-bit MinHash: half the memory; two different minima agree by chance once in 65,536,
  which adds nothing measurable to the similarity estimate).
* **Banding.** ``bands`` bands of ``rows`` values each (25 × 5 by default: the choice
  datasketch makes for the same threshold); a pair of comments with Jaccard similarity J
  shares at least one band with probability 1 − (1 − J^rows)^bands: 0.55 at J = 0.5,
  0.86 at 0.6, 0.98 at 0.7, and 0.8% at 0.2. Inside a bucket, every comment is paired
  with the bucket's *heaviest* comment (the one most people sent), not with every other:
  a campaign of ten thousand distinct edits costs ten thousand pairs per band, not fifty
  million, and each edit is compared with the text it was made from.
* **Verification.** A candidate pair is kept when its Jaccard similarity reaches the
  threshold: estimated from the signatures (the share of equal values; standard error at
  most 0.045 at 128 permutations), and computed exactly from the shingles for the pairs
  whose estimate lies close to the threshold (``exact_jaccard``).
"""

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from danvan.consultations.campaigns.text import SENTENCE_MARK

__all__ = [
    "LshParams",
    "candidate_pairs",
    "estimated_jaccard",
    "exact_jaccard",
    "shingles",
    "signatures",
]

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
U16 = npt.NDArray[np.uint16]

SEED: Final = 0x64616E76616E  # "danvan": fixed, so signatures never change between runs
BATCH_KEYS: Final = 20_000
"""Keys hashed per batch: bounds the temporary arrays to a few tens of megabytes."""
EMPTY: Final = np.uint16(0xFFFF)
"""The signature value of a key without shingles (no real value is ever this)."""
_C1: Final = np.uint64(0xBF58476D1CE4E5B9)
_C2: Final = np.uint64(0x94D049BB133111EB)
_GOLDEN: Final = np.uint64(0x9E3779B97F4A7C15)
_MASKS: Final = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class LshParams:
    """MinHash and banding parameters (``bands × rows`` must not exceed ``num_perm``)."""

    num_perm: int = 128
    bands: int = 25
    rows: int = 5
    threshold: float = 0.5
    min_shingles: int = 6
    """Shorter texts (fewer than seven words) are grouped with exact copies only: between two
    short texts one word is a large share ("Đồng ý với Điều 5" / "Không đồng ý với Điều 5"
    have a Jaccard similarity of 0.8), so near-duplicates of them mean nothing."""

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            msg = "bands × rows must not exceed num_perm"
            raise ValueError(msg)
        if not 0.0 < self.threshold <= 1.0:
            msg = "threshold must lie in (0, 1]"
            raise ValueError(msg)


def _sorted_unique(values: U64) -> U64:
    """``np.unique`` by sorting (numpy 2's hash-based ``unique`` is far slower on 64-bit keys)."""
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _mix(values: U64) -> U64:
    """splitmix64's finaliser, in place: a bijection that spreads every input bit."""
    values ^= values >> np.uint64(30)
    values *= _C1
    values ^= values >> np.uint64(27)
    values *= _C2
    values ^= values >> np.uint64(31)
    return values


def _word_hashes(buffer: bytes, starts: I64, lengths: I64) -> U64:
    """Hash each word of ``buffer`` (given by its start and length) to 64 bits."""
    padded = np.frombuffer(buffer + bytes(8), dtype=np.uint8)
    # Element i of this view is the eight bytes buffer[i:i+8] read as one little-endian
    # integer: a word of up to eight letters is read whole by one gather.
    eights: U64 = np.ndarray(
        shape=(padded.size - 7,), dtype="<u8", buffer=padded, offset=0, strides=(1,)
    ).view(np.uint64)
    hashes = eights[starts] & _MASKS[np.minimum(lengths, 8)]
    hashes ^= lengths.astype(np.uint64) << np.uint64(56)
    _mix(hashes)
    long_words = np.flatnonzero(lengths > 8)
    offset = 8
    while long_words.size:
        rest = lengths[long_words] - offset
        part = eights[starts[long_words] + offset] & _MASKS[np.minimum(rest, 8)]
        part += np.uint64(offset)
        hashes[long_words] = _mix(hashes[long_words] * _GOLDEN + _mix(part))
        long_words = long_words[rest > 8]
        offset += 8
    return hashes


def _batch_shingles(keys: Sequence[bytes]) -> tuple[U32, I64]:
    """Return the 32-bit shingle hashes of ``keys`` (key by key) and their per-key counts."""
    buffer = b"\n".join(keys)
    data = np.frombuffer(buffer, dtype=np.uint8)
    is_gap = np.ones(data.size + 2, dtype=np.int8)
    newline = data == ord("\n")
    is_gap[1:-1] = (data == ord(" ")) | newline
    edges = np.diff(is_gap)
    starts = np.flatnonzero(edges == -1)
    lengths = np.flatnonzero(edges == 1) - starts
    owner = np.cumsum(newline, dtype=np.int32)[starts]
    is_mark = (lengths == 1) & (data[starts] == SENTENCE_MARK[0])
    hashes = _word_hashes(buffer, starts, lengths)

    # Bigrams: two neighbouring words of one comment, neither of them a sentence mark.
    pair_ok = (owner[1:] == owner[:-1]) & ~is_mark[1:] & ~is_mark[:-1]
    left = np.flatnonzero(pair_ok)
    values = _mix(hashes[left] * _GOLDEN + hashes[left + 1])
    owners = owner[left]
    counts = np.bincount(owners, minlength=len(keys)).astype(np.int64)

    # A comment without any bigram is the set of its words.
    lonely = (counts[owner] == 0) & ~is_mark
    if lonely.any():
        values = np.concatenate([values, _mix(hashes[lonely] ^ _GOLDEN)])
        owners = np.concatenate([owners, owner[lonely]])
        values = values[np.argsort(owners, kind="stable")]
        counts = np.bincount(owners, minlength=len(keys)).astype(np.int64)
    return (values >> np.uint64(32)).astype(np.uint32), counts


def shingles(keys: Sequence[bytes]) -> tuple[U32, I64]:
    """Return ``(values, offsets)``: key ``i`` has shingles ``values[offsets[i]:offsets[i+1]]``.

    An empty key has no shingle.
    """
    values, counts = _batch_shingles(keys) if keys else (np.zeros(0, np.uint32), np.zeros(0))
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return values, offsets


def _permutations(num_perm: int) -> U32:
    """The fixed multipliers of the hash functions (odd, so each is a bijection)."""
    rng = np.random.default_rng(SEED)
    return rng.integers(0, 2**31, size=num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)


def signatures(
    keys: Sequence[bytes],
    *,
    num_perm: int,
    min_shingles: int = 1,
    workers: int = 2,
    batch: int = BATCH_KEYS,
) -> U16:
    """Return the ``(keys, num_perm)`` MinHash signatures; ``EMPTY`` rows for keys with fewer
    than ``min_shingles`` shingles (they are never bucketed, so they match nothing).

    Keys are hashed ``batch`` at a time, so the temporary arrays stay small whatever the
    number of comments. Each signature value keeps the low 16 bits of the minimum (b-bit
    MinHash: two different minima agree by chance once in 65,536, which adds nothing
    measurable to the similarity estimate and halves the memory).
    """
    result = np.full((len(keys), num_perm), EMPTY, dtype=np.uint16)
    multipliers = _permutations(num_perm)
    workers = max(1, min(workers, num_perm))
    columns = [range(w, num_perm, workers) for w in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for first in range(0, len(keys), batch):
            values, offsets = shingles(keys[first : first + batch])
            counts = np.diff(offsets)
            present = np.flatnonzero(counts >= max(min_shingles, 1))
            if present.size == 0:
                continue
            # Shingles of the keys left out are dropped, so every segment is one key's.
            values = values[np.repeat(counts >= max(min_shingles, 1), counts)]
            segment_starts = np.concatenate(([0], np.cumsum(counts[present])[:-1]))
            rows = present + first

            def run(
                chunk: range,
                values: U32 = values,
                segment_starts: I64 = segment_starts,
                rows: I64 = rows,
            ) -> None:
                scratch = np.empty(values.size, dtype=np.uint32)
                for column in chunk:
                    np.multiply(values, multipliers[column], out=scratch)
                    minima = np.minimum.reduceat(scratch, segment_starts)
                    # An all-ones low half would read as EMPTY: fold it onto its neighbour.
                    low = (minima & np.uint32(0xFFFF)).astype(np.uint16)
                    low[low == EMPTY] = EMPTY - 1
                    result[rows, column] = low

            list(pool.map(run, columns))
    return result


def _band_keys(block: U16) -> U64:
    """One 64-bit key per row of a band (its ``rows`` signature values, mixed)."""
    key = np.zeros(block.shape[0], dtype=np.uint64)
    for column in range(block.shape[1]):
        key = _mix(key * _GOLDEN + block[:, column].astype(np.uint64))
    return key


def candidate_pairs(
    sig: U16, weights: I64, *, params: LshParams, workers: int = 2
) -> tuple[I64, I64]:
    """Return the candidate pairs ``(left, right)`` (row indices, ``left < right``), unique.

    ``weights`` (how many comments each row stands for) picks each bucket's anchor: the
    heaviest row, ties broken by the lower index. Bands are bucketed on ``workers`` threads.
    """
    rows_present = np.flatnonzero(sig[:, 0] != EMPTY) if sig.size else np.zeros(0, np.int64)
    empty = np.zeros(0, dtype=np.int64)
    if rows_present.size < 2:
        return empty, empty
    # Anchor choice as one integer: heavier first, then lower index.
    top = np.int64(rows_present.max()) + 1
    score = weights[rows_present].astype(np.int64) * top + (top - 1 - rows_present)

    def bucket(band: int) -> U64:
        """The pairs (packed ``left << 32 | right``) of one band's buckets."""
        block = sig[rows_present, band * params.rows : (band + 1) * params.rows]
        key = _band_keys(block)
        order = np.argsort(key)
        sorted_key = key[order]
        boundary = np.ones(order.size, dtype=bool)
        boundary[1:] = sorted_key[1:] != sorted_key[:-1]
        bucket_start = np.flatnonzero(boundary)
        shared = np.diff(np.append(bucket_start, order.size)) > 1
        best = np.maximum.reduceat(score[order], bucket_start)
        anchor_row = rows_present[top - 1 - best % top]
        bucket_of = np.cumsum(boundary) - 1
        in_shared = shared[bucket_of]
        members = rows_present[order[in_shared]]
        anchors = anchor_row[bucket_of[in_shared]]
        keep = members != anchors
        left = np.minimum(members[keep], anchors[keep]).astype(np.uint64)
        right = np.maximum(members[keep], anchors[keep]).astype(np.uint64)
        return _sorted_unique((left << np.uint64(32)) | right)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = list(pool.map(bucket, range(params.bands)))
    packed = _sorted_unique(np.concatenate(found))
    return (packed >> np.uint64(32)).astype(np.int64), (packed & np.uint64(0xFFFFFFFF)).astype(
        np.int64
    )


def estimated_jaccard(
    sig: U16, left: I64, right: I64, *, chunk: int = 200_000
) -> npt.NDArray[np.float64]:
    """The share of equal signature values of each pair: an estimate of their Jaccard similarity."""
    result = np.empty(left.size, dtype=np.float64)
    width = sig.shape[1]
    for first in range(0, left.size, chunk):
        last = first + chunk
        equal = np.count_nonzero(sig[left[first:last]] == sig[right[first:last]], axis=1)
        result[first:last] = equal / width
    return result


def _gather(values: U32, offsets: I64, rows: I64) -> tuple[U32, I64]:
    """The shingles of ``rows`` one after the other, and the position (in ``rows``) of each."""
    starts = offsets[rows]
    lengths = offsets[rows + 1] - starts
    owner = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    first = np.cumsum(lengths) - lengths
    index = np.arange(owner.size, dtype=np.int64) - first[owner] + starts[owner]
    return values[index], owner


def _distinct_per_owner(tags: U64, owners: int) -> I64:
    """How many distinct tags each owner has (the owner is the tag's upper 32 bits)."""
    distinct = _sorted_unique(tags)
    return np.bincount((distinct >> np.uint64(32)).astype(np.int64), minlength=owners)


def exact_jaccard(
    keys: Mapping[int, bytes], left: I64, right: I64, *, chunk: int = 10_000
) -> npt.NDArray[np.float64]:
    """The Jaccard similarity of the shingle sets of each pair of keys, computed exactly.

    ``keys`` maps each row named in ``left`` and ``right`` to its key.
    Used for the pairs whose estimate lies close to the threshold, where the estimate's
    sampling error could decide. The shingles of the keys involved are hashed again (a few
    per cent of all keys); each is tagged with its pair number in the upper 32 bits, and
    the sizes of the two sets and of their union are counts of distinct tags per pair.
    """
    result = np.zeros(left.size, dtype=np.float64)
    for first in range(0, left.size, chunk):
        batch_left, batch_right = left[first : first + chunk], right[first : first + chunk]
        involved, inverse = np.unique(
            np.concatenate([batch_left, batch_right]), return_inverse=True
        )
        values, offsets = shingles([keys[int(row)] for row in involved])
        pairs = np.arange(batch_left.size, dtype=np.uint64) << np.uint64(32)
        a_values, a_owner = _gather(values, offsets, inverse[: batch_left.size])
        b_values, b_owner = _gather(values, offsets, inverse[batch_left.size :])
        a_tags = pairs[a_owner] | a_values.astype(np.uint64)
        b_tags = pairs[b_owner] | b_values.astype(np.uint64)
        size_a = _distinct_per_owner(a_tags, pairs.size)
        size_b = _distinct_per_owner(b_tags, pairs.size)
        union = _distinct_per_owner(np.concatenate([a_tags, b_tags]), pairs.size)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = (size_a + size_b - union) / union
        result[first : first + batch_left.size] = np.nan_to_num(share)
    return result
