"""Our groups agree with Polis's own at least as well as red-dwarf's (adjusted Rand index).

Runs on a real conversation of ../shared/data/polis (The Computational Democracy Project,
CC BY 4.0); skipped where the data or red-dwarf (a dev dependency) is not installed.
"""

from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from danvan.consultations.opinion import compute_opinion_map, load_polis_export, load_polis_groups

POLIS_DATA = Path(__file__).resolve().parents[5] / "shared" / "data" / "polis"
CONVERSATION = POLIS_DATA / "austria-climate.5twd2jsnkf.2022-08-08"


def ari(truth: dict[int, int], ours: dict[int, int]) -> float:
    common = sorted(set(truth) & set(ours))
    return float(adjusted_rand_score([truth[p] for p in common], [ours[p] for p in common]))


@pytest.mark.skipif(not CONVERSATION.is_dir(), reason="Polis open data not present")
@pytest.mark.filterwarnings("ignore:Passing a list to DataFrame.from_dict")
def test_groups_match_polis_at_least_as_well_as_red_dwarf() -> None:
    polis_pipeline = pytest.importorskip("reddwarf.implementations.polis")

    # given a real conversation and Polis's own groups
    export = load_polis_export(CONVERSATION)
    truth = load_polis_groups(CONVERSATION)

    # when both engines run on the same votes and moderation
    ours = compute_opinion_map(export.matrix, moderated_out=export.moderated_out)
    coo = export.matrix.votes.tocoo()
    ids = export.matrix
    votes = [
        {
            "participant_id": int(ids.participant_ids[r]),
            "statement_id": int(ids.statement_ids[c]),
            "vote": int(v),
        }
        for r, c, v in zip(coo.row, coo.col, coo.data, strict=True)
    ]
    theirs = polis_pipeline.run_pipeline(
        votes=votes, mod_out_statement_ids=sorted(export.moderated_out), random_state=0
    )
    labels = theirs.participants_df["cluster_id"].dropna()
    theirs_groups = {int(p): int(g) for p, g in labels.items()}
    ours_groups = {int(p): g for p, g in ours.group_of().items()}

    # then ours agrees with Polis at least as well, and closely
    ours_ari, theirs_ari = ari(truth, ours_groups), ari(truth, theirs_groups)
    assert ours_ari >= theirs_ari
    assert ours_ari > 0.9
