"""Campaign detection on small planted sets: each kind of copy is found, nothing else merged."""

import numpy as np
import pytest

from danvan.consultations.campaigns import detect_campaigns, template
from danvan.consultations.campaigns.minhash import LshParams
from danvan.consultations.campaigns.synthetic import generate
from danvan.consultations.campaigns.text import fold

CAMPAIGN = [
    "Tôi đề nghị giữ nguyên thời hạn giao đất nông nghiệp là năm mươi năm như luật hiện hành.",
    "Việc rút ngắn thời hạn sẽ làm nông dân không yên tâm đầu tư lâu dài vào đồng ruộng.",
    "Nhà nước cần có chính sách hỗ trợ giống và vốn cho các hộ trồng lúa ở vùng khó khăn.",
    "Đề nghị Ban soạn thảo lắng nghe ý kiến của bà con nông dân trước khi quyết định.",
]
OTHER_CAMPAIGN = [
    "Chúng tôi kiến nghị miễn học phí cho học sinh trung học phổ thông ở vùng sâu vùng xa.",
    "Nhiều gia đình ở bản tôi phải cho con nghỉ học sớm vì không đủ tiền đóng các khoản.",
    "Cần tăng phụ cấp cho giáo viên cắm bản để giữ chân thầy cô giỏi ở lại với học trò.",
]
UNRELATED = [
    "Quy định về phí sử dụng đường bộ hiện nay còn chồng chéo, đề nghị gộp vào giá xăng dầu.",
    "Tôi lo ngại việc sáp nhập trạm y tế xã sẽ làm người cao tuổi phải đi xa hơn khi ốm đau.",
    "Đề nghị công khai danh sách hộ nghèo tại nhà văn hóa thôn để bà con cùng giám sát.",
    "Cần quy định rõ thời hạn trả lời kiến nghị của cử tri, tránh tình trạng để quá lâu.",
    "Tôi ủng hộ việc cho phép nộp hồ sơ trực tuyến đối với các thủ tục về hộ tịch.",
    "Nên có chế tài đối với chủ đầu tư chậm bàn giao nhà ở xã hội cho công nhân.",
]


def text(sentences: list[str]) -> str:
    return " ".join(sentences)


def grouped_together(texts: list[str], **kwargs: object) -> tuple[np.ndarray, list[int]]:
    detection = detect_campaigns(texts, **kwargs)  # type: ignore[arg-type]
    return detection.labels, [group.count for group in detection.groups]


def test_exact_copies_form_one_group_and_unrelated_comments_stay_alone() -> None:
    # Given ten identical copies among unrelated comments
    texts = [text(CAMPAIGN)] * 10 + UNRELATED
    # When detected
    detection = detect_campaigns(texts)
    # Then the copies are one group of ten, each unrelated comment stands alone
    assert [group.count for group in detection.groups] == [10]
    assert set(detection.labels[:10].tolist()) == {0}
    assert detection.labels[10:].tolist() == [-1] * len(UNRELATED)
    group = detection.groups[0]
    assert group.members.tolist() == list(range(10))
    assert group.text == text(CAMPAIGN)
    assert [(v.count, v.diacritics) for v in group.variants] == [(10, True)]


def test_copies_without_diacritics_are_matched_and_shown_as_their_own_variant() -> None:
    # Given copies typed with and without diacritics (đ included)
    with_marks = text(CAMPAIGN)
    without = fold(with_marks)
    assert "đ" not in without
    texts = [with_marks] * 6 + [without] * 4 + UNRELATED
    # When detected
    detection = detect_campaigns(texts)
    # Then they are one group with two variants, the most sent first
    (group,) = detection.groups
    assert group.count == 10
    assert [(v.count, v.diacritics) for v in group.variants] == [(6, True), (4, False)]
    assert group.variants[1].text == without
    assert group.text == with_marks


def test_reordered_sentences_are_matched() -> None:
    # Given copies whose sentences come in other orders
    orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]
    texts = [text([CAMPAIGN[i] for i in order]) for order in orders] + UNRELATED
    # When detected
    labels, sizes = grouped_together(texts)
    # Then they are one group
    assert sizes == [4]
    assert set(labels[:4].tolist()) == {0}


def test_edited_copies_are_matched() -> None:
    # Given copies with a word changed, a word dropped, a greeting and a sentence added
    original = text(CAMPAIGN)
    edited = [
        original.replace("Tôi đề nghị", "Tôi kiến nghị"),
        original.replace("lâu dài ", ""),
        "Kính gửi Ban soạn thảo. " + original,
        original + " Ở xã tôi nhiều hộ đã bỏ ruộng đi làm công nhân.",
        original.replace("đồng ruộng", "ruộng đồng").replace("giống", "giống cây"),
    ]
    texts = [original] * 3 + edited + UNRELATED
    # When detected
    labels, sizes = grouped_together(texts)
    # Then every edited copy joins the original's group
    assert sizes == [8]
    assert set(labels[:8].tolist()) == {0}


