"""Consultations: the synthesis-and-explanation report (bản tổng hợp, tiếp thu, giải trình).

After the window closes the drafting agency answers what was said, article by article: each
group of opinions (a campaign of copies, a theme, a group of the opinion map, or opinions
received in writing or at meetings) gets a disposition — accepted, partly accepted, not
accepted — and, unless accepted, an explanation (Law 64/2025/QH15; Law 10/2022/QH15 Art 28:
the commune publishes the synthesis and the explanations; DOMAIN.md §5.4, §6.1).

The report goes drafting → submitted → approved → published. Approval gives it its number
and symbol ("Số: 07/BC-UBND", running per issuing unit per calendar year, Decree 30/2020
Art 15) and freezes everything the document shows into ``snapshot``: the published report
never changes afterwards, whatever later votes, moderation or recomputations do. The Word
and PDF files of an approved report are rendered once from the snapshot and kept
(``ReportFile``), so a public download is a read, not a rendering.

Groups are built from the computations (``services/report.py``): each computed item the
group carries is a ``ReportGroupSource`` with a stable key, so a refresh updates the counts
and never touches what staff typed; merging two groups moves the sources.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.consultations.models.drafts import Consultation
from danvan.core.models import BaseModel
from danvan.units.models import Unit

__all__ = [
    "EXPLANATION_MAX_LENGTH",
    "GENERAL_ANCHOR",
    "SUMMARY_MAX_LENGTH",
    "ReportFile",
    "ReportGroup",
    "ReportGroupSource",
    "SynthesisReport",
]

GENERAL_ANCHOR = ""
"""The anchor of the opinions on the draft as a whole (not on one article)."""
SUMMARY_MAX_LENGTH = 5000
EXPLANATION_MAX_LENGTH = 10000


class SynthesisReport(BaseModel):
    """The synthesis-and-explanation report of one consultation."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", pgettext_lazy("synthesis report", "Being drafted")
        SUBMITTED = "submitted", pgettext_lazy("synthesis report", "Submitted for approval")
        APPROVED = "approved", pgettext_lazy("synthesis report", "Approved")
        PUBLISHED = "published", pgettext_lazy("synthesis report", "Published")

    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="synthesis_report",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFTING
    )
    introduction = models.TextField(_("introduction and overall assessment"), blank=True)
    include_opinion_map = models.BooleanField(
        _("include the opinion map's groups and consensus statements"), default=False
    )
    refreshed_at = models.DateTimeField(_("figures read at"), null=True, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Number and symbol, allotted at approval: unique per issuing unit per calendar year.
    issuing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number_year = models.PositiveSmallIntegerField(_("year of the number"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=40, blank=True)  # "BC-UBND"
    signed_on = models.DateField(_("date of the document"), null=True, blank=True)
    # Everything the approved document shows, frozen at approval (services/report_content.py).
    snapshot = models.JSONField(_("approved content"), null=True, blank=True)

    class Meta:
        verbose_name = _("synthesis report")
        verbose_name_plural = _("synthesis reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="synthesisreport_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="synthesisreport_number_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.number_text or self.status}"

    @property
    def number_text(self) -> str:
        """The number and symbol, "07/BC-UBND": a leading zero below 10, and no year
        (an administrative document, Decree 30/2020 Appendix I)."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def audit_label(self) -> str:
        return f"synthesis report {self.pk} of consultation {self.consultation_id}"

    @property
    def is_frozen(self) -> bool:
        """Approved or published: the content is the snapshot's and cannot change."""
        return self.status in (self.Status.APPROVED, self.Status.PUBLISHED)


class ReportGroup(BaseModel):
    """A group of opinions on one article (or on the whole draft) and the agency's answer."""

    class Disposition(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("disposition of opinions", "Accepted")
        PARTLY_ACCEPTED = (
            "partly_accepted",
            pgettext_lazy("disposition of opinions", "Partly accepted"),
        )
        NOT_ACCEPTED = "not_accepted", pgettext_lazy("disposition of opinions", "Not accepted")

    report = models.ForeignKey(
        SynthesisReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="groups",
        db_index=False,  # the index below starts with it
    )
    anchor = models.CharField(_("article anchor"), max_length=120, blank=True)
    position = models.PositiveIntegerField(_("position"))
    summary = models.TextField(_("opinion"), max_length=SUMMARY_MAX_LENGTH)
    summary_edited = models.BooleanField(_("opinion written by staff"), default=False)
    # Opinions staff counted themselves (received in writing, at meetings); the computed
    # ones are in the sources. ``count`` is the sum of both, kept for ordering and display.
    manual_count = models.PositiveIntegerField(_("opinions entered by staff"), default=0)
    count = models.PositiveIntegerField(_("number of opinions"), default=0)
    received_via = models.CharField(_("received through"), max_length=500, blank=True)
    # Example texts: from the sources until staff edit them (then staff's, kept as typed).
    examples = models.JSONField(_("example texts"), default=list, blank=True)
    examples_edited = models.BooleanField(_("examples edited by staff"), default=False)
    disposition = models.CharField(
        _("disposition"), max_length=20, choices=Disposition.choices, blank=True
    )
    explanation = models.TextField(_("explanation"), blank=True, max_length=EXPLANATION_MAX_LENGTH)
    disposition_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disposition written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disposition_at = models.DateTimeField(_("disposition written at"), null=True, blank=True)
    # Incremented on every edit: a form sent from an older page is refused, not applied.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    class Meta:
        verbose_name = _("group of opinions")
        verbose_name_plural = _("groups of opinions")
        ordering = ["report", "anchor", "position", "pk"]
        indexes = [
            models.Index(fields=["report", "anchor", "position"], name="reportgroup_by_article")
        ]

    def __str__(self) -> str:
        return f"{self.anchor or '*'} #{self.position}: {self.summary[:40]}"

    @property
    def audit_label(self) -> str:
        return f"report group {self.pk} on {self.anchor or 'the whole draft'}"

    @property
    def needs_explanation(self) -> bool:
        return self.disposition in (self.Disposition.PARTLY_ACCEPTED, self.Disposition.NOT_ACCEPTED)

    @property
    def has_stale_source(self) -> bool:
        """A source the latest refresh did not find (uses prefetched sources when there)."""
        return any(source.stale for source in self.sources.all())

    @property
    def is_answered(self) -> bool:
        """A disposition, and an explanation where it is not plainly accepted."""
        if not self.disposition:
            return False
        return not (self.needs_explanation and not self.explanation.strip())


class ReportGroupSource(models.Model):
    """One computed item a group carries: a campaign of copies, a theme, an opinion-map group
    or consensus statement, or comments no computation grouped (one by one, or together past
    a limit per article). ``key`` identifies it across recomputations (see the service)."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("Copies of one text")
        THEME = "theme", _("Theme of comments")
        OPINION_GROUP = "opinion_group", _("Group of the opinion map")
        CONSENSUS = "consensus", _("Consensus statement")
        COMMENT = "comment", _("Comment in no group")
        OTHERS = "others", _("Other comments in no group")

    report = models.ForeignKey(
        SynthesisReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="sources",
        db_index=False,  # the unique constraint below starts with it
    )
    group = models.ForeignKey(
        ReportGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.TextField(_("text"))
    count = models.PositiveIntegerField(_("opinions"))
    variant_count = models.PositiveIntegerField(_("variants"), default=0)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    examples = models.JSONField(_("example texts"), default=list, blank=True)
    # Not found by the latest refresh: its last figures are kept, flagged for review.
    stale = models.BooleanField(_("no longer in the latest computation"), default=False)

    class Meta:
        verbose_name = _("source of a group of opinions")
        verbose_name_plural = _("sources of groups of opinions")
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="reportgroupsource_unique_key")
        ]

    def __str__(self) -> str:
        return self.key


class ReportFile(BaseModel):
    """The Word or PDF file of an approved report, rendered once from its snapshot."""

    class Format(models.TextChoices):
        DOCX = "docx", _("Word document (.docx)")
        PDF = "pdf", _("PDF")

    report = models.ForeignKey(
        SynthesisReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="files",
        db_index=False,  # the unique constraint below starts with it
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="reportfile_one_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}.{self.format}"
