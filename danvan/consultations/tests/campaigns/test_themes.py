"""Themes of the comments that are not campaign copies."""

import numpy as np

from danvan.consultations.campaigns import group_themes

LAND = [
    "Giá đất bồi thường khi thu hồi đất còn thấp hơn nhiều so với giá thị trường.",
    "Đề nghị tính giá đất bồi thường sát giá thị trường để người dân không thiệt thòi.",
    "Thu hồi đất làm dự án phải bồi thường thỏa đáng, giá đất cần công khai.",
    "Khi thu hồi đất nông nghiệp, giá đất bồi thường cần tính cả công cải tạo ruộng.",
    "Tôi đề nghị hội đồng định giá đất có đại diện người dân bị thu hồi đất.",
    "Giá đất bồi thường ở xã tôi chỉ bằng một phần ba giá mua bán thực tế.",
    "Cần quy định thời hạn chi trả tiền bồi thường sau khi có quyết định thu hồi đất.",
    "Việc thu hồi đất phải đi kèm tái định cư, giá đất bồi thường phải hợp lý.",
]
SCHOOL = [
    "Học phí trung học phổ thông nên được miễn cho học sinh vùng sâu vùng xa.",
    "Miễn học phí cho học sinh trung học phổ thông sẽ giúp các em không bỏ học.",
    "Đề nghị miễn học phí và hỗ trợ tiền ăn trưa cho học sinh bán trú.",
    "Nhiều học sinh ở bản tôi nghỉ học vì học phí và chi phí đi lại quá cao.",
    "Cần tăng phụ cấp cho giáo viên vùng khó khăn để các em học sinh có thầy giỏi.",
    "Học phí ở trường công lập nên thống nhất một mức, miễn cho học sinh nghèo.",
    "Tôi ủng hộ miễn học phí, nhưng cần bảo đảm kinh phí cho nhà trường hoạt động.",
    "Học sinh dân tộc thiểu số cần được miễn học phí và cấp sách giáo khoa.",
]


def test_two_subjects_give_two_themes_with_readable_keywords() -> None:
    # Given comments on two clearly different subjects
    texts = LAND + SCHOOL
    # When grouped
    themes = group_themes(texts, max_themes=4)
    # Then they form themes along the subjects, labelled with diacritics
    assert len(themes) >= 2
    land = set(range(len(LAND)))
    for theme in themes:
        members = set(theme.members.tolist())
        assert members <= land or not members & land
    keywords = [word for theme in themes for word in theme.keywords]
    assert "giá đất" in keywords or "thu hồi" in keywords
    assert "học phí" in keywords
    assert sum(theme.count for theme in themes) == len(texts)
    for theme in themes:
        assert theme.examples[0] in theme.members.tolist()
        assert len(theme.examples) == 3


def test_themes_are_deterministic_and_largest_first() -> None:
    texts = LAND + SCHOOL + SCHOOL[:4]
    first, second = group_themes(texts), group_themes(texts)
    assert [t.keywords for t in first] == [t.keywords for t in second]
    assert [t.count for t in first] == sorted((t.count for t in first), reverse=True)
    assert all(np.array_equal(a.members, b.members) for a, b in zip(first, second, strict=True))


def test_too_few_or_unrelated_comments_give_no_themes() -> None:
    # Given fewer comments than the minimum, or comments that share no bigram
    assert group_themes(LAND[:5]) == ()
    unrelated = [f"từ{i} khác{i} nhau{i} hoàn{i} toàn{i}" for i in range(20)]
    assert group_themes(unrelated) == ()
    assert group_themes(["a b", "a b", "c d", "c d"] * 4) == ()


def test_identical_comments_give_no_themes() -> None:
    # Given the same comment ten times (copies are the campaign groups' business)
    assert group_themes(["Giá đất bồi thường khi thu hồi đất còn quá thấp."] * 10) == ()


def test_many_comments_are_clustered_on_mini_batches() -> None:
    # Given more comments than the mini-batch threshold (two subjects, with numbered variety)
    texts = [f"{LAND[i % 8]} Ý kiến số {i} của người dân xã {i % 97}." for i in range(400)]
    texts += [f"{SCHOOL[i % 8]} Ý kiến số {i} của phụ huynh bản {i % 89}." for i in range(400)]
    themes = group_themes(texts, max_themes=3, minibatch_from=500)
    # Then every comment is in a theme and the subjects are not mixed
    assert sum(theme.count for theme in themes) == len(texts)
    for theme in themes:
        members = theme.members
        assert (members < 400).all() or (members >= 400).all()
