"""What each group stands for, and what everyone shares (Polis ``repness.clj``, ``stats.clj``).

For every group g and statement s Polis counts agrees (na), disagrees (nd) and votes seen (ns)
among the group's members, then:

* ``pa = (na + 1) / (ns + 2)`` — probability of agreeing, with one pseudo-vote each way;
* ``pat`` — one-proportion z-test of ``pa`` against ½ (pseudo-counts added);
* ``ra = pa / ((na_rest + 1) / (ns_rest + 2))`` — how much likelier the group is to agree
  than everyone else who is clustered;
* ``rat`` — two-proportion z-test of the group against the rest (pseudo-counts added);

and the same for disagreement (pd, pdt, rd, rdt). A statement represents a group when both
tests are significant at 90 % (z > 1.2816) for agreement or for disagreement; the best ones
by ``repness × repness-test × p-success × p-test`` are kept, the best "agree" statement first,
then agrees before disagrees, five at most. A group with no significant statement still gets
its single most distinctive one.

Consensus is group-aware: a statement is a consensus statement when a majority of *every*
group agrees (or disagrees) and the whole population's test is significant, ranked by the
product over groups of ``(na + 1) / (ns + 2)`` (Polis ``group-aware-consensus``). A plain
population majority is not enough: it would report as shared what one large group imposes
on a smaller one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

import numpy as np
from numpy.typing import NDArray

from danvan.consultations.opinion.matrix import VoteMatrix

Z_90 = 1.2816  # one-sided 90 % critical value used throughout Polis
PICK_MAX = 5

Direction = Literal["agree", "disagree"]

RepStatement = TypedDict(
    "RepStatement",
    {
        "tid": int | str,
        "n-success": int,
        "n-trials": int,
        "p-success": float,
        "p-test": float,
        "repness": float,
        "repness-test": float,
        "repful-for": Direction,
        "best-agree": NotRequired[bool],
        "n-agree": NotRequired[int],
    },
)

ConsensusStatement = TypedDict(
    "ConsensusStatement",
    {
        "tid": int | str,
        "n-success": int,
        "n-trials": int,
        "p-success": float,
        "p-test": float,
        "cons-for": Direction,
        "group-aware-consensus": float,
    },
)


@dataclass(frozen=True, slots=True, eq=False)
class VoteCounts:
    """Agree / disagree / seen counts per group (rows) and statement (columns).

    ``population_*`` count every participant, clustered or not (for consensus).
    """

    agree: NDArray[np.int64]
    disagree: NDArray[np.int64]
    seen: NDArray[np.int64]
    population_agree: NDArray[np.int64]
    population_disagree: NDArray[np.int64]
    population_seen: NDArray[np.int64]


def count_votes(matrix: VoteMatrix, groups: NDArray[np.int64], k: int) -> VoteCounts:
    """Count votes per (group, statement, vote value) in a single pass over the matrix.

    ``groups[i]`` is participant i's group, or −1 when not clustered.
    """
    votes = matrix.votes
    m = matrix.n_statements
    per_entry_group = np.repeat(groups.astype(np.int32) + 1, np.diff(votes.indptr))
    # key = statement + m × (3 × (group + 1) + vote + 1): one bincount gives every count.
    key = per_entry_group
    key *= 3
    key += votes.data
    key += 1
    key *= m
    key += votes.indices
    counts = np.bincount(key, minlength=(k + 1) * 3 * m).reshape(k + 1, 3, m).astype(np.int64)
    grouped = counts[1:]
    total = counts.sum(axis=0)
    return VoteCounts(
        agree=grouped[:, 2, :],
        disagree=grouped[:, 0, :],
        seen=grouped.sum(axis=1),
        population_agree=total[2],
        population_disagree=total[0],
        population_seen=total.sum(axis=0),
    )


def prop_test(successes: NDArray[np.int64], trials: NDArray[np.int64]) -> NDArray[np.float64]:
    """Polis one-proportion z-test against ½, with one pseudo-success and one pseudo-trial."""
    succ = successes + 1.0
    n = trials + 1.0
    return np.asarray(2.0 * np.sqrt(n) * (succ / n - 0.5), dtype=np.float64)


def two_prop_test(
    succ_in: NDArray[np.int64],
    succ_out: NDArray[np.int64],
    n_in: NDArray[np.int64],
    n_out: NDArray[np.int64],
) -> NDArray[np.float64]:
    """Polis two-proportion z-test (group vs rest), every count incremented by one."""
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, n_in + 1.0, n_out + 1.0
    pi1, pi2 = s1 / n1, s2 / n2
    pi_hat = (s1 + s2) / (n1 + n2)
    denominator = np.sqrt(pi_hat * (1.0 - pi_hat) * (1.0 / n1 + 1.0 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (pi1 - pi2) / denominator
    return np.asarray(np.where(pi_hat == 1.0, 0.0, z), dtype=np.float64)


def _probability(successes: NDArray[np.int64], trials: NDArray[np.int64]) -> NDArray[np.float64]:
    return np.asarray((successes + 1.0) / (trials + 2.0), dtype=np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class _GroupStats:
    na: NDArray[np.int64]
    nd: NDArray[np.int64]
    ns: NDArray[np.int64]
    pa: NDArray[np.float64]
    pd: NDArray[np.float64]
    pat: NDArray[np.float64]
    pdt: NDArray[np.float64]
    ra: NDArray[np.float64]
    rd: NDArray[np.float64]
    rat: NDArray[np.float64]
    rdt: NDArray[np.float64]


def _group_stats(counts: VoteCounts, g: int) -> _GroupStats:
    na, nd, ns = counts.agree[g], counts.disagree[g], counts.seen[g]
    na_rest = counts.agree.sum(axis=0) - na
    nd_rest = counts.disagree.sum(axis=0) - nd
    ns_rest = counts.seen.sum(axis=0) - ns
    pa, pd = _probability(na, ns), _probability(nd, ns)
    return _GroupStats(
        na=na,
        nd=nd,
        ns=ns,
        pa=pa,
        pd=pd,
        pat=prop_test(na, ns),
        pdt=prop_test(nd, ns),
        ra=pa / _probability(na_rest, ns_rest),
        rd=pd / _probability(nd_rest, ns_rest),
        rat=two_prop_test(na, na_rest, ns, ns_rest),
        rdt=two_prop_test(nd, nd_rest, ns, ns_rest),
    )


def _finalize(stats: _GroupStats, j: int, tid: int | str) -> RepStatement:
    """Polis ``finalize-cmt-stats``: report whichever of agree/disagree is more distinctive."""
    if stats.rat[j] > stats.rdt[j]:
        return {
            "tid": tid,
            "n-success": int(stats.na[j]),
            "n-trials": int(stats.ns[j]),
            "p-success": float(stats.pa[j]),
            "p-test": float(stats.pat[j]),
            "repness": float(stats.ra[j]),
            "repness-test": float(stats.rat[j]),
            "repful-for": "agree",
        }
    return {
        "tid": tid,
        "n-success": int(stats.nd[j]),
        "n-trials": int(stats.ns[j]),
        "p-success": float(stats.pd[j]),
        "p-test": float(stats.pdt[j]),
        "repness": float(stats.rd[j]),
        "repness-test": float(stats.rdt[j]),
        "repful-for": "disagree",
    }


def _metric(entry: RepStatement) -> float:
    return entry["repness"] * entry["repness-test"] * entry["p-success"] * entry["p-test"]


def _beats_best_agree(stats: _GroupStats, j: int, best: int | None) -> bool:
    """Polis ``beats-best-agr?``: the statement that best shows what the group agrees on."""
    if stats.na[j] == 0 and stats.nd[j] == 0:
        return False
    if best is not None and stats.ra[best] > 1.0:
        mine = stats.ra[j] * stats.rat[j] * stats.pa[j] * stats.pat[j]
        theirs = stats.ra[best] * stats.rat[best] * stats.pa[best] * stats.pat[best]
        return bool(mine > theirs)
    if best is not None:
        return bool(stats.pa[j] * stats.pat[j] > stats.pa[best] * stats.pat[best])
    return bool(stats.pat[j] > Z_90 or (stats.ra[j] > 1.0 and stats.pa[j] > 0.5))


def select_representative(
    counts: VoteCounts,
    statement_ids: list[int | str],
    active: NDArray[np.bool_],
    *,
    pick_max: int = PICK_MAX,
) -> dict[int, list[RepStatement]]:
    """Representative statements of every group (Polis ``select-rep-comments``)."""
    result: dict[int, list[RepStatement]] = {}
    candidates = np.flatnonzero(active)
    for g in range(counts.agree.shape[0]):
        stats = _group_stats(counts, g)
        passes = ((stats.rat > Z_90) & (stats.pat > Z_90)) | (
            (stats.rdt > Z_90) & (stats.pdt > Z_90)
        )
        best_agree: int | None = None
        for j in candidates.tolist():
            if _beats_best_agree(stats, j, best_agree):
                best_agree = j
        sufficient = [j for j in candidates.tolist() if passes[j]]
        head: list[RepStatement] = []
        if best_agree is not None:
            entry = _finalize(stats, best_agree, statement_ids[best_agree])
            entry["n-agree"] = int(stats.na[best_agree])
            entry["best-agree"] = True
            head = [entry]
        if not sufficient:
            if not head and candidates.size:
                strongest = candidates[np.argmax(np.maximum(stats.rat, stats.rdt)[candidates])]
                head = [_finalize(stats, int(strongest), statement_ids[int(strongest)])]
            result[g] = head
            continue
        rest = [_finalize(stats, j, statement_ids[j]) for j in sufficient if j != best_agree]
        rest.sort(key=_metric, reverse=True)
        chosen = (head + rest)[:pick_max]
        result[g] = [e for e in chosen if e["repful-for"] == "agree"] + [
            e for e in chosen if e["repful-for"] == "disagree"
        ]
    return result


def group_aware_consensus(counts: VoteCounts) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per statement, the product over groups of the (smoothed) agree and disagree probability."""
    agree = np.prod(_probability(counts.agree, counts.seen), axis=0)
    disagree = np.prod(_probability(counts.disagree, counts.seen), axis=0)
    return np.asarray(agree, dtype=np.float64), np.asarray(disagree, dtype=np.float64)


