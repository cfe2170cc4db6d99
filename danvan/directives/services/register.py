"""Writes of the document register: entries, links between them, and the references a text
cites (DOMAIN.md §7).

Identity (DOMAIN.md §7.3). The symbol alone does not make a document unique: an
administrative State number runs per calendar year (``575/QĐ-UBND`` comes back every
year), a Party number per type for the whole term of the Party committee (``127-QĐ/TW``
comes back in the next term). So ``identity_key`` is

- a legal normative document (its symbol carries the year): the folded symbol;
- an administrative State document or a công văn: folded symbol ``@`` year of issue;
- a Party document: folded symbol ``@`` Party term — the term the officer typed (a
  provincial committee's term starts at its own congress), else the configured term of
  the date of issue (``numbering.party_term``).

An entry made from a reference that gave no date (a *stub*) cannot know its year or
term: its identity ends in ``@?``, and registering the complete document later fills that
stub in instead of making a second entry.

References. When a document's text is stored, the extraction engine (``refs.extract``)
lists every document it cites; each becomes a ``Reference`` row, matched to the register
by folded symbol — and by year or term when several entries share it. A reference that
says "thay thế" (replaces), amends, implements or guides becomes a ``DocumentLink`` once
both ends are registered. Registering a document later resolves the references other
texts were still waiting on, so the register links itself as it fills up.

Every write is audited (``directives_document.*``, ``directives_reference.*``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import Document, DocumentLink, Reference
from danvan.directives.refs import extract, parse_symbol
from danvan.directives.refs.types import ParsedSymbol
from danvan.directives.selectors.register import (
    reference_candidates,
    register_fold,
    search_index,
    symbol_words,
)
from danvan.directives.services.numbering import party_term as configured_party_term
from danvan.units.models import Unit, User

__all__ = [
    "ExtractionSummary",
    "Registered",
    "document_create",
    "document_delete",
    "document_delete_blockers",
    "document_identity",
    "document_link",
    "document_register",
    "document_unlink",
    "document_update",
    "issuer_name_for",
    "reference_link",
    "reference_stub_create",
    "reference_unlink",
    "references_extract",
    "references_stubs_create",
    "symbol_parse",
]

Family = Document.Family
Kind = DocumentLink.Kind
UNKNOWN = "?"
PARTY_TERM_RE = re.compile(r"^(?P<start>\d{4})\s*[-–]\s*(?P<end>\d{4})$")
# Words put into ``search_text`` for each type, so that "chi thi 33" finds 33/CT-TTg even
# when the title does not repeat the type (index data, folded; not shown to anyone).
TYPE_SEARCH_WORDS: dict[str, str] = {
    "law": "luat law",
    "resolution": "nghi quyet resolution",
    "decree": "nghi dinh decree",
    "decision": "quyet dinh decision",
    "regulation": "quy dinh quy che regulation",
    "directive": "chi thi directive",
    "conclusion": "ket luan conclusion",
    "circular": "thong tu thong tri circular",
    "guidance": "huong dan guidance guideline",
    "notice": "thong bao notice",
    "plan": "ke hoach plan",
    "program": "chuong trinh program programme",
    "report": "bao cao report",
    "official_dispatch": "cong van cong dien official dispatch",
    "other": "",
}
# The bodies most often cited, to pre-fill "issuing body" (their usual Vietnamese names).
ISSUER_NAMES: dict[str, str] = {
    "TW": "Ban Chấp hành Trung ương Đảng",
    "VPTW": "Văn phòng Trung ương Đảng",
    "BTCTW": "Ban Tổ chức Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "BDVTW": "Ban Dân vận Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "TTCP": "Thanh tra Chính phủ",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "BTP": "Bộ Tư pháp",
}


def _unit_label(unit: Unit | None) -> str:
    return unit.code if unit is not None else ""


# ------------------------------------------------------------------ symbols and identity


def symbol_parse(text: str) -> ParsedSymbol:
    """The parsed symbol, or ``ApplicationError`` explaining the expected shapes."""
    parsed = parse_symbol(text) if text.strip() else None
    if parsed is None:
        raise ApplicationError(
            gettext(
                "“%(symbol)s” is not a document number and symbol that can be recognised. "
                "Write it as printed after “Số”: 127-QĐ/TW (Party), 55/2024/NĐ-CP (legal "
                "normative document), 575/QĐ-UBND (administrative document) or "
                "12729/VPCP-KGVX (official dispatch)."
            )
            % {"symbol": text.strip()[:80]}
        )
    return parsed


def issuer_name_for(issuer_code: str) -> str:
    """The usual name of a frequently cited issuing body, or "" when unknown."""
    if issuer_code in ISSUER_NAMES:
        return ISSUER_NAMES[issuer_code]
    if re.fullmatch(r"QH\d{1,2}", issuer_code):
        return "Quốc hội"
    if re.fullmatch(r"UBTVQH\d{1,2}", issuer_code):
        return ISSUER_NAMES["UBTVQH"]
    return ""


def _term_clean(term: str) -> str:
    term = term.strip()
    if not term:
        return ""
    match = PARTY_TERM_RE.match(term)
    if match is None or not 0 < int(match["end"]) - int(match["start"]) <= 10:
        raise ApplicationError(gettext("Write the Party term as two years, for example 2025-2030."))
    return f"{match['start']}-{match['end']}"


def document_identity(
    *, parsed: ParsedSymbol, issued_on: dt.date | None, party_term: str = ""
) -> str:
    """What makes a document unique (module docstring; DOMAIN.md §7.3)."""
    if parsed.kind == "state_legal":
        return parsed.key
    if parsed.family == "party":
        term = party_term or (configured_party_term(issued_on) if issued_on else "")
        return f"{parsed.key}@{term or UNKNOWN}"
    year = issued_on.year if issued_on else parsed.year_hint
    return f"{parsed.key}@{year or UNKNOWN}"


def _search_text(document: Document) -> str:
    return search_index(
        " ".join(symbol_words(document.symbol)),
        TYPE_SEARCH_WORDS.get(document.doc_type, ""),
        document.issuer_code,
        document.issuer_name,
        document.party_term,
        document.title,
        document.full_text,
    )


# ------------------------------------------------------------------ documents


@dataclass(frozen=True)
class _Details:
    """A document's details once checked: what ``document_create``/``_update`` store."""

    parsed: ParsedSymbol
    family: str
    doc_type: str
    issued_on: dt.date | None
    party_term: str
    identity: str