def test_mail_merge_copies_are_one_variant_shown_as_their_template() -> None:
    # Given a template each sender filled with their own name, year, hamlet and phone
    people = [
        ("Nguyễn Văn An", "1975", "3", "0912345678"),
        ("Trần Thị Bích Ngọc", "1990", "12", "0987654321"),
        ("Lê Hoàng", "1962", "7", "0905111222"),
        ("Phạm Thu Hà", "1988", "1", "0934555666"),
    ]
    texts = [
        f"Tôi là {name}, sinh năm {year}, trú tại thôn {hamlet}, xã Hòa Bình. "
        + text(CAMPAIGN)
        + f" Số điện thoại: {phone}."
        for name, year, hamlet, phone in people
    ] + UNRELATED
    # When detected
    detection = detect_campaigns(texts)
    # Then they are one group, one variant, shown with the slots as "…"
    (group,) = detection.groups
    assert group.count == 4
    (variant,) = group.variants
    assert variant.count == 4
    assert variant.text.startswith("Tôi là …, sinh năm …, trú tại thôn …, xã Hòa Bình. Tôi đề nghị")
    assert variant.text.endswith("Số điện thoại: ….")
    assert "Nguyễn" not in group.text


def test_two_campaigns_and_a_comment_between_them_are_not_merged() -> None:
    # Given two campaigns, and one comment made of half of each
    first, second = text(CAMPAIGN), text(OTHER_CAMPAIGN)
    bridge = text(CAMPAIGN[:2] + OTHER_CAMPAIGN[:2])
    texts = [first] * 5 + [second] * 5 + [bridge] + UNRELATED
    # When detected with a low threshold, so the bridge is similar to both
    labels, sizes = grouped_together(texts, params=LshParams(threshold=0.3))
    # Then the campaigns stay apart; the bridge joins (at most) one of them
    assert len(set(labels[:5].tolist())) == 1
    assert len(set(labels[5:10].tolist())) == 1
    assert labels[0] != labels[5]
    assert sorted(sizes) in ([5, 6], [5, 5])


def test_min_size_leaves_small_groups_alone() -> None:
    # Given a pair of copies and a group of three
    texts = [text(CAMPAIGN)] * 2 + [text(OTHER_CAMPAIGN)] * 3 + UNRELATED
    # When only groups of three or more count
    labels, sizes = grouped_together(texts, min_size=3)
    # Then the pair stands alone
    assert sizes == [3]
    assert labels[:2].tolist() == [-1, -1]


def test_representative_is_the_most_sent_text_and_counts_add_up() -> None:
    # Given a campaign sent mostly in one edited form
    original = text(CAMPAIGN)
    edited = original.replace("Tôi đề nghị", "Chúng tôi đề nghị")
    texts = [original] * 2 + [edited] * 5 + [fold(edited)] * 3 + UNRELATED
    # When detected
    (group,) = detect_campaigns(texts).groups
    # Then the representative is the most sent variant, and the variants add up to the count
    assert group.text == edited
    assert group.representative == 2
    assert sum(variant.count for variant in group.variants) == group.count == 10
    assert [variant.count for variant in group.variants] == [5, 3, 2]


def test_groups_are_ordered_largest_first_and_labels_index_them() -> None:
    # Given two campaigns of different sizes
    texts = [text(OTHER_CAMPAIGN)] * 3 + [text(CAMPAIGN)] * 7
    # When detected
    detection = detect_campaigns(texts)
    # Then the larger comes first and each label points at its group
    assert [group.count for group in detection.groups] == [7, 3]
    for index, label in enumerate(detection.labels.tolist()):
        assert index in detection.groups[label].members.tolist()


def test_empty_and_degenerate_input() -> None:
    # Given no comments, or only empty ones
    assert detect_campaigns([]).groups == ()
    assert detect_campaigns([]).labels.size == 0
    detection = detect_campaigns(["", "", "   ", "x"])
    # Then empty comments are exact duplicates of one another, nothing else happens
    assert [group.count for group in detection.groups] == [3]
    assert detection.labels.tolist() == [0, 0, 0, -1]


def test_short_comments_need_to_be_identical() -> None:
    # Given short comments that share words but say different things
    texts = [
        "Tôi đồng ý.",
        "Tôi không đồng ý.",
        "Đồng ý",
        "dong y",
        "Tôi đồng ý",
        "Không đồng ý với Điều 5",
        "Đồng ý với Điều 5",
    ]
    # When detected
    detection = detect_campaigns(texts)
    # Then only the identical ones (after folding) are grouped
    assert sorted(group.members.tolist() for group in detection.groups) == [[0, 4], [2, 3]]


def test_detection_is_deterministic_and_times_its_steps() -> None:
    # Given a synthetic corpus
    corpus = generate(1500, seed=7)
    # When detected twice
    first = detect_campaigns(corpus.texts)
    second = detect_campaigns(corpus.texts)
    # Then the results are identical
    assert np.array_equal(first.labels, second.labels)
    assert [g.text for g in first.groups] == [g.text for g in second.groups]
    assert set(first.timings) == {"exact", "normalise", "minhash", "lsh", "verify", "groups"}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            ["Tôi là An, 30 tuổi. Đồng ý.", "Tôi là Bình, 41 tuổi. Đồng ý."],
            "Tôi là …, … tuổi. Đồng ý.",
        ),
        (["Đồng ý!", "đồng ý."], "Đồng ý!"),
        (["Nguyễn An: đồng ý.", "Trần Bình: đồng ý."], "…: đồng ý."),
        (["Đồng ý. Nguyễn An", "Đồng ý."], "Đồng ý. …"),
    ],
)
def test_template_shows_what_the_senders_share(texts: list[str], expected: str) -> None:
    assert template(texts) == expected
