"""Normalisation of comments: diacritics, đ, Unicode forms, slots, references, sentences."""

import unicodedata

import pytest

from danvan.consultations.campaigns.text import fold, folded_key, folded_keys, has_diacritics

TEMPLATE = (
    "Tôi là Nguyễn Văn An, sinh năm 1975, trú tại thôn 3, xã Hòa Bình, tỉnh Đắk Lắk. "
    "Tôi đề nghị giữ nguyên quy định về thời hạn sử dụng đất nông nghiệp là 50 năm. "
    "Việc rút ngắn thời hạn sẽ gây thiệt thòi cho nông dân."
)


def test_d_with_stroke_folds_to_d() -> None:
    # Given "đ" and "Đ", which Unicode decomposition leaves alone
    # When folded
    # Then both become "d": "đất đai" and "dat dai" are one text
    assert fold("Đất đai") == "Dat dai"
    assert folded_key("Đề nghị sửa đất đai ngay") == folded_key("De nghi sua dat dai ngay")


def test_decomposed_and_composed_input_give_the_same_key() -> None:
    # Given the same comment typed in NFC and in NFD, and with the other tone placement
    composed = "Tôi hoàn toàn đồng ý với dự thảo, nhất là phần hòa giải."
    decomposed = unicodedata.normalize("NFD", composed)
    # When keyed
    # Then the keys are equal
    assert folded_key(decomposed) == folded_key(composed)
    assert folded_key(composed.replace("hòa", "hoà")) == folded_key(composed)


def test_case_spacing_and_punctuation_do_not_matter() -> None:
    # Given copies that differ in capitals (outside names), spaces and punctuation
    a = "Tôi đồng ý với dự thảo. Cần làm rõ trách nhiệm!"
    b = "tôi  đồng ý với dự thảo...   cần làm rõ trách nhiệm"
    # When keyed
    # Then they are one text, with the sentence break kept as a mark
    assert folded_key(a) == folded_key(b) == b"toi dong y voi du thao | can lam ro trach nhiem"


def test_mail_merge_slots_are_removed() -> None:
    # Given the same template filled in by two senders
    other = (
        TEMPLATE.replace("Nguyễn Văn An", "Trần Thị Bích Ngọc")
        .replace("1975", "1990")
        .replace("thôn 3", "thôn 12")
        .replace("Hòa Bình", "Yên Phong")
        .replace("Đắk Lắk", "Bắc Ninh")
    )
    # When keyed
    # Then names, places and numbers are slots and the keys are equal
    assert folded_key(TEMPLATE) == folded_key(other)
    assert folded_key(TEMPLATE).startswith(b"toi la 0 sinh nam 0 tru tai thon 0 xa 0 tinh 0 |")


def test_phones_ids_dates_and_addresses_are_slots() -> None:
    # Given contact details of different shapes
    a = "Liên hệ tôi qua 0912 345 678 hoặc an.nguyen@gmail.com, ngày 05/03/2025 nhé bà con."
    b = "Liên hệ tôi qua +84 988 111 222 hoặc tran.binh@yahoo.com.vn, ngày 7/11/2025 nhé bà con."
    # When keyed
    # Then they are the same text
    assert folded_key(a) == folded_key(b)


def test_references_to_the_draft_are_content_not_slots() -> None:
    # Given two comments about different articles
    # When keyed
    # Then the article numbers are kept, so they are different texts
    a = folded_key("Tôi đồng ý với khoản 2 Điều 15 của dự thảo này.")
    b = folded_key("Tôi đồng ý với khoản 2 Điều 16 của dự thảo này.")
    assert a == b"toi dong y voi khoan 2 dieu 15 cua du thao nay"
    assert a != b


def test_first_word_of_a_sentence_is_not_a_name() -> None:
    # Given capitalised words at the start of sentences and of lines
    key = folded_key("Kính gửi: Quốc hội\nTôi đề nghị bỏ quy định này. Việc đó là cần thiết.")
    # Then only the capitalised words inside a sentence are slots
    assert key == b"kinh gui 0 hoi | toi de nghi bo quy dinh nay | viec do la can thiet"


def test_shouting_is_lower_cased_not_slotted() -> None:
    # Given two different comments written in capitals
    a = folded_key("TÔI PHẢN ĐỐI QUY ĐỊNH THU HỒI ĐẤT NÀY")
    b = folded_key("TÔI PHẢN ĐỐI QUY ĐỊNH TĂNG THUẾ NÀY")
    # Then their words are kept, so they stay different
    assert a == b"toi phan doi quy dinh thu hoi dat nay"
    assert a != b


def test_comments_that_would_be_mostly_slots_keep_their_words() -> None:
    # Given a bare name, a bare phone number and a Title Case comment
    # Then no two of them collapse into one slotted key
    assert folded_key("Nguyễn Văn A") == b"nguyen van a"
    assert folded_key("Nguyễn Văn B") != folded_key("Nguyễn Văn A")
    assert folded_key("0912345678") == b"0912345678"
    assert folded_key("Tôi Đề Nghị Giữ Nguyên Điều Này. Rất Quan Trọng.") == (
        b"toi de nghi giu nguyen dieu nay | rat quan trong"
    )


def test_other_scripts_and_empty_comments() -> None:
    # Given comments with nothing to fold
    # Then a comment in another script keeps its own words, an empty one is empty
    assert folded_key("同意 草案") == "同意 草案".encode()
    assert folded_key("   ") == b""
    assert folded_key("!!!") == b"!!!"


def test_emoji_and_zero_width_characters() -> None:
    # Given the same comment with an emoji and with a zero-width joiner inside a word
    a = folded_key("Tôi rất ủng hộ dự thảo 👍 này")
    b = folded_key("Tôi rất ủng h\u200bộ dự thảo này")
    # Then the emoji separates words and the zero-width character is dropped
    assert a == b == b"toi rat ung ho du thao nay"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tôi đồng ý", True),
        ("Toi dong y", False),
        ("dat dai", False),
        ("đat dai", True),
        ("“Quoted” — text…", False),
        ("", False),
    ],
)
def test_has_diacritics(text: str, expected: bool) -> None:
    # Then a text counts as typed with diacritics only if a letter carries a mark or is đ
    assert has_diacritics(text) is expected


def test_batches_give_the_same_keys_as_single_comments() -> None:
    # Given many comments keyed together and one by one
    texts = [TEMPLATE, "", "Tôi đồng ý.", "TÔI ĐỒNG Ý", "Nguyễn Văn A", "a\x1eb c d"] * 3
    keys, flags = folded_keys(texts)
    # Then the batch agrees with the single calls
    assert keys == [folded_key(text) for text in texts]
    assert flags.tolist() == [has_diacritics(text) for text in texts]
    empty_keys, empty_flags = folded_keys([])
    assert empty_keys == []
    assert empty_flags.size == 0
