"""Consultations: the consultation, its draft versions and the draft's legal structure.

A consultation (lấy ý kiến) puts a draft out for comment for a window computed by the
deadline engine (``consultation_posting`` for draft legal documents, DOMAIN.md §6;
``commune_consultation`` for commune matters, §5.4). Every import of the draft makes a new
``DraftVersion``; its text is split into ``Provision`` rows (Phần, Chương, Mục, Điều, Khoản,
Điểm). Votes and comments of the other areas point at a provision by the pair
(consultation, anchor) rather than by row id, so they survive a new version of the draft.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.units.models import Unit

__all__ = ["Consultation", "DraftVersion", "Provision"]


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    """Reads that apply the automatic close: a window past ``closes_at`` is closed."""

    def open_at(self, when: datetime.datetime | None = None) -> ConsultationQuerySet:
        """Consultations taking part is possible in at ``when`` (now by default).

        The stored status stays ``open`` after the window ends (nothing has to run at
        midnight); the window itself decides, so no participation slips through late.
        """
        when = when or timezone.now()
        return self.filter(status=Consultation.Status.OPEN, opens_at__lte=when).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=when)
        )


class Consultation(BaseModel):
    """A draft put out for comment by a drafting agency (``unit``) for a posting window."""

    class Kind(models.TextChoices):
        LEGAL_DOCUMENT = "legal_document", _("Draft legal document")
        COMMUNE_MATTER = "commune_matter", _("Commune matter (residents' comments)")
        INTERNAL = "internal", _("Internal draft (agency staff)")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone with a verified account")
        HOUSEHOLDS = "households", _("One vote per household")
        STAFF = "staff", _("Staff of the agency")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for comments")
        CLOSED = "closed", _("Closed")
        REPORTED = "reported", _("Synthesis report published")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    # Public, non-sequential code used in URLs (/gop-y/<slug>/), fixed at creation.
    slug = models.SlugField(_("public code"), max_length=80, unique=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("drafting agency"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.LEGAL_DOCUMENT
    )
    audience = models.CharField(
        _("who may take part"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True, db_index=True)
    # Deadline rule that computed ``closes_at`` (consultation_posting / commune_consultation).
    rule_code = models.CharField(_("deadline rule"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "closes_at"], name="consult_status_closes")]

    def __str__(self) -> str:
        return self.title

    def is_open_at(self, when: datetime.datetime | None = None) -> bool:
        """Whether taking part is allowed at ``when``: opened, and the window not yet over."""
        when = when or timezone.now()
        if self.status != self.Status.OPEN or self.opens_at is None or self.opens_at > when:
            return False
        return self.closes_at is None or when < self.closes_at

    @property
    def is_open(self) -> bool:
        """Open now; participation checks this (the close after ``closes_at`` is automatic)."""
        return self.is_open_at()

    @property
    def last_day(self) -> datetime.date | None:
        """The last day comments are accepted (until 24:00): the day before a midnight close."""
        if self.closes_at is None:
            return None
        return timezone.localdate(self.closes_at - datetime.timedelta(microseconds=1))

    @property
    def effective_status(self) -> str:
        """The status a reader sees: ``open`` turns into ``closed`` once the window is over."""
        if self.status == self.Status.OPEN and not self.is_open:
            if self.opens_at is not None and self.opens_at > timezone.now():
                return self.Status.DRAFT
            return self.Status.CLOSED
        return str(self.status)

    @property
    def current_version(self) -> DraftVersion | None:
        """The latest imported version of the draft (the one people read and vote on)."""
        return self.versions.order_by("-number").first()


class DraftVersion(BaseModel):
    """One import of the draft text; version N+1 carries a change log against version N."""

    class Format(models.TextChoices):
        DOCX = "docx", _("Word document (.docx)")
        MARKDOWN = "markdown", _("Markdown")
        TEXT = "text", _("Plain text")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version number"))
    source_name = models.CharField(_("source file name"), max_length=255, blank=True)
    source_format = models.CharField(
        _("source format"), max_length=10, choices=Format.choices, default=Format.TEXT
    )
    # The text as imported (normalised to plain lines), kept so a version can be re-parsed.
    source_text = models.TextField(_("source text"), blank=True)
    # What comes before the first provision: issuing body, title, legal grounds ("Căn cứ …").
    preamble = models.TextField(_("preamble"), blank=True)
    change_log = models.TextField(_("change log"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="draftversion_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation} v{self.number}"


class Provision(models.Model):
    """One unit of the draft's structure (Phần … Điểm), addressable by its stable ``anchor``."""

    class Level(models.TextChoices):
        PART = "part", _("Part (Phần)")
        CHAPTER = "chapter", _("Chapter (Chương)")
        SECTION = "section", _("Section (Mục)")
        ARTICLE = "article", _("Article (Điều)")
        CLAUSE = "clause", _("Clause (Khoản)")
        POINT = "point", _("Point (Điểm)")

    version = models.ForeignKey(
        DraftVersion,
        verbose_name=_("draft version"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent provision"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    label = models.CharField(_("label"), max_length=64)  # "Điều 5", "Khoản 2", "Điểm a"
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    # Stable across versions: "chuong-ii", "dieu-5", "dieu-5.k2", "dieu-5.k2.a".
    anchor = models.CharField(_("anchor"), max_length=120)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="provision_unique_anchor")
        ]

    def __str__(self) -> str:
        return self.label
