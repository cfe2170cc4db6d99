"""Figures grassroots democracy gives the directives' periodic reports (the pre-fill
registry, ``danvan.directives.prefill``): a commune's report on Directive 33/CT-TTg or
Conclusion 114-KL/TW asks how many dialogues were held, what was disclosed and what the
community decided, and danvan already knows.

The reporting unit is usually a body (the commune's People's Committee); its figures are
those of the place it serves (the commune and its villages), and a province's those of every
commune in it. The periods include both ends. Notes are in Vietnamese whatever the
interface language: they are printed in a Vietnamese administrative report.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.directives.prefill import register_source
from danvan.directives.services.reports_prefill import period_text
from danvan.units.models import PATH_SEPARATOR, Unit

DIALOGUES_HELD = "democracy_dialogues_held"
DISCLOSURES_POSTED = "democracy_disclosures_posted"
DECISIONS_RECOGNISED = "democracy_decisions_recognised"
COMMITMENTS_DONE = "democracy_commitments_done"

Figure = tuple[int, str]


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def served_place(unit: Unit) -> Unit:
    """The place a reporting unit answers for: itself when it is a place, else the nearest
    place above it (a commune's People's Committee answers for the commune)."""
    place: Unit | None = unit
    while place is not None and not place.is_place:
        place = place.parent
    return place or unit


def _within(field: str, unit: Unit) -> Q:
    place = served_place(unit)
    return Q(**{f"{field}__path": place.path}) | Q(
        **{f"{field}__path__startswith": place.path + PATH_SEPARATOR}
    )


def dialogues_held(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.democracy.models import Dialogue

    count = Dialogue.objects.filter(
        _within("unit", unit), held_on__gte=start, held_on__lte=end
    ).count()
    note = f"Tự động từ sổ đối thoại: {_number(count)} cuộc đối thoại, {period_text(start, end)}"
    return count, note


def disclosures_posted(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.democracy.models import Disclosure

    count = (
        Disclosure.objects.filter(
            _within("unit", unit), postings__posted_from__gte=start, postings__posted_from__lte=end
        )
        .distinct()
        .count()
    )
    note = (
        f"Tự động từ sổ công khai: {_number(count)} nội dung được công khai, "
        f"{period_text(start, end)}"
    )
    return count, note


def decisions_recognised(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.democracy.models import CommunityDecision

    count = CommunityDecision.objects.filter(
        _within("commune", unit),
        status=CommunityDecision.Status.RECOGNISED,
        recognised_on__gte=start,
        recognised_on__lte=end,
    ).count()
    note = (
        f"Tự động từ sổ quyết định của cộng đồng dân cư: {_number(count)} quyết định được "
        f"công nhận, {period_text(start, end)}"
    )
    return count, note


def commitments_done(unit: Unit, start: dt.date, end: dt.date) -> Figure:
    from danvan.democracy.models import Commitment

    count = Commitment.objects.filter(
        _within("dialogue__unit", unit), done_on__gte=start, done_on__lte=end
    ).count()
    note = (
        f"Tự động từ sổ đối thoại: {_number(count)} cam kết đã thực hiện xong, "
        f"{period_text(start, end)}"
    )
    return count, note


def register() -> None:
    register_source(DIALOGUES_HELD, _("Dialogues held with residents or workers"), dialogues_held)
    register_source(
        DISCLOSURES_POSTED, _("Items disclosed to residents or staff"), disclosures_posted
    )
    register_source(DECISIONS_RECOGNISED, _("Community decisions recognised"), decisions_recognised)
    register_source(COMMITMENTS_DONE, _("Dialogue commitments carried out"), commitments_done)
