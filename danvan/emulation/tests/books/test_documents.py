"""The compiled book, opened again and read: the Word document's chapters in the four
fields' order, its TOC field and static list, its photos; the PDF's page count, its table
of contents pointing at the pages where the titles are, its Vietnamese text intact. The
first pages of both are rendered to PNG under e2e/artifacts/emulation-book/ to be looked at.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, cast

import pytest
import time_machine
from docx import Document
from pypdf import PdfReader

from danvan.emulation.models import Book, Field, Kind
from danvan.emulation.services import books as services
from danvan.emulation.services.books_docx import TOC_INSTRUCTION
from danvan.emulation.tests.books.conftest import photo_bytes, recognised, with_figures, with_photo
from danvan.emulation.tests.conftest import World

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[4] / "e2e" / "artifacts" / "emulation-book"
LOCAL = dt.timezone(dt.timedelta(hours=7))
LONG_ACTIONS = (
    "Chi hội phối hợp với Hội Nông dân xã tổ chức các lớp tập huấn kỹ thuật, hướng dẫn hội viên "
    "áp dụng quy trình VietGAP; thành lập tổ hợp tác, liên kết với doanh nghiệp bao tiêu sản "
    "phẩm; vận động các hộ khá giúp hộ nghèo cây giống, ngày công.\n"
    "Cán bộ, đảng viên gương mẫu đi đầu, “nói đi đôi với làm”, lấy hiệu quả làm thước đo."
)


def compiled(world: World, book: Book, on_commit: Any) -> Book:
    """Entries added in the reverse of the fields' order, with photos and figures."""
    titles = {
        Field.PARTY_BUILDING: "Mô hình “Dân hỏi – Đảng ủy trả lời”",
        Field.DEFENCE_SECURITY: "Mô hình “Camera an ninh – Quốc phòng – an ninh vững chắc”",
        Field.CULTURE_SOCIETY: "Mô hình “Đường hoa nông thôn mới”",
        Field.ECONOMY: "Mô hình “Dân vận khéo trong phát triển kinh tế nhãn lồng”",
    }
    for number, (field, title) in enumerate(titles.items()):
        exemplar = recognised(
            world.commune_committee if number % 2 else world.other_committee,
            title,
            field=field,
            is_outstanding=number == 0,
            actions=LONG_ACTIONS,
        )
        with_photo(exemplar, caption=f"Ảnh: {title[:30]}")
        with_figures(exemplar)
        services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=exemplar)
    person = recognised(
        world.commune_committee,
        "Bà Đỗ Thị Đào – người “giữ lửa” khu dân cư",
        field=Field.ECONOMY,
        kind=Kind.EXAMPLE,
        person_name="Đỗ Thị Đào",
        person_title="Chi hội trưởng phụ nữ thôn Đông",
    )
    entry = services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=person)
    services.book_entry_story_update(
        entry=entry, actor=world.provincial_officer, story="Câu chuyện đẹp về bà Đào.\nĐoạn hai."
    )
    with (
        time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=LOCAL), tick=False),
        on_commit(execute=True),
    ):
        services.book_compile_request(book=book, actor=world.provincial_officer)
    book.refresh_from_db()
    return book


def squeezed(text: str) -> str:
    """Case, full stops and line breaks aside (headings print in capitals, "Chương 1" on
    its own line)."""
    return re.sub(r"[\s.]+", " ", text).strip().casefold()


def render_pdf_pages(pdf: bytes, stem: str, pages: int) -> list[Path]:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:  # pragma: no cover - poppler-utils is installed
        return []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{stem}.pdf"
    source.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", str(pages), source, ARTIFACTS / stem],
        check=True,
        timeout=120,
    )
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


def test_the_word_document_has_cover_toc_and_chapters_in_the_fields_order(
    world: World, book: Book, django_capture_on_commit_callbacks: Any
) -> None:
    # given a book compiled from models selected in the reverse of the fields' order
    book = compiled(world, book, django_capture_on_commit_callbacks)
    # then it is compiled, with both files
    assert book.status == Book.Status.COMPILED, book.compile_error
    with book.docx.open("rb") as stream:
        document = Document(io.BytesIO(stream.read()))
    texts = [p.text for p in document.paragraphs]
    # and the cover carries the committee, the title, the period and the place and month
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in texts[:3]
    assert book.title.upper() in texts
    assert "Giai đoạn 2021–2025" not in texts  # the title already names the period
    assert "Hưng Yên, tháng 11 năm 2026" in texts
    # and the chapters follow the four fields' order whatever the order of selection
    chapters = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert chapters == [
        "Lời nói đầu",
        "Chương 1. Lĩnh vực Kinh tế",
        "Chương 2. Lĩnh vực Văn hóa – xã hội",
        "Chương 3. Lĩnh vực Quốc phòng – an ninh",
        "Chương 4. Lĩnh vực Xây dựng Đảng và hệ thống chính trị",
    ]
    models = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"
    ]
    assert models[0] == "1.1. Mô hình “Dân vận khéo trong phát triển kinh tế nhãn lồng”"
    assert models[1] == "1.2. Bà Đỗ Thị Đào – người “giữ lửa” khu dân cư"
    assert len(models) == 5
    # and the table of contents is a real TOC field whose stored result lists every title
    xml = document.element.xml
    assert TOC_INSTRUCTION.strip() in xml
    toc_start = texts.index("MỤC LỤC")
    assert texts[toc_start + 1 : toc_start + 1 + 7] == [
        "Lời nói đầu",
        chapters[1],
        *models[:2],
        chapters[2],
        models[2],
        chapters[3],
    ]
    # and each of the four models with a photo shows it, the story override replaces sections
    assert len(document.inline_shapes) == 4
    assert "Câu chuyện đẹp về bà Đào." in texts
    assert "Đỗ Thị Đào, Chi hội trưởng phụ nữ thôn Đông" in texts
    # and the figures are tables, in Vietnamese number style
    figures = [t for t in document.tables if t.rows[0].cells[0].text == "Chỉ tiêu"]
    assert len(figures) == 4
    assert figures[0].rows[2].cells[1].text == "18,5"
    # and the footer numbers the pages with a PAGE field, not on the cover
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.footer._element.xml
    # and Times New Roman is the font of the body and the headings
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Heading 1"].font.name == "Times New Roman"
    _render_docx(book)


