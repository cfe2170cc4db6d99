"""MinHash features, signatures, banding and verification."""

import numpy as np
import pytest

from danvan.consultations.campaigns.minhash import (
    EMPTY,
    LshParams,
    candidate_pairs,
    estimated_jaccard,
    exact_jaccard,
    shingles,
    signatures,
)


def shingle_set(key: bytes) -> set[int]:
    values, offsets = shingles([key])
    return set(values[offsets[0] : offsets[1]].tolist())


def test_bigrams_stay_inside_sentences_so_order_of_sentences_does_not_matter() -> None:
    # Given a key and the same sentences in another order
    a = b"toi de nghi giu nguyen | viec nay rat quan trong | xin cam on"
    b = b"xin cam on | viec nay rat quan trong | toi de nghi giu nguyen"
    # Then the shingle sets are equal, and a bigram across a sentence break is not a shingle
    assert shingle_set(a) == shingle_set(b)
    assert len(shingle_set(a)) == 4 + 4 + 2
    assert shingle_set(b"nguyen viec") <= shingle_set(b"giu nguyen viec nay")
    assert not shingle_set(b"nguyen viec") <= shingle_set(a)


def test_word_order_inside_a_sentence_matters() -> None:
    assert shingle_set(b"dong y khong") != shingle_set(b"khong dong y")


def test_long_words_are_hashed_whole() -> None:
    # Given words that share their first eight (and sixteen) letters
    # Then they hash differently
    assert shingle_set(b"abcdefghij xyz") != shingle_set(b"abcdefghik xyz")
    assert shingle_set(b"abcdefghijklmnopq xyz") != shingle_set(b"abcdefghijklmnopr xyz")
    assert shingle_set(b"abcdefgh xyz") != shingle_set(b"abcdefghh xyz")


def test_a_key_without_bigrams_is_the_set_of_its_words() -> None:
    values, offsets = shingles([b"", b"dong", b"a | b", b"dong y"])
    assert np.diff(offsets).tolist() == [0, 1, 2, 1]
    assert values.dtype == np.uint32


def test_signatures_of_equal_sets_are_equal_and_short_keys_are_left_out() -> None:
    keys = [b"mot hai ba bon nam", b"ba bon nam | mot hai", b"mot hai", b""]
    sig = signatures(keys, num_perm=64, min_shingles=2, batch=2, workers=2)
    assert sig.shape == (4, 64)
    assert np.array_equal(sig[0], sig[1]) is False  # different sets ("hai ba" is missing)
    assert (sig[2] == EMPTY).all()
    assert (sig[3] == EMPTY).all()
    assert not (sig[0] == EMPTY).any()
    again = signatures([keys[0], b"ba bon nam | mot hai ba"], num_perm=64, workers=1)
    assert np.array_equal(again[0], signatures([keys[0]], num_perm=64)[0])


def test_estimated_jaccard_is_close_to_the_exact_one() -> None:
    # Given pairs of random word sets with known overlaps
    rng = np.random.default_rng(1)
    vocabulary = [f"w{i}".encode() for i in range(5000)]
    keys: list[bytes] = []
    for overlap in np.linspace(0, 1, 21):
        base = rng.choice(len(vocabulary), 120, replace=False)
        other = base.copy()
        changed = round(120 * (1 - overlap))
        other[:changed] = rng.choice(len(vocabulary), changed, replace=False) + 5000
        keys.append(b" | ".join(vocabulary[i] + b" x" for i in base))
        keys.append(
            b" | ".join(vocabulary[i % 5000] + b"z" * int(i >= 5000) + b" x" for i in other)
        )
    sig = signatures(keys, num_perm=128)
    left = np.arange(0, len(keys), 2)
    right = left + 1
    # When both are computed
    estimate = estimated_jaccard(sig, left, right)
    exact = exact_jaccard(dict(enumerate(keys)), left, right)
    # Then the estimate is within four standard errors of the exact value
    error = np.abs(estimate - exact)
    assert (error <= 4 * np.sqrt(exact * (1 - exact) / 128) + 0.02).all()
    assert exact[0] == pytest.approx(0.0, abs=0.02)
    assert exact[-1] == 1.0
    assert np.all(np.diff(exact) >= 0)


def test_exact_jaccard_on_hand_made_sets() -> None:
    keys = [b"a b c d", b"a b c d", b"a b x y", b"p q", b""]
    left = np.array([0, 0, 0, 4])
    right = np.array([1, 2, 3, 4])
    # {ab, bc, cd} vs {ab, bx, xy}: 1 shared of 5
    assert exact_jaccard(dict(enumerate(keys)), left, right).tolist() == pytest.approx(
        [1.0, 0.2, 0.0, 0.0]
    )


def test_candidate_pairs_link_each_bucket_to_its_heaviest_row() -> None:
    # Given three identical keys (rows 0, 1, 2) of which row 2 is the heaviest, and a stranger
    keys = [b"mot hai ba bon nam sau bay tam"] * 3 + [b"chin muoi muoi mot muoi hai muoi ba"]
    sig = signatures(keys, num_perm=128)
    weights = np.array([1, 1, 5, 1])
    # When bucketed
    left, right = candidate_pairs(sig, weights, params=LshParams())
    # Then the rows are paired with row 2 only, and the stranger with no one
    assert sorted(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 2), (1, 2)]


def test_candidate_pairs_of_nothing() -> None:
    sig = signatures([b"", b"a b c d e f g h"], num_perm=8)
    left, right = candidate_pairs(sig, np.ones(2, np.int64), params=LshParams(8, 2, 4))
    assert left.size == right.size == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"bands": 40, "rows": 4}, "bands × rows"), ({"threshold": 0.0}, "threshold")],
)
def test_lsh_params_are_checked(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LshParams(**kwargs)  # type: ignore[arg-type]
