"""read_text(): the text of .txt/.docx/.pdf uploads, and clear messages when there is none."""

import unicodedata

import pytest

from danvan.core.exceptions import ApplicationError
from danvan.directives.refs.files import UnreadableFile, read_text

from .conftest import docx_bytes, pdf_blank, pdf_with_text

TEXT = "Căn cứ Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
    ],
)
def test_txt_in_unicode_encodings(data: bytes) -> None:
    # given a .txt in UTF-8, UTF-8 with BOM or UTF-16 / then its text is read, NFC
    assert read_text("chi-thi.txt", data) == TEXT


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: vowels with their hat or horn, the tone as a combining mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


def test_txt_in_windows_1258() -> None:
    # given a .txt saved by an old Vietnamese Windows editor (cp1258, combining tones)
    data = _cp1258(TEXT)
    assert data.decode("cp1258") != TEXT  # really decomposed
    # then it is decoded and recomposed
    assert read_text("chi-thi.txt", data) == TEXT


def test_crlf_line_ends_become_newlines() -> None:
    assert read_text("a.txt", b"Dong 1\r\nDong 2\rDong 3") == "Dong 1\nDong 2\nDong 3"


def test_docx_paragraphs_and_tables() -> None:
    # given a .docx with a paragraph and a table of documents
    data = docx_bytes(
        [TEXT],
        table=[["STT", "Số, ký hiệu"], ["1", "Kế hoạch số 88/KH-UBND"]],
    )
    # when read
    text = read_text("ke-hoach.docx", data)
    # then the paragraph and the table's cells (tab-separated rows) are in the text
    assert text.splitlines() == [TEXT, "STT\tSố, ký hiệu", "1\tKế hoạch số 88/KH-UBND"]


def test_docx_merged_and_nested_cells() -> None:
    # given a table with a merged cell and a table nested in a cell
    import io

    import docx

    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "Danh mục văn bản"
    grid.cell(1, 0).text = "1"
    inner = grid.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Công văn số 2235/UBND-NC"
    out = io.BytesIO()
    document.save(out)
    # when read / then the merged cell appears once and the nested table is read
    text = read_text("bang.docx", out.getvalue())
    assert text.splitlines()[0] == "Danh mục văn bản"
    assert "Công văn số 2235/UBND-NC" in text


def test_txt_like_names_are_read_as_text() -> None:
    assert read_text("ghi-chu.md", "Kế hoạch số 88/KH-UBND".encode()) == "Kế hoạch số 88/KH-UBND"


def test_pdf_with_a_text_layer() -> None:
    # given a PDF with text
    data = pdf_with_text(["Decision No. 1281/QD-TTg dated July 29, 2016", "of the Prime Minister"])
    # then its text is read
    text = read_text("decision.pdf", data)
    assert "1281/QD-TTg" in text
    assert "Prime Minister" in text


def test_type_is_sniffed_when_the_name_has_no_extension() -> None:
    data = pdf_with_text(["Directive No. 33/CT-TTg of the Prime Minister of Viet Nam"])
    assert "33/CT-TTg" in read_text("upload", data)
    assert "88/KH-UBND" in read_text("upload", docx_bytes(["Kế hoạch số 88/KH-UBND"]))


def test_scanned_pdf_says_so(english: None) -> None:
    # given a PDF whose page is an image without text
    # when read / then a clear message says it is a scan and what to do
    with pytest.raises(UnreadableFile) as caught:
        read_text("scan.pdf", pdf_blank())
    assert caught.value.code == "scanned"
    assert "scan without a text layer" in caught.value.message
    assert isinstance(caught.value, ApplicationError)


def test_protected_pdf(english: None) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_text("secret.pdf", pdf_blank(password="mat-khau"))
    assert caught.value.code == "encrypted"
    assert "secret.pdf" in caught.value.message


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("broken.pdf", b"%PDF-1.4\nthis is not a pdf", "damaged"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "damaged"),
        ("report.docx", b"plain text pretending", "damaged"),
        ("binary.txt", b"\x00\x01\x02\x00text", "damaged"),
        ("odd.txt", b"\xff\xfeA", "damaged"),  # UTF-16 cut in the middle of a character
        ("latin.txt", b"\x81\x8d\x8e\x8f", "encoding"),  # bytes Windows-1258 does not use
        ("old.doc", b"\xd0\xcf\x11\xe0", "unsupported"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "unsupported"),
        ("empty.txt", b"  \n\t ", "empty"),
        ("empty.docx", None, "empty"),
    ],
)
def test_unreadable_files_get_a_clear_message(
    english: None, name: str, data: bytes | None, code: str
) -> None:
    # given a file that gives no usable text
    if data is None:
        data = docx_bytes([""])
    # when read / then UnreadableFile with the reason and the file's name
    with pytest.raises(UnreadableFile) as caught:
        read_text(name, data)
    assert caught.value.code == code
    assert name in caught.value.message
    assert caught.value.extra == {"code": code}
