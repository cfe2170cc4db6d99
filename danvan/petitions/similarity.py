"""Vietnamese-aware text similarity for spotting duplicate petitions (pure Python, no Django).

Why it looks like this:

* Vietnamese is written in syllables separated by spaces, and most words are two or more
  syllables ("đất đai", "giải phóng mặt bằng"). Single syllables say little, so the unit of
  meaning here is the **syllable bigram**; **character n-grams** (3–5) of the folded text add
  tolerance for typos and for words split or joined differently.
* People type with and without diacritics, and with two tone-mark placements ("hoà"/"hòa",
  "thuỷ"/"thủy"). Every syllable is therefore seen twice: **folded** (no marks, đ→d), the
  channel that always counts, and **accented** in a canonical Telex-like form (vowel shapes
  kept, tone moved to a suffix), which counts only when both texts carry diacritics and tells
  "bán" (sell) from "bạn" (friend).
* Petitions share a lot of administrative boilerplate ("Kính gửi Ủy ban nhân dân xã…",
  "Tôi tên là…", "Xin chân thành cảm ơn"). Known boilerplate phrases and pairs of function
  words are down-weighted, not removed, so that two letters about different matters score
  low even when half of their words are the same formulas.
* Candidates are found with **MinHash LSH** on the folded bigrams: each text gives
  ``BANDS`` keys; texts sharing a key are candidates, and only candidates are scored
  exactly. The keys are plain 64-bit integers, so a database index of them scales to
  millions of cases (``danvan.petitions.models.duplicates.CaseBand``).

Everything is deterministic: hashes are BLAKE2b (never Python's randomised ``hash``), the
MinHash permutations come from a fixed seed, and ties are broken by insertion order.
Scores are symmetric, lie in [0, 1], and identical texts score exactly 1.0.
"""

import hashlib
import math
import random
import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

# Bump when features, weights or hashing change: stored fingerprints must then be rebuilt.
ALGORITHM_VERSION = 1

# MinHash LSH: 20 bands of 2 rows. A pair with Jaccard similarity J of its bigram sets
# becomes a candidate with probability 1 - (1 - J**2)**20: 0.56 at J=0.2, 0.85 at J=0.3,
# 0.97 at J=0.4, while unrelated letters (J≈0.02) collide in under 1% of pairs.
BANDS = 20
ROWS = 2
NUM_PERM = BANDS * ROWS
_MERSENNE = (1 << 61) - 1
_rng = random.Random(0x64616E76616E)  # "danvan": fixed, so signatures never change  # noqa: S311
_PERMUTATIONS: tuple[tuple[int, int], ...] = tuple(
    (_rng.randrange(1, _MERSENNE), _rng.randrange(0, _MERSENNE)) for _ in range(NUM_PERM)
)

# Weights of the channels and features (tuned on the realistic letters in the tests).
CHAR_NGRAM_SIZES = (3, 4, 5)
BIGRAM_SHARE = 0.5  # of the folded score; the character n-grams take the rest
ACCENTED_SHARE = 0.2  # of the final score, when both texts carry diacritics
BOILERPLATE_WEIGHT = 0.1
FUNCTION_PAIR_WEIGHT = 0.2
ACCENTED_RATIO = 0.25  # share of syllables with marks from which a text counts as accented
MIN_LSH_SHINGLES = 4

_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
# Tone marks as combining characters, with their Telex letters (huyền, sắc, hỏi, ngã, nặng).
_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
# A number (with its thousands, decimal or date separators) or a run of letters.
_TOKEN = re.compile(r"\d+(?:[.,/-]\d+)*|[^\W\d_]+")
# "1.000.000" and "1,000,000" are the same amount as "1000000".
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_NUMBER_PARTS = re.compile(r"[.,/-]")
# Sentences end at . ! ? … before a space or the end, at line breaks and at semicolons;
# clauses at commas that are not decimal commas.
_SENTENCE = re.compile(r"[.!?…]+(?=\s|$)|[\n;]+")
_CLAUSE = re.compile(r",(?!\d)")
SHORT_SENTENCE = 20  # syllables: a sentence this short with an identity marker is all details
SIGNATURE_TAIL = 40  # syllables from the end within which a signature block starts

