"""Which forms of decision the law allows for a matter (Art 17, Art 19(1)(b), ND 59 Art 5).

* Meeting: always allowed.
* Household ballot (Art 19(1) with ND 59 Art 4): item 6 (point c); items 1, 2 decided
  commune-wide, when the commune chairman chooses it (point a); any other matter only
  after a meeting lacked enough household representatives (point b), that is when fewer
  households were represented than the Art 21 minimum, so the meeting could not have
  passed the matter even unanimously. For items 3, 4, 5 Art 17(2) says so expressly; for
  items 1, 2 in one village it follows from Art 19(1) listing no other case.
* Online vote: item 6 only, and only after MORE than 50% of ALL household representatives
  agreed to vote online (ND 59/2023 Art 5(1)(b)). The other Art 5 conditions (the village
  head and the Front committee agree a meeting or ballot is unnecessary; households have
  devices) are recorded by the people who run the vote, not counted here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from danvan.democracy.decisions.errors import DecisionInputError
from danvan.democracy.decisions.matters import DecisionForm, Matter, Rule, Scope
from danvan.democracy.decisions.thresholds import (
    COMMUNE_WIDE_ONLY,
    interpolate_lazy,
    reaches,
    rule_for,
    threshold_for,
)


@dataclass(frozen=True)
class FormsAllowed:
    matter: Matter
    allowed: tuple[DecisionForm, ...]
    refused: dict[DecisionForm, StrOrPromise] = field(default_factory=dict)  # form → lazy reason

    def is_allowed(self, form: DecisionForm) -> bool:
        return form in self.allowed


def meeting_lacked_households(
    matter: Matter | str, *, total_households: int, represented: int
) -> bool:
    """True when fewer households were represented than the Art 21 minimum for ``matter``."""
    matter = Matter(matter)
    return represented < threshold_for(rule_for(matter), total_households)


def online_voting_agreed(*, total_households: int, agreed: int) -> bool:
    """ND 59 Art 5(1)(b): more than half of ALL household representatives agreed."""
    return reaches(Rule.MAJORITY, agreed, total_households)


def _check(total_households: int, name: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= total_households:
        raise DecisionInputError(
            interpolate_lazy(
                _("The number of %(name)s must be between 0 and %(total)s."),
                {"name": name, "total": total_households},
            )
        )


def forms_allowed(
    matter: Matter | str,
    *,
    total_households: int,
    meeting_represented: int | None = None,
    online_agreed: int | None = None,
    scope: Scope = Scope.VILLAGE,
) -> FormsAllowed:
    """The forms allowed for ``matter`` now, and the reason each other form is refused.

    ``meeting_represented``: households represented at the meeting already held on the
    matter (None: no meeting yet). ``online_agreed``: households that agreed to vote online
    in the consent poll (None: no poll yet). ``scope``: only items 1 and 2 are decided
    commune-wide (Art 21(1)(b)).
    """
    matter = Matter(matter)
    if scope == Scope.COMMUNE and not matter.needs_two_thirds:
        raise DecisionInputError(COMMUNE_WIDE_ONLY)
    if total_households <= 0:
        raise DecisionInputError(_("A village without households cannot decide anything."))
    _check(total_households, str(_("households represented at the meeting")), meeting_represented)
    _check(total_households, str(_("households agreeing to vote online")), online_agreed)

    allowed = [DecisionForm.MEETING]
    refused: dict[DecisionForm, StrOrPromise] = {}

    if matter is Matter.OTHER or scope == Scope.COMMUNE:
        allowed.append(DecisionForm.HOUSEHOLD_BALLOT)
    elif meeting_represented is None:
        refused[DecisionForm.HOUSEHOLD_BALLOT] = (
            _(
                "This matter is decided at a meeting. A household ballot is possible only "
                "after a meeting lacked enough households (Law 10/2022/QH15, Articles 17 "
                "and 19)."
            )
            if matter.meeting_only
            else _(
                "In a village, a household ballot is possible only after a meeting lacked "
                "enough households (Law 10/2022/QH15, Article 19)."
            )
        )
    elif meeting_lacked_households(
        matter, total_households=total_households, represented=meeting_represented
    ):
        allowed.append(DecisionForm.HOUSEHOLD_BALLOT)
    else:
        refused[DecisionForm.HOUSEHOLD_BALLOT] = _(
            "The meeting had enough households to decide, so this matter stays with the "
            "meeting (Law 10/2022/QH15, Articles 17 and 19)."
        )

    if matter is not Matter.OTHER:
        refused[DecisionForm.ONLINE] = _(
            "Only other self-management matters may be decided online (Law 10/2022/QH15, "
            "Article 17)."
        )
    elif online_agreed is None:
        refused[DecisionForm.ONLINE] = _(
            "Households have not yet agreed to vote online: more than half of all households "
            "must agree first (Decree 59/2023/ND-CP, Article 5)."
        )
    elif online_voting_agreed(total_households=total_households, agreed=online_agreed):
        allowed.append(DecisionForm.ONLINE)
    else:
        refused[DecisionForm.ONLINE] = interpolate_lazy(
            _(
                "Only %(agreed)s of %(total)s households agreed to vote online; more than half "
                "of all households must agree (Decree 59/2023/ND-CP, Article 5)."
            ),
            {"agreed": online_agreed, "total": total_households},
        )
    return FormsAllowed(matter=matter, allowed=tuple(allowed), refused=refused)
