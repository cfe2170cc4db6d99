"""The draft parser on the shapes drafts really come in (no database)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.consultations.services import draft_parser as p
from danvan.consultations.services.draft_parser import DraftParseError, Level, SourceFormat
from danvan.consultations.tests.drafts.docx_helpers import build_docx


def anchors(parsed: p.ParsedDraft) -> list[str]:
    return [node.anchor for node, _parent in parsed.walk()]


def by_anchor(parsed: p.ParsedDraft) -> dict[str, p.Node]:
    return {node.anchor: node for node, _parent in parsed.walk()}


# ------------------------------------------------------------------ realistic drafts


def test_commune_regulation_markdown_gives_chapters_articles_clauses_points(
    regulation_md: str,
) -> None:
    # given the commune's democracy regulation in Markdown (bold articles, ## chapters)
    # when it is parsed
    parsed = p.parse_text(regulation_md, SourceFormat.MARKDOWN)
    nodes = by_anchor(parsed)
    # then the three chapters hold the seven articles with their clauses and points
    assert [node.anchor for node in parsed.nodes] == ["chuong-i", "chuong-ii", "chuong-iii"]
    assert nodes["chuong-i"].heading == "NHỮNG QUY ĐỊNH CHUNG"
    assert [a.anchor for a in parsed.articles()] == [f"dieu-{n}" for n in range(1, 8)]
    assert nodes["dieu-4"].heading.startswith("Nội dung Nhân dân tham gia ý kiến")
    assert [c.anchor for c in nodes["dieu-4.k2"].children] == [
        "dieu-4.k2.a",
        "dieu-4.k2.b",
        "dieu-4.k2.c",
        "dieu-4.k2.d",
        "dieu-4.k2.dd",
    ]
    assert nodes["dieu-4.k2.dd"].label == "Điểm đ"
    assert (
        nodes["dieu-4.k2.dd"].text
        == "Dự án có ảnh hưởng trực tiếp đến cộng đồng dân cư trên địa bàn xã."
    )
    # and the issuing body and legal grounds are the preamble, not an article
    assert "Căn cứ Luật Thực hiện dân chủ ở cơ sở" in parsed.preamble
    assert "**" not in parsed.preamble
    assert parsed.warnings == []


def test_constitution_amendment_keeps_quoted_articles_inside_their_clause(
    resolution_txt: str,
) -> None:
    # given a resolution that quotes whole amended articles ("“Điều 9 … ”")
    parsed = p.parse_text(resolution_txt)
    nodes = by_anchor(parsed)
    # then only the resolution's own three articles are articles
    assert [a.anchor for a in parsed.articles()] == ["dieu-1", "dieu-2", "dieu-3"]
    # and the quoted Article 9 with its clauses is the text of clause 1 of Article 1
    assert [c.anchor for c in nodes["dieu-1"].children] == ["dieu-1.k1", "dieu-1.k2", "dieu-1.k3"]
    assert "“Điều 9" in nodes["dieu-1.k1"].text
    assert "Hội Cựu chiến binh Việt Nam" in nodes["dieu-1.k1"].text
    assert nodes["dieu-1.k1"].children == []
    # and "Điều 2. … có hiệu lực …." is a title-less article whose sentence is its text
    assert nodes["dieu-2"].heading == ""
    assert nodes["dieu-2"].text.startswith("Nghị quyết này có hiệu lực thi hành")


def test_docx_paragraphs_and_tables_are_read_in_order(regulation_docx: bytes) -> None:
    # given the regulation as a Word document with heading styles
    parsed = p.parse_file(regulation_docx, SourceFormat.DOCX)
    # then it gives the same structure as the Markdown
    assert [a.anchor for a in parsed.articles()] == [f"dieu-{n}" for n in range(1, 8)]
    assert by_anchor(parsed)["dieu-4.k2.dd"].label == "Điểm đ"


def test_docx_table_rows_become_lines() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Điều 1. Mức hỗ trợ")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Đối tượng"
    table.cell(0, 1).text = "Mức"
    table.cell(1, 0).text = "Hộ nghèo"
    table.cell(1, 1).text = "500.000 đồng"
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = p.parse_file(buffer.getvalue(), SourceFormat.DOCX)
    assert parsed.articles()[0].text == "Đối tượng | Mức\nHộ nghèo | 500.000 đồng"


def test_docx_word_list_numbering_is_restored() -> None:
    # given clauses and points numbered by Word's list feature (not typed in the text)
    data = build_docx(
        [
            "Điều 3. Nguyên tắc",
            ("List Number", "Công khai, minh bạch."),
            ("List Number", "Tôn trọng ý kiến của Nhân dân."),
        ]
    )
    parsed = p.parse_file(data, SourceFormat.DOCX)
    # then the numbers Word shows become clauses
    clauses = parsed.articles()[0].children
    assert [(c.anchor, c.text) for c in clauses] == [
        ("dieu-3.k1", "Công khai, minh bạch."),
        ("dieu-3.k2", "Tôn trọng ý kiến của Nhân dân."),
    ]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("decimal", "7"),
        ("lowerLetter", "g"),
        ("upperLetter", "G"),
        ("upperRoman", "VII"),
        ("lowerRoman", "vii"),
    ],
)
def test_word_number_formats(fmt: str, expected: str) -> None:
    assert p._format_number(fmt, 7) == expected


def test_not_a_docx_is_refused() -> None:
    with pytest.raises(DraftParseError) as error:
        p.parse_file(b"this is not a zip archive", SourceFormat.DOCX)
    assert error.value.code == DraftParseError.BAD_DOCX


def test_zip_without_a_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(DraftParseError) as error:
        p.parse_file(buffer.getvalue(), SourceFormat.DOCX)
    assert error.value.code == DraftParseError.BAD_DOCX


def test_docx_that_unpacks_too_large_is_refused_before_parsing() -> None:
    # given a small archive that declares a big unpacked size (a zip bomb in miniature)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 200_000)
    # when the limit is below it, then it is refused
    with pytest.raises(DraftParseError) as error:
        p.docx_lines(buffer.getvalue(), max_unzipped_bytes=100_000)
    assert error.value.code == DraftParseError.TOO_LARGE


# ------------------------------------------------------------------ headings


@pytest.mark.parametrize(
    ("line", "anchor", "heading"),
    [
        ("Điều 5. Phạm vi điều chỉnh", "dieu-5", "Phạm vi điều chỉnh"),
        ("Dieu 5. Pham vi dieu chinh", "dieu-5", "Pham vi dieu chinh"),
        ("ĐIỀU 5. PHẠM VI ĐIỀU CHỈNH", "dieu-5", "PHẠM VI ĐIỀU CHỈNH"),
        ("Điều 5: Phạm vi điều chỉnh", "dieu-5", "Phạm vi điều chỉnh"),
        ("Điều 5 - Phạm vi điều chỉnh", "dieu-5", "Phạm vi điều chỉnh"),
        ("Điều 5 Phạm vi điều chỉnh", "dieu-5", "Phạm vi điều chỉnh"),
        ("Dieu 5", "dieu-5", ""),
        ("Điều 12a. Điều khoản chuyển tiếp", "dieu-12a", "Điều khoản chuyển tiếp"),
        ("**Điều 5.** Phạm vi điều chỉnh", "dieu-5", "Phạm vi điều chỉnh"),
        ("Điều  5.\tPhạm vi", "dieu-5", "Phạm vi"),
    ],
)
def test_article_headings(line: str, anchor: str, heading: str) -> None:
    parsed = p.parse_text(line, SourceFormat.MARKDOWN)
    article = parsed.articles()[0]
    assert (article.anchor, article.heading) == (anchor, heading)
    assert article.label == f"Điều {anchor.removeprefix('dieu-')}"


def test_decomposed_unicode_is_recognised() -> None:
    # given text pasted from a source using combining diacritics (NFD)
    import unicodedata

    text = unicodedata.normalize("NFD", "Điều 1. Phạm vi\n1. Quy định chung.")
    parsed = p.parse_text(text)
    # then it reads like the composed form, and the stored text is composed
    assert parsed.articles()[0].heading == "Phạm vi"
    assert parsed.articles()[0].children[0].text == "Quy định chung."


@pytest.mark.parametrize(
    "line",
    [
        "Điều 5 của Luật này được hiểu như sau.",
        "Dieu kien de duoc ho tro",
        "Điều kiện để được hỗ trợ",
        "Điều chỉnh quy hoạch",
    ],
)
def test_sentences_starting_with_dieu_are_not_articles(line: str) -> None:
    parsed = p.parse_text(f"Điều 1. Phạm vi\n{line}")
    assert [a.anchor for a in parsed.articles()] == ["dieu-1"]
    assert parsed.articles()[0].text == line


@pytest.mark.parametrize(
    ("line", "anchor", "label"),
    [
        ("Chương I", "chuong-i", "Chương I"),
        ("Chuong IV", "chuong-iv", "Chương IV"),
        ("CHƯƠNG XII", "chuong-xii", "Chương XII"),
        ("Chương 3", "chuong-iii", "Chương III"),
        ("Chương II. QUYỀN CON NGƯỜI", "chuong-ii", "Chương II"),
        ("Phần thứ nhất", "phan-i", "Phần I"),
        ("Phan thu hai", "phan-ii", "Phần II"),
        ("PHẦN II", "phan-ii", "Phần II"),
        ("Phần thứ tư", "phan-iv", "Phần IV"),
    ],
)
def test_container_headings(line: str, anchor: str, label: str) -> None:
    parsed = p.parse_text(f"{line}\nĐiều 1. Phạm vi")
    assert (parsed.nodes[0].anchor, parsed.nodes[0].label) == (anchor, label)
    assert parsed.nodes[0].children[0].anchor == "dieu-1"


def test_part_chapter_section_nesting_and_section_anchor() -> None:
    text = "\n".join(
        [
            "PHẦN THỨ NHẤT",
            "QUY ĐỊNH CHUNG",
            "Chương I",
            "NHỮNG QUY ĐỊNH CHUNG",
            "Mục 1",
            "PHẠM VI",
            "Điều 1. Phạm vi điều chỉnh",
            "Mục 2. ĐỐI TƯỢNG",
            "Điều 2. Đối tượng áp dụng",
            "Chương II",
            "Mục 1",
            "Điều 3. Quyền",
            "Phần thứ hai",
            "Chương III",
            "Điều 4. Hiệu lực",
        ]
    )
    parsed = p.parse_text(text)
    assert [(n.anchor, n.level) for n, _parent in parsed.walk()] == [
        ("phan-i", Level.PART),
        ("chuong-i", Level.CHAPTER),
        ("chuong-i.muc-1", Level.SECTION),
        ("dieu-1", Level.ARTICLE),
        ("chuong-i.muc-2", Level.SECTION),
        ("dieu-2", Level.ARTICLE),
        ("chuong-ii", Level.CHAPTER),
        ("chuong-ii.muc-1", Level.SECTION),
        ("dieu-3", Level.ARTICLE),
        ("phan-ii", Level.PART),
        ("chuong-iii", Level.CHAPTER),
        ("dieu-4", Level.ARTICLE),
    ]
    nodes = by_anchor(parsed)
    assert nodes["phan-i"].heading == "QUY ĐỊNH CHUNG"
    assert nodes["chuong-i.muc-1"].heading == "PHẠM VI"
    assert nodes["chuong-i.muc-2"].heading == "ĐỐI TƯỢNG"
    assert nodes["chuong-ii"].heading == ""  # followed directly by a heading


@pytest.mark.parametrize(
    "line", ["Mục đích của quy chế", "Phần lớn người dân đồng tình", "Chương trình"]
)
def test_words_starting_like_containers_are_text(line: str) -> None:
    parsed = p.parse_text(f"Điều 1. Phạm vi\n{line}")
    assert parsed.articles()[0].text == line


def test_clauses_and_points_directly_under_an_article() -> None:
    text = "\n".join(
        [
            "Điều 7. Trách nhiệm",
            "Ủy ban nhân dân xã có trách nhiệm:",
            "a) Tổ chức lấy ý kiến;",
            "b) Tổng hợp ý kiến;",
            "Khoản 3. Báo cáo kết quả.",
            "Điểm a) Gửi Hội đồng nhân dân.",
        ]
    )
    parsed = p.parse_text(text)
    nodes = by_anchor(parsed)
    assert anchors(parsed) == ["dieu-7", "dieu-7.a", "dieu-7.b", "dieu-7.k3", "dieu-7.k3.a"]
    assert nodes["dieu-7"].text == "Ủy ban nhân dân xã có trách nhiệm:"
    assert nodes["dieu-7.k3"].label == "Khoản 3"


def test_numbers_that_are_not_clauses() -> None:
    text = "\n".join(
        [
            "Điều 1. Mức thu",
            "1.1. Mức thứ nhất.",
            "3.000.000 đồng mỗi hộ.",
            "2025 là năm bản lề.",
        ]
    )
    parsed = p.parse_text(text)
    assert anchors(parsed) == ["dieu-1"]
    assert parsed.articles()[0].text.splitlines() == [
        "1.1. Mức thứ nhất.",
        "3.000.000 đồng mỗi hộ.",
        "2025 là năm bản lề.",
    ]


def test_clause_text_continues_on_following_lines() -> None:
    parsed = p.parse_text("Điều 1. A\n1. Dòng đầu\ndòng tiếp theo\n2. Khoản hai")
    clause = parsed.articles()[0].children[0]
    assert clause.text == "Dòng đầu\ndòng tiếp theo"


def test_numbered_lines_before_any_article_are_preamble() -> None:
    parsed = p.parse_text("1. Căn cứ thứ nhất\na) ghi chú\nĐiều 1. Phạm vi")
    assert parsed.preamble == "1. Căn cứ thứ nhất\na) ghi chú"
    assert anchors(parsed) == ["dieu-1"]


def test_duplicate_numbers_get_distinct_anchors_and_a_warning() -> None:
    parsed = p.parse_text("Điều 1. A\n1. x\n1. y\nĐiều 1. B\nĐiều 1. C")
    assert anchors(parsed) == ["dieu-1", "dieu-1.k1", "dieu-1.k1-2", "dieu-1-2", "dieu-1-3"]
    assert parsed.warnings == ["duplicate:dieu-1.k1", "duplicate:dieu-1", "duplicate:dieu-1"]


def test_straight_quotes_also_protect_quoted_articles() -> None:
    text = 'Điều 1. Sửa đổi\n1. Sửa Điều 9 như sau:\n"Điều 9\n1. Nội dung mới."\nĐiều 2. Hiệu lực'
    parsed = p.parse_text(text)
    assert anchors(parsed) == ["dieu-1", "dieu-1.k1", "dieu-2"]


def test_unclosed_quote_is_reported() -> None:
    parsed = p.parse_text("Điều 1. Sửa đổi\n1. Thay cụm từ “dân biết")
    assert parsed.warnings == ["unclosed_quote"]


def test_unclosed_quote_that_hides_every_article_explains_itself() -> None:
    with pytest.raises(DraftParseError) as error:
        p.parse_text("“Trích dẫn không đóng\nĐiều 1. Phạm vi")
    assert (error.value.code, error.value.detail) == (DraftParseError.NO_ARTICLES, "unclosed_quote")


# ------------------------------------------------------------------ refusals and sources


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", DraftParseError.EMPTY),
        ("   \n\n  ", DraftParseError.EMPTY),
        ("Kính gửi Ủy ban nhân dân xã.\nNội dung góp ý.", DraftParseError.NO_ARTICLES),
        ("Chương I\nQUY ĐỊNH CHUNG", DraftParseError.NO_ARTICLES),
    ],
)
def test_texts_without_articles_are_refused(text: str, code: str) -> None:
    with pytest.raises(DraftParseError) as error:
        p.parse_text(text)
    assert error.value.code == code


def test_too_many_provisions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(p, "MAX_PROVISIONS", 3)
    with pytest.raises(DraftParseError) as error:
        p.parse_text("Điều 1. A\nĐiều 2. B\nĐiều 3. C\nĐiều 4. D")
    assert error.value.code == DraftParseError.TOO_MANY_PROVISIONS


def test_markdown_cleanup() -> None:
    text = "\n".join(
        [
            "---",
            "> ## **Chương I** ##",
            "### Điều 1\\. *Phạm vi*",
            "- a) điểm trong danh sách",
            "__1\\.__ khoản in đậm",
        ]
    )
    assert p.markdown_lines(text) == [
        "Chương I",
        "Điều 1. Phạm vi",
        "a) điểm trong danh sách",
        "1. khoản in đậm",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Điều 1. Phạm vi".encode(), "Điều 1. Phạm vi"),
        ("\ufeffĐiều 1".encode(), "Điều 1"),
        ("Điều 1".encode("utf-16"), "Điều 1"),
        (b"\xd0i\xea\xccu 1. Pha\xf2m vi", "Điều 1. Phạm vi"),  # Windows-1258
    ],
)
def test_text_encodings(data: bytes, expected: str) -> None:
    assert p.decode_text(data) == expected


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("Du_thao.DOCX", SourceFormat.DOCX),
        ("du-thao.md", SourceFormat.MARKDOWN),
        ("du-thao.markdown", SourceFormat.MARKDOWN),
        ("du-thao.txt", SourceFormat.TEXT),
        ("du-thao.pdf", None),
        ("du-thao.doc", None),
    ],
)
def test_guess_format(name: str, fmt: SourceFormat | None) -> None:
    assert p.guess_format(name) == fmt


def test_source_lines_for_each_format() -> None:
    assert p.source_lines("**Điều 1.** A".encode(), SourceFormat.MARKDOWN) == ["Điều 1. A"]
    assert p.source_lines("**Điều 1.** A".encode(), SourceFormat.TEXT) == ["**Điều 1.** A"]


@pytest.mark.parametrize("value", [1, 4, 9, 14, 40, 90, 400, 1994, 3999])
def test_roman_round_trip(value: int) -> None:
    assert p.from_roman(p.to_roman(value)) == value


@pytest.mark.parametrize("text", ["", "IIII", "VX", "ABC", "IC"])
def test_malformed_roman_numerals(text: str) -> None:
    assert p.from_roman(text) is None


def test_to_roman_range() -> None:
    with pytest.raises(ValueError, match="No Roman numeral"):
        p.to_roman(0)


def test_fold_keeps_positions() -> None:
    text = "Điều 5. Quyền của ĐẢNG viên"
    folded = p.fold(text)
    assert folded == "dieu 5. quyen cua dang vien"
    assert len(folded) == len(text)


# ------------------------------------------------------------------ properties

_words = (
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy"
        "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ",
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda s: s and not s[0].isdigit())
)


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A random well-formed draft and the anchors it must give, in order."""
    lines: list[str] = []
    expected: list[str] = []
    article = 0
    for chapter in range(1, draw(st.integers(0, 3)) + 1):
        if chapter == 1 and draw(st.booleans()):
            lines.append(draw(_words).capitalize())  # preamble before the first chapter
        numeral = p.to_roman(chapter)
        keyword = draw(st.sampled_from(["Chương", "Chuong", "CHƯƠNG"]))
        lines.extend([f"{keyword} {numeral}", draw(_words).upper()])
        expected.append(f"chuong-{numeral.lower()}")
        for _ in range(draw(st.integers(1, 3))):
            article += 1
            keyword = draw(st.sampled_from(["Điều", "Dieu", "ĐIỀU"]))
            lines.append(f"{keyword} {article}. {draw(_words).capitalize()}")
            expected.append(f"dieu-{article}")
            for clause in range(1, draw(st.integers(0, 3)) + 1):
                lines.append(f"{clause}. {draw(_words)}")
                expected.append(f"dieu-{article}.k{clause}")
                for letter in "abcdđeg"[: draw(st.integers(0, 3))]:
                    lines.append(f"{letter}) {draw(_words)}")
                    expected.append(f"dieu-{article}.k{clause}.{'dd' if letter == 'đ' else letter}")
    if article == 0:
        lines.append("Điều 1. Phạm vi")
        expected.append("dieu-1")
    return "\n".join(lines), expected


