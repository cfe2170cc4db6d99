"""Themes: the comments of one article that are not campaign copies, grouped by what they say.

Why it looks like this:

* **Features.** Vietnamese writes one syllable per space-separated token and most words
  have two syllables ("đất đai", "thủ tục", "bồi thường"), so the unit here is the
  **syllable bigram** of the folded text (no diacritics: "dat dai" and "đất đai" are one
  feature), taken inside a sentence, with the bigrams made only of function words ("của
  các", "là một") left out. TF-IDF with a sublinear term frequency weighs them.
* **Clustering.** Latent semantic analysis (truncated SVD of the TF-IDF matrix, rows
  normalised) and k-means, with the number of themes chosen by the silhouette score on a
  sample, between 2 and ``max_themes``. Everything is seeded: the same comments give the
  same themes.
* **Labels.** The bigrams that weigh most in a theme's centroid, shown in the form people
  wrote them most (with diacritics), e.g. "bồi thường · giá đất · thu hồi".

No model is downloaded: scikit-learn only (a neural sentence model could replace the
features later, if it comes inside a package).
"""

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from danvan.consultations.campaigns.text import SENTENCE_MARK, fold, folded_keys

__all__ = ["Theme", "group_themes"]

I64 = npt.NDArray[np.int64]

SEED: Final = 2025
SILHOUETTE_SAMPLE: Final = 2_000
MINIBATCH_FROM: Final = 20_000
"""From this many comments on, k-means runs on mini-batches."""

# Function words, folded: a bigram of two of them says nothing about a theme.
_FUNCTION_WORDS: Final = frozenset(
    " ".join(
        [
            "toi chung ta minh ban la va cua cac nhung mot co duoc trong cho voi de khong nay",
            "do thi ma se da dang ve o tai tu khi neu cung nhu vi nen can rat hon nhat theo",
            "den len ra vao con hay hoac boi tren duoi sau truoc nhieu it moi tung ai gi dau",
            "sao the vay rang lai roi chi van phai nhe a oi xin cam on kinh gui y kien gop du",
            "thao de nghi dong tinh thay dieu khoan diem chuong muc phan",
        ]
    ).split()
)


@dataclass(frozen=True, slots=True)
class Theme:
    """Comments that speak of the same thing."""

    keywords: tuple[str, ...]
    """The bigrams that characterise the theme, as people wrote them (with diacritics)."""
    members: I64
    """Indices into the input, ascending."""
    examples: tuple[int, ...]
    """Indices of the comments closest to the theme's centre, closest first."""

    @property
    def count(self) -> int:
        """How many comments the theme holds."""
        return int(self.members.size)


def _bigrams(key: str) -> list[str]:
    """The syllable bigrams of one folded key, sentence by sentence, function pairs left out."""
    found: list[str] = []
    for sentence in key.split(f" {SENTENCE_MARK.decode()} "):
        words = sentence.split()
        for first, second in itertools.pairwise(words):
            if not (first.isalpha() and second.isalpha()):
                continue  # slots and numbers
            if first in _FUNCTION_WORDS and second in _FUNCTION_WORDS:
                continue
            found.append(f"{first} {second}")
    return found


_WORD_RE: Final = re.compile(r"[^\W\d_]+")


def _display_forms(texts: Sequence[str], wanted: set[str]) -> dict[str, str]:
    """The form people wrote each wanted folded bigram in most often (with diacritics)."""
    forms: dict[str, Counter[str]] = {bigram: Counter() for bigram in wanted}
    for text in texts:
        words = _WORD_RE.findall(text.lower())
        for first, second in itertools.pairwise(words):
            written = f"{first} {second}"
            folded = fold(written)
            if folded in forms:
                forms[folded][written] += 1
    return {
        bigram: (counter.most_common(1)[0][0] if counter else bigram)
        for bigram, counter in forms.items()
    }


def _choose_k(points: npt.NDArray[np.float64], *, max_themes: int) -> int:
    """The number of themes with the best silhouette score (on a sample)."""
    rng = np.random.default_rng(SEED)
    sample = (
        points
        if points.shape[0] <= SILHOUETTE_SAMPLE
        else points[rng.choice(points.shape[0], SILHOUETTE_SAMPLE, replace=False)]
    )
    best_k, best_score = 2, -1.0
    for k in range(2, min(max_themes, sample.shape[0] - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(sample)
        # (k-means may leave clusters empty on repeated points: one cluster has no score)
        score = float(silhouette_score(sample, labels)) if len(set(labels.tolist())) > 1 else -1.0
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def group_themes(
    texts: Sequence[str],
    *,
    max_themes: int = 8,
    min_texts: int = 8,
    keywords: int = 4,
    examples: int = 3,
    minibatch_from: int = MINIBATCH_FROM,
) -> tuple[Theme, ...]:
    """Group ``texts`` into at most ``max_themes`` themes, largest first.

    Fewer than ``min_texts`` comments, or comments with too few shared words, give no
    themes: there is nothing to summarise, each comment is read as it is.
    """
    if len(texts) < min_texts:
        return ()
    keys = [key.decode("utf-8", "replace") for key in folded_keys(texts)[0]]
    vectorizer = TfidfVectorizer(
        analyzer=_bigrams, min_df=2, max_df=0.8, sublinear_tf=True, dtype=np.float64
    )
    try:
        matrix = vectorizer.fit_transform(keys)
    except ValueError:  # no bigram is shared by two comments
        return ()
    terms = vectorizer.get_feature_names_out()
    if len(terms) < 3:
        return ()
    # A label is made of content words only ("giá đất", not "phí và").
    labelled = np.array(
        [not any(word in _FUNCTION_WORDS for word in term.split()) for term in terms]
    )
    components = min(60, len(terms) - 1, len(texts) - 1)
    points = normalize(
        TruncatedSVD(n_components=components, random_state=SEED).fit_transform(matrix)
    )
    distinct = np.unique(points.round(6), axis=0).shape[0]
    if distinct < 2:
        return ()
    # At least four comments per theme on average: a theme of one or two says nothing.
    k = _choose_k(points, max_themes=max(2, min(max_themes, distinct, len(texts) // 4)))
    model: KMeans | MiniBatchKMeans = (
        KMeans(n_clusters=k, n_init=3, random_state=SEED)
        if len(texts) < minibatch_from
        else MiniBatchKMeans(n_clusters=k, n_init=3, random_state=SEED, batch_size=4096)
    )
    labels = model.fit_predict(points)

    themes: list[tuple[I64, list[str], tuple[int, ...]]] = []
    for cluster in np.unique(labels).tolist():  # (mini-batch k-means may leave one empty)
        members = np.flatnonzero(labels == cluster)
        weights = np.asarray(matrix[members].mean(axis=0)).ravel()
        labelled_here = np.ones_like(labelled) if not (weights * labelled).any() else labelled
        weights = weights * labelled_here
        top = [str(terms[i]) for i in np.argsort(-weights)[:keywords] if weights[i] > 0]
        distance = np.linalg.norm(points[members] - model.cluster_centers_[cluster], axis=1)
        closest = tuple(int(members[i]) for i in np.argsort(distance, kind="stable")[:examples])
        themes.append((members, top, closest))
    wanted = {term for _, top, _ in themes for term in top}
    forms = _display_forms(texts, wanted)
    themes.sort(key=lambda theme: (-theme[0].size, int(theme[0][0])))
    return tuple(
        Theme(
            keywords=tuple(forms.get(term, term) for term in top),
            members=members,
            examples=closest,
        )
        for members, top, closest in themes
    )
