"""The book of typical models as PDF, printed by WeasyPrint from HTML.

The print template (``emulation/books/print.html``) draws the same ``BookContent`` as the
Word document: cover, table of contents with the real page numbers (CSS
``target-counter``), foreword, one chapter per field, each model on its own page with its
photo, story and figures, page numbers at the foot of every page but the cover. The fonts
are Liberation Serif (Times New Roman's metrics) then Noto Serif, both with full
Vietnamese coverage, so every diacritic prints; hyphenation is off (``lang="vi"`` and
``hyphens: manual``): Vietnamese syllables are never split.

WeasyPrint may fetch nothing but the book's own photos: they are served from memory under
``book-photo:<n>`` URLs, every other URL is refused, so nothing in a story can make the
server fetch a resource.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from danvan.emulation.selectors.books import BookContent

__all__ = ["PHOTO_SCHEME", "book_pdf_build"]

PRINT_TEMPLATE = "emulation/books/print.html"
PRINT_CSS = "emulation/books/print.css"
PHOTO_SCHEME = "book-photo"


def _fetcher(photos: dict[str, bytes]) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

    class PhotoFetcher(URLFetcher):  # type: ignore[misc]
        """Serves the book's photos from memory and refuses every other URL."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in photos:
                raise ValueError(f"book PDF: fetching {url[:80]!r} is not allowed")
            return URLFetcherResponse(url, body=photos[url], headers={"Content-Type": "image/jpeg"})

    return PhotoFetcher(fail_on_errors=False)


def book_pdf_build(content: BookContent) -> bytes:
    """The book as PDF bytes (the caller sets the language: Vietnamese)."""
    # A heavy import, made only where a PDF is made; weasyprint ships no type hints.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    photos: dict[str, bytes] = {}
    chapters = []
    for chapter in content.chapters:
        rows = []
        for index, entry in enumerate(chapter.entries, start=1):
            url = ""
            if entry.photo is not None:
                url = f"{PHOTO_SCHEME}:{len(photos) + 1}"
                photos[url] = entry.photo.data
            rows.append({"index": index, "entry": entry, "photo_url": url})
        chapters.append({"chapter": chapter, "rows": rows})
    html = render_to_string(PRINT_TEMPLATE, {"content": content, "chapters": chapters})
    fetcher = _fetcher(photos)
    stylesheet = Path(str(finders.find(PRINT_CSS))).read_text(encoding="utf-8")
    document = HTML(string=html, url_fetcher=fetcher, base_url=f"{PHOTO_SCHEME}:0")
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=stylesheet, url_fetcher=fetcher)])
    return pdf