def _details(
    *,
    symbol: str,
    issued_on: dt.date | None,
    party_term: str,
    doc_type: str,
    is_stub: bool,
) -> _Details:
    parsed = symbol_parse(symbol)
    term = _term_clean(party_term)
    today = timezone.localdate()
    if issued_on is not None and issued_on > today:
        if is_stub:
            issued_on = None  # a reference's impossible date: the stub is completed later
        else:
            raise ApplicationError(gettext("A document's date of issue cannot be in the future."))
    if not is_stub:
        if parsed.kind == "state_legal" and issued_on and issued_on.year != parsed.year:
            raise ApplicationError(
                gettext(
                    "The symbol %(symbol)s carries the year %(year)s but the date of issue is "
                    "in %(other)s. Check the symbol or the date."
                )
                % {"symbol": parsed.symbol, "year": parsed.year, "other": issued_on.year}
            )
        if parsed.family == "state" and parsed.kind != "state_legal" and not issued_on:
            raise ApplicationError(
                gettext(
                    "Enter the date of issue: administrative documents are numbered again "
                    "from 01 every year, so the year tells %(symbol)s apart from the document "
                    "with the same number of another year."
                )
                % {"symbol": parsed.symbol}
            )
        if parsed.family == "party" and not issued_on and not term:
            raise ApplicationError(
                gettext(
                    "Enter the date of issue or the Party term: Party documents are numbered "
                    "for the whole term of the committee, so the term tells %(symbol)s apart "
                    "from the document with the same number of another term."
                )
                % {"symbol": parsed.symbol}
            )
    if parsed.family == "party":
        term = term or (configured_party_term(issued_on) if issued_on else "")
    else:
        term = ""
    valid_types = set(Document.Type.values)
    chosen_type = next(
        kind for kind in (doc_type, parsed.doc_type, Document.Type.OTHER) if kind in valid_types
    )
    return _Details(
        parsed=parsed,
        family=parsed.family,
        doc_type=chosen_type,
        issued_on=issued_on,
        party_term=term,
        identity=document_identity(parsed=parsed, issued_on=issued_on, party_term=term),
    )


