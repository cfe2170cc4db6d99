"""Right-to-left safety: stylesheets use logical properties only (inline/block, start/end)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PHYSICAL = re.compile(
    r"(?<![\w-])(margin|padding|border)-(left|right)\b"
    r"|(?<![\w-])(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
)
# A printed book's left and right pages are physical (the binding is on one side whatever the
# script), so one-line ``@page :left { … }`` / ``@page :right { … }`` rules may say left/right.
PRINTED_PAGE_SIDE = re.compile(r"^\s*@page\s*:(left|right)\b")
STYLESHEETS = sorted(ROOT.glob("**/static/**/*.css"))


def test_there_are_stylesheets_to_check() -> None:
    assert STYLESHEETS


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stylesheet_uses_logical_properties(path: Path) -> None:
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PHYSICAL.search(line) and not PRINTED_PAGE_SIDE.match(line)
    ]
    assert offending == []
