"""Word-level comparison of two versions of an article (pure Python, no Django).

Drafters revise a few words of an article between versions; a line diff would mark the
whole clause as changed, so the comparison works on words (``difflib.SequenceMatcher``
over whitespace-separated tokens, line breaks kept as tokens of their own). The result is
two lists of segments, one per side, that a template renders with ``<del>``/``<ins>`` and a
visually hidden word for screen readers: changes are never shown by colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum

_TOKEN = re.compile(r"\n|[^\s]+")


class Op(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"


class Change(StrEnum):
    """What happened to an article between two versions."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str  # words joined by spaces; "\n" stands for a line break

    @property
    def lines(self) -> list[str]:
        """The segment split at line breaks, for templates (one ``<br>`` between items)."""
        return self.text.split("\n")


@dataclass
class WordDiff:
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)
    added_words: int = 0
    removed_words: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added_words or self.removed_words)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _join(words: list[str]) -> str:
    out = ""
    for word in words:
        if word == "\n" or out.endswith("\n") or not out:
            out += word
        else:
            out += " " + word
    return out


def _append(segments: list[Segment], op: Op, words: list[str]) -> None:
    if not words:
        return
    if segments and segments[-1].op is op:
        segments[-1] = Segment(op, _join([*tokens(segments[-1].text), *words]))
    else:
        segments.append(Segment(op, _join(words)))


def word_diff(old: str, new: str) -> WordDiff:
    """Compare two texts word by word."""
    old_words, new_words = tokens(old), tokens(new)
    result = WordDiff()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(result.old, Op.SAME, old_words[i1:i2])
            _append(result.new, Op.SAME, new_words[j1:j2])
            continue
        removed = old_words[i1:i2]
        added = new_words[j1:j2]
        _append(result.old, Op.REMOVED, removed)
        _append(result.new, Op.ADDED, added)
        result.removed_words += sum(1 for word in removed if word != "\n")
        result.added_words += sum(1 for word in added if word != "\n")
    return result


@dataclass
class ArticleComparison:
    anchor: str
    label: str
    heading: str
    change: Change
    diff: WordDiff


def compare_articles(
    old: dict[str, tuple[str, str, str]], new: dict[str, tuple[str, str, str]]
) -> list[ArticleComparison]:
    """Compare articles keyed by anchor; values are (label, heading, full text).

    Articles are matched by anchor (their number), so renumbering shows as changes: that is
    what readers and the votes tied to anchors see too. The order follows the new version,
    with removed articles placed after the article that preceded them in the old one.
    """
    order = list(new)
    previous: str | None = None
    for anchor in old:
        if anchor not in new:
            index = order.index(previous) + 1 if previous is not None else 0
            order.insert(index, anchor)
        previous = anchor
    result = []
    for anchor in order:
        before = old.get(anchor)
        after = new.get(anchor)
        label, heading, _text = after or before or ("", "", "")
        diff = word_diff(before[2] if before else "", after[2] if after else "")
        if before is None:
            change = Change.ADDED
        elif after is None:
            change = Change.REMOVED
        else:
            change = Change.CHANGED if diff.changed else Change.UNCHANGED
        result.append(ArticleComparison(anchor, label, heading, change, diff))
    return result