def _duplicate_error(existing: Document) -> ApplicationError:
    return ApplicationError(
        gettext(
            "%(symbol)s is already in the register (entered on %(date)s). Open the existing "
            "entry instead of entering it again."
        )
        % {
            "symbol": existing.symbol,
            "date": timezone.localdate(existing.created_at).strftime("%d/%m/%Y"),
        },
        extra={"existing": existing},
    )


def _undated_stub(details: _Details) -> Document | None:
    """A stub made from a reference without date that this dated document completes."""
    if details.identity.endswith(f"@{UNKNOWN}") or "@" not in details.identity:
        return None
    return Document.objects.filter(
        is_stub=True, identity_key=f"{details.parsed.key}@{UNKNOWN}"
    ).first()


def _apply(
    document: Document,
    details: _Details,
    *,
    title: str,
    issuer_name: str,
    full_text: str,
) -> None:
    parsed = details.parsed
    document.family = details.family
    document.doc_type = details.doc_type
    document.number = parsed.number
    document.symbol = parsed.symbol
    document.symbol_key = parsed.key
    document.identity_key = details.identity
    document.issuer_code = parsed.issuer[:60]
    document.issuer_name = (issuer_name.strip() or issuer_name_for(parsed.issuer))[:255]
    document.issued_on = details.issued_on
    document.party_term = details.party_term
    document.title = " ".join(title.split())[:500]
    document.full_text = full_text
    document.search_text = _search_text(document)


_FIELDS = [
    "family",
    "doc_type",
    "number",
    "symbol",
    "symbol_key",
    "identity_key",
    "issuer_code",
    "issuer_name",
    "issued_on",
    "party_term",
    "title",
    "full_text",
    "search_text",
    "is_stub",
    "updated_at",
]


class _SameSubmissionError(Exception):
    """The same form was sent twice at the same moment: the other request made the entry."""

    def __init__(self, document: Document) -> None:
        super().__init__(document.pk)
        self.document = document


def _by_identity(identity: str, *, exclude_pk: int | None = None) -> Document | None:
    entries = Document.objects.filter(identity_key=identity)
    if exclude_pk is not None:
        entries = entries.exclude(pk=exclude_pk)
    return entries.first()


def _by_submission(key: str) -> Document | None:
    return Document.objects.filter(submission_key=key).first() if key else None


@contextmanager
def _file_attached(
    document: Document, *, file_name: str, file_data: bytes | None
) -> Iterator[bool]:
    """Write the file under the document; remove it again if what follows fails (the
    transaction is rolled back, the storage is not)."""
    if file_data is None:
        yield False
        return
    old = document.file.name if document.file else ""
    document.file.save(file_name or "van-ban", ContentFile(file_data), save=False)
    stored = str(document.file.name)
    storage = document.file.storage
    try:
        yield True
    except BaseException:
        storage.delete(stored)
        raise
    if old and old != stored:
        transaction.on_commit(lambda: storage.delete(old))


def _save(document: Document, *, update_fields: list[str] | None = None) -> None:
    """Validate and save. A unique key another request took meanwhile (a double click, two
    officers entering the same document at once) becomes the usual refusal — or the other
    request's entry, when it was the same form."""
    document.full_clean(exclude=["identity_key", "submission_key"], validate_unique=False)
    try:
        with transaction.atomic():
            document.save(update_fields=update_fields)
    except IntegrityError:
        others = Document.objects.exclude(pk=document.pk) if document.pk else Document.objects
        if document.submission_key:
            earlier = others.filter(submission_key=document.submission_key).first()
            if earlier is not None:
                raise _SameSubmissionError(earlier) from None
        existing = others.filter(identity_key=document.identity_key).first()
        if existing is None:  # pragma: no cover - another constraint: a real bug
            raise
        raise _duplicate_error(existing) from None


