"""Word-level comparison of article versions (no database)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.consultations.services.draft_diff import (
    Change,
    Op,
    Segment,
    compare_articles,
    word_diff,
)


def test_changed_words_are_marked_on_each_side() -> None:
    # given a clause where "20 ngày" became "30 ngày"
    old = "Thời gian lấy ý kiến ít nhất là 20 ngày."
    new = "Thời gian lấy ý kiến ít nhất là 30 ngày."
    # when compared
    diff = word_diff(old, new)
    # then only that word is removed on the left and added on the right
    assert diff.old == [
        Segment(Op.SAME, "Thời gian lấy ý kiến ít nhất là"),
        Segment(Op.REMOVED, "20"),
        Segment(Op.SAME, "ngày."),
    ]
    assert diff.new[1] == Segment(Op.ADDED, "30")
    assert (diff.added_words, diff.removed_words, diff.changed) == (1, 1, True)


def test_line_breaks_survive_and_are_not_counted_as_words() -> None:
    diff = word_diff("Điều 1. A\n1. một", "Điều 1. A\n1. một\n2. hai")
    assert diff.new[-1] == Segment(Op.ADDED, "\n2. hai")
    assert diff.new[-1].lines == ["", "2. hai"]
    assert diff.added_words == 2


def test_identical_texts_have_no_change() -> None:
    diff = word_diff("Điều 1. Phạm vi", "Điều 1.  Phạm vi")
    assert not diff.changed
    assert diff.old == [Segment(Op.SAME, "Điều 1. Phạm vi")]


def test_compare_articles_orders_removed_after_their_predecessor() -> None:
    old = {
        "dieu-1": ("Điều 1", "Phạm vi", "Điều 1. Phạm vi\nNội dung."),
        "dieu-2": ("Điều 2", "Đối tượng", "Điều 2. Đối tượng\nCông dân."),
        "dieu-3": ("Điều 3", "Hiệu lực", "Điều 3. Hiệu lực\nTừ ngày ký."),
    }
    new = {
        "dieu-1": ("Điều 1", "Phạm vi", "Điều 1. Phạm vi\nNội dung."),
        "dieu-3": ("Điều 3", "Hiệu lực", "Điều 3. Hiệu lực\nTừ ngày 01/7/2026."),
        "dieu-4": ("Điều 4", "Tổ chức thực hiện", "Điều 4. Tổ chức thực hiện"),
    }
    result = compare_articles(old, new)
    assert [(item.anchor, item.change) for item in result] == [
        ("dieu-1", Change.UNCHANGED),
        ("dieu-2", Change.REMOVED),
        ("dieu-3", Change.CHANGED),
        ("dieu-4", Change.ADDED),
    ]
    removed = result[1]
    assert removed.label == "Điều 2"
    assert removed.diff.new == []
    assert removed.diff.old == [Segment(Op.REMOVED, "Điều 2. Đối tượng\nCông dân.")]


def test_removed_first_article_goes_first() -> None:
    old = {"dieu-1": ("Điều 1", "", "a"), "dieu-2": ("Điều 2", "", "b")}
    new = {"dieu-2": ("Điều 2", "", "b")}
    assert [item.anchor for item in compare_articles(old, new)] == ["dieu-1", "dieu-2"]


_text = st.lists(st.sampled_from(["dân", "biết", "bàn", "làm", "kiểm", "tra", "\n", "20", "ngày"]))


@settings(max_examples=200, deadline=None)
@given(_text, _text)
def test_each_side_rebuilds_its_own_text(old_words: list[str], new_words: list[str]) -> None:
    # whatever the texts, the left side minus additions is the old text and the right
    # side minus removals is the new text (no word lost or invented)
    old, new = " ".join(old_words), " ".join(new_words)
    diff = word_diff(old, new)
    left = " ".join(s.text for s in diff.old).split()
    right = " ".join(s.text for s in diff.new).split()
    assert left == old.split()
    assert right == new.split()
    assert all(s.op is not Op.ADDED for s in diff.old)
    assert all(s.op is not Op.REMOVED for s in diff.new)
