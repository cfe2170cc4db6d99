"""The deadline_rules and due_date management commands."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from danvan.deadlines.engine import RULE_BOOK

pytestmark = pytest.mark.django_db


def test_deadline_rules_lists_every_rule_in_force() -> None:
    out = io.StringIO()
    call_command("deadline_rules", "--on", "2026-11-26", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:4] == ["code", "count", "unit", "remote"]
    body = {line.split()[0]: line for line in lines[2:] if line and not line.startswith(("[", " "))}
    assert "complaint_first" in body
    assert body["complaint_first"].split()[1:4] == ["30", "days", "45"]
    assert "working days" in body["denunciation_accept"]
    assert "Điều 24 khoản 1" in body["denunciation_accept"]
    # the version of complaint_accept in force on 26/11/2026 is ND 155's 7 working days
    assert body["complaint_accept"].split()[1:3] == ["7", "working"]
    assert f"{len(RULE_BOOK.codes())} rules in force on 2026-11-26." in out.getvalue()


def test_deadline_rules_all_versions_shows_both_acceptance_rules() -> None:
    out = io.StringIO()
    call_command("deadline_rules", "--all-versions", stdout=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("complaint_accept ")]
    assert len(rows) == 2
    assert "2026-06-30" in rows[0]
    assert "2026-07-01" in rows[1]


def test_deadline_rules_rejects_a_bad_date() -> None:
    with pytest.raises(CommandError, match="not a date"):
        call_command("deadline_rules", "--on", "26/11/2026")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no_such_rule", "2026-01-05"], "Unknown rule 'no_such_rule'"),
        (["complaint_first", "2026-02-30"], "not a valid date"),
        (["complaint_first", "5/1/2026"], "not a valid date"),
        # complaint_suspension_send exists only from 1/7/2026 (ND 155)
        (["complaint_suspension_send", "2026-06-30"], "not in force on 2026-06-30"),
        (["complaint_first", "2101-01-01"], "calendar covers"),
    ],
)
def test_due_date_errors_are_clear(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("due_date", *args, stdout=io.StringIO())


def test_due_date_exits_non_zero_from_the_command_line() -> None:
    # CommandError raised from the command line makes manage.py exit with status 1
    utility = ManagementUtility(["manage.py", "due_date", "nope", "2026-01-01"])
    with pytest.raises(SystemExit) as exit_info:
        utility.execute()
    assert exit_info.value.code == 1


def test_due_date_remote_flag_without_variant_warns_on_stderr() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "due_date", "denunciation_resolve", "2026-03-27", "--remote-area", stdout=out, stderr=err
    )
    assert out.getvalue() == "2026-04-28\n"
    assert "no remote-area variant" in err.getvalue()


def test_due_date_on_an_unmigrated_database_says_to_migrate(tmp_path: Path) -> None:
    # given a fresh database file that was never migrated
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # when
    result = subprocess.run(
        [sys.executable, "manage.py", "due_date", "complaint_first", "2026-08-03"],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # then: no date on stdout, a clear instruction on stderr
    assert result.returncode == 1
    assert result.stdout == ""
    assert "python manage.py migrate" in result.stderr