# Common abbreviations in administrative letters, expanded before comparison.
_ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "tp": "thành phố",
    "tx": "thị xã",
    "gcn": "giấy chứng nhận",
    "qsdd": "quyền sử dụng đất",
    "gcnqsdd": "giấy chứng nhận quyền sử dụng đất",
    "cccd": "căn cước công dân",
    "cmnd": "chứng minh nhân dân",
    "sdt": "số điện thoại",
    "dt": "điện thoại",
    "vv": "về việc",
    "gpmb": "giải phóng mặt bằng",
    "tdp": "tổ dân phố",
}

# Formulas of Vietnamese petitions ("#" matches any number). Down-weighted, never removed.
_BOILERPLATE_PHRASES = (
    "cộng hòa xã hội chủ nghĩa việt nam",
    "độc lập tự do hạnh phúc",
    "kính gửi",
    "ủy ban nhân dân",
    "hội đồng nhân dân",
    "chủ tịch",
    "ban tiếp công dân",
    "trụ sở tiếp công dân",
    "thanh tra",
    "tôi tên là",
    "tôi là",
    "họ và tên",
    "họ tên",
    "sinh năm",
    "năm sinh",
    "căn cước công dân",
    "chứng minh nhân dân",
    "hộ chiếu",
    "cấp ngày",
    "nơi cấp",
    "địa chỉ",
    "nơi cư trú",
    "cư trú tại",
    "thường trú tại",
    "tạm trú tại",
    "số điện thoại",
    "điện thoại",
    "đơn kiến nghị",
    "đơn phản ánh",
    "đơn khiếu nại",
    "đơn tố cáo",
    "đơn đề nghị",
    "đơn thư",
    "về việc",
    "nội dung",
    "kính đề nghị",
    "kính mong",
    "đề nghị",
    "xem xét giải quyết",
    "xem xét",
    "quan tâm",
    "xin chân thành cảm ơn",
    "xin trân trọng cảm ơn",
    "chân thành cảm ơn",
    "xin cảm ơn",
    "trân trọng",
    "người viết đơn",
    "người làm đơn",
    "người kiến nghị",
    "người khiếu nại",
    "ký và ghi rõ họ tên",
    "ký ghi rõ họ tên",
    "ngày # tháng # năm #",
    "tháng # năm #",
)

# Markers of the sender's own details (name, birth, identity paper, address, contact).
_IDENTITY_MARKERS = (
    "tên là",
    "họ và tên",
    "họ tên",
    "sinh năm",
    "năm sinh",
    "sinh ngày",
    "căn cước",
    "chứng minh nhân dân",
    "hộ chiếu",
    "số định danh",
    "địa chỉ",
    "cư trú",
    "thường trú",
    "tạm trú",
    "quê quán",
    "điện thoại",
    "thư điện tử",
    "email",
    "kính gửi",
    "nơi cấp",
    "cấp ngày",
    "ngày # tháng # năm #",
)
# Where the signature block starts.
_SIGNATURE_MARKERS = (
    "người viết đơn",
    "người làm đơn",
    "người kiến nghị",
    "người phản ánh",
    "người khiếu nại",
    "người đề nghị",
    "ký và ghi rõ họ tên",
    "ký ghi rõ họ tên",
    "ký tên",
)

# Function words: a bigram of two of them carries almost no meaning.
_FUNCTION_WORDS = frozenset({
    "va", "la", "cua", "cac", "nhung", "mot", "co", "khong", "duoc", "da", "dang", "se", "cho",
    "voi", "tai", "trong", "ve", "de", "thi", "ma", "nay", "do", "den", "tu", "theo", "nhu",
    "khi", "neu", "vi", "bi", "nen", "ra", "vao", "len", "o", "toi", "chung", "ong", "ba",
    "anh", "chi", "em", "chau", "ho", "hay", "hoac", "cung", "rat", "nhieu", "it", "moi", "tat",
    "ca", "con", "lai", "sau", "truoc", "tren", "duoi", "gi", "nao", "ai", "the",
})  # fmt: skip


