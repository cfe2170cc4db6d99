"""parse_symbol / fold_key: the three shapes of DOMAIN.md §7.3 and their normalisation."""

import pytest

from danvan.directives.refs import fold_key, parse_symbol


@pytest.mark.parametrize(
    ("text", "symbol", "kind", "doc_type", "issuer", "abbreviation"),
    [
        ("Số: 114-KL/TW", "114-KL/TW", "party", "conclusion", "TW", "KL"),
        ("11-QDi/TW", "11-QĐi/TW", "party", "regulation", "TW", "QĐi"),
        ("No. 33/CT-TTg", "33/CT-TTg", "state_admin", "directive", "TTg", "CT"),
        ("59/2023/ND-CP", "59/2023/NĐ-CP", "state_legal", "decree", "CP", "NĐ"),
        ("10/2022/QH15", "10/2022/QH15", "state_legal", "law", "QH15", ""),
        ("34/2007/PL-UBTVQH11", "34/2007/PL-UBTVQH11", "state_legal", "other", "UBTVQH11", "PL"),
        ("25/2025/NQ-HDND", "25/2025/NQ-HĐND", "state_legal", "resolution", "HĐND", "NQ"),
        ("2931/BNV-TCBC", "2931/BNV-TCBC", "official_dispatch", "official_dispatch", "BNV", ""),
        ("8745/VPCP-V.I", "8745/VPCP-V.I", "official_dispatch", "official_dispatch", "VPCP", ""),
        ("5 / KH – UBND", "05/KH-UBND", "state_admin", "plan", "UBND", "KH"),
        ("12-HD/BDVTW", "12-HD/BDVTW", "party", "guidance", "BDVTW", "HD"),
        ("45/HĐ-UBND", "45/HĐ-UBND", "state_admin", "other", "UBND", "HĐ"),
        ("1099/CD-TTg", "1099/CĐ-TTg", "state_admin", "official_dispatch", "TTg", "CĐ"),
        ("04-NQ/DU", "04-NQ/ĐU", "party", "resolution", "ĐU", "NQ"),
        ("QĐ 290/TW", "290-QĐ/TW", "party", "decision", "TW", "QĐ"),
    ],
)
def test_parse_symbol_canonicalises(
    text: str, symbol: str, kind: str, doc_type: str, issuer: str, abbreviation: str
) -> None:
    # given a symbol as people type it / when parsed
    parsed = parse_symbol(text)
    # then it has its canonical spelling (Đ restored, leading zero) and its parts
    assert parsed is not None
    assert (parsed.symbol, parsed.kind, parsed.doc_type) == (symbol, kind, doc_type)
    assert (parsed.issuer, parsed.type_abbreviation) == (issuer, abbreviation)
    assert parsed.family == ("party" if kind == "party" else "state")


def test_year_typed_into_an_administrative_symbol_becomes_a_hint() -> None:
    # given administrative documents written with a year
    plan = parse_symbol("575/2022/KH-UBND")
    decision = parse_symbol("1208/2023/QĐ-UBND")
    # then the year is removed from the symbol and kept as a hint
    assert plan is not None
    assert decision is not None
    assert (plan.symbol, plan.year, plan.year_hint) == ("575/KH-UBND", None, 2022)
    assert (decision.symbol, decision.kind, decision.year_hint) == (
        "1208/QĐ-UBND",
        "state_admin",
        2023,
    )


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("15/2024/QĐ-UBND", "15/2024/QĐ-UBND"),  # a legal normative decision: small number
        ("22/2018/QĐ-TTg", "22/2018/QĐ-TTg"),
        ("19/2008/CT-TTg", "19/2008/CT-TTg"),  # directives were legal documents until 2015
        ("05/2021/TT-TTCP", "05/2021/TT-TTCP"),
    ],
)
def test_legal_normative_documents_keep_their_year(text: str, symbol: str) -> None:
    # given legal normative symbols / when parsed
    parsed = parse_symbol(text)
    # then the year stays in the symbol
    assert parsed is not None
    assert parsed.symbol == symbol
    assert parsed.kind == "state_legal"
    assert parsed.year_hint is None


def test_directive_with_a_recent_year_loses_it() -> None:
    # given a directive numbered with a year after the 2015 Law on Promulgation
    parsed = parse_symbol("12/2023/CT-UBND")
    # then it is read as an administrative directive
    assert parsed is not None
    assert (parsed.symbol, parsed.year_hint) == ("12/CT-UBND", 2023)


@pytest.mark.parametrize("text", ["12/", "x", "", "Điều 5", "14/8/2023", "khoản 2"])
def test_parse_symbol_rejects_what_is_not_a_symbol(text: str) -> None:
    # given something that is not a number and symbol / then nothing is parsed
    assert parse_symbol(text) is None


def test_fold_key_matches_spellings_of_one_document() -> None:
    # given the same symbols written the ways texts write them
    # then they fold to one key (Đ→D, upper case, canonical)
    assert fold_key("114-KL/TW") == fold_key("Số: 114 – KL / TW") == "114-KL/TW"
    assert fold_key("59/2023/NĐ-CP") == fold_key("59/2023/ND-CP") == "59/2023/ND-CP"
    assert fold_key("11-QĐi/TW") == fold_key("11-QDI/TW") == "11-QDI/TW"
    assert fold_key("5/2021/TT-TTCP") == "05/2021/TT-TTCP"
    assert fold_key("33/CT-TTg") == "33/CT-TTG"
    # and anything else is folded as written
    assert fold_key("Số: ab đ 12") == "ABD12"