def _render_docx(book: Book) -> None:
    """The Word document through LibreOffice, pages 1–3 to PNG (to look at the layout)."""
    soffice = shutil.which("soffice")
    if soffice is None:  # pragma: no cover - LibreOffice is installed here
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "book.docx"
        with book.docx.open("rb") as stream:
            source.write_bytes(stream.read())
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = (Path(work) / "book.pdf").read_bytes()
    assert "Dân vận khéo" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    render_pdf_pages(pdf, "word", 4)


def test_the_pdf_has_a_toc_with_the_real_page_numbers_and_intact_vietnamese(
    world: World, book: Book, django_capture_on_commit_callbacks: Any
) -> None:
    # given a compiled book
    book = compiled(world, book, django_capture_on_commit_callbacks)
    with book.pdf.open("rb") as stream:
        data = stream.read()
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    # then it has a cover, a TOC, a foreword, and a page per model (5 models)
    assert len(pages) >= 8
    assert "Hưng Yên, tháng 11 năm 2026" in pages[0]
    # and the Vietnamese text comes out intact (every diacritic, "đ")
    text = "\n".join(pages)
    for phrase in ("Dân vận khéo", "Quốc phòng – an ninh", "đ", "Đỗ Thị Đào", "Lĩnh vực Kinh tế"):
        assert phrase in text
    # and every glyph came from the book's fonts (no fallback to a font without diacritics)
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in cast(Any, page["/Resources"])["/Font"].values()
    }
    assert fonts
    assert all(name.startswith(("Liberation-Serif", "Noto")) for name in fonts), fonts
    # and every TOC line's page number is the page where that title is printed
    toc = pages[1]
    lines = re.findall(r"^(.+?)[ .]*\.{3,}\s*(\d+)$", toc, flags=re.MULTILINE)
    assert len(lines) == 10, toc  # foreword, 4 chapters, 5 models
    for title, number in lines:
        head = squeezed(title)[:25]
        assert head in squeezed(pages[int(number) - 1]), (head, number)
    # and the page numbers are printed at the foot of the pages after the cover
    assert pages[2].strip().endswith("3")
    render_pdf_pages(data, "pdf", 5)


def test_a_book_without_foreword_prints_the_period_and_a_tall_or_damaged_photo(
    world: World, book: Book
) -> None:
    # given a book whose title does not name the period, without a foreword
    Book.objects.filter(pk=book.pk).update(title="Sổ tay mô hình", foreword="")
    book.refresh_from_db()
    tall = recognised(world.commune_committee, "Ảnh dọc")
    attachment = with_photo(tall)
    with attachment.file.open("wb") as stream:  # a portrait photo
        stream.write(photo_bytes(size=(600, 1200)))
    damaged = recognised(world.commune_committee, "Ảnh hỏng")
    broken = with_photo(damaged)
    with broken.file.open("wb") as stream:
        stream.write(b"not a jpeg")
    for exemplar in (tall, damaged):
        services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=exemplar)
    # when it is compiled
    book = services.book_compile_run(book_id=book.pk)
    # then the cover prints the period, there is no foreword, one photo, no failure
    assert book.status == Book.Status.COMPILED, book.compile_error
    with book.docx.open("rb") as stream:
        document = Document(io.BytesIO(stream.read()))
    texts = [p.text for p in document.paragraphs]
    assert "Giai đoạn 2021–2025" in texts
    assert "Lời nói đầu" not in texts
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].height.mm <= 95.5


def test_the_pdf_fetches_nothing_but_the_books_photos() -> None:
    from danvan.emulation.services.books_pdf import _fetcher

    fetcher = _fetcher({"book-photo:1": b"jpeg"})
    assert fetcher.fetch("book-photo:1").read() == b"jpeg"
    with pytest.raises(ValueError, match="not allowed"):
        fetcher.fetch("file:///etc/passwd")