@transaction.atomic
def document_create(
    *,
    actor: User,
    unit: Unit | None,
    symbol: str,
    issued_on: dt.date | None = None,
    party_term: str = "",
    doc_type: str = "",
    title: str = "",
    issuer_name: str = "",
    full_text: str = "",
    file_name: str = "",
    file_data: bytes | None = None,
    is_stub: bool = False,
    submission_key: str = "",
) -> Document:
    """Enter a document in the register (or complete the stub a reference made for it).

    The symbol is read with the extraction engine's parser, so the register stores the
    canonical spelling (``127-QĐ/TW``) whatever was typed (``127-QD/TW``); number, issuer,
    family and (when not chosen) type come from it. A document already in the register is
    refused with a message naming it (``extra["existing"]``); the same form sent twice
    (``submission_key``) returns the entry the first sending made.
    """
    document, _created = _document_create(
        actor=actor,
        unit=unit,
        symbol=symbol,
        issued_on=issued_on,
        party_term=party_term,
        doc_type=doc_type,
        title=title,
        issuer_name=issuer_name,
        full_text=full_text,
        file_name=file_name,
        file_data=file_data,
        is_stub=is_stub,
        submission_key=submission_key,
    )
    return document


def _document_create(
    *,
    actor: User,
    unit: Unit | None,
    symbol: str,
    issued_on: dt.date | None,
    party_term: str,
    doc_type: str,
    title: str,
    issuer_name: str,
    full_text: str,
    file_name: str,
    file_data: bytes | None,
    is_stub: bool,
    submission_key: str,
) -> tuple[Document, bool]:
    """``document_create``; the flag is False when the same form had made the entry already."""
    submission_key = submission_key[:64]
    earlier = _by_submission(submission_key)
    if earlier is not None:
        return earlier, False
    details = _details(
        symbol=symbol,
        issued_on=issued_on,
        party_term=party_term,
        doc_type=doc_type,
        is_stub=is_stub,
    )
    existing = _by_identity(details.identity)
    if existing is not None and not (existing.is_stub and not is_stub):
        raise _duplicate_error(existing)
    stub = existing if existing is not None else (None if is_stub else _undated_stub(details))
    document = stub or Document(
        registered_by_unit=unit, created_by=actor, is_stub=is_stub, submission_key=submission_key
    )
    try:
        if stub is not None:
            _complete(
                stub,
                details,
                actor=actor,
                unit=unit,
                title=title,
                issuer_name=issuer_name,
                full_text=full_text,
                file_name=file_name,
                file_data=file_data,
                submission_key=submission_key,
            )
            return stub, True
        _apply(document, details, title=title, issuer_name=issuer_name, full_text=full_text)
        with _file_attached(document, file_name=file_name, file_data=file_data) as attached:
            _save(document)
    except _SameSubmissionError as same:
        return same.document, False
    audit_record(
        actor=actor,
        verb="directives_document.create",
        target=document,
        data={
            "symbol": document.symbol,
            "stub": is_stub,
            "unit": _unit_label(unit),
            "file": attached,
        },
    )
    _pending_references_resolve(document, actor=actor)
    return document, True


