"""extract(): finding, dating, typing and relating the documents a text cites."""

import datetime as dt
from typing import Any

import pytest

from danvan.directives.refs import extract


@pytest.mark.parametrize(
    "phrase",
    [
        "Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng",
        "Chỉ thị số 33/CT-TTg ngày 20 tháng 12 năm 2021",
        "Chi thi so 33/CT-TTg ngay 20 thang 12 nam 2021",
        "Chỉ thị 33/CT-TTg, 20-12-2021",
        "Chỉ thị 33/CT-TTg (20.12.2021)",
        "Directive No. 33/CT-TTg dated December 20, 2021",
        "Directive No. 33/CT-TTg issued by the Prime Minister on 20 December 2021",
        "Directive 33/CT-TTg of December 20th, 2021",
        "Directive 33/CT-TTg of the 20th of December 2021",
        "Directive 33/CT-TTg (Dec. 20, 2021)",
        "Ngày 20/12/2021, Thủ tướng Chính phủ ban hành Chỉ thị số 33/CT-TTg",
        "On December 20, 2021, the Prime Minister signed Directive No. 33/CT-TTg",
    ],
)
def test_date_given_in_any_usual_writing(phrase: str) -> None:
    # given a citation with its date written one of the usual ways
    result = extract(f"Căn cứ {phrase} về công tác dân vận.")
    # then the document and its date are found
    (doc,) = result.documents
    assert (doc.symbol, doc.type, doc.issuer) == ("33/CT-TTg", "directive", "TTg")
    assert doc.date == dt.date(2021, 12, 20)


def test_month_first_numeric_date_when_the_day_cannot_be_a_month() -> None:
    # given an American numeric date / then it is read month first
    (doc,) = extract("Decision 45/QD-UBND dated 12/28/2023").documents
    assert doc.date == dt.date(2023, 12, 28)


def test_impossible_date_is_ignored() -> None:
    # given a date that does not exist / then no date is kept
    (doc,) = extract("Quyết định số 45/QĐ-UBND ngày 31/02/2023").documents
    assert doc.date is None


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("Quyết định số 45/QÐ-UBND", "45/QĐ-UBND"),  # Icelandic eth
        ("Quyết định số 45/QD-UBND", "45/QĐ-UBND"),
        ("Kết luận số 114 – KL/TW", "114-KL/TW"),  # en dash, spaces
        ("Kết luận số 114—KL / TW", "114-KL/TW"),  # em dash
        ("Nghị định số 59 / 2023 / NĐ-CP", "59/2023/NĐ-CP"),
        ("Nghị định số 59/2023/\nNĐ-CP", "59/2023/NĐ-CP"),  # line break after the slash
        ("Chỉ thị số 33/CT-\nTTg", "33/CT-TTg"),
        ("Quy\u0301 định", None),  # decomposed Unicode, no symbol
        ("Quyết định số 4\u00a0/\u00a0QĐ-UBND", "04/QĐ-UBND"),  # no-break spaces
    ],
)
def test_variants_are_normalised(text: str, symbol: str) -> None:
    # given a reference written with a variant / then its canonical symbol is found
    result = extract(text)
    assert [d.symbol for d in result.documents] == ([symbol] if symbol else [])


@pytest.mark.parametrize(
    "text",
    [
        "Điện thoại: 0236.3822.125, 024-3823-4567 hoặc 1900-9095.",
        "Ngày 14/8/2023 và 20-12-2021, tỷ lệ đạt 95/100%, 2/3 số hộ, 12,5%.",
        "Theo khoản 2/điều 3, Điều 5, khoản 2/Điều 7 và điểm a khoản 1 Điều 9 của Luật.",
        "Dịch COVID-19, biến chủng SARS-CoV-2, F0/F1.",
        "Địa chỉ: 12/4 Tổ 3, số 12/KP3, phòng 302/A.",
        "Mẫu số 01/TCD ban hành kèm theo Thông tư; Phụ lục số 02/BC.",
        "Kế hoạch giai đoạn 2021-2025, nhiệm kỳ 2020 - 2025.",
    ],
)
def test_things_that_are_not_documents(text: str) -> None:
    # given phone numbers, dates, percentages, articles, COVID-19, addresses, forms
    result = extract(text)
    # then no document is found and nothing crashes
    assert result.documents == []


