"""Redacting the handlers' copy: every spelling of the denouncer's data becomes "[đã che]"."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.petitions.services.sealed import REDACTED, DenouncerIdentity, denouncer_text_redact
from danvan.petitions.tests.sealed.leaks import (
    LEAK_CONTENT,
    LEAK_IDENTITY,
    LEAK_SUBJECT,
    assert_no_identity_leak,
)


def redact(text: str, identity: DenouncerIdentity = LEAK_IDENTITY) -> str:
    return denouncer_text_redact(text, identity=identity)


@pytest.mark.parametrize(
    "written",
    [
        "Nguyễn Thị Tố Giác",
        "nguyễn thị tố giác",
        "NGUYỄN THỊ TỐ GIÁC",
        "Nguyen Thi To Giac",
        "nguyen  thi\nto giac",
        unicodedata.normalize("NFD", "Nguyễn Thị Tố Giác"),
    ],
)
def test_name_is_redacted_whatever_the_diacritics(written: str) -> None:
    # given the name written with or without marks, in any case, even decomposed (NFD)
    text = f"Người viết: {written}. Xin cảm ơn."
    # when redacted
    result = redact(text)
    # then the name is gone and the rest of the sentence stays
    assert result == f"Người viết: {REDACTED}. Xin cảm ơn."


def test_d_with_stroke_is_folded() -> None:
    # given a name with đ/Đ written by someone who typed a plain d
    identity = DenouncerIdentity(name="Đỗ Văn Đức", address="Thôn Đoài")
    # then "Do Van Duc" and "ĐỖ VĂN ĐỨC" are both found
    assert redact("Do Van Duc và ĐỖ VĂN ĐỨC", identity) == f"{REDACTED} và {REDACTED}"


def test_the_word_to_giac_itself_is_not_redacted() -> None:
    # given a name that contains the words "Tố Giác" (to denounce)
    text = "Tôi tố giác hành vi sai phạm; việc tố giác là quyền của công dân."
    # then only the full name is redacted, never the ordinary words
    assert redact(text) == text


@pytest.mark.parametrize(
    "written",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
    ],
)
def test_phone_is_redacted_in_any_format(written: str) -> None:
    assert redact(f"Gọi {written} nhé") == f"Gọi {REDACTED} nhé"


@pytest.mark.parametrize("written", ["001203004567", "001 203 004 567", "001.203.004.567"])
def test_id_number_is_redacted_with_separators(written: str) -> None:
    assert redact(f"CCCD {written}.") == f"CCCD {REDACTED}."


def test_email_and_its_local_part_are_redacted_case_insensitively() -> None:
    text = "Thư: TO.GIAC@Example.com; Zalo: to.giac"
    assert redact(text) == f"Thư: {REDACTED}; Zalo: {REDACTED}"


def test_address_and_its_specific_leading_parts_are_redacted() -> None:
    # given the full address, its first two parts, and the numbered first part alone
    text = (
        "Ở Số 17 ngõ 254, thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên. "
        "Nhà số 17 ngo 254, thon Dong Tao. Hẻm: so 17 ngo 254."
    )
    result = redact(text)
    # then each is redacted, but the commune's name alone elsewhere stays
    assert result == f"Ở {REDACTED}. Nhà {REDACTED}. Hẻm: {REDACTED}."
    assert redact("Xã Khoái Châu có 12 thôn.") == "Xã Khoái Châu có 12 thôn."


def test_co_denouncers_are_redacted() -> None:
    identity = DenouncerIdentity(
        name="Nguyễn Thị Tố Giác", address="Thôn 3", co_denouncers=("Phạm Văn Bình", " ")
    )
    assert redact("Cùng ký: Phạm Văn Bình.", identity) == f"Cùng ký: {REDACTED}."


def test_any_email_phone_or_id_number_is_redacted_even_if_not_the_denouncers() -> None:
    # given contact data of someone else (a relative, another witness)
    text = "Vợ tôi: 0987654321, chị@gia.vn, CCCD 079123456789; CMND 123456789."
    # then it is redacted too (the original stays in the vault for the custodian)
    result = redact(text, DenouncerIdentity(name="Lê Văn A", address="Thôn 1"))
    assert result == f"Vợ tôi: {REDACTED}, {REDACTED}, CCCD {REDACTED}; CMND {REDACTED}."


def test_short_or_empty_identity_parts_do_not_redact_everything() -> None:
    # given an identity with one-letter or missing parts
    identity = DenouncerIdentity(name="A", address="", id_number="12", phone="09", email="x")
    text = "Anh A ở thôn 12 gọi số 09."
    # then nothing is redacted
    assert redact(text, identity) == text


def test_adjacent_matches_merge_into_one_mark() -> None:
    assert redact("Nguyễn Thị Tố Giác 0912345678") == f"{REDACTED} {REDACTED}"
    assert redact("to.giac@example.com0912345678") == REDACTED


def test_the_leak_letter_is_clean_after_redaction() -> None:
    # given the standard leak-test letter, then nothing of the identity survives redaction
    assert_no_identity_leak(redact(LEAK_SUBJECT), where="subject")
    result = redact(LEAK_CONTENT)
    assert_no_identity_leak(result, where="content")
    # and what the handler needs (the person denounced, the facts) is still there
    assert "Lê Văn Hưởng" in result
    assert "thửa số 118" in result


@given(
    prefix=st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    suffix=st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    spelling=st.sampled_from(
        ["Nguyễn Thị Tố Giác", "nguyen thi to giac", "NGUYỄN THỊ TỐ GIÁC", "Nguyen Thi To Giac"]
    ),
)
def test_name_never_survives_whatever_surrounds_it(prefix: str, suffix: str, spelling: str) -> None:
    # given the name between arbitrary text (separated by spaces)
    result = redact(f"{prefix} {spelling} {suffix}")
    # then the folded result never contains the name
    assert "nguyen thi to giac" not in " ".join(
        "".join(
            c
            for c in unicodedata.normalize("NFD", result.replace("đ", "d").replace("Đ", "D"))
            if not unicodedata.combining(c)
        )
        .casefold()
        .split()
    )
