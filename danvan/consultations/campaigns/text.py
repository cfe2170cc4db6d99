"""Vietnamese-aware normalisation of free-text comments for campaign detection.

Why it looks like this:

* Copies of one campaign text differ in ways a reader ignores: Unicode form (NFC/NFD,
  "hoà"/"hòa"), capitals, spacing and punctuation, diacritics typed or not ("Tôi đề nghị" /
  "Toi de nghi"), and the mail-merge slots a campaign sheet asks each sender to fill in
  (name, address, year of birth, phone and ID numbers, dates). Each of these is removed here,
  so that what is left is the *argument*: the **folded key**. Two comments with the same
  folded key are exact duplicates; the near-duplicate features are computed from it.
* Diacritics are folded first, by a table from every code point of the Basic Multilingual
  Plane to one ASCII byte (its compatibility decomposition without marks; đ/Đ mapped by
  hand, since "đ" is a letter of its own, not "d" with a mark; combining marks dropped, so
  decomposed input folds like composed input; other characters become spaces). The table is
  applied with numpy to a whole batch of comments at once, and everything after works on
  one ASCII byte string per batch with C-level regular expressions: at a million comments,
  per-comment Python calls are what costs.
* Mail-merge slots are found by shape, not from a list of names: numbers with their
  separators (dates, phones, ID and house numbers), e-mail and web addresses, and **runs of
  capitalised words inside a sentence** — Vietnamese capitalises every syllable of a
  personal or place name ("Nguyễn Thị Minh Khai", "xã Hòa Bình"), while an ordinary word
  inside a sentence is lower case. The first word of a sentence is kept (capitalised by
  grammar). Institutional names written with capitals ("Quốc hội") become slots too, which
  is harmless: every copy loses them alike. References to the draft ("Điều 5", "khoản 2")
  are the content of a comment and are kept. A comment written in capitals is lower-cased
  first, or every word of it would be a "name"; a comment that would be mostly slots ("Nguyễn
  Văn A", a phone number, Title Case) keeps them as typed.
* Sentence boundaries survive as a ``|`` token, so the near-duplicate features never cross
  a sentence and do not see the order of sentences: a reordered copy matches.
"""

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "SENTENCE_MARK",
    "SLOT",
    "fold",
    "folded_key",
    "folded_keys",
    "has_diacritics",
]

SLOT: Final = b"0"
"""What a mail-merge slot becomes: the word "0" (a number typed as content, "Điều 5", keeps
its digits, so a lone "0" word is a slot)."""

SENTENCE_MARK: Final = b"|"
"""The token that separates sentences in a key (punctuation never survives as a token)."""

MIN_WORDS: Final = 3
"""Fewer words than this besides the slots, and the slots are kept as they were typed."""

BATCH_TEXTS: Final = 20_000
"""Comments folded per batch: bounds the temporary arrays (a few bytes per character)."""

_RECORD: Final = "\x1e"  # separates the comments of a batch before folding; "\n" after


def _fold_tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int8]]:
    """Per UTF-16 code unit: its fold (0 = drop it), and +1 / -1 / 0 for upper / lower / other.

    A marked letter (a letter with diacritics, or đ) counts ±2, so that a comment's sum of
    ``abs`` over its letters tells whether it was typed with diacritics (see ``_fold_batch``).
    Surrogates (halves of emoji and other characters beyond the BMP) fold to a space.
    """
    fold = np.full(0x10000, ord(" "), dtype=np.uint8)
    case = np.zeros(0x10000, dtype=np.int8)
    for code in range(0x10000):
        char = chr(code)
        if code < 0x80:
            if char.isprintable():
                fold[code] = code
            elif char in "\n\r":
                fold[code] = ord(".")  # a line break ends a sentence
            case[code] = 1 if char.isupper() else -1 if char.islower() else 0
            continue
        if 0xD800 <= code < 0xE000:
            continue
        if char in "đĐ":
            fold[code] = ord("d" if char == "đ" else "D")
        elif unicodedata.category(char) in ("Mn", "Me", "Cf"):
            fold[code] = 0  # combining marks, zero-width and format characters
            continue
        else:
            folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
            if folded.startswith(b"..."):
                fold[code] = ord(".")
            elif len(folded) == 1:
                fold[code] = folded[0]
        if char.isalpha() and chr(fold[code]).isalpha():
            case[code] = 2 if char.isupper() else -2 if char.islower() else 0
    fold[ord(_RECORD)] = ord("\n")
    return fold, case