def select_consensus(
    counts: VoteCounts,
    statement_ids: list[int | str],
    active: NDArray[np.bool_],
    *,
    pick_max: int = PICK_MAX,
) -> list[ConsensusStatement]:
    """Consensus statements, agreed ones first then disagreed ones (see the module docstring)."""
    gac_agree, gac_disagree = group_aware_consensus(counts)
    chosen: list[ConsensusStatement] = []
    n_all = counts.population_seen
    directions: tuple[
        tuple[Direction, NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]], ...
    ] = (
        ("agree", counts.population_agree, counts.agree, gac_agree),
        ("disagree", counts.population_disagree, counts.disagree, gac_disagree),
    )
    for direction, n_success, per_group, gac in directions:
        p = _probability(n_success, n_all)
        z = prop_test(n_success, n_all)
        every_group = (_probability(per_group, counts.seen) > 0.5).all(axis=0)
        eligible = active & (p > 0.5) & (z > Z_90) & every_group & (n_all > 0)
        ranked = np.flatnonzero(eligible)
        ranked = ranked[np.argsort(-gac[ranked], kind="stable")][:pick_max]
        chosen.extend(
            {
                "tid": statement_ids[j],
                "n-success": int(n_success[j]),
                "n-trials": int(n_all[j]),
                "p-success": float(p[j]),
                "p-test": float(z[j]),
                "cons-for": direction,
                "group-aware-consensus": float(gac[j]),
            }
            for j in ranked.tolist()
        )
    return chosen
