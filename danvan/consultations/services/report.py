"""Write the synthesis-and-explanation report: prepare and refresh it from the data, edit its
groups of opinions, and take it through submission, approval and publication.

Rules the services keep (DOMAIN.md §5.4, §6.1, §7.1):

* a refresh reads the latest computations again and updates the figures, but never loses
  what staff typed: groups are matched to what was computed by the stable key of each
  source (``selectors.report.SourceItem``), a group whose source disappeared is kept and
  flagged when anything was written on it, and only untouched leftovers are removed;
* while the report is submitted or approved nothing in it can change; the approver may
  return a submitted report for correction, with a reason;
* approval needs every group answered (a disposition, and an explanation unless accepted)
  and the consultation's window closed; it allots the number — running per issuing unit
  per calendar year, "07/BC-UBND" — and freezes the content into the snapshot;
* publication puts the report on the portal and marks the consultation "reported";
* a repeated submission, approval or publication changes nothing and allots no second
  number (each service locks the report row first, so concurrent retries queue).

Every service is keyword-only, runs in its own transaction and writes an audit entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext

from danvan.audit.services import audit_record
from danvan.consultations.models import (
    EXPLANATION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Consultation,
    ReportFile,
    ReportGroup,
    ReportGroupSource,
    SynthesisReport,
)
from danvan.consultations.selectors.report import (
    EXAMPLES_PER_GROUP,
    ReportContent,
    SourceItem,
    report_anchor_choices,
    report_blocks,
    report_content,
    report_content_build,
    report_source_items,
    report_unanswered,
)
from danvan.core.dates import short_date
from danvan.core.docx_layout import body_abbreviation
from danvan.core.exceptions import ApplicationError
from danvan.units.models import Unit, User

logger = logging.getLogger(__name__)

MANAGE = "consultations.manage_consultation"
APPROVE = "consultations.approve_report"
Status = SynthesisReport.Status
Disposition = ReportGroup.Disposition
INTRODUCTION_MAX_LENGTH = 20000
RECEIVED_VIA_MAX_LENGTH = 500
REASON_MAX_LENGTH = 2000
EXAMPLES_MAX = 50
NUMBER_MAX = 99999
BULK_BATCH = 2000
MISSING_SHOWN = 5


# ------------------------------------------------------------------ helpers


def _lock(report: SynthesisReport) -> SynthesisReport:
    """The report row, locked until the end of the transaction (always locked first)."""
    return (
        SynthesisReport.objects.select_for_update(of=("self",))
        .select_related("consultation__unit")
        .get(pk=report.pk)
    )


def _require(actor: User, perm: str, consultation: Consultation) -> None:
    if not actor.has_perm(perm, consultation):
        raise ApplicationError(gettext("You may not do this for this consultation's report."))


def _require_drafting(report: SynthesisReport) -> None:
    if report.status == Status.SUBMITTED:
        raise ApplicationError(
            gettext(
                "The report is awaiting approval and cannot be changed; the approver may "
                "return it for correction."
            )
        )
    if report.status != Status.DRAFTING:
        raise ApplicationError(
            gettext("The report is approved; its content can no longer be changed.")
        )


def _group_in(report: SynthesisReport, group: ReportGroup) -> ReportGroup:
    """The group, locked, if it belongs to the report."""
    locked = ReportGroup.objects.select_for_update().filter(pk=group.pk, report=report).first()
    if locked is None:
        raise ApplicationError(gettext("This group of opinions is not in the report."))
    return locked


def _recount(groups: Iterable[ReportGroup]) -> None:
    """Set each group's ``count`` from its own count and its sources (not saved)."""
    groups = list(groups)
    sums: dict[int, int] = defaultdict(int)
    for group_id, count in ReportGroupSource.objects.filter(
        group__in=[group.pk for group in groups]
    ).values_list("group_id", "count"):
        sums[group_id] += count
    for group in groups:
        group.count = group.manual_count + sums[group.pk]


