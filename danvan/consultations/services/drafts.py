"""Writes for consultations and their drafts: create, import a version, open, close.

* Importing reads a .docx, Markdown or plain text, splits it into its legal structure
  (``draft_parser``) and stores it as version N+1 with a change log. A text in which no
  article can be found is refused and nothing is stored: a consultation without articles
  cannot collect per-article opinions.
* Opening starts the posting window computed by the deadline engine from today (rule
  ``consultation_posting`` or ``commune_consultation``, see ``selectors.drafts``). The
  agency may choose a later last day, never an earlier one: the rules are minimums.
* Closing is automatic at ``closes_at`` (readers and participation look at the window, not
  at a stored flag); an agency may close a window it had set longer once the legal minimum
  has run, which is what closing by hand is for.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from danvan.audit.services import audit_record
from danvan.consultations.models import Consultation, DraftVersion, Provision
from danvan.consultations.selectors.drafts import (
    article_texts,
    consultation_window,
    current_version,
    end_of_day,
    minimum_last_day,
    rule_code_for,
)
from danvan.consultations.services import draft_parser
from danvan.consultations.services.draft_diff import Change, compare_articles
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.units.models import Unit, User

Kind = Consultation.Kind
Audience = Consultation.Audience
Status = Consultation.Status

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_TEXT_CHARS = 500_000


def max_upload_bytes() -> int:
    """Largest draft file accepted (``CONSULTATIONS_DRAFT_MAX_UPLOAD_BYTES``, 10 MiB)."""
    return int(getattr(settings, "CONSULTATIONS_DRAFT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def max_text_chars() -> int:
    """Longest pasted draft accepted (``CONSULTATIONS_DRAFT_MAX_TEXT_CHARS``, 500,000)."""
    return int(getattr(settings, "CONSULTATIONS_DRAFT_MAX_TEXT_CHARS", DEFAULT_MAX_TEXT_CHARS))


def human_size(size: int) -> str:
    """A size as people read it: "800 KB", "2,5 MB" (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, -(-size // 1024))} KB"
    text = f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} MB"


# ------------------------------------------------------------------ create


def _new_slug(title: str) -> str:
    base = slugify(title.replace("đ", "d").replace("Đ", "D"))[:60].strip("-") or "gop-y"
    while True:
        slug = f"{base}-{secrets.token_hex(3)}"
        if not Consultation.objects.filter(slug=slug).exists():
            return slug


def _check_audience(kind: str, audience: str) -> None:
    if (kind == Kind.INTERNAL) != (audience == Audience.STAFF):
        raise ApplicationError(
            gettext("An internal draft is for the agency's staff, and only an internal one is.")
        )
    if audience == Audience.HOUSEHOLDS and kind != Kind.COMMUNE_MATTER:
        raise ApplicationError(
            gettext("One vote per household is for matters of a commune (Law 10/2022, Art 25).")
        )


@transaction.atomic
def consultation_create(
    *,
    unit: Unit,
    title: str,
    actor: User,
    kind: str = Kind.LEGAL_DOCUMENT,
    audience: str = Audience.EVERYONE,
    summary: str = "",
) -> Consultation:
    """Start a consultation for ``unit`` (the drafting agency), not yet open."""
    if not actor.has_perm("consultations.manage_consultation", unit):
        raise ApplicationError(gettext("You may not prepare consultations for this unit."))
    _check_audience(kind, audience)
    consultation = Consultation(
        unit=unit,
        title=title.strip(),
        summary=summary.strip(),
        kind=kind,
        audience=audience,
        rule_code=rule_code_for(kind),
        slug=_new_slug(title),
        created_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=actor,
        verb="consultation.create",
        target=consultation,
        data={"unit": unit.code, "kind": kind, "audience": audience},
    )
    return consultation


# ------------------------------------------------------------------ import


@dataclass
class ReadDraft:
    """A draft read and parsed, not saved: what the preview shows and the import stores."""

    lines: list[str]
    parsed: draft_parser.ParsedDraft
    source_format: draft_parser.SourceFormat
    source_name: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _parse_error_message(error: draft_parser.DraftParseError) -> str:
    if error.code == draft_parser.DraftParseError.EMPTY:
        return gettext("The draft is empty.")
    if error.code == draft_parser.DraftParseError.BAD_DOCX:
        return gettext("This file cannot be read as a Word document (.docx).")
    if error.code == draft_parser.DraftParseError.BAD_ENCODING:  # pragma: no cover
        return gettext("The text file's encoding cannot be read; save it as UTF-8.")
    if error.code == draft_parser.DraftParseError.TOO_LARGE:
        return gettext("The Word document unpacks to more than %(size)s.") % {
            "size": human_size(draft_parser.MAX_UNZIPPED_BYTES)
        }
    if error.code == draft_parser.DraftParseError.TOO_MANY_PROVISIONS:
        return gettext("The draft has more than %(count)s provisions.") % {
            "count": f"{draft_parser.MAX_PROVISIONS:,}".replace(",", ".")
        }
    message = gettext(
        "No article was found in the draft. Each article must begin on its own line with "
        "“Điều” and its number, for example “Điều 1. Phạm vi điều chỉnh”."
    )
    if error.detail == "unclosed_quote":
        message += " " + gettext(
            "A quotation mark (“) is opened and never closed, so the rest of the text was "
            "read as a quotation."
        )
    return message


def draft_read(
    *,
    data: bytes | None = None,
    filename: str = "",
    text: str | None = None,
    text_format: str = draft_parser.SourceFormat.TEXT,
) -> ReadDraft:
    """Read an uploaded file or a pasted text; raise ``ApplicationError`` when it is no draft.

    For a file that was read but has no articles, the error's ``extra["text"]`` holds the
    text found in it, so the form can show it for correction instead of losing it.
    """
    if data is not None:
        source_format = draft_parser.guess_format(filename)
        if source_format is None:
            raise ApplicationError(
                gettext(
                    "Upload a Word document (.docx), a Markdown file (.md) or a text file (.txt)."
                )
            )
        if len(data) > max_upload_bytes():
            raise ApplicationError(oversized_file_message(len(data)))
        try:
            lines = draft_parser.source_lines(data, source_format)
        except draft_parser.DraftParseError as error:
            raise ApplicationError(_parse_error_message(error)) from error
        name = filename
    else:
        source_format = draft_parser.SourceFormat(text_format)
        raw = text or ""
        if len(raw) > max_text_chars():
            raise ApplicationError(oversized_text_message(len(raw)))
        lines = (
            draft_parser.markdown_lines(raw)
            if source_format is draft_parser.SourceFormat.MARKDOWN
            else raw.splitlines()
        )
        name = ""
    try:
        parsed = draft_parser.parse_lines(lines)
    except draft_parser.DraftParseError as error:
        raise ApplicationError(
            _parse_error_message(error), extra={"text": "\n".join(lines)}
        ) from error
    return ReadDraft(lines, parsed, source_format, name)


def oversized_file_message(size: int) -> str:
    return gettext("The file is %(size)s; the largest draft accepted is %(limit)s.") % {
        "size": human_size(size),
        "limit": human_size(max_upload_bytes()),
    }


def oversized_text_message(length: int) -> str:
    return gettext(
        "The text has %(length)s characters; the longest accepted is %(limit)s. "
        "Upload it as a Word document instead."
    ) % {
        "length": f"{length:,}".replace(",", "."),
        "limit": f"{max_text_chars():,}".replace(",", "."),
    }


def warning_messages(parsed: draft_parser.ParsedDraft) -> list[str]:
    """The parser's notes for the drafter, in words."""
    messages = []
    for warning in parsed.warnings:
        if warning.startswith("duplicate:"):
            messages.append(
                gettext(
                    "“%(anchor)s” appears more than once; the later ones were given a "
                    "numbered anchor (“%(anchor)s-2”, …). Check the numbering."
                )
                % {"anchor": warning.removeprefix("duplicate:")}
            )
        elif warning == "unclosed_quote":
            messages.append(
                gettext(
                    "A quotation mark (“) is opened and never closed; check the end of the draft."
                )
            )
    return messages


def _save_provisions(version: DraftVersion, parsed: draft_parser.ParsedDraft) -> int:
    """Store the tree level by level (parents get their ids before their children)."""
    by_depth: dict[int, list[tuple[Provision, draft_parser.Node | None]]] = {}
    rows: dict[int, Provision] = {}
    depth_of: dict[int, int] = {}
    for position, (node, parent) in enumerate(parsed.walk()):
        depth = depth_of[id(parent)] + 1 if parent is not None else 0
        depth_of[id(node)] = depth
        row = Provision(
            version=version,
            level=node.level.value,
            label=node.label[:64],
            heading=node.heading[:500],
            text=node.text,
            anchor=node.anchor[:120],
            position=position,
        )
        rows[id(node)] = row
        by_depth.setdefault(depth, []).append((row, parent))
    for depth in sorted(by_depth):
        batch = by_depth[depth]
        for row, parent_node in batch:
            if parent_node is not None:
                row.parent = rows[id(parent_node)]
        Provision.objects.bulk_create([row for row, _parent in batch], batch_size=1000)
    return len(rows)


def _change_log(
    previous: DraftVersion | None, new_articles: dict[str, tuple[str, str, str]], note: str
) -> str:
    parts = [note.strip()] if note.strip() else []
    if previous is None:
        parts.append(gettext("First version: %(count)s articles.") % {"count": len(new_articles)})
        return "\n\n".join(parts)
    comparison = compare_articles(article_texts(previous), new_articles)
    names = {
        Change.ADDED: gettext("Added"),
        Change.CHANGED: gettext("Amended"),
        Change.REMOVED: gettext("Removed"),
    }
    lines = []
    for change, name in names.items():
        labels = [item.label for item in comparison if item.change is change]
        if labels:
            lines.append(f"{name}: {', '.join(labels)}.")
    if not lines:
        lines.append(gettext("No article changed."))
    parts.append(
        gettext("Compared with version %(number)s:") % {"number": previous.number}
        + "\n"
        + "\n".join(lines)
    )
    return "\n\n".join(parts)


@transaction.atomic
def draft_import(
    *,
    consultation: Consultation,
    draft: ReadDraft,
    actor: User,
    change_note: str = "",
) -> DraftVersion:
    """Store a read draft as the consultation's next version, with its change log."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not actor.has_perm("consultations.manage_consultation", locked):
        raise ApplicationError(gettext("You may not change this consultation."))
    if locked.status == Status.REPORTED:
        raise ApplicationError(
            gettext("The synthesis report is published; the draft can no longer change.")
        )
    previous = current_version(locked)
    number = previous.number + 1 if previous else 1
    version = DraftVersion(
        consultation=locked,
        number=number,
        source_name=draft.source_name[:255],
        source_format=draft.source_format.value,
        source_text=draft.text,
        preamble=draft.parsed.preamble,
        created_by=actor,
    )
    version.full_clean(exclude=["change_log"])
    version.save()
    count = _save_provisions(version, draft.parsed)
    version.change_log = _change_log(previous, article_texts(version), change_note)
    version.save(update_fields=["change_log", "updated_at"])
    audit_record(
        actor=actor,
        verb="consultation.draft_import",
        target=locked,
        data={
            "version": number,
            "format": draft.source_format.value,
            "provisions": count,
            "articles": len(draft.parsed.articles()),
        },
    )
    return version


# ------------------------------------------------------------------ open / close


@transaction.atomic
def consultation_open(
    *,
    consultation: Consultation,
    actor: User,
    last_day: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Consultation:
    """Open the window today; it ends at 24:00 of ``last_day`` or of the legal minimum."""
    now = now or timezone.now()
    locked = Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    if not actor.has_perm("consultations.manage_consultation", locked):
        raise ApplicationError(gettext("You may not change this consultation."))
    if locked.status != Status.DRAFT:
        raise ApplicationError(gettext("This consultation has already been opened."))
    if current_version(locked) is None:
        raise ApplicationError(gettext("Import the draft before opening the consultation."))
    code = locked.rule_code or rule_code_for(locked.kind)
    opens_on = timezone.localdate(now)
    minimum = minimum_last_day(
        rule_code=code, opens_on=opens_on, remote_area=locked.unit.is_remote_area
    )
    if last_day is not None and last_day < minimum:
        raise ApplicationError(
            gettext(
                "Comments must be accepted at least until the end of %(date)s "
                "(the minimum period of rule %(rule)s)."
            )
            % {"date": short_date(minimum), "rule": code}
        )
    chosen = last_day or minimum
    locked.rule_code = code
    locked.opens_at = now
    locked.closes_at = end_of_day(chosen)
    locked.status = Status.OPEN
    locked.full_clean()
    locked.save(update_fields=["rule_code", "opens_at", "closes_at", "status", "updated_at"])
    audit_record(
        actor=actor,
        verb="consultation.open",
        target=locked,
        data={"rule": code, "last_day": chosen, "minimum_last_day": minimum},
    )
    return locked


@transaction.atomic
def consultation_close(
    *, consultation: Consultation, actor: User, now: dt.datetime | None = None
) -> Consultation:
    """Close the window now, which the law allows only once its minimum period has run."""
    now = now or timezone.now()
    locked = Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    if not actor.has_perm("consultations.manage_consultation", locked):
        raise ApplicationError(gettext("You may not change this consultation."))
    if locked.status != Status.OPEN:
        raise ApplicationError(gettext("Only an open consultation can be closed."))
    window = consultation_window(locked, now=now)
    if now < end_of_day(window.minimum_last_day):
        raise ApplicationError(
            gettext(
                "The legal minimum period runs until the end of %(date)s; the consultation "
                "cannot be closed before then."
            )
            % {"date": short_date(window.minimum_last_day)}
        )
    if locked.closes_at is None or locked.closes_at > now:
        locked.closes_at = now
    locked.status = Status.CLOSED
    locked.save(update_fields=["closes_at", "status", "updated_at"])
    audit_record(actor=actor, verb="consultation.close", target=locked, data={"closed_at": now})
    return locked
