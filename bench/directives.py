"""Benchmark of the directives module: the two figures issue 5 asks for, one after another.

Usage (from the repository root; with DATABASE_URL naming a PostgreSQL server the synthesis
also runs there):

    .venv/bin/python bench/directives.py [--skip-extraction] [--skip-synthesis]

(a) ``directives_extraction.py``: precision and recall of reference extraction on the
    annotated corpus (symbols and dates, Vietnamese and English), and extraction speed on a
    generated 1,000-page corpus, side by side with the peer: the single extraction regex
    of DOMAIN.md §7.3;
(b) ``directives_synthesis.py``: the synthesis of 3,321 units' reports (roll-up, Word, Excel),
    side by side with the spreadsheet way agencies use today: 3,321 per-unit .xlsx files
    read with openpyxl and summed.

Each part prints its own table; this script runs them in order and stops at the first
failure. Run a part alone with its own script for its options.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = (
    ("extraction", "directives_extraction.py"),
    ("synthesis", "directives_synthesis.py"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, _script in PARTS:
        parser.add_argument(f"--skip-{name}", action="store_true")
    args = parser.parse_args()
    for name, script in PARTS:
        if getattr(args, f"skip_{name}"):
            continue
        print(f"\n=== {name}: bench/{script}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script)], check=False)
        if result.returncode != 0:
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