def _complete(
    stub: Document,
    details: _Details,
    *,
    actor: User,
    unit: Unit | None,
    title: str,
    issuer_name: str,
    full_text: str,
    file_name: str,
    file_data: bytes | None,
    submission_key: str,
) -> None:
    """Fill in a stub with the complete document's details (it keeps its links)."""
    locked = Document.objects.select_for_update().get(pk=stub.pk)
    if submission_key and locked.submission_key == submission_key:
        raise _SameSubmissionError(locked)  # the same form, sent twice at the same moment
    _apply(
        stub,
        details,
        title=title or stub.title,
        issuer_name=issuer_name or stub.issuer_name,
        full_text=full_text,
    )
    stub.is_stub = False
    if stub.registered_by_unit_id is None:
        stub.registered_by_unit = unit
    stub.submission_key = submission_key
    fields = [*_FIELDS, "registered_by_unit", "submission_key"]
    with _file_attached(stub, file_name=file_name, file_data=file_data) as attached:
        _save(stub, update_fields=[*fields, "file"] if attached else fields)
    audit_record(
        actor=actor,
        verb="directives_document.complete",
        target=stub,
        data={"symbol": stub.symbol, "unit": _unit_label(unit), "file": attached},
    )
    _pending_references_resolve(stub, actor=actor)


@transaction.atomic
def document_update(
    *,
    document: Document,
    actor: User,
    symbol: str,
    issued_on: dt.date | None,
    party_term: str = "",
    doc_type: str = "",
    title: str = "",
    issuer_name: str = "",
    full_text: str = "",
    file_name: str = "",
    file_data: bytes | None = None,
    remove_file: bool = False,
) -> Document:
    """Correct an entry. Saving it by hand marks a stub as complete; a changed text is read
    for references again."""
    details = _details(
        symbol=symbol,
        issued_on=issued_on,
        party_term=party_term,
        doc_type=doc_type,
        is_stub=False,
    )
    other = _by_identity(details.identity, exclude_pk=document.pk)
    if other is not None:
        raise _duplicate_error(other)
    text_changed = full_text != document.full_text
    key_changed = details.parsed.key != document.symbol_key
    before = {"symbol": document.symbol, "issued_on": document.issued_on}
    _apply(document, details, title=title, issuer_name=issuer_name, full_text=full_text)
    document.is_stub = False
    fields = list(_FIELDS)
    file_change = "kept"
    with _file_attached(document, file_name=file_name, file_data=file_data) as attached:
        if attached:
            fields.append("file")
            file_change = "replaced"
        elif remove_file and document.file:
            old_file, storage = str(document.file.name), document.file.storage
            document.file = ""
            fields.append("file")
            file_change = "removed"
            transaction.on_commit(lambda: storage.delete(old_file))
        _save(document, update_fields=fields)
    audit_record(
        actor=actor,
        verb="directives_document.update",
        target=document,
        data={
            "symbol": document.symbol,
            "before": before,
            "text_changed": text_changed,
            "file": file_change,
        },
    )
    if text_changed:
        references_extract(document=document, actor=actor)
    if key_changed or text_changed:
        _pending_references_resolve(document, actor=actor)
    return document


def document_delete_blockers(document: Document) -> list[str]:
    """Why a document may not be deleted (empty: it may): what still points at it."""
    reasons: list[str] = []
    links = document.links_in.count()
    if links:
        reasons.append(gettext("%(count)s other document(s) are linked to it.") % {"count": links})
    cited = document.cited_by.count()
    if cited:
        reasons.append(gettext("%(count)s other document(s) cite it.") % {"count": cited})
    directives = document.directives.count()
    if directives:
        reasons.append(
            gettext("%(count)s directive(s) follow it up with tasks.") % {"count": directives}
        )
    return reasons