def test_repeated_mentions_are_merged() -> None:
    # given one document cited three times with different spellings
    result = extract(
        "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015; Kết luận 114 - KL/TW đã đi vào "
        "cuộc sống. Conclusion No. 114-KL/TW dated July 14, 2015."
    )
    # then it is one document with three mentions, one date and no warning
    (doc,) = result.documents
    assert (doc.mentions, doc.dates_seen, result.warnings) == (3, [dt.date(2015, 7, 14)], [])


def test_two_dates_for_one_document_give_a_warning() -> None:
    # given a text that dates the same document twice, differently
    result = extract(
        "Kết luận số 114-KL/TW ngày 14/7/2015 … theo Kết luận số 114-KL/TW ngày 17/4/2015."
    )
    # then both dates are kept, the first is the date, and a warning names the document
    (doc,) = result.documents
    assert doc.date == dt.date(2015, 7, 14)
    assert doc.dates_seen == [dt.date(2015, 7, 14), dt.date(2015, 4, 17)]
    (warning,) = result.warnings
    assert (warning.code, warning.symbol) == ("conflicting_dates", "114-KL/TW")
    assert "14/07/2015" in warning.message
    assert "17/04/2015" in warning.message


def test_year_in_administrative_symbol_gives_a_warning() -> None:
    # given an administrative plan numbered with the year
    result = extract("Kế hoạch số 575/2022/KH-UBND ngày 08/3/2022 của UBND tỉnh")
    # then it is read without the year, and the reader is told
    (doc,) = result.documents
    assert (doc.symbol, doc.parsed.year_hint) == ("575/KH-UBND", 2022)
    assert [w.code for w in result.warnings] == ["year_removed"]


@pytest.mark.parametrize("text", ["Công văn số 12/ ngày 3/3/2024", "Công văn số 12/abc", "số 15-"])
def test_unknown_symbol_shape_gives_a_warning(text: str) -> None:
    # given a "số" followed by something that is not a symbol
    result = extract(text)
    # then no document, one warning naming what was written
    assert result.documents == []
    (warning,) = result.warnings
    assert warning.code == "unknown_symbol"
    assert warning.symbol is None


def test_single_segment_symbol_needs_an_announcement() -> None:
    # given "123/ABC" announced as a công văn, and the same shape in passing
    announced = extract("Công văn số 123/ABC của Sở")
    in_passing = extract("Tổ 123/ABC")
    # then only the announced one is a document (an official dispatch)
    assert [(d.symbol, d.type) for d in announced.documents] == [("123/ABC", "official_dispatch")]
    assert in_passing.documents == []


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("Quy định số 22-QĐ/TW", "regulation"),  # Party QĐ with the word Quy định
        ("Regulation No. 205-QD/TW", "regulation"),
        ("Quyết định số 99-QĐ/TW", "decision"),
        ("theo 99-QĐ/TW", "decision"),  # no word: from the abbreviation
        ("theo 11-QĐi/TW", "regulation"),
        ("Công văn số 4521/UBND-NC", "official_dispatch"),
        ("theo 4521/VP-KGVX", "official_dispatch"),
        ("Luật số 10/2022/QH15", "law"),
        ("Nghị quyết số 202/2025/QH15", "resolution"),
        ("Directive No. 45-CT/TW", "directive"),
        ("Official Letter No. 2931/BNV-TCBC", "official_dispatch"),
        ("Hướng dẫn số 12-HD/VPHU", "guidance"),
        ("Tờ trình số 1542/TTr-SNV", "other"),
        ("Văn bản số 318/BC-UBND", "report"),  # generic word: from the abbreviation
    ],
)
def test_type_from_the_word_else_the_abbreviation(text: str, doc_type: str) -> None:
    # given a citation / then its type comes from the type word, else from the symbol
    (doc,) = extract(text).documents
    assert doc.type == doc_type


