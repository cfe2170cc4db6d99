"""Residents' proposals (Art 16(2)): at least 10% of the village's households, support valid
for 3 months.

"3 months" (Civil Code 91/2015 Arts 147–148, DOMAIN.md §8.4): the day of signing is not
counted, and a month period ends on the corresponding day of the third month after it, or
on that month's last day when it has no such day. A signature of 15 January is counted
through 15 April and lapses on 16 April; one of 30 November is counted through 28 (or 29)
February. There is no roll-forward past weekends and holidays (Art 148(5)): support is a
state that lapses, not an act to be done at an office, so the conservative reading is kept.
"""

import calendar
import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.democracy.decisions.errors import DecisionInputError
from danvan.democracy.decisions.thresholds import interpolate_lazy

SUPPORT_VALID_MONTHS = 3


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or the last day of that month (Art 148(3))."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def support_valid_until(signed_on: dt.date) -> dt.date:
    """The last day a signature made on ``signed_on`` is counted."""
    return add_months(signed_on, SUPPORT_VALID_MONTHS)


def proposal_threshold(total_households: int) -> int:
    """Smallest n with n ≥ 10% of total, i.e. 10n ≥ total: 10% of 95 needs 10."""
    return -(-total_households // 10)


@dataclass(frozen=True)
class ProposalCount:
    total_households: int
    threshold: int
    supporting: int  # distinct households with a signature still valid on ``today``
    expired: int  # distinct households whose every signature has lapsed
    duplicates: int  # signatures not counted because the household had signed already
    reached: bool
    today: dt.date


def proposal_reaches_threshold(
    *,
    total_households: int,
    supporting_household_ids: Sequence[Hashable],
    signed_on_dates: Sequence[dt.date],
    today: dt.date | None = None,
) -> ProposalCount:
    """Count the households supporting a proposal on ``today`` (default: today in Vietnam).

    The two sequences run in parallel: household ``ids[i]`` signed on ``dates[i]``. A
    household that signed several times counts once, by its latest signature.
    """
    on = today if today is not None else timezone.localdate()
    if total_households <= 0:
        raise DecisionInputError(_("A village without households cannot decide anything."))
    if len(supporting_household_ids) != len(signed_on_dates):
        raise DecisionInputError(_("Each supporting household needs exactly one signing date."))
    latest: dict[Hashable, dt.date] = {}
    for household, signed_on in zip(supporting_household_ids, signed_on_dates, strict=True):
        if signed_on > on:
            raise DecisionInputError(
                interpolate_lazy(
                    _("A signature is dated %(date)s, after the day of counting."),
                    {"date": signed_on.strftime("%d/%m/%Y")},
                )
            )
        if household not in latest or signed_on > latest[household]:
            latest[household] = signed_on
    supporting = sum(1 for d in latest.values() if on <= support_valid_until(d))
    if supporting > total_households:
        raise DecisionInputError(
            interpolate_lazy(
                _("%(count)s households support the proposal, but the village has %(total)s."),
                {"count": supporting, "total": total_households},
            )
        )
    threshold = proposal_threshold(total_households)
    return ProposalCount(
        total_households=total_households,
        threshold=threshold,
        supporting=supporting,
        expired=len(latest) - supporting,
        duplicates=len(supporting_household_ids) - len(latest),
        reached=10 * supporting >= total_households,
        today=on,
    )