@transaction.atomic
def document_delete(*, document: Document, actor: User) -> None:
    """Remove an entry entered by mistake — only while nothing points at it."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    reasons = document_delete_blockers(document)
    if reasons:
        raise ApplicationError(
            gettext("%(symbol)s cannot be deleted: %(reasons)s")
            % {"symbol": document.symbol, "reasons": " ".join(reasons)}
        )
    audit_record(
        actor=actor,
        verb="directives_document.delete",
        target=document,
        data={"symbol": document.symbol, "issued_on": document.issued_on},
    )
    stored = document.file.name if document.file else ""
    storage = document.file.storage
    document.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


# ------------------------------------------------------------------ links


def _link_make(*, source: Document, target: Document, kind: str) -> tuple[DocumentLink, bool]:
    link, created = DocumentLink.objects.get_or_create(source=source, target=target, kind=kind)
    return link, created


@transaction.atomic
def document_link(*, source: Document, target: Document, kind: str, actor: User) -> DocumentLink:
    """Record that ``source`` replaces/implements/guides/amends/cites ``target`` (idempotent)."""
    if kind not in Kind.values:
        raise ApplicationError(gettext("Choose how the two documents are related."))
    if source.pk == target.pk:
        raise ApplicationError(gettext("A document cannot be linked to itself."))
    if (
        kind != Kind.CITES
        and DocumentLink.objects.filter(source=target, target=source, kind=kind).exists()
    ):
        raise ApplicationError(
            gettext("The opposite is already recorded: %(target)s %(kind)s %(source)s.")
            % {"target": target.symbol, "kind": Kind(kind).label, "source": source.symbol}
        )
    link, created = _link_make(source=source, target=target, kind=kind)
    if created:
        audit_record(
            actor=actor,
            verb="directives_document.link",
            target=source,
            data={"kind": kind, "target": target.symbol, "target_id": target.pk},
        )
    return link


@transaction.atomic
def document_unlink(*, link: DocumentLink, actor: User) -> None:
    """Remove a relation recorded by mistake."""
    audit_record(
        actor=actor,
        verb="directives_document.unlink",
        target=link.source,
        data={"kind": link.kind, "target": link.target.symbol, "target_id": link.target_id},
    )
    link.delete()


# ------------------------------------------------------------------ references


@dataclass(frozen=True)
class ExtractionSummary:
    """What reading a text for references did, in figures for the officer's message."""

    references: int
    linked: int
    missing: int
    relations: int
    warnings: int


def _relation_kind(kind: str) -> str:
    return kind if kind in Kind.values else Kind.CITES


def _reference_match(reference: Reference) -> bool:
    """Link an unlinked reference when exactly one entry fits it."""
    candidates = reference_candidates(
        symbol_key=reference.symbol_key,
        issued_on=reference.issued_on,
        exclude_pk=reference.document_id,
    )
    if len(candidates) != 1:
        return False
    reference.target = candidates[0]
    reference.save(update_fields=["target", "updated_at"])
    return True


def _reference_relation_apply(reference: Reference) -> int:
    """The link a linked reference's relation stands for (citing document → cited one)."""
    if reference.target is None or reference.relation == Kind.CITES:
        return 0
    _link, created = _link_make(
        source=reference.document, target=reference.target, kind=reference.relation
    )
    return int(created)


def _relations_apply(document: Document) -> int:
    """Links between two documents the text cites ("Nghị định A thay thế Nghị định B")."""
    if not document.extraction_relations:
        return 0
    targets = {
        ref.symbol_key: ref.target
        for ref in document.references.select_related("target")
        if ref.target is not None
    }
    made = 0
    for relation in document.extraction_relations:
        source = targets.get(str(relation.get("from", "")))
        target = targets.get(str(relation.get("to", "")))
        kind = _relation_kind(str(relation.get("kind", "")))
        if source is None or target is None or source.pk == target.pk or kind == Kind.CITES:
            continue
        _link, created = _link_make(source=source, target=target, kind=kind)
        made += int(created)
    return made


def _pending_references_resolve(document: Document, *, actor: User) -> None:
    """Link the references other texts made to this document before it was registered."""
    waiting = Reference.objects.filter(symbol_key=document.symbol_key, target=None).exclude(
        document=document
    )
    resolved = 0
    citing: set[int] = set()
    for reference in waiting.select_related("document"):
        if _reference_match(reference) and reference.target_id == document.pk:
            resolved += 1
            _reference_relation_apply(reference)
            citing.add(reference.document_id)
    for other in Document.objects.filter(pk__in=citing):
        _relations_apply(other)
    if resolved:
        audit_record(
            actor=actor,
            verb="directives_reference.resolve",
            target=document,
            data={"symbol": document.symbol, "references": resolved},
        )