def test_list_after_one_type_word_shares_it() -> None:
    # given a plural citation
    result = extract("các Nghị quyết số 18-NQ/TW, 19-NQ/TW và số 35-NQ/TW")
    # then the three are resolutions
    assert [(d.symbol, d.type) for d in result.documents] == [
        ("18-NQ/TW", "resolution"),
        ("19-NQ/TW", "resolution"),
        ("35-NQ/TW", "resolution"),
    ]


def _relations(text: str) -> set[tuple[str | None, str, str]]:
    return {(r.source, r.target, r.kind) for r in extract(text).relations}


def test_this_decision_replaces() -> None:
    # given an article replacing older decisions, by the text itself
    relations = _relations(
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số "
        "1876/QĐ-UBND ngày 25/8/2016 và Quyết định số 03/2020/QĐ-UBND."
    )
    # then the text (source None) replaces both
    assert relations == {
        (None, "1876/QĐ-UBND", "replaces"),
        (None, "03/2020/QĐ-UBND", "replaces"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quy định số 22-QĐ/TW ngày 28/7/2021 (thay thế Quy định số 86-QĐ/TW)",
            ("22-QĐ/TW", "86-QĐ/TW", "replaces"),
        ),
        (
            "Decision No. 24/2024/QD-UBND, replacing Decision No. 49/2019/QD-UBND",
            ("24/2024/QĐ-UBND", "49/2019/QĐ-UBND", "replaces"),
        ),
        (
            "Quyết định số 22/2018/QĐ-TTg (nay đã được thay thế bằng Nghị định số 61/2023/NĐ-CP)",
            ("61/2023/NĐ-CP", "22/2018/QĐ-TTg", "replaces"),
        ),
        (
            "Nghị định số 67/2025/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số "
            "178/2024/NĐ-CP",
            ("67/2025/NĐ-CP", "178/2024/NĐ-CP", "amends"),
        ),
        (
            "Decree No. 67/2025/ND-CP amends and supplements a number of articles of Decree "
            "178/2024/ND-CP",
            ("67/2025/NĐ-CP", "178/2024/NĐ-CP", "amends"),
        ),
        (
            "Kế hoạch số 215/KH-UBND ngày 09/5/2022 về triển khai Chỉ thị 33/CT-TTg",
            ("215/KH-UBND", "33/CT-TTg", "implements"),
        ),
        (
            "Plan No. 3541/KH-UBND dated 30-5-2022 to carry out Directive No. 33/CT-TTg",
            ("3541/KH-UBND", "33/CT-TTg", "implements"),
        ),
        (
            "Nghị định số 31/2019/NĐ-CP hướng dẫn thi hành Luật Tố cáo số 25/2018/QH14",
            ("31/2019/NĐ-CP", "25/2018/QH14", "guides"),
        ),
        (
            "the Law on Citizen Reception No. 42/2013/QH13 and its guiding Decree No. "
            "64/2014/ND-CP",
            ("64/2014/NĐ-CP", "42/2013/QH13", "guides"),
        ),
        (
            "This Circular supersedes Circular No. 17/2015/TT-BNV and annuls Article 3 of "
            "Decision No. 1847/QD-BNV.",
            (None, "1847/QĐ-BNV", "amends"),
        ),
        (
            "Law No. 10/2022/QH15 took effect in 2023. It replaces Ordinance No. "
            "34/2007/PL-UBTVQH11.",
            ("10/2022/QH15", "34/2007/PL-UBTVQH11", "replaces"),
        ),
        (
            "Bãi bỏ Quyết định số 45/QĐ-UBND ngày 02/01/2020.",
            (None, "45/QĐ-UBND", "replaces"),
        ),
        (
            "Thực hiện Chỉ thị số 33/CT-TTg ngày 20/12/2021, UBND xã ban hành kế hoạch.",
            (None, "33/CT-TTg", "implements"),
        ),
    ],
)
def test_relations(text: str, expected: Any) -> None:
    # given a sentence relating documents / then the relation is found
    assert expected in _relations(text)


