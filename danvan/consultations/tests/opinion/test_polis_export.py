"""Reading a Polis export, and the ``opinion_map`` command on a tiny one."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from danvan.consultations.opinion import PolisExportError, load_polis_export, load_polis_groups

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny_polis"
TINY_PV = FIXTURES / "tiny_polis_pv"


def test_export_keeps_each_voters_latest_vote_and_moderation() -> None:
    # given votes.csv where every voter first voted the opposite way on comment 0
    export = load_polis_export(TINY)

    # then the latest vote counts: camp A (voters 0–9) agrees with comment 0
    matrix = export.matrix
    row = matrix.votes[[0]].toarray()[0]
    assert row[0] == 1
    assert matrix.n_participants == 21
    assert matrix.n_votes == 20 * 8 + 3
    assert export.moderated_out == frozenset({7})
    assert export.comments[3] == "Ý kiến số 3"


def test_export_from_participant_votes_is_read_too() -> None:
    export = load_polis_export(TINY_PV)
    assert export.matrix.n_participants == 20
    assert export.matrix.n_votes == 160


def test_polis_groups_are_read_and_ungrouped_left_out() -> None:
    groups = load_polis_groups(TINY)
    assert len(groups) == 20
    assert groups[0] == 0
    assert groups[19] == 1
    assert 20 not in groups


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "comments.csv is missing"),
        ({"comments.csv": "comment-id,moderated\n1,1\n"}, "neither votes.csv"),
        ({"comments.csv": "comment-id\n1\n"}, "missing column"),
        (
            {"comments.csv": "comment-id,moderated\nx,1\n", "votes_long_from_pv.csv": ""},
            "must hold numbers",
        ),
        (
            {
                "comments.csv": "comment-id,moderated\n1,1\n",
                "votes_long_from_pv.csv": "voter-id,comment-id,vote\n1,1,5\n",
            },
            "a vote must be",
        ),
        ({"comments.csv": b"\xff\xfe\x00bad"}, "comments.csv"),
    ],
)
def test_bad_exports_are_refused_with_a_reason(
    tmp_path: Path, files: dict[str, str | bytes], message: str
) -> None:
    for name, content in files.items():
        if isinstance(content, bytes):
            (tmp_path / name).write_bytes(content)
        else:
            write(tmp_path, name, content)
    with pytest.raises(PolisExportError, match=message):
        load_polis_export(tmp_path)


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolisExportError, match="not a directory"):
        load_polis_export(tmp_path / "nowhere")


def test_command_prints_the_json_document() -> None:
    # when the command runs with --json on the tiny export
    out = StringIO()
    call_command("opinion_map", str(TINY), "--json", stdout=out)
    document = json.loads(out.getvalue())

    # then it has exactly the four keys, the two camps, and the light voter left out
    assert list(document) == ["k", "groups", "repness", "consensus"]
    assert document["k"] == 2
    assert "20" not in document["groups"]
    camp_a = {document["groups"][str(v)] for v in range(10)}
    camp_b = {document["groups"][str(v)] for v in range(10, 20)}
    assert len(camp_a) == len(camp_b) == 1
    assert camp_a != camp_b
    assert set(document["repness"]) == {"0", "1"}
    for entries in document["repness"].values():
        for entry in entries:
            assert entry["tid"] != 7  # moderated out
            assert set(entry) >= {"tid", "repful-for", "n-success", "n-trials", "repness-test"}
    assert [(c["tid"], c["cons-for"]) for c in document["consensus"]] == [(6, "agree")]


def test_command_prints_a_readable_summary() -> None:
    out = StringIO()
    call_command("opinion_map", str(TINY), stdout=out)
    text = out.getvalue()
    assert "21" in text
    assert "Ý kiến số 6" in text


def test_command_reports_an_unreadable_export(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"comments\.csv"):
        call_command("opinion_map", str(tmp_path), "--json")