_FOLD, _CASE = _fold_tables()


# The mail-merge slots of folded text, in one pass:
# * a number (with its separators: dates, phones, ID numbers), unless it is glued to a word
#   ("x2") or it numbers a part of the draft: "Điều 5", "khoản 2", "điểm 3", "Chương 4",
#   "mục 1", "Phần 2" are the content of a comment, not a slot;
# * a capitalised word preceded by a word, a comma or a colon and one space (not the first
#   word of a sentence, then), with the capitalised words that follow it — except the names
#   of the parts of a draft ("Điều", "Khoản"...), which are no names.
_SLOT_RE: Final = re.compile(
    rb"[0-9A-Z](?:"
    rb"(?<=[0-9])(?<![A-Za-z0-9_][0-9])"
    rb"(?<![Dd]ieu [0-9])(?<![Kk]hoan [0-9])(?<![Dd]iem [0-9])(?<![Cc]huong [0-9])"
    rb"(?<![Mm]uc [0-9])(?<![Pp]han [0-9])(?<!DIEU [0-9])(?<!KHOAN [0-9])"
    rb"[0-9]*(?:[ .,/:-]?[0-9]+)*"
    rb"|(?<=[\w,:;)\]\"'] [A-Z])(?!ieu |hoan |iem |huong |uc |han )"
    rb"[a-zA-Z]*(?:[ -][A-Z][a-zA-Z]*)*)"
)
_ADDRESS_RE: Final = re.compile(rb"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES_RE: Final = re.compile(rb"  +")
_MARKS_RE: Final = re.compile(rb"\|[ |]*")


def _punctuation_table() -> bytes:
    """Sentence ends become the sentence mark, every other ASCII punctuation a space."""
    table = bytearray(range(256))
    for code in range(0x21, 0x7F):
        if not chr(code).isalnum():
            table[code] = ord(" ")
    for char in b".!?;":
        table[char] = SENTENCE_MARK[0]
    return bytes(table)


_PUNCTUATION: Final = _punctuation_table()
_SPACED_MARK: Final = b" " + SENTENCE_MARK + b" "


def _canonical(folded: bytes) -> bytes:
    """Lower case, punctuation dropped, one ``" | "`` per sentence break, single spaces.

    Works line by line: each line of ``folded`` is one comment. (Every pattern here starts
    with a fixed character, so the regular-expression engine skips ahead between matches:
    on a batch of twenty thousand comments that is the difference that counts.)
    """
    lowered = folded.lower().translate(_PUNCTUATION)
    lowered = _SPACES_RE.sub(b" ", _MARKS_RE.sub(_SPACED_MARK, lowered))
    for edge in (b" | \n", b"\n | ", b" \n", b"\n "):
        lowered = lowered.replace(edge, b"\n")
    return lowered.strip(b" " + SENTENCE_MARK)


def _per_line(flags: npt.NDArray[np.bool_], starts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """How many flagged bytes each line holds (``starts``: where each line begins; every line
    but the last ends with its newline, and the last is not empty)."""
    return np.add.reduceat(flags, starts, dtype=np.int64)


def _line_starts(data: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """Where each line of ``data`` begins."""
    return np.concatenate(([0], np.flatnonzero(data == ord("\n")) + 1)).astype(np.int64)


def _fold_batch(texts: Sequence[str]) -> tuple[bytes, npt.NDArray[np.bool_]]:
    """Fold a batch: one line of ASCII per comment, and whether each had diacritics.

    Single spaces; a comment written mostly in capitals is lower-cased.
    """
    joined = _RECORD.join(texts) + _RECORD
    if joined.count(_RECORD) != len(texts):
        joined = _RECORD.join(text.replace(_RECORD, " ") for text in texts) + _RECORD
    codes = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    starts = np.zeros(len(texts), dtype=np.int64)
    starts[1:] = np.flatnonzero(codes == ord(_RECORD))[:-1] + 1
    case = _CASE[codes]
    # Per comment: letters with diacritics (|±2|), and upper minus lower case letters.
    marked = np.add.reduceat(np.abs(case) == 2, starts, dtype=np.int64) > 0
    shouting = np.add.reduceat(np.sign(case), starts, dtype=np.int64) > 0
    folded = _FOLD[codes].tobytes().replace(b"\x00", b"")[:-1]
    folded = _SPACES_RE.sub(b" ", folded)
    if shouting.any():
        lines = folded.split(b"\n")
        for index in np.flatnonzero(shouting).tolist():
            lines[index] = lines[index].lower()
        folded = b"\n".join(lines)
    if b"@" in folded or b"://" in folded or b"www." in folded:
        folded = _ADDRESS_RE.sub(b" 0 ", folded)
    return folded, marked


def _batch_keys(texts: Sequence[str]) -> tuple[list[bytes], npt.NDArray[np.bool_]]:
    """The folded keys of a (non-empty) batch of comments, and whether each had diacritics."""
    folded, diacritics = _fold_batch(texts)
    keyed = _canonical(_SLOT_RE.sub(b" 0 ", folded))
    keys = keyed.split(b"\n")

    # Too few words left besides the slots: keep the comment as typed (names and numbers).
    # Every word is followed by one gap (a space, or the newline that ends its line).
    data = np.frombuffer(keyed + b"\n", dtype=np.uint8)
    starts = _line_starts(data)[:-1]
    is_gap = (data == ord(" ")) | (data == ord("\n"))
    words = _per_line(is_gap, starts)
    slot = np.zeros(data.size, dtype=np.bool_)
    slot[1:-1] = (data[1:-1] == SLOT[0]) & is_gap[:-2] & is_gap[2:]
    slot[0] = data[0] == SLOT[0] and is_gap[1]
    plain = words - _per_line(data == SENTENCE_MARK[0], starts) - _per_line(slot, starts)
    raw = np.frombuffer(folded + b"\n", dtype=np.uint8)
    raw_words = _per_line((raw == ord(" ")) | (raw == ord("\n")), _line_starts(raw)[:-1])
    redo = np.flatnonzero((plain < MIN_WORDS) | (plain * 2 < raw_words))
    if redo.size:
        lines = folded.split(b"\n")
        plain_keys = _canonical(b"\n".join(lines[i] for i in redo.tolist())).split(b"\n")
        for index, key in zip(redo.tolist(), plain_keys, strict=True):
            keys[index] = key or " ".join(texts[index].lower().split()).encode()
    return keys, diacritics


def folded_keys(texts: Sequence[str]) -> tuple[list[bytes], npt.NDArray[np.bool_]]:
    """Return the folded key of each comment, and whether each was typed with diacritics.

    A key is lower-case ASCII without diacritics, each mail-merge slot replaced by ``SLOT``,
    punctuation dropped, sentences separated by ``SENTENCE_MARK``, single spaces. A comment
    with nothing foldable (another script) keeps its own lower-cased UTF-8 words, so two
    such comments are never merged by accident.
    """
    keys: list[bytes] = []
    flags: list[npt.NDArray[np.bool_]] = []
    for first in range(0, len(texts), BATCH_TEXTS):
        batch_keys, batch_flags = _batch_keys(texts[first : first + BATCH_TEXTS])
        keys.extend(batch_keys)
        flags.append(batch_flags)
    return keys, (np.concatenate(flags) if flags else np.zeros(0, dtype=np.bool_))


def folded_key(text: str) -> bytes:
    """The folded key of one comment (see ``folded_keys``)."""
    return folded_keys([text])[0][0]


def has_diacritics(text: str) -> bool:
    """Whether ``text`` was typed with Vietnamese diacritics (a letter with a mark, or đ)."""
    return bool(folded_keys([text])[1][0])


def fold(text: str) -> str:
    """Return ``text`` as typed without diacritics (đ/Đ → d/D); case and punctuation stay."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in text if not unicodedata.combining(char))
