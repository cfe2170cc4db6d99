"""Benchmark of the consultations module: the three parts of issue 4, one after another.

Usage (from the repository root; (a) needs DATABASE_URL naming a PostgreSQL server):

    DATABASE_URL=postgres://danvan:danvan@127.0.0.1:5432/danvan \\
        .venv/bin/python bench/consultations.py [--skip-submissions] [--skip-opinion] ...

(a) ``consultations_submissions.py``: ballots of 8 article votes through the real HTTP stack
    (granian, the ballot's fast lane) against the same rows written straight into
    PostgreSQL (the ceiling);
(b) ``consultations_opinion.py``: agreement with Polis's groups on the four shared
    conversations and the 100k x 2k and 1M x 5,000 runs, side by side with red-dwarf;
(c) ``consultations_campaigns.py``: campaign detection on 1,000,000 synthetic Vietnamese
    comments with planted campaigns, side by side with datasketch MinHash-LSH.

Each part prints its own table; this script runs them in order and stops at the first
failure. Run a part alone with its own script for its options.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = (
    ("submissions", "consultations_submissions.py"),
    ("opinion", "consultations_opinion.py"),
    ("campaigns", "consultations_campaigns.py"),
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
