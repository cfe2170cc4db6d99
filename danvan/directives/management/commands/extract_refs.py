"""``manage.py extract_refs FILE [--json]``: the documents a .txt/.docx/.pdf file cites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.directives.refs import Extraction, extract
from danvan.directives.refs.files import UnreadableFile, read_text


def _type_labels() -> dict[str, str]:
    # Same msgids and context as Document.Type, so the catalogue translates both alike.
    return {
        "law": pgettext("document type", "Law"),
        "resolution": pgettext("document type", "Resolution"),
        "decree": pgettext("document type", "Decree"),
        "decision": pgettext("document type", "Decision"),
        "regulation": pgettext("document type", "Regulation"),
        "directive": pgettext("document type", "Directive"),
        "conclusion": pgettext("document type", "Conclusion"),
        "circular": pgettext("document type", "Circular"),
        "guidance": pgettext("document type", "Guidance"),
        "notice": pgettext("document type", "Notice"),
        "plan": pgettext("document type", "Plan"),
        "program": pgettext("document type", "Program"),
        "report": pgettext("document type", "Report"),
        "official_dispatch": pgettext("document type", "Official dispatch"),
        "other": pgettext("document type", "Other"),
    }


def _relation_labels() -> dict[str, str]:
    return {
        "replaces": pgettext("document relation", "replaces"),
        "amends": pgettext("document relation", "amends"),
        "implements": pgettext("document relation", "implements"),
        "guides": pgettext("document relation", "guides"),
    }


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


class Command(BaseCommand):
    help = "Find the Party and State documents a text file (.txt, .docx, .pdf) cites."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .txt, .docx or .pdf file")
        parser.add_argument(
            "--json", action="store_true", help="print the result as JSON (issue 5 format)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError:
            raise CommandError(_("The file %(path)s cannot be opened.") % {"path": path}) from None
        try:
            text = read_text(path.name, data)
        except UnreadableFile as error:
            raise CommandError(error.message) from error
        result = extract(text)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._render(result))

    def _render(self, result: Extraction) -> str:
        types = _type_labels()
        parts: list[str] = []
        if not result.documents:
            parts.append(_("No document reference found."))
        else:
            rows = [
                [
                    d.symbol,
                    types.get(d.type, d.type),
                    d.issuer,
                    d.date.strftime("%d/%m/%Y") if d.date else "",
                    ", ".join(x.strftime("%d/%m/%Y") for x in d.dates_seen[1:]),
                    str(d.mentions),
                ]
                for d in result.documents
            ]
            headers = [
                _("Number and symbol"),
                pgettext("document", "Type"),
                _("Issuer"),
                _("Date"),
                _("Other dates seen"),
                _("Mentions"),
            ]
            parts.append(_table(headers, rows))
        if result.relations:
            relation_labels = _relation_labels()
            parts.append("")
            parts.append(_("Relations:"))
            for r in result.relations:
                source = r.source or _("this text")
                parts.append(f"  {source} {relation_labels[r.kind]} {r.target}")
        if result.warnings:
            parts.append("")
            parts.append(_("Warnings:"))
            parts.extend(f"  ! {w.message}" for w in result.warnings)
        return "\n".join(parts)