def _renumber(report: SynthesisReport, anchors: Iterable[str]) -> None:
    """Positions 0, 1, 2 … within each anchor, in the current order."""
    changed: list[ReportGroup] = []
    for anchor in set(anchors):
        groups = ReportGroup.objects.filter(report=report, anchor=anchor).order_by("position", "pk")
        for position, group in enumerate(groups):
            if group.position != position:
                group.position = position
                changed.append(group)
    ReportGroup.objects.bulk_update(changed, ["position"], batch_size=BULK_BATCH)


def _clean_examples(examples: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for example in examples:
        text = " ".join(str(example).split())
        if text and text not in seen:
            seen.append(text[:SUMMARY_MAX_LENGTH])
    return seen[:EXAMPLES_MAX]


def _has_typed_text(group: ReportGroup) -> bool:
    return bool(
        group.disposition
        or group.explanation.strip()
        or group.summary_edited
        or group.examples_edited
        or group.manual_count
        or group.received_via.strip()
    )


def window_closed(consultation: Consultation, now: dt.datetime) -> bool:
    """Whether the consultation's window is over (closed by the agency or by date)."""
    if consultation.status in (Consultation.Status.CLOSED, Consultation.Status.REPORTED):
        return True
    return (
        consultation.status == Consultation.Status.OPEN
        and consultation.closes_at is not None
        and consultation.closes_at <= now
    )


# ------------------------------------------------------------------ prepare and refresh


@dataclass(frozen=True)
class RefreshOutcome:
    added: int
    updated: int
    flagged: int  # kept although their source is gone: something was written on them
    removed: int


def report_prepare(
    *, consultation: Consultation, actor: User, include_opinion_map: bool = False
) -> SynthesisReport:
    """Create the consultation's report (once) and fill it from the data already there."""
    with transaction.atomic():
        locked = (
            Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
        )
        _require(actor, MANAGE, locked)
        report, created = SynthesisReport.objects.get_or_create(
            consultation=locked,
            defaults={"prepared_by": actor, "include_opinion_map": include_opinion_map},
        )
        if created:
            audit_record(actor=actor, verb="consultation_report.create", target=report)
    if created:
        report_refresh(report=report, actor=actor)
        report.refresh_from_db()
    return report


@transaction.atomic
def report_refresh(
    *,
    report: SynthesisReport,
    actor: User,
    include_opinion_map: bool | None = None,
    now: dt.datetime | None = None,
) -> RefreshOutcome:
    """Read the latest campaign groups, themes and (if chosen) opinion map into the report.

    Figures of known sources are updated; new sources become new groups at the end of their
    article, largest first; a source no longer computed is flagged and its group removed
    only when nobody wrote anything on it. Titles and examples staff edited stay as typed.
    """
    now = now or timezone.now()
    locked = _lock(report)
    _require(actor, MANAGE, locked.consultation)
    _require_drafting(locked)
    if include_opinion_map is not None:
        locked.include_opinion_map = include_opinion_map
    items = report_source_items(
        consultation=locked.consultation, include_opinion_map=locked.include_opinion_map
    )
    existing = {source.key: source for source in ReportGroupSource.objects.filter(report=locked)}
    touched: set[int] = set()
    updated_sources: list[ReportGroupSource] = []
    fresh: dict[str, list[SourceItem]] = defaultdict(list)
    for item in items:
        source = existing.pop(item.key, None)
        if source is None:
            fresh[item.anchor].append(item)
            continue
        values = (item.label, item.count, item.variant_count, list(item.keywords),
                  list(item.examples), False)  # fmt: skip
        current = (source.label, source.count, source.variant_count, source.keywords,
                   source.examples, source.stale)  # fmt: skip
        if values != current:
            (source.label, source.count, source.variant_count, source.keywords,
             source.examples, source.stale) = values  # fmt: skip
            updated_sources.append(source)
            touched.add(source.group_id)
    for source in existing.values():
        if not source.stale:
            source.stale = True
            updated_sources.append(source)
            touched.add(source.group_id)
    ReportGroupSource.objects.bulk_update(
        updated_sources,
        ["label", "count", "variant_count", "keywords", "examples", "stale"],
        batch_size=BULK_BATCH,
    )

    # New groups, one per new source, at the end of their article, largest first.
    ends = dict(
        ReportGroup.objects.filter(report=locked)
        .values("anchor")
        .annotate(last=Max("position"))
        .values_list("anchor", "last")
    )
    new_groups: list[tuple[ReportGroup, SourceItem]] = []
    for anchor, anchor_items in fresh.items():
        start = ends.get(anchor, -1) + 1
        for offset, item in enumerate(sorted(anchor_items, key=lambda i: (-i.count, i.key))):
            group = ReportGroup(
                report=locked,
                anchor=anchor,
                position=start + offset,
                summary=item.label[:SUMMARY_MAX_LENGTH],
                count=item.count,
                examples=list(item.examples)[:EXAMPLES_PER_GROUP],
            )
            new_groups.append((group, item))
    ReportGroup.objects.bulk_create([group for group, _ in new_groups], batch_size=BULK_BATCH)
    ReportGroupSource.objects.bulk_create(
        [
            ReportGroupSource(
                report=locked,
                group=group,
                key=item.key,
                kind=item.kind,
                label=item.label,
                count=item.count,
                variant_count=item.variant_count,
                keywords=list(item.keywords),
                examples=list(item.examples),
            )
            for group, item in new_groups
        ],
        batch_size=BULK_BATCH,
    )

    # Groups whose sources changed: new counts, and the texts nobody edited.
    removed = flagged = 0
    changed: list[ReportGroup] = []
    groups = list(
        ReportGroup.objects.filter(pk__in=touched).prefetch_related("sources").order_by("pk")
    )
    _recount(groups)
    for group in groups:
        sources = sorted(group.sources.all(), key=lambda source: source.pk)
        live = [source for source in sources if not source.stale]
        if not live:
            if _has_typed_text(group):
                flagged += 1
            else:
                group.delete()
                removed += 1
                continue
        lead = (live or sources)[0]
        if not group.summary_edited:
            group.summary = lead.label[:SUMMARY_MAX_LENGTH]
        if not group.examples_edited:
            group.examples = _clean_examples(
                [example for source in live or sources for example in source.examples]
            )[:EXAMPLES_PER_GROUP]
        changed.append(group)
    ReportGroup.objects.bulk_update(
        changed, ["summary", "examples", "count"], batch_size=BULK_BATCH
    )
    _renumber(locked, {group.anchor for group in groups})

    locked.refreshed_at = now
    locked.save(update_fields=["include_opinion_map", "refreshed_at", "updated_at"])
    outcome = RefreshOutcome(
        added=len(new_groups), updated=len(changed) - flagged, flagged=flagged, removed=removed
    )
    audit_record(
        actor=actor,
        verb="consultation_report.refresh",
        target=locked,
        data={
            "added": outcome.added,
            "updated": outcome.updated,
            "flagged": outcome.flagged,
            "removed": outcome.removed,
            "opinion_map": locked.include_opinion_map,
        },
    )
    return outcome


# ------------------------------------------------------------------ editing


@transaction.atomic
def report_introduction_update(
    *, report: SynthesisReport, actor: User, introduction: str
) -> SynthesisReport:
    """The introduction and overall assessment the agency writes above the groups."""
    locked = _lock(report)
    _require(actor, MANAGE, locked.consultation)
    _require_drafting(locked)
    text = introduction.strip()
    if len(text) > INTRODUCTION_MAX_LENGTH:
        raise ApplicationError(
            gettext("The introduction may have at most %(max)s characters.")
            % {"max": INTRODUCTION_MAX_LENGTH}
        )
    if text != locked.introduction:
        locked.introduction = text
        locked.full_clean()
        locked.save(update_fields=["introduction", "updated_at"])
        audit_record(
            actor=actor,
            verb="consultation_report.introduction",
            target=locked,
            data={"length": len(text)},
        )
    return locked


def _check_answer(disposition: str, explanation: str) -> None:
    if disposition and disposition not in Disposition.values:
        raise ApplicationError(gettext("Choose one of the dispositions offered."))
    if disposition in (Disposition.PARTLY_ACCEPTED, Disposition.NOT_ACCEPTED) and not explanation:
        raise ApplicationError(
            gettext("Explain why the opinions are not (fully) accepted: the law requires it.")
        )
    if len(explanation) > EXPLANATION_MAX_LENGTH:
        raise ApplicationError(
            gettext("The explanation may have at most %(max)s characters.")
            % {"max": EXPLANATION_MAX_LENGTH}
        )


def _check_summary(summary: str) -> None:
    if not summary:
        raise ApplicationError(gettext("Write the opinion of the group."))
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise ApplicationError(
            gettext("The opinion may have at most %(max)s characters.")
            % {"max": SUMMARY_MAX_LENGTH}
        )


@transaction.atomic
def report_group_update(
    *,
    group: ReportGroup,
    actor: User,
    summary: str,
    disposition: str,
    explanation: str,
    examples: Sequence[str] | None = None,
    revision: int | None = None,
    now: dt.datetime | None = None,
) -> ReportGroup:
    """Write a group's opinion, disposition and explanation (and its example texts).

    ``revision`` is the group's revision the form was shown with: if someone saved the
    group since, nothing is written and the caller keeps what was typed.
    """
    now = now or timezone.now()
    report = _lock(group.report)
    _require(actor, MANAGE, report.consultation)
    _require_drafting(report)
    locked = _group_in(report, group)
    if revision is not None and revision != locked.revision:
        raise ApplicationError(
            gettext(
                "Someone else saved this group while you were writing. Your text is kept "
                "below; compare it with theirs and save again."
            )
        )
    summary, explanation = summary.strip(), explanation.strip()
    _check_summary(summary)
    _check_answer(disposition, explanation)
    fields = ["revision", "updated_at"]
    if summary != locked.summary:
        locked.summary, locked.summary_edited = summary, True
        fields += ["summary", "summary_edited"]
    if examples is not None:
        cleaned = _clean_examples(examples)
        if cleaned != locked.examples:
            locked.examples, locked.examples_edited = cleaned, True
            fields += ["examples", "examples_edited"]
    if (disposition, explanation) != (locked.disposition, locked.explanation):
        locked.disposition, locked.explanation = disposition, explanation
        locked.disposition_by, locked.disposition_at = actor, now
        fields += ["disposition", "explanation", "disposition_by", "disposition_at"]
    if len(fields) == 2:
        return locked  # nothing changed: a resubmitted form is not a new revision
    locked.revision += 1
    locked.full_clean()
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        verb="consultation_report.group_update",
        target=locked,
        data={"report": report.pk, "disposition": locked.disposition, "fields": fields[2:]},
    )
    return locked


