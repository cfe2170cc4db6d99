"""The synthesis-and-explanation report as PDF, printed by WeasyPrint from HTML.

The print template (``consultations/report/print.html``) draws the same ``ReportContent``
as the Word document and the public page, in the Decree 30/2020 layout: A4, margins 20 mm
top and bottom, 30 mm left, 15 mm right, a Times New Roman-like serif ("Liberation Serif",
metric-compatible with it, then "Noto Serif"), both with full Vietnamese coverage so every
diacritic prints. A draft carries "DỰ THẢO" across every page.

WeasyPrint is given no way to fetch anything: the stylesheet is read from the app's static
files, and every other URL is refused, so nothing in a report's text can make the server
fetch a resource.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from danvan.consultations.selectors.report import ReportContent

PRINT_TEMPLATE = "consultations/report/print.html"
PRINT_CSS = "consultations/report/print.css"


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"report PDF: fetching {url[:80]!r} is not allowed")


def report_pdf_build(content: ReportContent) -> bytes:
    """The report as PDF bytes."""
    # A heavy import, made only where a PDF is made; weasyprint ships no type hints.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(PRINT_TEMPLATE, {"content": content})
    stylesheet = Path(str(finders.find(PRINT_CSS)))
    document = HTML(string=html, url_fetcher=_no_fetch)
    pdf: bytes = document.write_pdf(
        stylesheets=[CSS(string=stylesheet.read_text(encoding="utf-8"), url_fetcher=_no_fetch)]
    )
    return pdf