@pytest.mark.parametrize(
    "text",
    [
        # a new clause: X is not the subject of "triển khai"
        "quán triệt Nghị quyết số 35-NQ/TW ngày 22/10/2018, kết hợp với triển khai Kết luận "
        "số 120-KL/TW",
        # the verb belongs to X's title
        "Chỉ thị số 15/CT-TTg về quyết liệt thực hiện đợt cao điểm phòng, chống dịch và sau "
        "đó là Chỉ thị số 16/CT-TTg",
        # a review of X is not an implementation of X
        "Thực hiện tổng kết Nghị quyết số 18-NQ/TW ngày 25/10/2017",
        # separate items of a preamble
        "Căn cứ Nghị định số 30/2020/NĐ-CP;\nCăn cứ Thông tư số 01/2011/TT-BNV;",
    ],
)
def test_no_relation_where_there_is_none(text: str) -> None:
    assert _relations(text) == set()


def test_own_number_in_the_header_is_not_a_citation() -> None:
    # given a decision whose header carries its own number and date
    result = extract(
        "ỦY BAN NHÂN DÂN TỈNH\nSố: 2786/QĐ-UBND\tHuế, ngày 18 tháng 11 năm 2022\n\n"
        "QUYẾT ĐỊNH\nCăn cứ Chỉ thị số 33/CT-TTg;\nĐiều 2. Quyết định này thay thế "
        "Quyết định số 1876/QĐ-UBND. Quyết định số 2786/QĐ-UBND có hiệu lực từ ngày ký."
    )
    # then its own number and date are kept apart, not among the documents cited
    assert result.own_symbol is not None
    assert result.own_symbol.symbol == "2786/QĐ-UBND"
    assert result.own_date == dt.date(2022, 11, 18)
    assert [d.symbol for d in result.documents] == ["33/CT-TTg", "1876/QĐ-UBND"]
    assert {(r.source, r.target) for r in result.relations} == {(None, "1876/QĐ-UBND")}


def test_title_is_the_subject_after_ve() -> None:
    # given a citation with its subject
    (doc,) = extract(
        "Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường "
        "công tác dân vận; các đơn vị thực hiện."
    ).documents
    # then the subject is the title
    assert doc.title == "tiếp tục tăng cường công tác dân vận"


def test_as_json_is_the_issue_format() -> None:
    # given a text citing one document twice with two dates and replacing another
    result = extract(
        "Quy định số 22-QĐ/TW ngày 28/7/2021 (thay thế Quy định số 86-QĐ/TW). "
        "Quy định 22-QĐ/TW ngày 29/7/2021."
    )
    # when rendered for extract_refs --json
    data = result.as_json()
    # then it has exactly the keys of the issue, dates in ISO
    assert set(data) == {"documents", "relations", "warnings"}
    assert data["documents"][0] == {
        "symbol": "22-QĐ/TW",
        "type": "regulation",
        "issuer": "TW",
        "date": "2021-07-28",
        "dates_seen": ["2021-07-28", "2021-07-29"],
        "mentions": 2,
    }
    assert data["relations"] == [{"from": "22-QĐ/TW", "to": "86-QĐ/TW", "kind": "replaces"}]
    assert [w["code"] for w in data["warnings"]] == ["conflicting_dates"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "số", "No.", "12/"])
def test_empty_or_degenerate_text(text: str) -> None:
    # given nothing useful / then an empty result, no crash
    result = extract(text)
    assert (result.documents, result.relations) == ([], [])


def test_pathological_input_stays_fast_and_finds_the_document() -> None:
    # given a symbol followed by a very long issuer-like phrase (regex backtracking bait)
    text = "Quyết định số 12-QĐ/TW " + "của Ủy ban " * 3000 + "ngày 1/1/2020"
    # then the document is found (the far date is not attached)
    (doc,) = extract(text).documents
    assert (doc.symbol, doc.date) == ("12-QĐ/TW", None)


