"""Reads of the document register: who may read and edit it, search, one entry's page.

Access. Every active staff member reads the register (``directives.read_register``):
documents are public instruments. Writing needs ``directives.manage`` over the unit the
officer works in (the unit switcher's choice): commission staff and heads register the
documents their place works with. An entry is edited by the officers who direct the unit
that entered it (a provincial commission corrects what a commune entered, not the other
way round). Citizens and visitors get the same 404 as for a missing entry.

Search. ``search_text`` holds the folded symbol, type words, issuer, title and full text
(no diacritics, đ→d, lower case); the query is folded the same way and every word must
appear, so "chi thi 33", "Chỉ thị 33", "33/CT-TTg" and "33/CT-TTG" all find Directive
33/CT-TTg. A query that is itself a symbol also finds the entry by its folded key, and
such exact matches come first. ``contains`` on the folded column is what both databases
do well at the register's scale (thousands of entries per province).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from danvan.core.access import get_object_for_user_or_404
from danvan.directives.models import Document, DocumentLink, Reference
from danvan.directives.refs import parse_symbol
from danvan.directives.refs.normalize import normalize_text
from danvan.directives.services.numbering import party_term
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit

__all__ = [
    "MANAGE",
    "READ",
    "DocumentPage",
    "LinkRow",
    "ReferenceRow",
    "document_by_submission",
    "document_for_editor_or_404",
    "document_for_reader_or_404",
    "document_page",
    "documents_by_symbol",
    "documents_search",
    "may_edit_document",
    "may_manage_register",
    "may_read_register",
    "reference_candidates",
    "reference_rows",
    "register_filter_choices",
    "register_fold",
    "register_unit_or_404",
    "search_index",
    "search_words",
    "symbol_words",
]

READ = "directives.read_register"
MANAGE = "directives.manage"
# Words a search may carry that no entry needs to contain ("Chỉ thị số 33", "No. 33").
QUERY_FILLER = frozenset({"so", "no", "number"})
_PUNCTUATION = re.compile(r"[^\w/-]+")
_SYMBOL_HEAD = re.compile(r"^(?P<number>\d+)(?P<separator>[/-])(?P<rest>.*)$")


def register_fold(text: str) -> str:
    """Folded text for search: Ð→Đ and dashes normalised, no diacritics, đ→d, lower case."""
    return fold_for_search(normalize_text(text))


def search_words(text: str) -> list[str]:
    """The folded words of a text; "/" and "-" stay inside words, as symbols need them."""
    words = _PUNCTUATION.sub(" ", register_fold(text)).split()
    return [word.strip("-/") for word in words if word.strip("-/")]


def symbol_words(symbol: str) -> list[str]:
    """The ways a symbol is searched for: whole, by its parts, and its parts' pieces.

    ``33/CT-TTg`` → 33/ct-ttg, 33, ct-ttg, ct, ttg; ``30/2020/NĐ-CP`` adds 30/2020;
    ``23-QĐ/TW`` adds qd/tw — so "33", "CT-TTg", "nghi dinh 30/2020" and "QĐ 23" all
    match whole words.
    """
    folded = register_fold(symbol).replace(" ", "")
    words = [folded, *folded.split("/"), *re.split(r"[/-]", folded)]
    match = _SYMBOL_HEAD.match(folded)
    if match is not None and match["rest"]:
        rest = match["rest"]
        words.append(rest)
        first = re.split(r"[/-]", rest)[0]
        if match["separator"] == "/" and first.isdigit():
            words.append(f"{match['number']}/{first}")
    unique = dict.fromkeys(word for word in words if word)
    return list(unique)


def search_index(*parts: str) -> str:
    """``search_text``: the words of every part, space-separated and space-padded, so a
    query word is matched whole (``" 33 "`` is not in ``" 330 "``)."""
    words: list[str] = []
    for part in parts:
        words.extend(search_words(part))
    return f" {' '.join(words)} "


# ------------------------------------------------------------------ access


def may_read_register(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(READ))


def register_unit_or_404(user: Any, active_unit: Unit | None) -> Unit:
    """The unit an officer registers documents for (the switcher's unit), or 404."""
    if active_unit is None or not may_manage_register(user, active_unit):
        raise Http404
    return active_unit


def may_manage_register(user: Any, active_unit: Unit | None) -> bool:
    """May enter documents: a manager (commission staff, head) of the working unit."""
    return (
        active_unit is not None
        and may_read_register(user)
        and bool(user.has_perm(MANAGE, active_unit))
    )


def may_edit_document(user: Any, document: Document, active_unit: Unit | None) -> bool:
    """Edit, link, delete: a manager in the working unit who also directs the entering unit."""
    if not may_manage_register(user, active_unit):
        return False
    owner = document.registered_by_unit
    return owner is None or bool(user.has_perm(MANAGE, owner))


def document_for_reader_or_404(user: Any, pk: int) -> Document:
    return get_object_for_user_or_404(
        Document.objects.select_related("registered_by_unit", "created_by"),
        allowed=lambda _document: may_read_register(user),
        pk=pk,
    )


def document_for_editor_or_404(user: Any, pk: int, active_unit: Unit | None) -> Document:
    return get_object_for_user_or_404(
        Document.objects.select_related("registered_by_unit", "created_by"),
        allowed=lambda document: may_edit_document(user, document, active_unit),
        pk=pk,
    )


def document_by_submission(key: str) -> Document | None:
    """The entry a form with this one-time key made already (a resubmission), if any."""
    return Document.objects.filter(submission_key=key).first() if key else None


def documents_by_symbol(*, key: str, year: int | None, exclude_pk: int | None) -> list[Document]:
    """The entries carrying a folded symbol (of that year of issue, when given)."""
    documents = Document.objects.filter(symbol_key=key)
    if exclude_pk is not None:
        documents = documents.exclude(pk=exclude_pk)
    if year:
        documents = documents.filter(issued_on__year=year)
    return list(documents.defer("full_text", "search_text").order_by("issued_on", "pk"))


# ------------------------------------------------------------------ search


def documents_search(
    *,
    query: str = "",
    family: str = "",
    doc_type: str = "",
    issuer: str = "",
    year: int | None = None,
) -> QuerySet[Document]:
    """Entries matching the query and filters, exact symbol matches first, newest first."""
    documents = Document.objects.select_related("registered_by_unit").defer(
        "full_text", "search_text", "extraction_relations", "extraction_warnings"
    )
    if family:
        documents = documents.filter(family=family)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if issuer:
        documents = documents.filter(issuer_code=issuer)
    if year:
        documents = documents.filter(issued_on__year=year)
    words = [word for word in search_words(query) if word not in QUERY_FILLER]
    if not words:
        return documents.order_by("-issued_on", "-pk")
    # Whole words, the last one also as the start of a word (the officer may stop typing
    # mid-word). Ranked: the exact symbol, the whole query as a phrase, every word whole,
    # then the rest.
    *whole, last = words
    matches = Q(search_text__contains=f" {last}")
    for word in whole:
        matches &= Q(search_text__contains=f" {word} ")
    phrase = f" {' '.join(words)}"
    parsed = parse_symbol(query)
    key = parsed.key if parsed is not None else None
    if key:
        matches |= Q(symbol_key=key)
    ranked = documents.filter(matches).annotate(
        rank=Case(
            When(symbol_key=key or "", then=Value(0)),
            When(search_text__contains=phrase, then=Value(1)),
            When(search_text__contains=f" {last} ", then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
    return ranked.order_by("rank", "-issued_on", "-pk")


@dataclass(frozen=True)
class FilterChoices:
    issuers: list[str]
    years: list[int]


def register_filter_choices() -> FilterChoices:
    """The issuers and years present in the register (for the list's filters)."""
    issuers = (
        Document.objects.exclude(issuer_code="")
        .order_by("issuer_code")
        .values_list("issuer_code", flat=True)
        .distinct()
    )
    years = sorted({day.year for day in Document.objects.dates("issued_on", "year")}, reverse=True)
    return FilterChoices(issuers=list(issuers), years=years)


# ------------------------------------------------------------------ matching references


def _fits(document: Document, on: dt.date) -> bool:
    """Could ``document`` be the one a text cites with date ``on``?"""
    if "@" not in document.identity_key:  # legal normative: the symbol carries the year
        return True
    if document.family == Document.Family.PARTY:
        if not document.party_term:
            return True
        return document.party_term == party_term(on) or (
            document.issued_on is not None and party_term(document.issued_on) == party_term(on)
        )
    return document.issued_on is None or document.issued_on.year == on.year


def reference_candidates(
    *, symbol_key: str, issued_on: dt.date | None, exclude_pk: int | None = None
) -> list[Document]:
    """The entries a cited symbol may be: by folded symbol, then by date, year or term.

    One candidate is a match; several are for the officer to choose among; none means
    the document is not in the register.
    """
    entries = Document.objects.filter(symbol_key=symbol_key)
    if exclude_pk is not None:
        entries = entries.exclude(pk=exclude_pk)
    documents = list(entries.defer("full_text", "search_text").order_by("issued_on", "pk"))
    if issued_on is None or not documents:
        return documents
    same_day = [document for document in documents if document.issued_on == issued_on]
    if same_day:
        return same_day
    return [document for document in documents if _fits(document, issued_on)]


# ------------------------------------------------------------------ one entry's page


@dataclass(frozen=True)
class LinkRow:
    link: DocumentLink
    other: Document
    outgoing: bool


@dataclass(frozen=True)
class ReferenceRow:
    reference: Reference
    candidates: list[Document]

    @property
    def status(self) -> str:
        if self.reference.target_id is not None:
            return "linked"
        return "ambiguous" if self.candidates else "missing"

    @property
    def two_dates(self) -> bool:
        return len(self.reference.dates_seen) > 1

    @property
    def dates(self) -> list[dt.date]:
        """The dates the text gave for it (more than one: the text contradicts itself)."""
        return [dt.date.fromisoformat(str(value)) for value in self.reference.dates_seen]


def reference_rows(document: Document) -> list[ReferenceRow]:
    """Each reference with the entries it may be (for those not linked yet)."""
    rows: list[ReferenceRow] = []
    for reference in document.references.select_related("target").order_by("pk"):
        candidates = (
            []
            if reference.target_id is not None
            else reference_candidates(
                symbol_key=reference.symbol_key,
                issued_on=reference.issued_on,
                exclude_pk=document.pk,
            )
        )
        rows.append(ReferenceRow(reference, candidates))
    return rows


@dataclass(frozen=True)
class DocumentPage:
    links: list[LinkRow]
    references: list[ReferenceRow]
    cited_by: list[Reference]
    directives: list[Any]


def document_page(document: Document, user: Any) -> DocumentPage:
    """Everything the entry's page shows around the document itself.

    The document is public, its follow-ups are not: ``user`` sees only the directives they
    manage (drafts included) and those that gave their own unit work — never another
    province's or another unit's follow-up of the same document.
    """
    from danvan.directives.selectors.monitoring import directives_visible, scope_for, under

    scope = scope_for(user)
    visible = directives_visible(scope).values("pk")
    outgoing = [
        LinkRow(link, link.target, True)
        for link in document.links_out.select_related("target").order_by("kind", "pk")
    ]
    incoming = [
        LinkRow(link, link.source, False)
        for link in document.links_in.select_related("source").order_by("kind", "pk")
    ]
    cited_by = list(
        document.cited_by.select_related("document")
        .defer("document__full_text", "document__search_text")
        .order_by("-document__issued_on", "pk")
    )
    directives = list(
        document.directives.filter(under("unit__path", scope.remits) | Q(pk__in=visible))
        .select_related("unit")
        .order_by("-created_at")
    )
    return DocumentPage(
        links=outgoing + incoming,
        references=reference_rows(document),
        cited_by=cited_by,
        directives=directives,
    )
