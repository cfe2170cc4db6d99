"""Directives: the register of Party and State documents (sổ văn bản).

A document is known by its number and symbol (số, ký hiệu). State documents write them as
``number/TYPE-ISSUER`` (``575/QĐ-UBND``), with the year for legal normative documents
(``55/2024/NĐ-CP``); Party documents as ``number-TYPE/ISSUER`` (``127-QĐ/TW``) and number
them per type for the whole term of the Party committee (DOMAIN.md §7.1–7.3).

``symbol`` is the canonical spelling, with "Đ" (``127-QĐ/TW``); ``symbol_key`` is the folded
form used for matching (Đ→D, upper case, no spaces: ``127-QD/TW``), because English texts and
scans write "QD", "QÐ" (Icelandic eth) or put spaces around the dashes. ``identity_key`` is
what makes a document unique (DOMAIN.md §7.3): a legal normative document by its symbol
(which carries the year), an administrative State document by its symbol and the year it
was issued, a Party document by its symbol and the Party term — numbers repeat from one
term (or year) to the next, so the symbol alone is not enough.

``search_text`` is the folded text of symbol, title and body (diacritics and đ removed in
Python, since SQLite's FTS5 does not fold đ), so a search for "chi thi dan van" finds
"Chỉ thị … dân vận".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.units.models import Unit

__all__ = ["Document", "DocumentLink", "Reference"]


class Document(BaseModel):
    """A Party or State document in the register."""

    class Family(models.TextChoices):
        PARTY = "party", _("Party document")
        STATE = "state", _("State document")

    class Type(models.TextChoices):
        # The values are the ones ``extract_refs --json`` prints (issue 5).
        LAW = "law", pgettext_lazy("document type", "Law")
        RESOLUTION = "resolution", pgettext_lazy("document type", "Resolution")
        DECREE = "decree", pgettext_lazy("document type", "Decree")
        DECISION = "decision", pgettext_lazy("document type", "Decision")
        REGULATION = "regulation", pgettext_lazy("document type", "Regulation")
        DIRECTIVE = "directive", pgettext_lazy("document type", "Directive")
        CONCLUSION = "conclusion", pgettext_lazy("document type", "Conclusion")
        CIRCULAR = "circular", pgettext_lazy("document type", "Circular")
        GUIDANCE = "guidance", pgettext_lazy("document type", "Guidance")
        NOTICE = "notice", pgettext_lazy("document type", "Notice")
        PLAN = "plan", pgettext_lazy("document type", "Plan")
        PROGRAM = "program", pgettext_lazy("document type", "Program")
        REPORT = "report", pgettext_lazy("document type", "Report")
        OFFICIAL_DISPATCH = "official_dispatch", pgettext_lazy("document type", "Official dispatch")
        OTHER = "other", pgettext_lazy("document type", "Other")

    family = models.CharField(_("family"), max_length=8, choices=Family.choices)
    doc_type = models.CharField(
        pgettext_lazy("document", "type"), max_length=24, choices=Type.choices, db_index=True
    )
    number = models.CharField(_("number"), max_length=12, help_text=_("The number alone: 127."))
    symbol = models.CharField(
        _("number and symbol"),
        max_length=80,
        help_text=_("As printed, with Đ: 127-QĐ/TW, 55/2024/NĐ-CP, 12729/VPCP-KGVX."),
    )
    symbol_key = models.CharField(_("folded symbol"), max_length=80, db_index=True, editable=False)
    identity_key = models.CharField(_("identity"), max_length=120, unique=True, editable=False)
    issuer_code = models.CharField(
        _("issuer abbreviation"), max_length=60, blank=True, help_text=_("TW, CP, TTg, UBND…")
    )
    issuer_name = models.CharField(_("issuing body"), max_length=255, blank=True)
    issued_on = models.DateField(pgettext_lazy("document", "date of issue"), null=True, blank=True)
    party_term = models.CharField(
        _("Party term"),
        max_length=20,
        blank=True,
        help_text=_("For Party documents: the term of the issuing committee, e.g. 2025-2030."),
    )
    title = models.CharField(_("title (subject)"), max_length=500, blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    file = models.FileField(_("file"), upload_to="directives/documents/%Y/", blank=True)
    # The unit that entered the document; every officer may read the register (documents
    # are public instruments), only the commission that entered it edits it.
    registered_by_unit = models.ForeignKey(
        Unit,
        verbose_name=_("registered by unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_stub = models.BooleanField(
        _("entered from a reference"),
        default=False,
        help_text=_("Created from a reference found in another text; details to be completed."),
    )
    # What the last extraction of ``full_text`` said besides the references themselves:
    # relations between two cited documents ({"from", "to", "kind"}, folded keys) — applied
    # again whenever one of them is registered — and the warnings shown on the review page
    # ({"code", "symbol", "message"}).
    extracted_at = models.DateTimeField(_("references extracted at"), null=True, blank=True)
    extraction_relations = models.JSONField(
        _("relations found"), default=list, blank=True, editable=False
    )
    extraction_warnings = models.JSONField(
        _("extraction warnings"), default=list, blank=True, editable=False
    )
    # The one-time key of the form that registered the document: a double click or a
    # resubmitted page finds the document already made instead of making a second one.
    submission_key = models.CharField(
        pgettext_lazy("document", "submission key"), max_length=64, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~models.Q(submission_key=""),
                name="directives_document_submission_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol


class DocumentLink(BaseModel):
    """A relation between two registered documents: ``source`` replaces/implements… ``target``."""

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("replaces")
        IMPLEMENTS = "implements", _("implements")
        GUIDES = "guides", _("guides")
        AMENDS = "amends", _("amends")
        CITES = "cites", _("cites")

    source = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="links_out"
    )
    target = models.ForeignKey(
        Document,
        verbose_name=_("related document"),
        on_delete=models.CASCADE,
        related_name="links_in",
    )
    kind = models.CharField(_("relation"), max_length=12, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="directives_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="directives_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target}"


class Reference(BaseModel):
    """A document cited by a registered document's text, as extraction found it.

    Kept even when the cited document is not (yet) in the register, so that staff can link
    or create it later; ``target`` is set once it is linked.
    """

    document = models.ForeignKey(
        Document,
        verbose_name=_("citing document"),
        on_delete=models.CASCADE,
        related_name="references",
    )
    symbol = models.CharField(_("number and symbol"), max_length=80)
    symbol_key = models.CharField(_("folded symbol"), max_length=80, db_index=True)
    doc_type = models.CharField(
        pgettext_lazy("document", "type"), max_length=24, choices=Document.Type.choices
    )
    issuer_code = models.CharField(_("issuer abbreviation"), max_length=60, blank=True)
    title = models.CharField(_("title (subject)"), max_length=500, blank=True)
    issued_on = models.DateField(pgettext_lazy("document", "date of issue"), null=True, blank=True)
    dates_seen = models.JSONField(_("dates seen"), default=list, blank=True)
    mentions = models.PositiveIntegerField(_("mentions"), default=1)
    relation = models.CharField(
        _("relation"),
        max_length=12,
        choices=DocumentLink.Kind.choices,
        default=DocumentLink.Kind.CITES,
    )
    target = models.ForeignKey(
        Document,
        verbose_name=_("registered document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "symbol_key"], name="directives_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.symbol
