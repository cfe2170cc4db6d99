"""The engine must not depend on Django (docs/decisions/0002-deadline-engine.md)."""

import ast
import subprocess
import sys
from pathlib import Path

import danvan.deadlines.engine as engine_package

ENGINE_DIR = Path(engine_package.__file__).parent
REPO_ROOT = ENGINE_DIR.parents[2]


def test_no_engine_module_imports_django() -> None:
    # given every module of the engine package
    modules = sorted(ENGINE_DIR.rglob("*.py"))
    assert len(modules) >= 6
    offenders = []
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # when collecting every imported module name
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name == "django" or name.startswith("django."):
                    offenders.append(f"{path.name}: {name}")
                # the Django app around the engine is off limits too
                if name.startswith("danvan.") and not name.startswith("danvan.deadlines.engine"):
                    offenders.append(f"{path.name}: {name}")
    # then none is Django or the app
    assert offenders == []


def test_engine_imports_and_computes_with_django_unimportable() -> None:
    # given a Python process in which "import django" fails
    script = (
        "import sys, datetime as dt\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'django' or name.startswith('django.'):\n"
        "            raise ImportError('django is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from danvan.deadlines.engine import (\n"
        "    RULE_BOOK, KNOWN_OVERRIDES, WorkingCalendar, due_date)\n"
        "c = WorkingCalendar(overrides=KNOWN_OVERRIDES)\n"
        "r = RULE_BOOK.get('denunciation_accept', on=dt.date(2026, 2, 12))\n"
        "print(due_date(r, dt.date(2026, 2, 12), c).isoformat())\n"
        "print('django' in sys.modules)\n"
    )
    # when the engine is imported and used there
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # then it works and Django was never loaded
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2026-03-02", "False"]