def _nfc_lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def fold(text: str) -> str:
    """Return ``text`` without any diacritics, "đ" included (folded channel)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _telex(syllable: str) -> str:
    """Canonical accented form: vowel shapes kept, the tone moved to a Telex suffix.

    "hòa" and "hoà" (old and new tone placement) both become "hoaf"; "đất" becomes "đâts".
    """
    tone = ""
    base = []
    for ch in unicodedata.normalize("NFD", syllable):
        mark = _TONES.get(ch)
        if mark is None:
            base.append(ch)
        else:
            tone = mark
    return unicodedata.normalize("NFC", "".join(base)) + tone


def _normalise_number(token: str) -> str:
    """Write dates and decimals one way: "05/03/2026", "5-3-2026", "5.3.2026" → "5/3/2026"."""
    parts = _NUMBER_PARTS.split(token)
    return "/".join(part.lstrip("0") or "0" for part in parts)


class _Token(NamedTuple):
    text: str
    sentence: int
    clause: int
    typed: bool  # written as such (not a number, not expanded from an abbreviation)


def _tokenise(text: str) -> list[_Token]:
    """Syllables and numbers with the sentence and clause each belongs to."""
    lowered = _THOUSANDS.sub("", _nfc_lower(text))
    tokens: list[_Token] = []
    clause_id = 0
    for sentence_id, sentence in enumerate(_SENTENCE.split(lowered)):
        for clause in _CLAUSE.split(sentence):
            for token in _TOKEN.findall(clause):
                if token[0].isdigit():
                    tokens.append(_Token(_normalise_number(token), sentence_id, clause_id, False))
                    continue
                expansion = _ABBREVIATIONS.get(fold(token))
                if expansion is None:
                    tokens.append(_Token(token, sentence_id, clause_id, True))
                else:
                    tokens.extend(
                        _Token(part, sentence_id, clause_id, False) for part in expansion.split()
                    )
            clause_id += 1
    return tokens


def syllables(text: str) -> list[str]:
    """Split ``text`` into lower-case syllables and numbers (NFC, abbreviations expanded)."""
    return [token.text for token in _tokenise(text)]


def _phrase_table(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases as folded syllables, indexed by their first syllable, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    folded = {tuple("#" if t == "#" else fold(t) for t in p.split()) for p in phrases}
    for phrase in sorted(folded, key=lambda p: (-len(p), p)):
        table.setdefault(phrase[0], []).append(phrase)
    return table


_BOILERPLATE = _phrase_table(_BOILERPLATE_PHRASES)
_IDENTITY = _phrase_table(_IDENTITY_MARKERS)
_SIGNATURE = _phrase_table(_SIGNATURE_MARKERS)


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _matches(
    folded: Sequence[str], table: Mapping[str, list[tuple[str, ...]]]
) -> list[tuple[int, int]]:
    """``(start, length)`` of the phrases of ``table`` in ``folded``, longest match first."""
    found = []
    position = 0
    while position < len(folded):
        length = 0
        for phrase in table.get(folded[position], ()):
            window = folded[position : position + len(phrase)]
            if len(window) == len(phrase) and all(
                p == w or (p == "#" and _is_number(w)) for p, w in zip(phrase, window, strict=True)
            ):
                length = len(phrase)
                break
        if length:
            found.append((position, length))
        position += length or 1
    return found


def _boilerplate_mask(tokens: Sequence[_Token], folded: Sequence[str]) -> list[bool]:
    """Mark the syllables that are formulas or personal details rather than the matter.

    * known formulas ("kính gửi", "xin chân thành cảm ơn", "ngày … tháng … năm …");
    * the sender's details: a short sentence with an identity marker ("tôi tên là",
      "sinh năm", "căn cước", "địa chỉ", "số điện thoại"…) entirely, or the clause holding
      the marker in a long one — so that one person's letters on different matters do not
      look alike because of the name, identity number and address they repeat;
    * the signature block, from "Người viết đơn" / "(Ký và ghi rõ họ tên)" near the end.
    """
    count = len(folded)
    mask = [False] * count
    for start, length in _matches(folded, _BOILERPLATE):
        mask[start : start + length] = [True] * length
    sentence_sizes: dict[int, int] = {}
    for token in tokens:
        sentence_sizes[token.sentence] = sentence_sizes.get(token.sentence, 0) + 1
    for start, _ in _matches(folded, _IDENTITY):
        marker = tokens[start]
        whole = sentence_sizes[marker.sentence] <= SHORT_SENTENCE
        for i, token in enumerate(tokens):
            if token.sentence == marker.sentence and (whole or token.clause == marker.clause):
                mask[i] = True
    for start, _ in _matches(folded, _SIGNATURE):
        if count - start <= SIGNATURE_TAIL:
            sentence = tokens[start].sentence
            for i in range(count):
                if tokens[i].sentence >= sentence:
                    mask[i] = True
    return mask


def _sublinear(raw: dict[str, float]) -> dict[str, float]:
    return {k: (1.0 + math.log(v)) if v > 1.0 else v for k, v in raw.items()}


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


@dataclass(frozen=True, slots=True)
class TextProfile:
    """Everything needed to score a text against another, computed once per text."""

    canonical: tuple[str, ...]  # accented syllables in Telex form: equal ⇔ same text
    accented: bool
    bigrams: Mapping[str, float]  # folded syllable bigrams
    bigrams_norm: float
    chars: Mapping[str, float]  # folded character n-grams
    chars_norm: float
    accented_bigrams: Mapping[str, float]
    accented_norm: float
    shingles: frozenset[str] = field(repr=False)  # what MinHash sees

    @property
    def is_empty(self) -> bool:
        return not self.canonical


def profile(text: str) -> TextProfile:
    """Build the comparison profile of ``text``."""
    located = _tokenise(text)
    folded = [fold(t.text) for t in located]
    canonical = [_telex(t.text) for t in located]
    # Only what the sender typed tells whether they typed diacritics.
    typed = [(c, f) for t, c, f in zip(located, canonical, folded, strict=True) if t.typed]
    marked = sum(1 for c, f in typed if c != f)
    accented = bool(typed) and marked / len(typed) >= ACCENTED_RATIO
    mask = _boilerplate_mask(located, folded)
    position_weight = [BOILERPLATE_WEIGHT if m else 1.0 for m in mask]

    bigrams: dict[str, float] = {}
    accented_bigrams: dict[str, float] = {}
    content_shingles: set[str] = set()
    for i in range(len(folded) - 1):
        weight = min(position_weight[i], position_weight[i + 1])
        function_pair = folded[i] in _FUNCTION_WORDS and folded[i + 1] in _FUNCTION_WORDS
        if function_pair:
            weight *= FUNCTION_PAIR_WEIGHT
        key = f"{folded[i]} {folded[i + 1]}"
        bigrams[key] = bigrams.get(key, 0.0) + weight
        akey = f"{canonical[i]} {canonical[i + 1]}"
        accented_bigrams[akey] = accented_bigrams.get(akey, 0.0) + weight
        if weight == 1.0:
            content_shingles.add(key)

    chars: dict[str, float] = {}
    joined = " " + " ".join(folded) + " "
    # prefix[i]: how many characters before position i belong to a formula (spaces never do).
    prefix = [0]
    for index, token in enumerate(folded):
        prefix.append(prefix[-1])
        for _ in token:
            prefix.append(prefix[-1] + (1 if mask[index] else 0))
    prefix.append(prefix[-1])
    for n in CHAR_NGRAM_SIZES:
        full, reduced = n / 5.0, BOILERPLATE_WEIGHT * n / 5.0
        for start in range(len(joined) - n + 1):
            key = joined[start : start + n]
            weight = reduced if prefix[start + n] - prefix[start] else full
            chars[key] = chars.get(key, 0.0) + weight

    if len(content_shingles) < MIN_LSH_SHINGLES:
        content_shingles.update(bigrams)
        content_shingles.update(folded)
    bigram_vector = _sublinear(bigrams)
    char_vector = _sublinear(chars)
    accented_vector = _sublinear(accented_bigrams)
    return TextProfile(
        canonical=tuple(canonical),
        accented=accented,
        bigrams=bigram_vector,
        bigrams_norm=_norm(bigram_vector),
        chars=char_vector,
        chars_norm=_norm(char_vector),
        accented_bigrams=accented_vector,
        accented_norm=_norm(accented_vector),
        shingles=frozenset(content_shingles),
    )


def _cosine(
    a: Mapping[str, float], a_norm: float, b: Mapping[str, float], b_norm: float
) -> float | None:
    """Cosine of two sparse vectors; ``None`` when both are empty (nothing to compare)."""
    if not a and not b:
        return None
    if not a or not b or a_norm == 0.0 or b_norm == 0.0:
        return 0.0
    # Sorted keys: the same summation order whichever text comes first (exact symmetry).
    dot = sum(a[k] * b[k] for k in sorted(a.keys() & b.keys()))
    return dot / (a_norm * b_norm)


def profile_similarity(a: TextProfile, b: TextProfile) -> float:
    """Similarity of two profiled texts in [0, 1] (rounded to 6 decimals)."""
    if a.canonical == b.canonical:
        return 1.0
    if a.is_empty or b.is_empty:
        return 0.0
    parts = [
        (BIGRAM_SHARE, _cosine(a.bigrams, a.bigrams_norm, b.bigrams, b.bigrams_norm)),
        (1.0 - BIGRAM_SHARE, _cosine(a.chars, a.chars_norm, b.chars, b.chars_norm)),
    ]
    present = [(w, s) for w, s in parts if s is not None]
    total = sum(w for w, _ in present)
    score = sum(w * s for w, s in present) / total if total else 0.0
    if a.accented and b.accented:
        accented = _cosine(a.accented_bigrams, a.accented_norm, b.accented_bigrams, b.accented_norm)
        if accented is not None:
            score = (1.0 - ACCENTED_SHARE) * score + ACCENTED_SHARE * accented
    return round(min(1.0, max(0.0, score)), 6)


def similarity(a: str, b: str) -> float:
    """How alike two petitions read, from 0 (unrelated) to 1 (the same text)."""
    return profile_similarity(profile(a), profile(b))


def minhash_signature(shingles: Iterable[str]) -> tuple[int, ...]:
    """The MinHash signature (``NUM_PERM`` values) of a set of shingles; () when empty."""
    hashes = [_hash64(s) % _MERSENNE for s in set(shingles)]
    if not hashes:
        return ()
    return tuple(min((a * x + b) % _MERSENNE for x in hashes) for a, b in _PERMUTATIONS)


def band_keys(signature: Sequence[int], *, namespace: str = "") -> list[int]:
    """LSH keys of a signature: one signed 64-bit integer per band (fits a BigIntegerField).

    ``namespace`` separates collections that must never meet (e.g. sealed denunciations and
    ordinary petitions): the same text in two namespaces gives different keys.
    """
    if not signature:
        return []
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        material = f"{namespace}|{band}|{'|'.join(map(str, rows))}".encode()
        digest = hashlib.blake2b(material, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def text_band_keys(text_or_profile: str | TextProfile, *, namespace: str = "") -> list[int]:
    """LSH keys of a text (or of its profile)."""
    prof = profile(text_or_profile) if isinstance(text_or_profile, str) else text_or_profile
    return band_keys(minhash_signature(prof.shingles), namespace=namespace)


@dataclass(frozen=True, slots=True)
class Match[K: Hashable]:
    key: K
    score: float
    shared_bands: int


class SimilarityIndex[K: Hashable]:
    """An in-memory index: LSH buckets for candidates, then exact scoring.

    The database version keeps the same band keys in an indexed table; this one serves
    tests, benchmarks and batch jobs over a list of texts.
    """

    def __init__(self, *, namespace: str = "", candidate_limit: int = 200) -> None:
        self.namespace = namespace
        self.candidate_limit = candidate_limit
        self._profiles: dict[K, TextProfile] = {}
        self._order: dict[K, int] = {}
        self._keys: dict[K, list[int]] = {}
        self._buckets: dict[int, list[K]] = {}

    def __len__(self) -> int:
        return len(self._profiles)

    def add(self, key: K, text: str) -> None:
        """Add (or replace) the text stored under ``key``."""
        if key in self._profiles:
            self.remove(key)
        prof = profile(text)
        keys = text_band_keys(prof, namespace=self.namespace)
        self._profiles[key] = prof
        self._order.setdefault(key, len(self._order))
        self._keys[key] = keys
        for band_key in keys:
            self._buckets.setdefault(band_key, []).append(key)

    def remove(self, key: K) -> None:
        for band_key in self._keys.pop(key, []):
            self._buckets[band_key].remove(key)
        self._profiles.pop(key, None)

    def candidates(self, text: str | TextProfile) -> list[tuple[K, int]]:
        """Keys sharing at least one band with ``text``, most shared bands first."""
        prof = profile(text) if isinstance(text, str) else text
        counts: dict[K, int] = {}
        for band_key in text_band_keys(prof, namespace=self.namespace):
            for key in self._buckets.get(band_key, ()):
                counts[key] = counts.get(key, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], self._order[kv[0]]))
        return ranked[: self.candidate_limit]

    def search(self, text: str, *, threshold: float = 0.5, limit: int = 10) -> list[Match[K]]:
        """The stored texts that score at least ``threshold`` against ``text``, best first."""
        prof = profile(text)
        matches = []
        for key, shared in self.candidates(prof):
            score = profile_similarity(prof, self._profiles[key])
            if score >= threshold:
                matches.append(Match(key=key, score=score, shared_bands=shared))
        matches.sort(key=lambda m: (-m.score, self._order[m.key]))
        return matches[:limit]
