"""Check that every app's Vietnamese catalogue is complete and up to date.

For each ``danvan/<app>/locale``: regenerate the catalogue with makemessages (so a string
added to the code but missing from the .po is caught), then ask msgfmt for statistics and
fail on any untranslated or fuzzy entry, and check that the committed .mo matches the .po.
The .po is restored afterwards when only its header changed, so the check leaves no noise.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DJANGO_ADMIN = ROOT / ".venv" / "bin" / "django-admin"
HEADER_RE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "PYTHONPATH": str(ROOT)}
    failures: list[str] = []
    apps = sorted(p.parent for p in (ROOT / "danvan").glob("*/apps.py"))
    for app in apps:
        (app / "locale").mkdir(exist_ok=True)
        po = app / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        before = po.read_text(encoding="utf-8") if po.exists() else None
        subprocess.run(
            [str(DJANGO_ADMIN), "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
            cwd=app,
            env=env,
            check=True,
            capture_output=True,
        )
        if not po.exists():
            continue  # an app with no translatable strings
        after = po.read_text(encoding="utf-8")
        if before is not None and HEADER_RE.sub("", before) == HEADER_RE.sub("", after):
            po.write_text(before, encoding="utf-8")
        stats = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        summary = (stats.stderr or stats.stdout).strip()
        rel = po.relative_to(ROOT)
        if stats.returncode != 0 or "untranslated" in summary or "fuzzy" in summary:
            failures.append(f"{rel}: {summary}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "django.mo"
            subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != fresh.read_bytes():
                failures.append(f"{rel}: compiled .mo is missing or stale (run compilemessages)")
                continue
        print(f"ok  {rel}: {summary}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