@settings(max_examples=150, deadline=None)
@given(drafts())
def test_generated_drafts_give_the_expected_anchors(draft: tuple[str, list[str]]) -> None:
    text, expected = draft
    parsed = p.parse_text(text)
    assert anchors(parsed) == expected
    assert parsed.warnings == []


@settings(max_examples=150, deadline=None)
@given(drafts())
def test_rendering_and_parsing_again_is_stable(draft: tuple[str, list[str]]) -> None:
    text, _expected = draft
    first = p.parse_text(text)
    second = p.parse_text(p.render_text(first))
    assert [(n.anchor, n.heading, n.text) for n, _parent in second.walk()] == [
        (n.anchor, n.heading, n.text) for n, _parent in first.walk()
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    code = ""
    try:
        parsed = p.parse_text(text)
    except DraftParseError as error:
        code = error.code
    if code:
        assert code in {DraftParseError.EMPTY, DraftParseError.NO_ARTICLES}
    else:
        found = anchors(parsed)
        assert len(found) == len(set(found))
        assert parsed.articles()


# ------------------------------------------------------------------ Word list numbering

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_docx(*, restart_at: int = 1) -> bytes:
    """Clauses numbered by a Word list that restarts in the second article, points lettered."""
    import docx
    from docx.oxml import parse_xml

    w = _W_NS
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {w} w:numId="92"><w:abstractNumId w:val="90"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
            "</w:num>"
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="93"/>'))  # no abstract list: ignored

    def numbered(text: str, num_id: int, ilvl: int | None) -> None:
        paragraph = document.add_paragraph(text)
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}>{level}<w:numId w:val="{num_id}"/></w:numPr>')
        )

    document.add_paragraph("Điều 1. Phạm vi")
    numbered("Khoản thứ nhất.", 91, 0)
    numbered("Điểm thứ nhất;", 91, 1)
    numbered("Điểm thứ hai.", 91, 1)
    numbered("Khoản thứ hai.", 91, None)  # no w:ilvl: level 0
    numbered("Điểm mới của khoản hai.", 91, 1)
    numbered("Dòng thuộc danh sách không rõ.", 93, 0)
    document.add_paragraph("Điều 2. Hiệu lực")
    numbered("Khoản đầu của Điều 2.", 92, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_multilevel_list_numbers_restart_where_word_restarts_them() -> None:
    # given clauses "1.", "2." and points "a)", "b)" made by Word's multilevel list
    parsed = p.parse_file(_numbered_docx(), SourceFormat.DOCX)
    # then the points restart under each clause and the clauses under each article
    assert anchors(parsed) == [
        "dieu-1",
        "dieu-1.k1",
        "dieu-1.k1.a",
        "dieu-1.k1.b",
        "dieu-1.k2",
        "dieu-1.k2.a",
        "dieu-2",
        "dieu-2.k1",
    ]
    nodes = by_anchor(parsed)
    assert nodes["dieu-1.k2.a"].text == "Điểm mới của khoản hai.\nDòng thuộc danh sách không rõ."


def test_docx_list_start_override_is_honoured() -> None:
    parsed = p.parse_file(_numbered_docx(restart_at=3), SourceFormat.DOCX)
    assert [c.anchor for c in by_anchor(parsed)["dieu-2"].children] == ["dieu-2.k3"]


def test_docx_without_a_numbering_part_reads_plain_paragraphs() -> None:
    class Part:
        @property
        def numbering_part(self) -> object:
            raise NotImplementedError  # what python-docx does when the part is missing

    class Document:
        part = Part()
        styles = None

    numbering = p._WordNumbering(Document())
    assert numbering.formats == {}
    assert numbering.style_numbering == {}