@transaction.atomic
def report_group_add(
    *,
    report: SynthesisReport,
    actor: User,
    anchor: str,
    summary: str,
    count: int,
    received_via: str = "",
    disposition: str = "",
    explanation: str = "",
    now: dt.datetime | None = None,
) -> ReportGroup:
    """A group staff enter themselves: opinions received in writing, at meetings, etc."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(actor, MANAGE, locked.consultation)
    _require_drafting(locked)
    if anchor not in {choice for choice, _label in report_anchor_choices(locked)}:
        raise ApplicationError(gettext("Choose an article of the current draft."))
    summary, explanation, received_via = summary.strip(), explanation.strip(), received_via.strip()
    _check_summary(summary)
    _check_answer(disposition, explanation)
    if count < 1:
        raise ApplicationError(gettext("A group has at least one opinion."))
    last = ReportGroup.objects.filter(report=locked, anchor=anchor).aggregate(n=Max("position"))
    group = ReportGroup(
        report=locked,
        anchor=anchor,
        position=(last["n"] if last["n"] is not None else -1) + 1,
        summary=summary,
        summary_edited=True,
        manual_count=count,
        count=count,
        received_via=received_via[:RECEIVED_VIA_MAX_LENGTH],
        disposition=disposition,
        explanation=explanation,
        disposition_by=actor if disposition else None,
        disposition_at=now if disposition else None,
    )
    group.full_clean()
    group.save()
    audit_record(
        actor=actor,
        verb="consultation_report.group_add",
        target=group,
        data={"report": locked.pk, "anchor": anchor, "count": count},
    )
    return group


@transaction.atomic
def report_group_merge(
    *, group: ReportGroup, into: ReportGroup, actor: User, now: dt.datetime | None = None
) -> ReportGroup:
    """Merge ``group`` into ``into``: counts add up, texts are all kept.

    The sources move, so later refreshes keep counting them in the merged group; the
    merged group's own opinion joins the examples; an explanation written on either is kept.
    """
    now = now or timezone.now()
    report = _lock(group.report)
    _require(actor, MANAGE, report.consultation)
    _require_drafting(report)
    if group.pk == into.pk:
        raise ApplicationError(gettext("Choose another group to merge with."))
    absorbed, target = _group_in(report, group), _group_in(report, into)
    if absorbed.anchor != target.anchor:
        raise ApplicationError(gettext("Only groups on the same article can be merged."))
    ReportGroupSource.objects.filter(group=absorbed).update(group=target)
    target.manual_count += absorbed.manual_count
    target.examples = _clean_examples([*target.examples, absorbed.summary, *absorbed.examples])
    target.examples_edited = True
    if not target.disposition and absorbed.disposition:
        target.disposition = absorbed.disposition
        target.disposition_by, target.disposition_at = actor, now
    extra = absorbed.explanation.strip()
    if extra and extra not in target.explanation:
        target.explanation = f"{target.explanation.strip()}\n\n{extra}".strip()
    via = [part for part in (target.received_via, absorbed.received_via) if part.strip()]
    target.received_via = "; ".join(dict.fromkeys(via))[:RECEIVED_VIA_MAX_LENGTH]
    absorbed_pk = absorbed.pk
    absorbed.delete()
    _recount([target])
    target.revision += 1
    target.full_clean()
    target.save()
    _renumber(report, [target.anchor])
    audit_record(
        actor=actor,
        verb="consultation_report.group_merge",
        target=target,
        data={"report": report.pk, "merged": absorbed_pk, "count": target.count},
    )
    return target


@transaction.atomic
def report_group_move(*, group: ReportGroup, actor: User, up: bool) -> ReportGroup:
    """Move a group one place up or down within its article (nothing at either end)."""
    report = _lock(group.report)
    _require(actor, MANAGE, report.consultation)
    _require_drafting(report)
    locked = _group_in(report, group)
    _renumber(report, [locked.anchor])
    order = list(
        ReportGroup.objects.filter(report=report, anchor=locked.anchor).order_by("position", "pk")
    )
    index = next(i for i, other in enumerate(order) if other.pk == locked.pk)
    swap = index - 1 if up else index + 1
    if 0 <= swap < len(order):
        order[index].position, order[swap].position = swap, index
        ReportGroup.objects.bulk_update([order[index], order[swap]], ["position"])
        audit_record(
            actor=actor,
            verb="consultation_report.group_move",
            target=order[index],
            data={"report": report.pk, "position": swap},
        )
    return order[index]


@transaction.atomic
def report_group_delete(*, group: ReportGroup, actor: User) -> None:
    """Delete a group staff entered; computed groups are merged instead, never deleted."""
    report = _lock(group.report)
    _require(actor, MANAGE, report.consultation)
    _require_drafting(report)
    locked = _group_in(report, group)
    if locked.sources.exists():
        raise ApplicationError(
            gettext(
                "A group found in the comments cannot be deleted: nobody's opinion may be "
                "left out. Merge it into another group instead."
            )
        )
    anchor, pk = locked.anchor, locked.pk
    audit_record(
        actor=actor,
        verb="consultation_report.group_delete",
        target=locked,
        data={"report": report.pk, "count": locked.count},
    )
    locked.delete()
    _renumber(report, [anchor])
    logger.info("report %s: manual group %s deleted", report.pk, pk)


# ------------------------------------------------------------------ the steps


def _missing_message(report: SynthesisReport) -> str | None:
    missing = report_unanswered(report)
    if not missing:
        return None
    labels = {block.anchor: block.label for block in report_blocks(report)}
    names = [
        gettext("%(article)s, group %(number)s")
        % {
            "article": labels.get(group.anchor) or gettext("the draft as a whole"),
            "number": group.position + 1,
        }
        for group in missing[:MISSING_SHOWN]
    ]
    if len(missing) > MISSING_SHOWN:
        names.append(gettext("and %(n)s more") % {"n": len(missing) - MISSING_SHOWN})
    return gettext(
        "Every group of opinions needs a disposition, and an explanation unless it is "
        "accepted. Still to answer: %(groups)s."
    ) % {"groups": "; ".join(names)}


@transaction.atomic
def report_submit(
    *, report: SynthesisReport, actor: User, now: dt.datetime | None = None
) -> SynthesisReport:
    """Submit the report to the head for approval (a repeat changes nothing)."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(actor, MANAGE, locked.consultation)
    if locked.status == Status.SUBMITTED:
        return locked
    _require_drafting(locked)
    problem = _missing_message(locked)
    if problem:
        raise ApplicationError(problem)
    locked.status = Status.SUBMITTED
    locked.submitted_by, locked.submitted_at = actor, now
    locked.return_reason = ""
    locked.full_clean()
    locked.save(
        update_fields=["status", "submitted_by", "submitted_at", "return_reason", "updated_at"]
    )
    audit_record(actor=actor, verb="consultation_report.submit", target=locked)
    return locked