def test_this_regulation_in_a_report_is_the_regulation_named_before() -> None:
    # given a report (own number BC) quoting "Quy định này thay thế …" about a regulation
    result = extract(
        "Số: 214-BC/BDVTU\n\nBan hướng dẫn thực hiện Quy định số 124-QĐ/TW ngày 10/10/2023; "
        "Quy định này thay thế Quy định số 05-QĐ/TW ngày 02/02/2018."
    )
    # then the named regulation, not the report, replaces the older one
    assert {(r.source, r.target, r.kind) for r in result.relations} == {
        ("124-QĐ/TW", "05-QĐ/TW", "replaces")
    }


def test_this_regulation_with_nothing_named_before_relates_nothing() -> None:
    result = extract("Số: 214-BC/BDVTU\n\nQuy định này thay thế Quy định số 05-QĐ/TW.")
    assert result.relations == []


def test_pronoun_without_an_antecedent_relates_nothing() -> None:
    assert extract("It replaces Decision No. 45/QD-UBND.").relations == []
    far = "Law No. 10/2022/QH15 was passed. " + "Many words follow here. " * 30
    assert extract(far + "It replaces Ordinance No. 34/2007/PL-UBTVQH11.").relations == []


def test_source_too_far_before_the_verb_relates_nothing() -> None:
    text = (
        "Quyết định số 12/QĐ-UBND "
        + "về nhiều nội dung khác nhau " * 8
        + "thay thế Quyết định số 5/QĐ-UBND"
    )
    assert extract(text).relations == []


def test_type_word_of_a_later_mention_wins_over_the_abbreviation() -> None:
    # given a first mention without a type word, then "Quy định số …"
    (doc,) = extract("theo 99-QĐ/TW. Quy định số 99-QĐ/TW ngày 03/10/2017").documents
    # then the type is the word's (regulation), not the abbreviation's (decision)
    assert (doc.type, doc.mentions) == ("regulation", 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 5 tháng 3 năm 2024", dt.date(2024, 3, 5)),
        ("March 5th, 2024", dt.date(2024, 3, 5)),
        ("05/03/2024", dt.date(2024, 3, 5)),
        ("hôm qua", None),
    ],
)
def test_parse_date(text: str, expected: Any) -> None:
    from danvan.directives.refs.dates import parse_date

    assert parse_date(text) == expected


def test_messages_outside_django_are_english(monkeypatch: pytest.MonkeyPatch) -> None:
    # given the engine run without Django settings (a plain script)
    from danvan.directives.refs import messages

    class Unconfigured:
        configured = False

    monkeypatch.setattr(messages, "settings", Unconfigured())
    # then the messages are the English text
    assert messages.msg_unknown_symbol("12/") == (
        "“12/” does not look like a document number and symbol; please check it."
    )


def test_lower_case_symbols_after_so_are_read() -> None:
    # given symbols typed in lower case (e-mails, chat), announced by "số" or listed
    result = extract(
        "Quyết định số 45/qđ-ubnd ngày 5/3/2024; Kế hoạch số 12/kh-ubnd, 13/kh-ubnd; "
        "Nghị định số 59/2023/nđ-cp. Khoản 2/điều 3 không phải văn bản."
    )
    # then they are read in their canonical spelling, and article references are not
    assert [(d.symbol, d.type) for d in result.documents] == [
        ("45/QĐ-UBND", "decision"),
        ("12/KH-UBND", "plan"),
        ("13/KH-UBND", "plan"),
        ("59/2023/NĐ-CP", "decree"),
    ]
    assert result.documents[0].date == dt.date(2024, 3, 5)
    assert result.warnings == []


# --- B4: a title stops before the next citation; joined citations share the relation ---

_PREAMBLE_VI = (
    "Thực hiện Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ về tiếp tục "
    "tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước các cấp trong "
    "tình hình mới và Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về nâng cao chất "
    "lượng, hiệu quả công tác dân vận của cơ quan nhà nước, chính quyền các cấp, Ủy ban nhân "
    "dân tỉnh ban hành Kế hoạch như sau:"
)
_PREAMBLE_EN = (
    "Implementing Directive No. 33/CT-TTg dated December 20, 2021 of the Prime Minister on "
    "continuing to strengthen mass mobilisation in the new situation and Conclusion No. "
    "114-KL/TW dated July 14, 2015 of the Secretariat on improving the quality of mass "
    "mobilisation, the People's Committee issues this Plan."
)


