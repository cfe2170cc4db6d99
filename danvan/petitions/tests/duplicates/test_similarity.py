"""Vietnamese-aware similarity: realistic letters, normalisation, LSH and properties."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.petitions import similarity as sim
from danvan.petitions.tests.duplicates import letters

NEAR_DUPLICATE = 0.9
UNRELATED = 0.35


@pytest.mark.parametrize(
    ("variant", "floor"),
    [
        (letters.ROAD_NO_DIACRITICS, 0.99),
        (letters.ROAD_REORDERED, NEAR_DUPLICATE),
        (letters.ROAD_WITH_HEADER_AND_SIGNATURE, NEAR_DUPLICATE),
        (letters.ROAD_ONE_NUMBER, NEAR_DUPLICATE),
        (letters.ROAD_ONE_WORD, NEAR_DUPLICATE),
    ],
    ids=["without diacritics", "reordered", "header and signature", "one number", "one word"],
)
def test_retyped_versions_of_a_letter_score_high(variant: str, floor: float) -> None:
    # given a petition and the same petition retyped, reordered, or slightly changed
    # when they are compared
    score = sim.similarity(letters.ROAD, variant)
    # then they read as the same petition
    assert score >= floor
    assert score < 1.0 or variant == letters.ROAD_NO_DIACRITICS


def test_the_same_matter_told_by_a_neighbour_is_similar_but_not_identical() -> None:
    score = sim.similarity(letters.ROAD, letters.ROAD_OTHER_PERSON)
    assert 0.6 < score < NEAR_DUPLICATE


@pytest.mark.parametrize(
    ("first", "second"),
    list(
        itertools.combinations(
            [letters.ROAD, letters.LAND, letters.NOISE, letters.SOCIAL, letters.LIGHTS], 2
        )
    ),
)
def test_different_matters_to_the_same_commune_score_low(first: str, second: str) -> None:
    # given letters about different matters, all addressed "Kính gửi Ủy ban nhân dân xã…"
    # then the shared formulas and place names do not make them alike
    assert sim.similarity(first, second) < UNRELATED


def test_identical_formulas_around_different_bodies_score_low() -> None:
    # given two letters whose header, greeting, identity lines and signature are the same
    # and whose requests differ (street lights / the village hall)
    score = sim.similarity(letters.LIGHTS, letters.SCHOOL)
    # then the formulas (more than half of the words) do not make them duplicates
    assert score < 0.5
    # while without the down-weighting they would look alike
    assert sim.BOILERPLATE_WEIGHT < 1


def test_boilerplate_weight_is_what_keeps_formula_heavy_letters_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    weighted = sim.similarity(letters.LIGHTS, letters.SCHOOL)
    monkeypatch.setattr(sim, "BOILERPLATE_WEIGHT", 1.0)
    monkeypatch.setattr(sim, "FUNCTION_PAIR_WEIGHT", 1.0)
    assert sim.similarity(letters.LIGHTS, letters.SCHOOL) > weighted + 0.1


def test_tone_mark_placement_and_abbreviations_do_not_matter() -> None:
    # old and new tone placement, and the usual abbreviations of administrative letters
    assert sim.similarity("Thuỷ lợi Hoà Bình", "Thủy lợi Hòa Bình") == 1.0
    assert sim.similarity("Kính gửi UBND xã", "Kính gửi Ủy ban nhân dân xã") == 1.0
    assert sim.similarity("Số ĐT 0912", "số điện thoại 912") == 1.0


def test_numbers_are_written_one_way() -> None:
    assert sim.similarity("bồi thường 1.000.000 đồng", "bồi thường 1000000 đồng") == 1.0
    assert sim.similarity("bồi thường 1,000,000 đồng", "bồi thường 1000000 đồng") == 1.0
    assert sim.similarity("ngày 05/03/2026", "ngày 5-3-2026") == 1.0
    assert sim.syllables("thửa số 0125, diện tích 2,5 ha") == [
        "thửa",
        "số",
        "125",
        "diện",
        "tích",
        "2/5",
        "ha",
    ]
    assert sim.syllables("mã 000") == ["mã", "0"]


def test_diacritics_still_count_when_both_letters_have_them() -> None:
    # given "bán đất" (sell land) and "bạn đất": the same once diacritics are folded
    sell = "Gia đình tôi bán đất cho ông Khải từ năm 2019 nhưng chưa sang tên"
    other = "Gia đình tôi bạn đất cho ông Khải từ năm 2019 nhưng chưa sang tên"
    # then the accented channel keeps them apart a little, but not the unaccented copy
    assert sim.similarity(sell, other) < 0.97
    assert sim.similarity(sell, sim.fold(sell)) == 1.0


def test_empty_and_punctuation_only_texts() -> None:
    assert sim.similarity("", "") == 1.0
    assert sim.similarity("!!!", "...") == 1.0
    assert sim.similarity("", letters.ROAD) == 0.0
    assert sim.similarity("đường", "") == 0.0
    assert sim.profile("").is_empty
    assert sim.minhash_signature([]) == ()
    assert sim.band_keys(()) == []


def test_single_syllables_are_compared_by_characters() -> None:
    # no bigram on either side: the character n-grams decide
    assert sim.similarity("đường", "đương") == 1.0 or sim.similarity("đường", "đương") > 0.5
    assert sim.similarity("lúa", "nước") < 0.2


def test_lsh_keys_separate_near_duplicates_from_other_matters() -> None:
    road = set(sim.text_band_keys(letters.ROAD))
    assert len(road) == sim.BANDS
    assert len(road & set(sim.text_band_keys(letters.ROAD_REORDERED))) >= 10
    for other in (letters.LAND, letters.NOISE, letters.SOCIAL):
        assert not road & set(sim.text_band_keys(other))
    # a namespace keeps collections apart (sealed denunciations vs ordinary petitions)
    assert not road & set(sim.text_band_keys(letters.ROAD, namespace="sealed"))
    assert all(-(2**63) <= key < 2**63 for key in road)


def test_lsh_keys_do_not_depend_on_python_hash_randomisation() -> None:
    # given two interpreters with different hash seeds
    script = (
        "from danvan.petitions.similarity import text_band_keys;"
        "print(text_band_keys('Đường liên thôn Đông Tảo bị sụt lún nghiêm trọng sau mưa'))"
    )
    root = Path(__file__).resolve().parents[4]
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    # then the keys (stored in the database) are the same
    assert len(outputs) == 1


def test_index_finds_the_variants_first_and_ignores_other_matters() -> None:
    # given an index of letters, including hundreds of unrelated ones
    index: sim.SimilarityIndex[str] = sim.SimilarityIndex()
    for key, text in [
        ("land", letters.LAND),
        ("noise", letters.NOISE),
        ("social", letters.SOCIAL),
        ("neighbour", letters.ROAD_OTHER_PERSON),
        ("retyped", letters.ROAD_NO_DIACRITICS),
        ("reordered", letters.ROAD_REORDERED),
    ]:
        index.add(key, text)
    fields = ["ruộng lúa", "kênh mương", "trường học", "chợ xã", "nghĩa trang", "trạm y tế"]
    for i in range(300):
        matter = fields[i % len(fields)]
        index.add(f"other-{i}", f"Đề nghị xem xét việc {matter} số {i} của hộ {i * 7} thôn {i % 9}")
    assert len(index) == 306
    # when the original letter is looked up
    matches = index.search(letters.ROAD, threshold=0.5)
    # then the retyped copies come first, then the neighbour's letter, and nothing else
    assert [m.key for m in matches] == ["retyped", "reordered", "neighbour"]
    assert matches[0].score == 1.0
    assert all(m.shared_bands > 0 for m in matches)
    candidates = dict(index.candidates(letters.ROAD))
    assert "land" not in candidates


def test_index_replaces_and_removes_texts() -> None:
    index: sim.SimilarityIndex[int] = sim.SimilarityIndex(candidate_limit=1)
    index.add(1, letters.ROAD)
    index.add(2, letters.ROAD_REORDERED)
    assert len(index.candidates(letters.ROAD)) == 1  # the limit
    index.add(1, letters.LAND)  # replaced
    assert [m.key for m in index.search(letters.LAND)] == [1]
    index.remove(1)
    index.remove(99)  # unknown keys are ignored
    assert index.search(letters.LAND) == []
    assert [m.key for m in index.search(letters.ROAD)] == [2]


VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
letters_and_marks = st.text(
    alphabet=st.sampled_from(list(VIETNAMESE + VIETNAMESE.upper() + " ,.;:!?-/\n0123456789")),
    max_size=300,
)
SYLLABLES = [
    *letters.ROAD.replace(",", " ").replace(".", " ").replace(":", " ").split(),
    *["đất", "đai", "thu", "hồi", "bồi", "thường", "UBND", "1.000.000", "05/03/2026"],
]
sentences = st.lists(st.sampled_from(SYLLABLES), max_size=80).map(" ".join)
texts = st.one_of(letters_and_marks, sentences)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = sim.similarity(a, b)
    assert score == sim.similarity(b, a)
    assert 0.0 <= score <= 1.0


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_text_is_identical_to_itself_and_to_its_unaccented_copy(a: str) -> None:
    assert sim.similarity(a, a) == 1.0
    assert sim.similarity(a, sim.fold(a)) == 1.0
    assert sim.similarity(a, a.upper()) == 1.0


@settings(max_examples=100, deadline=None)
@given(sentences)
def test_band_keys_are_stable_for_a_text(a: str) -> None:
    assert sim.text_band_keys(a) == sim.text_band_keys(sim.profile(a))
