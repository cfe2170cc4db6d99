"""Build .docx drafts in tests with python-docx (no binary fixtures in the repository)."""

from __future__ import annotations

import io


def build_docx(lines: list[str | tuple[str, str]]) -> bytes:
    """A .docx with one paragraph per line; ``(style, text)`` gives a paragraph a style."""
    import docx

    document = docx.Document()
    for line in lines:
        if isinstance(line, tuple):
            style, text = line
            document.add_paragraph(text, style=style)
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
