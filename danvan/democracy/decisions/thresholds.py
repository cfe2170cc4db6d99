"""Art 21 thresholds, in exact integer arithmetic (no floats anywhere).

* Items 1, 2 (contributions, community funds), village scope: at least 2/3 of ALL households
  of the village approve (Art 21(1)(a)). The minimal number is the smallest n with
  3n ≥ 2·total: 2/3 of 30 is 20 and 20 passes; 2/3 of 31 is 20.67, so 21 are needed.
* Items 1, 2, commune-wide: at least 2/3 of ALL villages of the commune approve, each
  village deciding by its own 2/3 rule (Art 21(1)(b)).
* Items 3–6: MORE than 50% of ALL households (Art 21(2)): the smallest n with 2n > total,
  so a tie (exactly half) fails.

The denominators are every household of the village, not those present: abstentions,
households that did not vote and households not represented all count against. One
household, one vote: the counts here are households, and the vote registers make sure
a household is counted once.

Out of scope: a village that is divided into two new villages while a vote is open. The
households of the old village are the electorate fixed when the vote opened; re-dividing
the electorate mid-vote has no rule in Law 10/2022 or Decree 59/2023, so the caller must
close the vote under the old village and start again in the new ones.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from danvan.democracy.decisions.errors import DecisionInputError
from danvan.democracy.decisions.matters import Matter, Rule

TWO_THIRDS = Fraction(2, 3)
HALF = Fraction(1, 2)
CLUSTER_MIN_HOUSEHOLDS = 200  # Art 18(3)
COMMUNE_WIDE_ONLY = _(
    "Only contributions and community funds are decided commune-wide "
    "(Law 10/2022/QH15, Article 21(1)(b))."
)


def _interpolate(message: StrOrPromise, params: Mapping[str, object]) -> str:
    return str(message) % params


# Evaluated when rendered, so a result built in one language reads in the viewer's.
interpolate_lazy = lazy(_interpolate, str)


def two_thirds_threshold(total: int) -> int:
    """Smallest n with n ≥ 2/3·total, i.e. 3n ≥ 2·total (ceiling of 2·total/3)."""
    return -(-2 * total // 3)


def majority_threshold(total: int) -> int:
    """Smallest n with n > total/2, i.e. 2n > total."""
    return total // 2 + 1


def rule_for(matter: Matter | str) -> Rule:
    matter = Matter(matter)
    return Rule.TWO_THIRDS if matter.needs_two_thirds else Rule.MAJORITY


def threshold_for(rule: Rule, total: int) -> int:
    return two_thirds_threshold(total) if rule is Rule.TWO_THIRDS else majority_threshold(total)


def reaches(rule: Rule, approve: int, total: int) -> bool:
    """The comparison itself, by cross-multiplication (independent of the thresholds)."""
    if rule is Rule.TWO_THIRDS:
        return 3 * approve >= 2 * total
    return 2 * approve > total


@dataclass(frozen=True)
class VillageResult:
    """One village's count under Art 21, with the reason in words."""

    matter: Matter
    rule: Rule
    total_households: int
    approve: int
    reject: int
    abstain: int
    not_voted: int
    threshold: int  # the minimal number of approving households
    passed: bool
    basis: StrOrPromise  # lazy: the article and the arithmetic, in the active language

    @property
    def approval_share(self) -> Fraction:
        return Fraction(self.approve, self.total_households)


@dataclass(frozen=True)
class CommuneResult:
    """A commune-wide count of items 1, 2 (Art 21(1)(b)): villages, not households."""

    matter: Matter
    total_villages: int
    villages_passed: tuple[str, ...]
    villages_failed: tuple[str, ...]
    villages_missing: int  # villages without a result, counted against
    threshold: int  # the minimal number of approving villages
    passed: bool
    basis: StrOrPromise


def _check_count(name: str, value: int) -> None:
    if value < 0:
        raise DecisionInputError(
            interpolate_lazy(_("The number of %(name)s cannot be negative."), {"name": name})
        )


def village_result(
    matter: Matter | str,
    *,
    total_households: int,
    approve: int,
    reject: int,
    abstain: int,
    not_voted: int,
) -> VillageResult:
    """Count one village's vote on ``matter`` under Art 21.

    ``not_voted`` is every household that returned no vote (absent, not represented,
    ballot not returned); it must make the four counts add up to all households.
    """
    matter = Matter(matter)
    if total_households <= 0:
        raise DecisionInputError(_("A village without households cannot decide anything."))
    for name, value in (
        (_("approving households"), approve),
        (_("rejecting households"), reject),
        (_("abstaining households"), abstain),
        (_("households that did not vote"), not_voted),
    ):
        _check_count(str(name), value)
    counted = approve + reject + abstain + not_voted
    if counted != total_households:
        raise DecisionInputError(
            interpolate_lazy(
                _(
                    "Approving, rejecting, abstaining and non-voting households add up to "
                    "%(counted)s, but the village has %(total)s households."
                ),
                {"counted": counted, "total": total_households},
            )
        )
    rule = rule_for(matter)
    threshold = threshold_for(rule, total_households)
    passed = reaches(rule, approve, total_households)
    params = {"total": total_households, "threshold": threshold, "approve": approve}
    if rule is Rule.TWO_THIRDS:
        message = _(
            "Law 10/2022/QH15, Article 21(1)(a): at least two thirds of all %(total)s "
            "households must approve, that is %(threshold)s; %(approve)s approved."
        )
    else:
        message = _(
            "Law 10/2022/QH15, Article 21(2): more than half of all %(total)s households "
            "must approve, that is %(threshold)s; %(approve)s approved."
        )
    return VillageResult(
        matter=matter,
        rule=rule,
        total_households=total_households,
        approve=approve,
        reject=reject,
        abstain=abstain,
        not_voted=not_voted,
        threshold=threshold,
        passed=passed,
        basis=interpolate_lazy(message, params),
    )