@transaction.atomic
def report_return(
    *, report: SynthesisReport, actor: User, reason: str, now: dt.datetime | None = None
) -> SynthesisReport:
    """Send a submitted report back to its drafters with the reason (what to correct)."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(actor, APPROVE, locked.consultation)
    if locked.status != Status.SUBMITTED:
        raise ApplicationError(gettext("Only a report awaiting approval can be returned."))
    reason = reason.strip()
    if not reason:
        raise ApplicationError(gettext("Say what has to be corrected."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ApplicationError(
            gettext("The reason may have at most %(max)s characters.") % {"max": REASON_MAX_LENGTH}
        )
    locked.status = Status.DRAFTING
    locked.returned_by, locked.returned_at, locked.return_reason = actor, now, reason
    locked.full_clean()
    locked.save(
        update_fields=["status", "returned_by", "returned_at", "return_reason", "updated_at"]
    )
    audit_record(
        actor=actor, verb="consultation_report.return", target=locked, data={"reason": reason}
    )
    return locked


def _number_next(*, unit: Unit, year: int) -> int:
    last = SynthesisReport.objects.filter(issuing_unit=unit, number_year=year).aggregate(
        n=Max("number")
    )
    return int(last["n"] or 0) + 1


@transaction.atomic
def report_approve(
    *,
    report: SynthesisReport,
    actor: User,
    number: int | None = None,
    now: dt.datetime | None = None,
) -> SynthesisReport:
    """Approve the report: allot its number and freeze its content (a repeat is a no-op).

    ``number`` is the one the document register gave, if the unit's clerk keeps the
    register elsewhere; otherwise the next number of the unit's reports this year is taken.
    The unit row is locked while numbering, so two approvals in one unit never collide.
    """
    now = now or timezone.now()
    locked = _lock(report)
    consultation = locked.consultation
    _require(actor, APPROVE, consultation)
    if locked.is_frozen:
        return locked
    if locked.status != Status.SUBMITTED:
        raise ApplicationError(gettext("The report has to be submitted for approval first."))
    if not window_closed(consultation, now):
        closes = consultation.closes_at
        if closes is None:
            raise ApplicationError(
                gettext("The consultation has not been opened; there is nothing to report yet.")
            )
        raise ApplicationError(
            gettext(
                "The consultation is open until the end of %(date)s; the report can be "
                "approved only after it closes."
            )
            % {"date": short_date(timezone.localdate(closes - dt.timedelta(microseconds=1)))}
        )
    problem = _missing_message(locked)
    if problem:
        raise ApplicationError(problem)
    unit = consultation.unit
    today = timezone.localdate(now)
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    if number is not None:
        if not 1 <= number <= NUMBER_MAX:
            raise ApplicationError(gettext("A document number is between 1 and 99999."))
        if SynthesisReport.objects.filter(
            issuing_unit=unit, number_year=today.year, number=number
        ).exists():
            raise ApplicationError(
                gettext(
                    "Number %(number)s is already used by another report of the unit in %(year)s."
                )
                % {"number": f"{number:02d}", "year": today.year}
            )
    locked.issuing_unit = unit
    locked.number_year = today.year
    locked.number = number if number is not None else _number_next(unit=unit, year=today.year)
    locked.symbol = f"BC-{body_abbreviation(unit)}"
    locked.signed_on = today
    locked.status = Status.APPROVED
    locked.approved_by, locked.approved_at = actor, now
    locked.snapshot = report_content_build(locked, draft=False).to_json()
    locked.full_clean()
    locked.save(
        update_fields=[
            "issuing_unit", "number_year", "number", "symbol", "signed_on", "status",
            "approved_by", "approved_at", "snapshot", "updated_at",
        ]
    )  # fmt: skip
    audit_record(
        actor=actor,
        verb="consultation_report.approve",
        target=locked,
        data={"number": locked.number_text, "year": locked.number_year},
    )
    report_id = locked.pk
    transaction.on_commit(lambda: report_files_render.enqueue(report_id=report_id))
    return locked


@transaction.atomic
def report_publish(
    *, report: SynthesisReport, actor: User, now: dt.datetime | None = None
) -> SynthesisReport:
    """Publish the approved report on the portal; the consultation becomes "reported"."""
    now = now or timezone.now()
    locked = _lock(report)
    _require(actor, APPROVE, locked.consultation)
    if locked.status == Status.PUBLISHED:
        return locked
    if locked.status != Status.APPROVED:
        raise ApplicationError(gettext("Only an approved report can be published."))
    locked.status = Status.PUBLISHED
    locked.published_by, locked.published_at = actor, now
    locked.full_clean()
    locked.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    consultation = Consultation.objects.select_for_update().get(pk=locked.consultation_id)
    consultation.status = Consultation.Status.REPORTED
    consultation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        verb="consultation_report.publish",
        target=locked,
        data={"number": locked.number_text, "consultation": consultation.pk},
    )
    return locked


# ------------------------------------------------------------------ files


def _render(content: ReportContent, fmt: str) -> bytes:
    if fmt == ReportFile.Format.DOCX:
        from danvan.consultations.services.report_docx import report_docx_build

        return report_docx_build(content)
    from danvan.consultations.services.report_pdf import report_pdf_build

    return report_pdf_build(content)


def report_file(*, report: SynthesisReport, fmt: str) -> tuple[bytes, str]:
    """The report as a Word or PDF file, with its file name.

    A draft is rendered each time from the live data (marked "DỰ THẢO"). An approved
    report is rendered once from its snapshot and the file kept: every later download,
    public ones included, gets the very same bytes.
    """
    if fmt not in ReportFile.Format.values:
        raise ApplicationError(gettext("Unknown file format."))
    content = report_content(report)
    name = f"{content.file_stem}.{fmt}"
    if not report.is_frozen:
        return _render(content, fmt), name
    stored = ReportFile.objects.filter(report=report, format=fmt).first()
    if stored is None:
        data = _render(content, fmt)
        try:
            with transaction.atomic():
                stored = ReportFile.objects.create(
                    report=report,
                    format=fmt,
                    content=data,
                    sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data),
                )
        except IntegrityError:  # rendered at the same moment by another request
            stored = ReportFile.objects.get(report=report, format=fmt)
    return bytes(stored.content), name


@task()
def report_files_render(*, report_id: int) -> int:
    """Render and keep the files of an approved report, so no download has to wait."""
    report = SynthesisReport.objects.select_related("consultation__unit").get(pk=report_id)
    for fmt in ReportFile.Format.values:
        report_file(report=report, fmt=fmt)
    return report_id


__all__ = [
    "RefreshOutcome",
    "report_approve",
    "report_file",
    "report_files_render",
    "report_group_add",
    "report_group_delete",
    "report_group_merge",
    "report_group_move",
    "report_group_update",
    "report_introduction_update",
    "report_prepare",
    "report_publish",
    "report_refresh",
    "report_return",
    "report_submit",
    "window_closed",
]