@transaction.atomic
def references_extract(*, document: Document, actor: User) -> ExtractionSummary:
    """Read the document's text for the documents it cites, store and link them.

    Run again on a changed text: references the text no longer makes are removed, the
    others updated (a link an officer chose by hand is kept).
    """
    result = extract(document.full_text or "")
    own_key = document.symbol_key
    own_relations: dict[str, str] = {}
    other_relations: list[dict[str, str]] = []
    for relation in result.relations:
        target_key = register_fold(relation.target).upper()
        parsed_target = parse_symbol(relation.target)
        target_key = parsed_target.key if parsed_target else target_key
        source_key = ""
        if relation.source is not None:
            parsed_source = parse_symbol(relation.source)
            source_key = parsed_source.key if parsed_source else relation.source
        if relation.source is None or source_key == own_key:
            own_relations[target_key] = _relation_kind(relation.kind)
        else:
            other_relations.append(
                {"from": source_key, "to": target_key, "kind": _relation_kind(relation.kind)}
            )
    existing = {ref.symbol_key: ref for ref in document.references.all()}
    seen: set[str] = set()
    valid_types = set(Document.Type.values)
    for found in result.documents:
        if found.key == own_key or found.key in seen:
            continue
        seen.add(found.key)
        values = {
            "symbol": found.symbol[:80],
            "doc_type": found.type if found.type in valid_types else Document.Type.OTHER,
            "issuer_code": (found.issuer or "")[:60],
            "title": " ".join((found.title or "").split())[:500],
            "issued_on": found.date,
            "dates_seen": sorted({day.isoformat() for day in found.dates_seen}),
            "mentions": max(1, int(found.mentions)),
            "relation": own_relations.get(found.key, Kind.CITES),
        }
        reference = existing.get(found.key)
        if reference is None:
            reference = Reference(document=document, symbol_key=found.key, **values)
            reference.full_clean(validate_unique=False)
            reference.save()
        else:
            for name, value in values.items():
                setattr(reference, name, value)
            reference.full_clean(validate_unique=False)
            reference.save(update_fields=[*values, "updated_at"])
    stale = [ref.pk for key, ref in existing.items() if key not in seen]
    if stale:
        Reference.objects.filter(pk__in=stale).delete()
    document.extraction_relations = other_relations
    document.extraction_warnings = [
        {"code": w.code, "message": str(w.message), "symbol": w.symbol or ""}
        for w in result.warnings
    ]
    document.extracted_at = timezone.now()
    document.save(
        update_fields=["extraction_relations", "extraction_warnings", "extracted_at", "updated_at"]
    )
    references = list(document.references.select_related("target"))
    relations = 0
    for reference in references:
        if reference.target_id is None:
            _reference_match(reference)
        relations += _reference_relation_apply(reference)
    relations += _relations_apply(document)
    linked = sum(1 for ref in references if ref.target_id is not None)
    summary = ExtractionSummary(
        references=len(references),
        linked=linked,
        missing=len(references) - linked,
        relations=relations,
        warnings=len(document.extraction_warnings),
    )
    audit_record(
        actor=actor,
        verb="directives_document.extract",
        target=document,
        data={
            "symbol": document.symbol,
            "references": summary.references,
            "linked": summary.linked,
            "relations": summary.relations,
            "warnings": summary.warnings,
        },
    )
    return summary


@transaction.atomic
def reference_link(*, reference: Reference, target: Document, actor: User) -> Reference:
    """Link a reference to the entry the officer chose (when several share its symbol)."""
    if target.symbol_key != reference.symbol_key:
        raise ApplicationError(
            gettext("%(target)s is not the document %(symbol)s cited by the text.")
            % {"target": target.symbol, "symbol": reference.symbol}
        )
    if target.pk == reference.document_id:
        raise ApplicationError(gettext("A document cannot be linked to itself."))
    if reference.target_id == target.pk:
        return reference
    _reference_target_set(reference, target)
    audit_record(
        actor=actor,
        verb="directives_reference.link",
        target=reference.document,
        data={"reference": reference.symbol, "target_id": target.pk},
    )
    return reference