def commune_result(
    matter: Matter | str, *, total_villages: int, village_results: Mapping[str, VillageResult]
) -> CommuneResult:
    """Count a commune-wide vote on item 1 or 2: at least 2/3 of ALL villages approve.

    ``village_results`` maps each village's code to its own count (so a village cannot be
    counted twice); villages of the commune with no result yet count against.
    """
    matter = Matter(matter)
    if not matter.needs_two_thirds:
        raise DecisionInputError(COMMUNE_WIDE_ONLY)
    if total_villages <= 0:
        raise DecisionInputError(_("A commune without villages cannot decide anything."))
    if len(village_results) > total_villages:
        raise DecisionInputError(
            interpolate_lazy(
                _("There are %(count)s village results but the commune has %(total)s villages."),
                {"count": len(village_results), "total": total_villages},
            )
        )
    if any(result.matter != matter for result in village_results.values()):
        raise DecisionInputError(_("Every village result must be on the same matter."))
    passed_codes = tuple(code for code, r in village_results.items() if r.passed)
    failed_codes = tuple(code for code, r in village_results.items() if not r.passed)
    threshold = two_thirds_threshold(total_villages)
    passed = reaches(Rule.TWO_THIRDS, len(passed_codes), total_villages)
    return CommuneResult(
        matter=matter,
        total_villages=total_villages,
        villages_passed=passed_codes,
        villages_failed=failed_codes,
        villages_missing=total_villages - len(village_results),
        threshold=threshold,
        passed=passed,
        basis=interpolate_lazy(
            _(
                "Law 10/2022/QH15, Article 21(1)(b): at least two thirds of all %(total)s "
                "villages must approve, that is %(threshold)s; %(approve)s approved."
            ),
            {"total": total_villages, "threshold": threshold, "approve": len(passed_codes)},
        ),
    )


@dataclass(frozen=True)
class ClusterCount:
    """One cluster meeting (cụm) of a village: its households and how they voted."""

    households: int
    approve: int
    reject: int
    abstain: int


def clusters_sum(
    matter: Matter | str,
    *,
    total_households: int,
    clusters: Sequence[ClusterCount],
    scattered_population: bool = False,
) -> VillageResult:
    """Sum the cluster meetings of one village, then apply the village threshold (Art 18(3)).

    Clusters are allowed from 200 households, or for a scattered population. They divide
    the village, so their households must add up to the village's; a household of a
    cluster that did not vote there counts as not voted. The threshold applies to the
    village total, never cluster by cluster.
    """
    if not clusters:
        raise DecisionInputError(_("Give at least one cluster meeting."))
    if total_households < CLUSTER_MIN_HOUSEHOLDS and not scattered_population:
        raise DecisionInputError(
            _(
                "Meetings by cluster need at least 200 households or a scattered population "
                "(Law 10/2022/QH15, Article 18)."
            )
        )
    in_clusters = sum(c.households for c in clusters)
    if in_clusters != total_households:
        raise DecisionInputError(
            interpolate_lazy(
                _(
                    "The clusters have %(counted)s households in all, but the village has "
                    "%(total)s."
                ),
                {"counted": in_clusters, "total": total_households},
            )
        )
    not_voted = 0
    for cluster in clusters:
        for name, value in (
            (_("households"), cluster.households),
            (_("approving households"), cluster.approve),
            (_("rejecting households"), cluster.reject),
            (_("abstaining households"), cluster.abstain),
        ):
            _check_count(str(name), value)
        voted = cluster.approve + cluster.reject + cluster.abstain
        if voted > cluster.households:
            raise DecisionInputError(
                interpolate_lazy(
                    _("A cluster of %(total)s households cannot have %(voted)s votes."),
                    {"total": cluster.households, "voted": voted},
                )
            )
        not_voted += cluster.households - voted
    return village_result(
        matter,
        total_households=total_households,
        approve=sum(c.approve for c in clusters),
        reject=sum(c.reject for c in clusters),
        abstain=sum(c.abstain for c in clusters),
        not_voted=not_voted,
    )