def _titles(text: str) -> dict[str, str]:
    return {d.symbol: d.title for d in extract(text).documents}


def test_title_stops_before_the_next_citation_joined_by_va() -> None:
    # given two documents under one "Thực hiện", joined by "và"
    titles = _titles(_PREAMBLE_VI)
    # then each title is its own subject, up to the next citation or the main clause
    assert titles == {
        "33/CT-TTg": "tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính "
        "nhà nước các cấp trong tình hình mới",
        "114-KL/TW": "nâng cao chất lượng, hiệu quả công tác dân vận của cơ quan nhà nước, "
        "chính quyền các cấp",
    }


def test_title_stops_before_the_next_citation_joined_by_and() -> None:
    titles = _titles(_PREAMBLE_EN)
    assert titles == {
        "33/CT-TTg": "continuing to strengthen mass mobilisation in the new situation",
        "114-KL/TW": "improving the quality of mass mobilisation",
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a comma and a type word with its number
        (
            "Chỉ thị số 33/CT-TTg về công tác dân vận, Quyết định số 1758/QĐ-TTg về kế hoạch",
            "công tác dân vận",
        ),
        # "và" and a type word with a name before "số"
        (
            "Nghị định số 64/2014/NĐ-CP về tiếp công dân và Luật Tiếp công dân số 42/2013/QH13",
            "tiếp công dân",
        ),
        # a following "Căn cứ", on the same line or after a comma
        (
            "Chỉ thị số 33/CT-TTg về công tác dân vận Căn cứ Luật số 10/2022/QH15",
            "công tác dân vận",
        ),
        ("Chỉ thị số 33/CT-TTg về công tác dân vận, căn cứ tình hình thực tế", "công tác dân vận"),
        # a semicolon; a line break before a new citation
        ("Chỉ thị số 33/CT-TTg về công tác dân vận; Kết luận số 114-KL/TW", "công tác dân vận"),
        ("Chỉ thị số 33/CT-TTg về công tác dân vận\nKết luận số 114-KL/TW", "công tác dân vận"),
        # a wrapped line (the next line goes on in lower case) is still the subject
        (
            "Chỉ thị số 33/CT-TTg về tiếp tục tăng cường\ncông tác dân vận.",
            "tiếp tục tăng cường công tác dân vận",
        ),
        # "và" without a citation after it is part of the subject
        (
            "Chỉ thị số 33/CT-TTg về dân vận và Quy chế dân chủ năm 2026.",
            "dân vận và Quy chế dân chủ năm 2026",
        ),
        # the main clause of a preamble, "… như sau"
        (
            "Căn cứ Hướng dẫn số 15/HD-SNV về dân chủ ở cơ sở, Sở Nội vụ hướng dẫn như sau",
            "dân chủ ở cơ sở",
        ),
        # the issuer's name holds "và" (Ban Tuyên giáo và Dân vận)
        (
            "Kế hoạch số 18-KH/BTGDVTU của Ban Tuyên giáo và Dân vận Tỉnh ủy về công tác năm 2026",
            "công tác năm 2026",
        ),
    ],
)
def test_title_stops_where_the_subject_ends(text: str, title: str) -> None:
    assert extract(text).documents[0].title == title


def test_documents_joined_under_one_thuc_hien_are_all_implemented() -> None:
    # given "Thực hiện X … và Y …" (and the English translation)
    # then both are implemented by the text, not only the first
    expected = {(None, "33/CT-TTg", "implements"), (None, "114-KL/TW", "implements")}
    assert _relations(_PREAMBLE_VI) == expected
    assert _relations(_PREAMBLE_EN) == expected