def _reference_target_set(reference: Reference, target: Document) -> None:
    """Link the reference to its entry and make the relation links it now completes."""
    reference.target = target
    reference.save(update_fields=["target", "updated_at"])
    _reference_relation_apply(reference)
    _relations_apply(reference.document)


@transaction.atomic
def reference_unlink(*, reference: Reference, actor: User) -> Reference:
    """Undo a wrong match (the relation link it made goes too)."""
    if reference.target is None:
        return reference
    target = reference.target
    DocumentLink.objects.filter(
        source=reference.document, target=target, kind=reference.relation
    ).exclude(kind=Kind.CITES).delete()
    reference.target = None
    reference.save(update_fields=["target", "updated_at"])
    audit_record(
        actor=actor,
        verb="directives_reference.unlink",
        target=reference.document,
        data={"reference": reference.symbol, "target_id": target.pk},
    )
    return reference


def _stub_from(reference: Reference, *, actor: User, unit: Unit | None) -> Document:
    try:
        return document_create(
            actor=actor,
            unit=unit,
            symbol=reference.symbol,
            issued_on=reference.issued_on,
            doc_type=reference.doc_type,
            title=reference.title,
            is_stub=True,
        )
    except ApplicationError as error:
        existing = error.extra.get("existing")
        if isinstance(existing, Document):
            return existing  # entered meanwhile (or its year/term is unknown): link to it
        raise


@transaction.atomic
def reference_stub_create(*, reference: Reference, actor: User, unit: Unit | None) -> Document:
    """Enter the cited document in the register from what the text says about it, and link
    it ("create entry" on the review page); details are completed later."""
    reference = (
        Reference.objects.select_for_update().select_related("document").get(pk=reference.pk)
    )
    if reference.target is not None:
        return reference.target
    document = _stub_from(reference, actor=actor, unit=unit)
    reference.refresh_from_db(fields=["target"])
    if reference.target_id is None:
        _reference_target_set(reference, document)
    audit_record(
        actor=actor,
        verb="directives_reference.stub",
        target=reference.document,
        data={"reference": reference.symbol, "target_id": document.pk},
    )
    return document


@transaction.atomic
def references_stubs_create(*, document: Document, actor: User, unit: Unit | None) -> int:
    """ "Create all missing": a stub for every reference no entry has the symbol of.

    References whose symbol several entries share are left for the officer to choose.
    """
    made = 0
    for reference in document.references.filter(target=None).order_by("pk"):
        candidates = reference_candidates(
            symbol_key=reference.symbol_key,
            issued_on=reference.issued_on,
            exclude_pk=document.pk,
        )
        if candidates:
            continue
        reference_stub_create(reference=reference, actor=actor, unit=unit)
        made += 1
    return made


# ------------------------------------------------------------------ the upload flow


@dataclass(frozen=True)
class Registered:
    """A document registered from its text; ``summary`` is None when the same form was
    sent again (nothing was done the second time)."""

    document: Document
    summary: ExtractionSummary | None


@transaction.atomic
def document_register(
    *,
    actor: User,
    unit: Unit | None,
    symbol: str,
    issued_on: dt.date | None,
    party_term: str = "",
    doc_type: str = "",
    title: str = "",
    issuer_name: str = "",
    full_text: str = "",
    file_name: str = "",
    file_data: bytes | None = None,
    submission_key: str = "",
) -> Registered:
    """Register a document with its text (and file), then read the text for references.

    One transaction: a refusal leaves nothing behind. Sent again with the same
    ``submission_key`` (double click, Back and resubmit) it returns the first entry.
    """
    document, created = _document_create(
        actor=actor,
        unit=unit,
        symbol=symbol,
        issued_on=issued_on,
        party_term=party_term,
        doc_type=doc_type,
        title=title,
        issuer_name=issuer_name,
        full_text=full_text,
        file_name=file_name,
        file_data=file_data,
        is_stub=False,
        submission_key=submission_key,
    )
    if not created:
        return Registered(document, None)
    if not full_text.strip():
        return Registered(document, ExtractionSummary(0, 0, 0, 0, 0))
    return Registered(document, references_extract(document=document, actor=actor))
