"""Reads for the synthesis-and-explanation report: access, what the computations found, and
the report's content as the documents and pages show it.

Three layers of reading:

* access — the staff page goes through ``consultation_for_manager_or_404``; the public page
  and downloads through ``published_report_for_reader_or_404``, which gives the same 404 for
  a consultation that does not exist, one the person may not read, and a report not yet
  published;
* ``report_source_items`` — what the latest computations say, as items with stable keys
  (a campaign of copies, a theme, an opinion-map group, a consensus statement), which the
  refresh service matches against the report's groups;
* ``report_content`` — the document model (``ReportContent``) both the Word and the PDF
  renderers and the public page draw: built live from the data for a draft, read back from
  the snapshot once the report is approved, so the published document never changes.

Document text is in Vietnamese whatever the interface language: Decree 30/2020 requires
administrative documents in Vietnamese, and the fixed phrases are the decree's own words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext

from danvan.consultations.models import (
    GENERAL_ANCHOR,
    CampaignGroup,
    CampaignMember,
    Comment,
    CommentTheme,
    CommentThemeMember,
    Consultation,
    Provision,
    ReportGroup,
    ReportGroupSource,
    Statement,
    SynthesisReport,
)
from danvan.consultations.selectors.campaigns import campaign_run_latest
from danvan.consultations.selectors.drafts import consultation_for_reader_or_404
from danvan.consultations.selectors.opinion import GROUP_LETTERS, opinion_map_latest
from danvan.consultations.selectors.participation import (
    EMPTY_TALLY,
    Tally,
    article_tallies,
    articles_of,
    current_version_id,
    tallies_overall,
)
from danvan.core.dates import short_date
from danvan.core.docx_layout import (
    Signer,
    body_abbreviation,
    body_lines,
    place_date_line,
    recipients_default,
    signature_lines,
)
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit, User

Kind = ReportGroupSource.Kind
Disposition = ReportGroup.Disposition

EXAMPLES_PER_SOURCE = 3
EXAMPLES_PER_GROUP = 5
EXAMPLE_MAX_CHARS = 500
SINGLES_PER_ARTICLE = 50
SNAPSHOT_VERSION = 1

# What the documents write for each disposition (Vietnamese, see the module docstring).
DISPOSITION_VI: dict[str, str] = {
    Disposition.ACCEPTED: "Tiếp thu",
    Disposition.PARTLY_ACCEPTED: "Tiếp thu một phần",
    Disposition.NOT_ACCEPTED: "Không tiếp thu",
}
# Telephone, ID and account numbers (eight digits or more, spaced or dotted) and e-mail
# addresses are masked in example texts: a report is published, its examples must not
# carry a sender's contact details.
_LONG_NUMBER = re.compile(r"(?<!\d)(?:\+?\d[\s.\-]?){8,}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DRAFT_PREFIX = re.compile(r"^\s*dự\s+thảo\s+", re.IGNORECASE)


def vn_number(value: int) -> str:
    """1234567 → "1.234.567" (Vietnamese digit grouping)."""
    return f"{value:,}".replace(",", ".")


def redact_example(text: str) -> str:
    """An example text safe to publish: contact numbers and e-mails masked, length capped."""
    text = _EMAIL.sub("…", text)
    text = _LONG_NUMBER.sub("… ", text).strip()
    text = " ".join(text.split())
    if len(text) > EXAMPLE_MAX_CHARS:
        text = text[: EXAMPLE_MAX_CHARS - 1].rstrip() + "…"
    return text


# ------------------------------------------------------------------ access


def report_of(consultation: Consultation) -> SynthesisReport | None:
    return (
        SynthesisReport.objects.filter(consultation=consultation)
        .select_related("approved_by", "submitted_by", "returned_by", "prepared_by")
        .first()
    )


def published_report_for_reader_or_404(
    user: Any, slug: str
) -> tuple[Consultation, SynthesisReport]:
    """The consultation and its published report; the same 404 for anything else."""
    consultation = consultation_for_reader_or_404(user, slug)
    report = SynthesisReport.objects.filter(
        consultation=consultation, status=SynthesisReport.Status.PUBLISHED
    ).first()
    if report is None:
        raise Http404
    return consultation, report


def report_signer(*, report: SynthesisReport, approver: User) -> Signer:
    """Who signs: the approver, with the title of their head role over the drafting unit
    (the unit's own first, else the nearest above it)."""
    unit = report.consultation.unit
    ancestors = unit.path.split(PATH_SEPARATOR)
    titles = dict(
        RoleAssignment.objects.filter(
            user=approver,
            role=RoleAssignment.Role.HEAD,
            is_active=True,
            unit__code__in=ancestors,
        ).values_list("unit__code", "title")
    )
    nearest = [titles[code] for code in reversed(ancestors) if titles.get(code)]
    return Signer(name=approver.get_full_name(), title=nearest[0] if nearest else "")


# ------------------------------------------------------------------ articles and groups


@dataclass(frozen=True, slots=True)
class ArticleRef:
    anchor: str
    label: str
    heading: str


def report_articles(consultation: Consultation) -> list[ArticleRef]:
    """The articles of the current draft in reading order."""
    version_id = current_version_id(consultation)
    if version_id is None:
        return []
    return [
        ArticleRef(anchor, label, heading)
        for anchor, label, heading in articles_of(version_id=version_id).values_list(
            "anchor", "label", "heading"
        )
    ]


def _provision_labels(consultation: Consultation, anchors: Iterable[str]) -> dict[str, ArticleRef]:
    """Labels of anchors that are not articles of the current draft (a chapter, an article
    since removed): from the latest version that has them."""
    wanted = [anchor for anchor in anchors if anchor]
    if not wanted:
        return {}
    rows = (
        Provision.objects.filter(version__consultation=consultation, anchor__in=wanted)
        .order_by("anchor", "-version__number")
        .values_list("anchor", "label", "heading")
    )
    found: dict[str, ArticleRef] = {}
    for anchor, label, heading in rows:
        found.setdefault(anchor, ArticleRef(anchor, label, heading))
    return found


def report_groups(report: SynthesisReport) -> QuerySet[ReportGroup]:
    return (
        ReportGroup.objects.filter(report=report)
        .select_related("disposition_by")
        .prefetch_related(Prefetch("sources", queryset=ReportGroupSource.objects.order_by("pk")))
        .order_by("anchor", "position", "pk")
    )


@dataclass
class ArticleBlock:
    """One article of the report on the staff page: its figures and its groups."""

    anchor: str
    label: str
    heading: str
    tally: Tally | None
    groups: list[ReportGroup] = field(default_factory=list)
    in_draft: bool = True

    @property
    def unanswered(self) -> int:
        return sum(1 for group in self.groups if not group.is_answered)


def report_blocks(report: SynthesisReport) -> list[ArticleBlock]:
    """General opinions first, then every article of the draft in reading order (with its
    live tallies), then any other anchor the groups are on."""
    consultation = report.consultation
    tallies = article_tallies(consultation=consultation)
    blocks: dict[str, ArticleBlock] = {
        GENERAL_ANCHOR: ArticleBlock(GENERAL_ANCHOR, "", "", None),
    }
    for article in report_articles(consultation):
        blocks[article.anchor] = ArticleBlock(
            article.anchor,
            article.label,
            article.heading,
            tallies.get(article.anchor, EMPTY_TALLY),
        )
    groups = list(report_groups(report))
    others = sorted({group.anchor for group in groups} - set(blocks))
    labels = _provision_labels(consultation, others)
    for anchor in others:
        ref = labels.get(anchor, ArticleRef(anchor, anchor, ""))
        blocks[anchor] = ArticleBlock(
            anchor, ref.label, ref.heading, tallies.get(anchor), in_draft=False
        )
    for group in groups:
        blocks[group.anchor].groups.append(group)
    return list(blocks.values())


def report_unanswered(report: SynthesisReport) -> list[ReportGroup]:
    """Groups without a disposition, or partly / not accepted without an explanation."""
    return [group for group in report_groups(report) if not group.is_answered]


def report_anchor_choices(report: SynthesisReport) -> list[tuple[str, str]]:
    """(anchor, label) for the "add a group" form: the whole draft, then each article."""
    choices = [(GENERAL_ANCHOR, gettext("The draft as a whole"))]
    for article in report_articles(report.consultation):
        label = f"{article.label}. {article.heading}" if article.heading else article.label
        choices.append((article.anchor, label))
    return choices


# ------------------------------------------------------------------ computed items


@dataclass(frozen=True)
class SourceItem:
    """One thing a computation found, as the report's groups take it in."""

    key: str
    kind: str
    anchor: str
    label: str
    count: int
    variant_count: int = 0
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


def _first_members(model: Any, fk: str, run_id: int) -> dict[int, int]:
    """The earliest comment of each group (or theme) of the run: the group's stable key.

    Later copies of a campaign get larger comment ids, so the earliest member survives a
    recomputation with more comments; group row ids and positions do not.
    """
    rows = (
        model.objects.filter(**{f"{fk}__run_id": run_id})
        .values(fk)
        .annotate(first=Min("comment_id"))
        .values_list(fk, "first")
    )
    return {int(pk): int(first) for pk, first in rows}


def _campaign_items(consultation: Consultation) -> list[SourceItem]:
    run = campaign_run_latest(consultation=consultation)
    if run is None:
        return []
    items: list[SourceItem] = []
    first_copy = _first_members(CampaignMember, "group", run.pk)
    for group in CampaignGroup.objects.filter(run=run).order_by("anchor", "position"):
        first = first_copy.get(group.pk, group.representative_id or group.pk)
        examples = [
            redact_example(str(variant.get("text", "")))
            for variant in group.variants
            if str(variant.get("text", "")).strip()
            and variant.get("text") != group.representative_text
        ][:EXAMPLES_PER_SOURCE]
        items.append(
            SourceItem(
                key=f"campaign:{group.anchor}:{first}",
                kind=Kind.CAMPAIGN,
                anchor=group.anchor,
                label=redact_example(group.representative_text),
                count=group.count,
                variant_count=group.variant_count,
                examples=tuple(examples),
            )
        )
    first_theme = _first_members(CommentThemeMember, "theme", run.pk)
    themes = list(CommentTheme.objects.filter(run=run).order_by("anchor", "position"))
    wanted = {pk for theme in themes for pk in theme.examples[:EXAMPLES_PER_SOURCE]}
    texts = dict(
        Comment.objects.filter(pk__in=wanted, status=Comment.Status.VISIBLE).values_list(
            "pk", "text"
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        for theme in themes:
            keywords = tuple(str(word) for word in theme.keywords)
            items.append(
                SourceItem(
                    key=f"theme:{theme.anchor}:{first_theme.get(theme.pk, theme.pk)}",
                    kind=Kind.THEME,
                    anchor=theme.anchor,
                    label=gettext("Opinions on: %(keywords)s") % {"keywords": ", ".join(keywords)},
                    count=theme.count,
                    keywords=keywords,
                    examples=tuple(
                        redact_example(texts[pk])
                        for pk in theme.examples[:EXAMPLES_PER_SOURCE]
                        if pk in texts
                    ),
                )
            )
    return items


def _ungrouped_items(consultation: Consultation) -> list[SourceItem]:
    """Visible comments in no group of copies and no theme: each is an opinion to answer.

    Themes take in an article's other comments only when it has enough of them, so on a
    small consultation most comments stay alone; left out, they would be missing from the
    report. Past ``SINGLES_PER_ARTICLE`` on one article they are answered together.
    """
    alone = Comment.objects.filter(
        consultation=consultation,
        status=Comment.Status.VISIBLE,
        campaign_member__isnull=True,
        theme_member__isnull=True,
    )
    counts = dict(
        alone.values("article_anchor")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("article_anchor", "n")
    )
    items: list[SourceItem] = []
    for anchor, count in sorted(counts.items()):
        rows = alone.filter(article_anchor=anchor).order_by("pk").values_list("pk", "text")
        if count <= SINGLES_PER_ARTICLE:
            items += [
                SourceItem(
                    key=f"comment:{pk}",
                    kind=Kind.COMMENT,
                    anchor=anchor,
                    label=redact_example(text),
                    count=1,
                )
                for pk, text in rows
            ]
            continue
        with translation.override(settings.LANGUAGE_CODE):
            label = gettext("Other comments on this article (%(count)s)") % {
                "count": vn_number(count)
            }
        items.append(
            SourceItem(
                key=f"others:{anchor}",
                kind=Kind.OTHERS,
                anchor=anchor,
                label=label,
                count=count,
                examples=tuple(redact_example(text) for _pk, text in rows[:EXAMPLES_PER_SOURCE]),
            )
        )
    return items


def _opinion_items(consultation: Consultation) -> list[SourceItem]:
    snapshot = opinion_map_latest(consultation=consultation)
    if snapshot is None:
        return []
    tids = {int(e["tid"]) for entries in snapshot.repness.values() for e in entries}
    tids |= {int(e["tid"]) for e in snapshot.consensus}
    texts = dict(
        Statement.objects.filter(consultation=consultation, pk__in=tids).values_list("pk", "text")
    )
    items: list[SourceItem] = []
    with translation.override(settings.LANGUAGE_CODE):
        for index, size in enumerate(snapshot.group_sizes):
            entries = snapshot.repness.get(str(index), [])
            first = entries[0]["tid"] if entries else f"g{index}"
            examples = []
            for entry in entries[:EXAMPLES_PER_SOURCE]:
                trials = int(entry["n-trials"]) or 1
                percent = round(100 * int(entry["n-success"]) / trials)
                text = texts.get(int(entry["tid"]), "")
                if entry["repful-for"] == "agree":
                    line = gettext("%(percent)s%% agree: %(text)s")
                else:
                    line = gettext("%(percent)s%% disagree: %(text)s")
                examples.append(redact_example(line % {"percent": percent, "text": text}))
            items.append(
                SourceItem(
                    key=f"opinion-group:{first}",
                    kind=Kind.OPINION_GROUP,
                    anchor=GENERAL_ANCHOR,
                    label=gettext("Group %(letter)s of the opinion map (%(size)s participants)")
                    % {"letter": GROUP_LETTERS[index % len(GROUP_LETTERS)], "size": size},
                    count=int(size),
                    examples=tuple(examples),
                )
            )
    for entry in snapshot.consensus:
        tid = int(entry["tid"])
        if tid not in texts:
            continue
        items.append(
            SourceItem(
                key=f"consensus:{tid}",
                kind=Kind.CONSENSUS,
                anchor=GENERAL_ANCHOR,
                label=redact_example(texts[tid]),
                count=int(entry["n-success"]),
            )
        )
    return items


def report_source_items(
    *, consultation: Consultation, include_opinion_map: bool
) -> list[SourceItem]:
    """Everything the latest computations found, each with its stable key."""
    items = _campaign_items(consultation) + _ungrouped_items(consultation)
    if include_opinion_map:
        items += _opinion_items(consultation)
    return items


# ------------------------------------------------------------------ the document model


def share_text(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


@dataclass(frozen=True)
class TallyLine:
    agree: int
    disagree: int
    comments: int
    agree_share: int | None

    @property
    def votes(self) -> int:
        return self.agree + self.disagree

    @property
    def disagree_share(self) -> int | None:
        return None if self.agree_share is None else 100 - self.agree_share

    # Figures as the documents write them ("1.234", "95%").
    @property
    def agree_text(self) -> str:
        return vn_number(self.agree)

    @property
    def disagree_text(self) -> str:
        return vn_number(self.disagree)

    @property
    def comments_text(self) -> str:
        return vn_number(self.comments)

    @property
    def agree_share_text(self) -> str:
        return share_text(self.agree_share)

    @property
    def sentence(self) -> str:
        """The votes on one article: "Tán thành: 1.234 lượt (95%); không tán thành: …"."""
        if not self.votes:
            return f"Chưa có lượt biểu quyết; ý kiến góp ý: {self.comments_text}."
        return (
            f"Tán thành: {self.agree_text} lượt ({self.agree_share_text}); "
            f"không tán thành: {self.disagree_text} lượt ({share_text(self.disagree_share)}); "
            f"ý kiến góp ý: {self.comments_text}."
        )

    @classmethod
    def of(cls, tally: Tally) -> TallyLine:
        return cls(tally.agree, tally.disagree, tally.comments, tally.agree_share)


@dataclass(frozen=True)
class GroupLine:
    summary: str
    count: int
    origin: str  # where the opinions came from, in the document's words
    examples: list[str]
    disposition: str  # the key ("" while not written)
    disposition_text: str  # in the document's words
    explanation: str

    @property
    def count_text(self) -> str:
        return vn_number(self.count)


@dataclass(frozen=True)
class Section:
    anchor: str
    label: str
    heading: str
    tally: TallyLine | None
    groups: list[GroupLine]
    in_draft: bool = True

    @property
    def title(self) -> str:
        return f"{self.label}. {self.heading}" if self.heading else self.label


@dataclass(frozen=True)
class ReportContent:
    """Everything one synthesis report shows, in the document's words and figures."""

    draft: bool
    governing_body: str
    issuing_body: str
    number_line: str
    date_line: str
    title: str
    subtitle: str
    facts: list[str]
    introduction: list[str]
    general: Section
    articles: list[Section]
    totals: TallyLine
    closing: str
    recipients: list[str]
    signature_lines: list[str]
    signer_name: str
    number_text: str
    file_stem: str

    @property
    def figure_rows(self) -> list[tuple[str, str, TallyLine]]:
        """(number, article, votes) of each article of the draft, for the table of part III."""
        rows = [s for s in self.articles if s.in_draft and s.tally is not None]
        return [
            (str(index), section.title, section.tally)
            for index, section in enumerate(rows, start=1)
            if section.tally is not None
        ]

    def to_json(self) -> dict[str, Any]:
        return {"version": SNAPSHOT_VERSION, **dataclasses.asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportContent:
        values = {key: value for key, value in data.items() if key != "version"}

        def section(raw: dict[str, Any]) -> Section:
            tally = raw.get("tally")
            return Section(
                anchor=raw["anchor"],
                label=raw["label"],
                heading=raw["heading"],
                tally=TallyLine(**tally) if tally else None,
                groups=[GroupLine(**group) for group in raw["groups"]],
                in_draft=raw.get("in_draft", True),
            )

        values["general"] = section(values["general"])
        values["articles"] = [section(raw) for raw in values["articles"]]
        values["totals"] = TallyLine(**values["totals"])
        return cls(**values)


def _origin(group: ReportGroup, sources: list[ReportGroupSource]) -> str:
    parts: list[str] = []
    for source in sources:
        if source.kind == Kind.CAMPAIGN:
            text = f"{vn_number(source.count)} lượt gửi cùng nội dung"
            if source.variant_count > 1:
                text += f" ({vn_number(source.variant_count)} dạng khác nhau)"
        elif source.kind == Kind.THEME:
            text = f"{vn_number(source.count)} ý kiến cùng chủ đề"
            if source.keywords:
                text += f" ({', '.join(source.keywords)})"
        elif source.kind == Kind.OPINION_GROUP:
            text = "nhóm quan điểm trên bản đồ ý kiến"
        elif source.kind == Kind.CONSENSUS:
            text = "ý kiến đồng thuận trên bản đồ ý kiến"
        elif source.kind == Kind.COMMENT:
            text = "1 ý kiến góp ý"
        else:
            text = f"{vn_number(source.count)} ý kiến góp ý khác"
        parts.append(text)
    if group.manual_count and sources:
        parts.append(f"{vn_number(group.manual_count)} ý kiến khác")
    if group.received_via:
        parts.append(group.received_via)
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def group_line(group: ReportGroup) -> GroupLine:
    sources = list(group.sources.all())
    return GroupLine(
        summary=group.summary,
        count=group.count,
        origin=_origin(group, sources),
        examples=list(group.examples),
        disposition=group.disposition,
        disposition_text=DISPOSITION_VI.get(group.disposition, ""),
        explanation=group.explanation,
    )


def _subject(consultation: Consultation) -> str:
    """The subject, "dự thảo Luật Đất đai (sửa đổi)", from the title "Dự thảo Luật Đất đai
    (sửa đổi)" (or from a title without the words "Dự thảo")."""
    return "dự thảo " + _DRAFT_PREFIX.sub("", consultation.title).strip()


def _facts(
    consultation: Consultation,
    totals: TallyLine,
    articles: int,
    manual: int,
) -> list[str]:
    unit = consultation.unit
    facts: list[str] = []
    if consultation.opens_at is not None:
        period = f"từ ngày {short_date(timezone.localdate(consultation.opens_at))}"
        if consultation.closes_at is not None:
            last = timezone.localdate(consultation.closes_at - dt.timedelta(microseconds=1))
            period += f" đến ngày {short_date(last)}"
        facts.append(
            f"Thực hiện quy định về lấy ý kiến, {unit.name} đã đăng tải toàn văn "
            f"{_subject(consultation)} để lấy ý kiến của Nhân dân, cơ quan, tổ chức, cá nhân "
            f"{period}."
        )
    votes = f"Đã có {vn_number(totals.votes)} lượt biểu quyết đối với {articles} điều của dự thảo"
    if totals.votes:
        votes += (
            f", trong đó {vn_number(totals.agree)} lượt tán thành ({totals.agree_share}%) và "
            f"{vn_number(totals.disagree)} lượt không tán thành ({totals.disagree_share}%)"
        )
    facts.append(f"{votes}; {vn_number(totals.comments)} ý kiến góp ý cụ thể.")
    run = campaign_run_latest(consultation=consultation)
    if run is not None and run.comments_total:
        text = (
            f"Các ý kiến góp ý được tổng hợp theo từng điều: {vn_number(run.grouped_comments)} "
            f"ý kiến có nội dung trùng nhau được gộp thành {vn_number(run.groups_total)} nhóm, "
            "mỗi nhóm được tính là một ý kiến với số lượt gửi tương ứng"
        )
        if run.themes_total:
            text += f"; các ý kiến còn lại được tổng hợp theo {vn_number(run.themes_total)} chủ đề"
        facts.append(text + ".")
    if manual:
        facts.append(
            f"Ngoài ra, {unit.name} nhận được {vn_number(manual)} ý kiến qua văn bản, "
            "hội nghị và các hình thức khác."
        )
    return facts


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n") if part.strip()]


def report_content(report: SynthesisReport) -> ReportContent:
    """The report as its documents show it: the snapshot once approved, else the live data."""
    if report.snapshot:
        return ReportContent.from_json(report.snapshot)
    return report_content_build(report, draft=True)


def report_content_build(report: SynthesisReport, *, draft: bool) -> ReportContent:
    """Build the content from the data now (``draft=False`` at approval, for the snapshot)."""
    consultation = report.consultation
    unit: Unit = consultation.unit
    blocks = report_blocks(report)
    general, *rest = blocks
    sections = [
        Section(
            anchor=block.anchor,
            label=block.label,
            heading=block.heading,
            tally=TallyLine.of(block.tally) if block.tally is not None else None,
            groups=[group_line(group) for group in block.groups],
            in_draft=block.in_draft,
        )
        for block in rest
    ]
    tallies = {block.anchor: block.tally for block in rest if block.in_draft and block.tally}
    totals = TallyLine.of(tallies_overall(tallies))
    manual = sum(group.manual_count for block in blocks for group in block.groups)
    governing, issuing = body_lines(unit)
    symbol = report.symbol or f"BC-{body_abbreviation(unit)}"
    if draft or report.number is None:
        number_line = f"Số:       /{symbol}"
        date_line = place_date_line(unit, None, year=timezone.localdate().year)
    else:
        number_line = f"Số: {report.number_text}"
        date_line = place_date_line(unit, report.signed_on)
    approver = report.approved_by
    signer = None if draft or approver is None else report_signer(report=report, approver=approver)
    subject = _subject(consultation)
    return ReportContent(
        draft=draft,
        governing_body=governing,
        issuing_body=issuing,
        number_line=number_line,
        date_line=date_line,
        title="BÁO CÁO",
        subtitle=f"Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với {subject}",
        facts=_facts(consultation, totals, len(tallies), manual),
        introduction=_paragraphs(report.introduction),
        general=Section(
            GENERAL_ANCHOR, "", "", None, [group_line(group) for group in general.groups]
        ),
        articles=sections,
        totals=totals,
        closing=(
            f"Trên đây là báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với "
            f"{subject} của {unit.name}./."
        ),
        recipients=recipients_default(unit),
        signature_lines=signature_lines(unit, signer),
        signer_name=signer.name if signer else "",
        number_text="" if draft else report.number_text,
        file_stem=_file_stem(consultation, report, draft=draft),
    )


def _file_stem(consultation: Consultation, report: SynthesisReport, *, draft: bool) -> str:
    if draft or report.number is None:
        return f"bao-cao-tong-hop-{consultation.slug}-du-thao"
    return f"bao-cao-tong-hop-{consultation.slug}-so-{report.number:02d}-{report.number_year}"