def test_documents_listed_with_commas_under_trien_khai_are_all_implemented() -> None:
    text = (
        "Triển khai Kế hoạch số 18-KH/BTGDVTU ngày 05/01/2026 của Ban Tuyên giáo và Dân vận "
        "Tỉnh ủy về công tác dân vận năm 2026, Hướng dẫn số 09-HD/BTGDVTW ngày 14/10/2025 về "
        'mô hình "Dân vận khéo" và Công văn số 215/UBND-VX của Ủy ban nhân dân tỉnh, UBND xã '
        "xây dựng Kế hoạch."
    )
    assert _relations(text) == {
        (None, "18-KH/BTGDVTU", "implements"),
        (None, "09-HD/BTGDVTW", "implements"),
        (None, "215/UBND-VX", "implements"),
    }


@pytest.mark.parametrize(
    "text",
    [
        # "căn cứ" is a legal basis, not an implementation: neither document is related
        "Căn cứ Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ về công tác dân "
        "vận và Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về dân vận;",
        # a verb inside X's subject does not relate X to the document joined after it
        "Kế hoạch số 18-KH/TU về thực hiện công tác dân vận năm 2026 và Kế hoạch số 20-KH/TU",
        # an issuer holding a verb is a clause, not a list
        "Thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng được quán triệt sâu rộng, Kế hoạch "
        "số 45/KH-UBND đã đề ra",
        # acting in accordance with a document is not implementing it
        "Việc xử lý đơn thực hiện theo Thông tư số 05/2021/TT-TTCP.",
        "Thực hiện dân chủ ở cơ sở theo Luật số 10/2022/QH15.",
    ],
)
def test_no_relation_for_joined_documents_where_there_is_none(text: str) -> None:
    relations = _relations(text)
    assert not {r for r in relations if r[1] != "33/CT-TTg"}, relations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject comes after the object: "… X tại Thông tư Y", "… X in Circular Y"
        (
            "Bộ Nội vụ hướng dẫn thi hành Nghị định số 59/2023/NĐ-CP tại Thông tư số "
            "04/2023/TT-BNV.",
            ("04/2023/TT-BNV", "59/2023/NĐ-CP", "guides"),
        ),
        (
            "The Ministry guided the implementation of Decree 59/2023/ND-CP in Circular No. "
            "04/2023/TT-BNV.",
            ("04/2023/TT-BNV", "59/2023/NĐ-CP", "guides"),
        ),
        # a law cited again by its name alone
        (
            "Căn cứ Luật Tiếp công dân số 42/2013/QH13 và Nghị định số 64/2014/NĐ-CP ngày "
            "26/6/2014 của Chính phủ quy định chi tiết một số điều của Luật Tiếp công dân;",
            ("64/2014/NĐ-CP", "42/2013/QH13", "guides"),
        ),
        (
            "under the Law on Citizen Reception No. 42/2013/QH13 and Decree No. 64/2014/ND-CP "
            "of June 26, 2014 detailing a number of articles of the Law on Citizen Reception.",
            ("64/2014/NĐ-CP", "42/2013/QH13", "guides"),
        ),
        # the title block of a decision promulgating an implementation plan
        (
            "DECISION\nPROMULGATING THE PLAN FOR IMPLEMENTATION OF DIRECTIVE NO. 33/CT-TTG ON "
            "MASS MOBILIZATION",
            (None, "33/CT-TTg", "implements"),
        ),
    ],
)
def test_more_relations(text: str, expected: Any) -> None:
    assert expected in _relations(text)


def test_a_list_continued_with_va_so_shares_the_relation() -> None:
    # given a list going on with "và số" (no type word repeated)
    text = "Quyết định này thay thế Quyết định số 12/QĐ-UBND và số 13/QĐ-UBND."
    # then both are replaced
    assert _relations(text) == {
        (None, "12/QĐ-UBND", "replaces"),
        (None, "13/QĐ-UBND", "replaces"),
    }


def test_a_law_named_again_without_a_relation_verb_relates_nothing() -> None:
    text = (
        "Căn cứ Luật Tiếp công dân số 42/2013/QH13; Căn cứ Nghị định số 64/2014/NĐ-CP. "
        "Luật Tiếp công dân năm 2013 đã được sửa đổi."
    )
    assert _relations(text) == set()
