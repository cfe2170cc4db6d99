"""Precision and recall on synthetic Vietnamese comments with planted campaigns."""

import numpy as np
import pytest

from danvan.consultations.campaigns import detect_campaigns
from danvan.consultations.campaigns.evaluation import score
from danvan.consultations.campaigns.synthetic import TRANSFORMS, generate
from danvan.consultations.campaigns.text import fold


def test_score_counts_pairs_and_members() -> None:
    # Given truth: comments 0-2 are campaign 0, 3-4 campaign 1, 5-6 organic
    truth = np.array([0, 0, 0, 1, 1, -1, -1])
    # and a prediction that splits campaign 0, merges comment 5 into campaign 1
    labels = np.array([0, 0, -1, 1, 1, 1, -1])
    result = score(labels, truth)
    # Then: true pairs 3 + 1 = 4, predicted pairs 1 + 3 = 4, shared pairs 1 + 1 = 2
    assert result.pair_precision == pytest.approx(2 / 4)
    assert result.pair_recall == pytest.approx(2 / 4)
    # flagged comments (groups of two or more): 0, 1, 3, 4, 5; planted: 0-4
    assert result.member_precision == pytest.approx(4 / 5)
    assert result.member_recall == pytest.approx(4 / 5)
    assert score(labels, truth, min_size=3).member_precision == pytest.approx(2 / 3)


def test_score_of_nothing_is_perfect() -> None:
    empty = np.zeros(0, dtype=np.int64)
    result = score(empty, empty)
    assert (result.pair_precision, result.pair_recall) == (1.0, 1.0)
    assert (result.member_precision, result.member_recall) == (1.0, 1.0)


def test_the_generator_plants_every_kind_of_copy() -> None:
    corpus = generate(3000, seed=3)
    assert len(corpus.texts) == corpus.campaign.size == corpus.article.size == 3000
    kinds = set(corpus.transform)
    assert kinds == {*TRANSFORMS, "organic"}
    share = (corpus.campaign >= 0).mean()
    assert 0.3 < share < 0.4
    copies = [
        t for t, k in zip(corpus.texts, corpus.transform, strict=True) if k == "no_diacritics"
    ]
    assert all(fold(text) == text for text in copies)
    assert generate(3000, seed=3).texts == corpus.texts


def test_precision_and_recall_on_twenty_thousand_comments() -> None:
    # Given 20,000 synthetic comments, 35% of them copies of planted campaigns
    corpus = generate(20_000, seed=11)
    # When detected
    detection = detect_campaigns(corpus.texts)
    # Then pairs and campaign membership (groups of ten or more) are found at ≥ 0.95
    result = score(detection.labels, corpus.campaign, min_size=10)
    assert result.pair_precision >= 0.95
    assert result.pair_recall >= 0.95
    assert result.member_precision >= 0.95
    assert result.member_recall >= 0.95
    # and every kind of copy is found (each kind's recall of membership)
    flagged = np.zeros(len(corpus.texts), dtype=bool)
    for group in detection.groups:
        if group.count >= 10:
            flagged[group.members] = True
    kinds = np.array(corpus.transform)
    for kind in TRANSFORMS:
        assert flagged[kinds == kind].mean() >= 0.95, kind
