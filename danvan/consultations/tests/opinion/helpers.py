"""Hand-built vote tables for the opinion engine tests."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from danvan.consultations.opinion import VoteMatrix, build_vote_matrix

# Two camps of 20 people on 10 statements: camp A agrees with 0–4 and disagrees with 5–8,
# camp B the opposite; everybody agrees with statement 9 (common ground).
CAMP_SIZE = 20
N_STATEMENTS = 10
SHARED = 9


def two_camps(
    *, noise: float = 0.1, seed: int = 7, extra_light_voters: int = 0
) -> tuple[VoteMatrix, NDArray[np.int64]]:
    """The two camps (participant ids 100…139; camp A first) and each one's true camp.

    ``noise`` is the chance that a vote is a pass instead; ``extra_light_voters`` adds
    people (ids 500…) who voted on three statements only.
    """
    rng = np.random.default_rng(seed)
    participants, statements, votes = [], [], []
    truth = np.repeat([0, 1], CAMP_SIZE)
    for person, camp in enumerate(truth):
        for statement in range(N_STATEMENTS):
            if statement == SHARED:
                vote = 1
            else:
                favoured = statement < 5 if camp == 0 else statement >= 5
                vote = 1 if favoured else -1
            if statement != SHARED and rng.random() < noise:
                vote = 0
            participants.append(100 + person)
            statements.append(statement)
            votes.append(vote)
    for light in range(extra_light_voters):
        for statement in range(3):
            participants.append(500 + light)
            statements.append(statement)
            votes.append(1)
    matrix = build_vote_matrix(participants=participants, statements=statements, votes=votes)
    return matrix, truth
