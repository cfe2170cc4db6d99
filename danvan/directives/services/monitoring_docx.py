"""The urging letter (công văn đôn đốc) as a Word document, in the Party or the State frame.

A Party body (a Party committee or one of its commissions) writes in the Party format of
HD 36-HD/VPTW: superior and issuing body with a star, "Số 12-CV/BTGDVTU", "ĐẢNG CỘNG SẢN
VIỆT NAM" on the right, "T/M" and "K/T" signatures. A State body writes in the Decree
30/2020 format: the national motto and "Số: 12/UBND" — a công văn's symbol has no type
segment (DOMAIN.md §7.1). In both, the subject ("V/v …") is printed under the number.

The text is Vietnamese whatever the interface language: it is an administrative document,
not interface text (as in ``danvan.core.docx_layout``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.core.dates import admin_date_vi
from danvan.core.docx_layout import (
    Signer,
    body_lines,
    document_a4,
    header_block,
    line,
    party_body_lines,
    party_header_block,
    party_signature_lines,
    place_date_line,
    signature_block,
    signature_lines,
)
from danvan.directives.models import Document
from danvan.directives.services.numbering import is_party_body
from danvan.units.models import RoleAssignment, Unit

LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# How the body of a text names a registered document ("Thực hiện Chỉ thị số …").
TYPE_WORDS: dict[str, str] = {
    Document.Type.LAW: "Luật",
    Document.Type.RESOLUTION: "Nghị quyết",
    Document.Type.DECREE: "Nghị định",
    Document.Type.DECISION: "Quyết định",
    Document.Type.REGULATION: "Quy định",
    Document.Type.DIRECTIVE: "Chỉ thị",
    Document.Type.CONCLUSION: "Kết luận",
    Document.Type.CIRCULAR: "Thông tư",
    Document.Type.GUIDANCE: "Hướng dẫn",
    Document.Type.NOTICE: "Thông báo",
    Document.Type.PLAN: "Kế hoạch",
    Document.Type.PROGRAM: "Chương trình",
    Document.Type.REPORT: "Báo cáo",
    Document.Type.OFFICIAL_DISPATCH: "Công văn",
    Document.Type.OTHER: "Văn bản",
}


def document_short(document: Document) -> str:
    """ "Chỉ thị số 33/CT-TTg"."""
    return f"{TYPE_WORDS.get(document.doc_type, 'Văn bản')} số {document.symbol}"


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, for a title embedded mid-sentence.

    Registered titles are often typed as headings ("Thực hiện Chỉ thị …"); after "về" the
    capital reads wrong. Only a capital followed by a lower-case letter is lowered, so that an
    acronym or a symbol at the start ("HĐND …", "QĐ …") is kept as it is.
    """
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def document_citation(document: Document) -> str:
    """ "Chỉ thị số 33/CT-TTg ngày 20 tháng 12 năm 2021 của Thủ tướng Chính phủ về …"."""
    parts = [document_short(document)]
    if document.issued_on is not None:
        parts.append(admin_date_vi(document.issued_on))
    if document.issuer_name:
        parts.append(f"của {document.issuer_name}")
    title = document.title.strip().rstrip(".")
    if title:
        if title.lower().startswith("về "):
            title = title[3:].lstrip()
        parts.append(f"về {lower_first(title)}")
    return " ".join(parts)


@dataclass(frozen=True)
class Frame:
    """The head and the foot of an outgoing document, Party or State."""

    party: bool
    superior: str  # governing body (State) or superior Party body
    issuing: str
    number_line: str
    date_line: str
    signature_lines: Sequence[str]
    signer_name: str
    recipients: Sequence[str]


def default_signer(unit: Unit) -> Signer | None:
    """The head of the unit (the first active head by name), who signs by default."""
    head = (
        RoleAssignment.objects.filter(
            unit=unit, role=RoleAssignment.Role.HEAD, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "pk")
        .first()
    )
    if head is None:
        return None
    return Signer(name=head.user.full_name or head.user.get_username(), title=head.title)


def frame_for(
    unit: Unit,
    *,
    number_line: str,
    issued_on: dt.date | None,
    signer: Signer | None,
    recipients: Sequence[str],
) -> Frame:
    """The frame of a document ``unit`` issues: Party format for Party bodies, else State."""
    party = is_party_body(unit)
    superior, issuing = party_body_lines(unit) if party else body_lines(unit)
    lines = party_signature_lines(unit, signer) if party else signature_lines(unit, signer)
    return Frame(
        party=party,
        superior=superior,
        issuing=issuing,
        number_line=number_line,
        date_line=place_date_line(unit, issued_on, year=None),
        signature_lines=lines,
        signer_name=signer.name if signer is not None else "",
        recipients=recipients,
    )


def recipients_lines(unit: Unit, names: Sequence[str]) -> list[str]:
    """ "Nơi nhận:": each addressee, the body above the sender (to report), the archive."""
    lines = [f"- {name};" for name in names]
    parent = unit.parent
    if parent is not None and not parent.is_place:
        lines.append(f"- {parent.name} (để báo cáo);")
    lines.append("- Lưu: VT.")
    return lines


def frame_head(document: Any, frame: Frame, *, subject: str = "") -> None:
    """The two-column head; ``subject`` ("V/v …") goes under the number, as for a công văn."""
    if frame.party:
        header = party_header_block(
            document,
            superior=frame.superior,
            issuing=frame.issuing,
            number_line=frame.number_line,
            date_line=frame.date_line,
        )
    else:
        header = header_block(
            document,
            governing=frame.superior,
            issuing=frame.issuing,
            number_line=frame.number_line,
            date_line=frame.date_line,
        )
    if subject:
        line(header.rows[0].cells[0], subject, size=12)


def frame_foot(document: Any, frame: Frame) -> None:
    line(document, "")
    signature_block(
        document,
        recipients=frame.recipients,
        lines=frame.signature_lines,
        signer_name=frame.signer_name,
    )


def to_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class UnitBlock:
    """One late unit in the letter and the lines of what it still owes."""

    name: str
    lines: Sequence[str]


@dataclass(frozen=True)
class LetterContent:
    frame: Frame
    subject: str  # "V/v đôn đốc thực hiện Chỉ thị số …"
    addressees: Sequence[str]
    opening: Sequence[str]
    units: Sequence[UnitBlock]
    closing: Sequence[str]


def letter_docx_build(content: LetterContent) -> bytes:
    """The urging letter as .docx bytes."""
    document = document_a4()
    frame_head(document, content.frame, subject=content.subject)
    line(document, "")
    if len(content.addressees) == 1:
        line(document, f"Kính gửi: {content.addressees[0]}.")
    else:
        line(document, "Kính gửi:")
        last = len(content.addressees) - 1
        for index, name in enumerate(content.addressees):
            line(document, f"- {name}{'.' if index == last else ';'}", align=LEFT, indent=True)
    line(document, "")
    for text in content.opening:
        line(document, text, align=JUSTIFY, indent=True)
    numbered = len(content.units) > 1
    for index, block in enumerate(content.units, start=1):
        heading = f"{index}. {block.name}" if numbered else block.name
        line(document, heading, bold=True, align=LEFT, indent=True)
        for text in block.lines:
            line(document, f"- {text}", align=JUSTIFY, indent=True)
    for text in content.closing:
        line(document, text, align=JUSTIFY, indent=True)
    frame_foot(document, content.frame)
    return to_bytes(document)
