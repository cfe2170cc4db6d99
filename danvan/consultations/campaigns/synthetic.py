"""Synthetic Vietnamese comments on a draft, with planted campaigns (tests and benchmark).

Organic comments are built from a grammar of opinion sentences about draft provisions
(stance, proposal, reason, local experience, concern), each slot filled from word lists, so
that two organic comments share little beyond the language itself. A campaign is a text
built the same way (campaigns do not stand out by vocabulary) and sent by many people, each
copy transformed the way real copies are: pasted unchanged, typed without diacritics,
sentences reordered, edited (a word changed, added or dropped, a greeting or a sentence of
one's own added, a typo), or a mail-merge template filled with the sender's own name,
address, year of birth, phone or ID number — and combinations of these.

Every comment carries its planted truth: the campaign it belongs to (``-1`` for organic),
the article it is about, and how it was transformed.
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from danvan.consultations.campaigns.text import fold

__all__ = ["TRANSFORMS", "Corpus", "generate"]

TRANSFORMS = ("exact", "no_diacritics", "reordered", "edited", "combined")
SMALLEST = 10
"""The fewest copies a planted campaign has (a campaign is many people sending one text)."""

_STANCES = (
    "Tôi đồng ý với",
    "Tôi cơ bản nhất trí với",
    "Tôi chưa đồng ý với",
    "Tôi không đồng tình với",
    "Gia đình tôi ủng hộ",
    "Tôi hoan nghênh",
    "Tôi còn băn khoăn về",
    "Tôi đề nghị giữ nguyên",
    "Tôi đề nghị cân nhắc lại",
    "Tôi thấy cần sửa",
)
_SUBJECTS = (
    "Ban soạn thảo",
    "cơ quan chủ trì soạn thảo",
    "Quốc hội",
    "Chính phủ",
    "Bộ Tài chính",
    "Bộ Tài nguyên và Môi trường",
    "Ủy ban nhân dân cấp xã",
    "Hội đồng nhân dân cấp tỉnh",
    "chính quyền địa phương",
    "các bộ, ngành liên quan",
    "Mặt trận Tổ quốc Việt Nam",
    "cơ quan thẩm định",
)
_TOPICS = (
    "thời hạn giao đất nông nghiệp",
    "giá đất tính tiền bồi thường",
    "thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    "việc thu hồi đất để thực hiện dự án",
    "hạn mức nhận chuyển nhượng đất trồng lúa",
    "mức thuế thu nhập cá nhân",
    "mức giảm trừ gia cảnh",
    "thuế giá trị gia tăng đối với hàng nông sản",
    "học phí ở bậc trung học phổ thông",
    "chế độ đối với giáo viên mầm non",
    "việc sáp nhập các trường học ở vùng sâu",
    "bảo hiểm y tế cho người cao tuổi",
    "thuốc và vật tư y tế ở trạm y tế xã",
    "khám chữa bệnh thông tuyến",
    "tuổi nghỉ hưu",
    "điều kiện hưởng lương hưu",
    "bảo hiểm xã hội tự nguyện",
    "việc sắp xếp đơn vị hành chính cấp xã",
    "mô hình chính quyền địa phương hai cấp",
    "số lượng cán bộ, công chức cấp xã",
    "quyền tiếp cận thông tin của công dân",
    "trách nhiệm giải trình của người đứng đầu",
    "việc lấy ý kiến nhân dân",
    "bảo vệ môi trường làng nghề",
    "xử lý rác thải sinh hoạt ở nông thôn",
    "an toàn giao thông trên quốc lộ",
    "phí sử dụng đường bộ",
    "quản lý nhà chung cư cũ",
    "nhà ở xã hội cho công nhân",
    "quyền lợi của người lao động tự do",
    "chính sách đối với đồng bào dân tộc thiểu số",
    "hỗ trợ hộ nghèo và cận nghèo",
    "phòng, chống tham nhũng, tiêu cực",
    "thủ tục hành chính trên môi trường điện tử",
    "việc đặt tên đơn vị hành chính mới",
)
_AFFECTED = (
    "người dân",
    "nông dân",
    "hộ kinh doanh nhỏ",
    "người cao tuổi",
    "học sinh vùng sâu vùng xa",
    "đồng bào dân tộc thiểu số",
    "người lao động tự do",
    "công nhân các khu công nghiệp",
    "cán bộ không chuyên trách",
    "người khuyết tật",
    "phụ nữ nông thôn",
    "thanh niên mới lập nghiệp",
    "các gia đình chính sách",
    "ngư dân ven biển",
)
_SUGGEST = (
    "quy định rõ hơn",
    "làm rõ",
    "bổ sung quy định về",
    "sửa đổi",
    "bỏ",
    "giữ nguyên",
    "cân nhắc lại",
    "xem xét kỹ",
    "hướng dẫn cụ thể",
    "nghiên cứu thêm",
    "đánh giá tác động của",
    "tách riêng",
)
_REASONS = (
    "để tránh cách hiểu khác nhau khi áp dụng",
    "vì thực tế ở địa phương còn nhiều vướng mắc",
    "vì quy định hiện hành đã phát huy hiệu quả",
    "nhằm bảo đảm quyền lợi chính đáng của người dân",
    "để phù hợp với điều kiện kinh tế hiện nay",
    "vì chi phí tuân thủ quá cao",
    "để thống nhất với các luật có liên quan",
    "nhằm giảm phiền hà cho người dân khi làm thủ tục",
    "vì nhiều nơi chưa đủ điều kiện thực hiện",
    "để phòng ngừa lạm quyền",
    "vì người dân chưa được hướng dẫn đầy đủ",
    "để bảo đảm tính khả thi",
)
_ADJECTIVES = (
    "hợp lý",
    "cần thiết",
    "chung chung",
    "khó thực hiện",
    "phù hợp với thực tiễn",
    "chưa rõ ràng",
    "quá cứng nhắc",
    "thiếu tính khả thi",
    "tiến bộ",
    "chưa thật sự công bằng",
)
_EXPERIENCES = (
    "thường phải đi lại nhiều lần mới làm xong thủ tục",
    "chưa được thông tin đầy đủ về chính sách",
    "gặp khó khăn khi chứng minh thu nhập",
    "phải chờ rất lâu mới được giải quyết",
    "không biết hỏi ai khi có vướng mắc",
    "đã tự nguyện hiến đất làm đường",
    "rất phấn khởi khi được lấy ý kiến",
    "lo lắng vì chưa hiểu quy định mới",
    "phải nộp nhiều loại giấy tờ trùng lặp",
    "ở xa trung tâm hành chính hơn hai mươi cây số",
)
_WATCHERS = (
    "Hội đồng nhân dân",
    "Mặt trận Tổ quốc",
    "Ban thanh tra nhân dân",
    "các đoàn thể",
    "cộng đồng dân cư",
    "báo chí",
)
_ACTIONS = (
    "xác định giá đất",
    "lựa chọn nhà đầu tư",
    "phân bổ ngân sách",
    "tuyển dụng công chức",
    "lập quy hoạch",
    "cấp phép xây dựng",
    "bố trí tái định cư",
    "thu phí, lệ phí",
)
_SITUATIONS = (
    "chậm giải quyết hồ sơ",
    "ban hành văn bản trái luật",
    "để xảy ra sai phạm",
    "không công khai thông tin",
    "gây thiệt hại cho người dân",
    "không trả lời kiến nghị đúng hạn",
)
_TIMES = (
    "ít nhất hai năm",
    "từ năm 2027",
    "theo từng giai đoạn",
    "trong vòng ba năm",
    "sau khi tổng kết thí điểm",
)
_OPENERS = (
    "Theo tôi,",
    "Theo quan điểm cá nhân,",
    "Thực tế cho thấy",
    "Xin góp ý như sau:",
    "Tôi xin nêu ý kiến:",
    "Qua theo dõi, tôi thấy",
    "",
    "",
    "",
    "",
)
_HEDGES = (
    "Thiết nghĩ",
    "Cá nhân tôi thấy",
    "Có lẽ",
    "Thật lòng mà nói,",
    "Về vấn đề này,",
    "Một điều nữa là",
    "Ngoài ra,",
    "Bên cạnh đó,",
    "Đặc biệt,",
    "Tuy nhiên,",
    "Mặt khác,",
    "Như vậy,",
    "Theo kinh nghiệm của tôi,",
    "Nói thẳng ra,",
    "Từ thực tế ở cơ sở,",
    "Là người dân,",
    "Tôi nghĩ rằng",
    "Xin nói thêm là",
    "Qua nhiều năm theo dõi,",
    "Trước hết,",
    "Sau cùng,",
    "Nói chung,",
)
_TRAILERS = (
    "nhất là ở vùng nông thôn",
    "trong bối cảnh hiện nay",
    "mong được xem xét sớm",
    "theo tôi là chưa ổn",
    "đây là nguyện vọng của nhiều người",
    "tránh tình trạng mỗi nơi làm một kiểu",
    "kể cả ở các đô thị lớn",
    "như nhiều người dân đã phản ánh",
    "vì đã có nhiều trường hợp bức xúc",
    "để người dân yên tâm",
    "điều mà ai cũng thấy",
    "chứ không thể để mãi như hiện nay",
    "càng sớm càng tốt",
    "vì lợi ích lâu dài",
    "như tôi đã chứng kiến nhiều lần",
    "nhất là với người có thu nhập thấp",
    "trước khi luật có hiệu lực",
    "để tránh khiếu kiện về sau",
    "tôi tin nhiều người cũng nghĩ vậy",
    "ít nhất là trong giai đoạn đầu",
)
_REQUIREMENTS = (
    "công khai",
    "minh bạch",
    "được giám sát chặt chẽ",
    "có sự tham gia của {affected}",
    "lấy ý kiến của {affected}",
    "tính đến đặc thù {region}",
    "được thực hiện đúng thời hạn",
    "có hướng dẫn bằng văn bản",
    "được kiểm tra định kỳ",
    "báo cáo kết quả với Hội đồng nhân dân",
    "niêm yết tại nhà văn hóa thôn",
    "đăng tải trên cổng thông tin điện tử",
)
_JOINERS = (" và ", ", đồng thời ", ", nhất là ", ", kèm theo ", " cũng như ")
_REGIONS = (
    "ở miền núi",
    "ở đồng bằng sông Cửu Long",
    "ở các thành phố lớn",
    "ở vùng biên giới",
    "ở hải đảo",
    "ở nông thôn",
    "ở Tây Nguyên",
    "ở vùng ven biển",
    "ở khu công nghiệp",
    "trên cả nước",
    "",
    "",
)
_MODALS = ("phải", "cần", "nên", "bắt buộc phải", "nhất thiết phải", "cần được", "phải được")
_BECAUSE = ("vì", "bởi lẽ", "do", "khi mà", "trong khi")
_HOMES = ("thôn", "xã", "phường", "bản", "ấp", "tổ dân phố", "khu phố", "quê")
_WORRIES = (
    "lo ngại rằng",
    "e rằng",
    "sợ rằng",
    "băn khoăn liệu",
    "không chắc",
    "tin rằng",
    "hy vọng",
)
_EFFECTS = (
    "ảnh hưởng đến quyền lợi của",
    "gây thêm gánh nặng cho",
    "tạo điều kiện cho",
    "làm khó",
    "mang lại lợi ích cho",
    "gây thiệt thòi cho",
    "khuyến khích",
    "bỏ sót",
)
_SIMPLIFY = (
    "giảm thủ tục hành chính",
    "bỏ bớt giấy tờ",
    "rút ngắn thời gian giải quyết",
    "cho phép nộp hồ sơ trực tuyến",
    "miễn lệ phí",
    "gộp các bước thẩm định",
)
_CONSEQUENCES = (
    "dễ gây hiểu nhầm",
    "khó áp dụng thống nhất",
    "có thể bị lợi dụng",
    "sẽ phát sinh tranh chấp",
    "người dân khó hiểu",
    "cán bộ cơ sở lúng túng khi thực hiện",
)
_LISTEN = (
    "lắng nghe ý kiến của",
    "tiếp thu phản ánh của",
    "đối thoại trực tiếp với",
    "khảo sát thực tế đời sống của",
    "lấy ý kiến rộng rãi của",
)
_SUPPORTS = ("mức hỗ trợ", "mức phí", "mức phạt", "mức đóng", "mức trợ cấp", "thời gian hỗ trợ")
_MEASURES = ("thu nhập", "hoàn cảnh", "mức sống", "khả năng chi trả", "điều kiện thực tế")
_SANCTIONS = (
    "chế tài nghiêm",
    "hình thức kỷ luật",
    "trách nhiệm bồi thường",
    "việc xử lý công khai",
    "cơ chế thu hồi quyết định",
)
_JOBS = (
    "giáo viên",
    "nông dân",
    "cán bộ hưu trí",
    "công nhân",
    "bác sĩ",
    "tiểu thương",
    "sinh viên",
    "cựu chiến binh",
    "trưởng thôn",
    "doanh nhân",
)
_COMPARISONS = (
    "có nhiều điểm mới",
    "chưa có gì thay đổi",
    "lùi hơn một bước",
    "rõ ràng hơn",
    "chặt chẽ hơn",
    "vẫn còn kẽ hở",
)
_OUTCOMES = (
    "sẽ được hưởng lợi",
    "sẽ gặp nhiều khó khăn",
    "sẽ yên tâm hơn",
    "có thể mất việc",
    "sẽ tốn thêm chi phí",
    "sẽ tiết kiệm được thời gian",
)
_FUNDING = (
    "do ngân sách trung ương bảo đảm",
    "được bố trí trong dự toán hằng năm",
    "không được dồn cho người dân",
    "được xã hội hóa một phần",
    "ưu tiên cho các xã khó khăn",
)
_GREETINGS = (
    "Kính gửi Ban soạn thảo.",
    "Kính gửi các đại biểu Quốc hội.",
    "Xin chào Ban soạn thảo.",
    "Tôi xin góp ý.",
)
_SYNONYMS = {
    "đề nghị": "kiến nghị",
    "kiến nghị": "đề nghị",
    "cần": "nên",
    "nên": "cần",
    "người dân": "nhân dân",
    "rất": "hết sức",
    "quy định": "điều khoản",
    "vì": "bởi vì",
    "để": "nhằm",
    "đồng ý": "nhất trí",
    "rõ": "cụ thể",
    "khó khăn": "vất vả",
    "phải": "cần phải",
    "hiện nay": "hiện tại",
    "chưa": "vẫn chưa",
    "còn": "vẫn còn",
    "mức": "định mức",
    "việc": "công tác",
    "ở": "tại",
    "tôi": "chúng tôi",
    "thủ tục": "thủ tục giấy tờ",
    "bổ sung": "thêm",
    "cơ chế": "quy chế",
    "người": "những người",
    "nhiều": "không ít",
    "vì vậy": "do đó",
    "đối với": "với",
    "công khai": "công khai rõ ràng",
    "lo ngại": "e ngại",
    "ảnh hưởng đến": "tác động tới",
    "cảm ơn": "cám ơn",
    "quyền lợi": "lợi ích",
}
_FILLERS = ("thật sự", "rất", "cũng", "nhất định", "hoàn toàn", "thực sự", "đúng là")
_SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương",
)  # fmt: skip
_MIDDLES = (
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu", "Kim", "Công",
    "Bảo", "Gia", "Hoài",
)  # fmt: skip
_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hằng", "Hiền", "Hoa", "Hùng", "Hương",
    "Khoa", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngân", "Nhung", "Phong", "Phúc",
    "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến",
    "Đạt", "Giang", "Khánh", "Lộc", "Oanh", "Quỳnh",
)  # fmt: skip
_PLACES = (
    "Hòa Bình", "Tân Phú", "Đông Hạ", "Yên Phong", "Phú Xuân", "Thạch Bàn", "Nà Sản",
    "Bình Minh", "An Khánh", "Tiên Lữ", "Vĩnh Thạnh", "Cẩm Lệ", "Đại Đồng", "Hưng Lộc",
    "Mỹ Tho", "Long Biên", "Phước Sơn", "Quảng Điền", "Thanh Xuân", "Đức Phổ",
)  # fmt: skip
_PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Cần Thơ",
    "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
_HEADERS = (
    "Tôi là {name}, sinh năm {year}, hiện cư trú tại {hamlet}, xã {place}, tỉnh {province}.",
    "Họ và tên: {name}. Năm sinh: {year}. Địa chỉ: {hamlet}, phường {place}, {province}.",
    "Tôi tên là {name}, số căn cước công dân {cccd}, thường trú tại xã {place}, {province}.",
    "Người góp ý: {name}, {hamlet}, xã {place}, tỉnh {province}, điện thoại {phone}.",
)
_FOOTERS = (
    "Số điện thoại liên hệ: {phone}.",
    "{place}, ngày {day} tháng {month} năm 2025.",
    "Người viết: {name}.",
)


def _pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[rng.randrange(len(options))]


def _provision(rng: random.Random, article: int) -> str:
    roll = rng.random()
    if roll < 0.5:
        return f"Điều {article}"
    if roll < 0.85:
        return f"khoản {rng.randint(1, 6)} Điều {article}"
    return f"điểm {_pick(rng, 'abcdđe')} khoản {rng.randint(1, 5)} Điều {article}"


def _sentence(rng: random.Random, article: int) -> str:
    """One opinion sentence about ``article`` (a grammar of two dozen shapes)."""
    t, s, a, r = _TOPICS, _SUBJECTS, _AFFECTED, _REASONS

    def requirement() -> str:
        return _pick(rng, _REQUIREMENTS).format(affected=_pick(rng, a), region=_pick(rng, _REGIONS))

    def requirements() -> str:
        return f"{requirement()}{_pick(rng, _JOINERS)}{requirement()}"

    shapes: tuple[Callable[[], str], ...] = (
        lambda: (
            f"{_pick(rng, _STANCES)} {_provision(rng, article)} của dự thảo "
            f"{_pick(rng, _BECAUSE)} {_pick(rng, t)} {_pick(rng, _ADJECTIVES)}."
        ),
        lambda: f"{_pick(rng, _STANCES)} nội dung về {_pick(rng, t)} {_pick(rng, _REGIONS)}.",
        lambda: f"Đề nghị {_pick(rng, s)} {_pick(rng, _SUGGEST)} {_pick(rng, t)} {_pick(rng, r)}.",
        lambda: (
            f"Quy định về {_pick(rng, t)} {_pick(rng, _REGIONS)} hiện nay còn "
            f"{_pick(rng, _ADJECTIVES)} và {_pick(rng, _ADJECTIVES)}."
        ),
        lambda: (
            f"{_pick(rng, _OPENERS)} {_pick(rng, t)} {_pick(rng, _MODALS)} "
            f"{_pick(rng, _SUGGEST)} {_pick(rng, r)}."
        ),
        lambda: f"Ở {_pick(rng, _HOMES)} của tôi, {_pick(rng, a)} {_pick(rng, _EXPERIENCES)}.",
        lambda: (
            f"Nên có cơ chế để {_pick(rng, _WATCHERS)} giám sát việc {_pick(rng, _ACTIONS)}, "
            f"{requirement()}."
        ),
        lambda: (
            f"Cần có lộ trình {_pick(rng, _TIMES)} để {_pick(rng, a)} "
            f"{_pick(rng, _REGIONS)} kịp thích ứng với {_pick(rng, t)}."
        ),
        lambda: (
            f"Tôi {_pick(rng, _WORRIES)} {_pick(rng, t)} sẽ {_pick(rng, _EFFECTS)} {_pick(rng, a)}."
        ),
        lambda: f"Việc {_pick(rng, _ACTIONS)} {_pick(rng, _MODALS)} {requirements()}.",
        lambda: (
            f"Dự thảo chưa nêu rõ trách nhiệm của {_pick(rng, s)} khi "
            f"{_pick(rng, _SITUATIONS)} {_pick(rng, _REGIONS)}."
        ),
        lambda: (
            f"Tôi kiến nghị {_pick(rng, _SIMPLIFY)} liên quan đến {_pick(rng, t)} {_pick(rng, r)}."
        ),
        lambda: (
            f"Cách diễn đạt tại {_provision(rng, article)} còn {_pick(rng, _ADJECTIVES)}, "
            f"{_pick(rng, _CONSEQUENCES)}."
        ),
        lambda: (
            f"Mong rằng {_pick(rng, s)} sẽ {_pick(rng, _LISTEN)} {_pick(rng, a)} về "
            f"{_pick(rng, t)}."
        ),
        lambda: (
            f"Đề nghị quy định {_pick(rng, _SUPPORTS)} phù hợp với {_pick(rng, _MEASURES)} "
            f"của {_pick(rng, a)} {_pick(rng, _REGIONS)}."
        ),
        lambda: (
            f"{_provision(rng, article).capitalize()} nên giao cho {_pick(rng, s)} "
            f"{_pick(rng, _SUGGEST)} {_pick(rng, t)} {_pick(rng, _TIMES)}."
        ),
        lambda: (
            f"Tôi thấy {_pick(rng, t)} là vấn đề {_pick(rng, _ADJECTIVES)} đối với "
            f"{_pick(rng, a)} {_pick(rng, _REGIONS)}."
        ),
        lambda: (
            f"Cần quy định {_pick(rng, _SANCTIONS)} khi {_pick(rng, s)} {_pick(rng, _SITUATIONS)}."
        ),
        lambda: (
            f"Nhiều {_pick(rng, a)} ở {_pick(rng, _HOMES)} tôi {_pick(rng, _EXPERIENCES)}, "
            f"vì vậy {_pick(rng, t)} {_pick(rng, _MODALS)} {_pick(rng, _SUGGEST)}."
        ),
        lambda: (
            f"Xin cảm ơn {_pick(rng, s)} đã {_pick(rng, _LISTEN)} {_pick(rng, a)} về "
            f"{_pick(rng, t)}."
        ),
        lambda: (
            f"Tôi là {_pick(rng, _JOBS)} {_pick(rng, _REGIONS)} và thấy {_pick(rng, t)} "
            f"{_pick(rng, _ADJECTIVES)}."
        ),
        lambda: (
            f"So với luật hiện hành, {_provision(rng, article)} {_pick(rng, _COMPARISONS)} "
            f"về {_pick(rng, t)}."
        ),
        lambda: (
            f"Nếu {_pick(rng, _SUGGEST)} {_pick(rng, t)} thì {_pick(rng, a)} "
            f"{_pick(rng, _OUTCOMES)}."
        ),
        lambda: f"Kinh phí cho {_pick(rng, t)} {_pick(rng, _MODALS)} {_pick(rng, _FUNDING)}.",
    )
    sentence = shapes[rng.randrange(len(shapes))]()
    # People phrase the same frame in their own words: synonyms, hedges, trailing remarks.
    for word, other in _SYNONYMS.items():
        if rng.random() < 0.4 and f" {word} " in sentence:
            sentence = sentence.replace(f" {word} ", f" {other} ", 1)
    if rng.random() < 0.5:
        sentence = f"{_pick(rng, _HEDGES)} {sentence[0].lower()}{sentence[1:]}"
    if rng.random() < 0.5:
        sentence = f"{sentence[:-1]}, {_pick(rng, _TRAILERS)}."
    return " ".join(sentence.split()).replace(" .", ".").replace(" ,", ",")


def _organic(rng: random.Random, article: int) -> str:
    count = rng.choices((1, 2, 3, 4, 5), weights=(4, 30, 34, 20, 12))[0]
    return " ".join(_sentence(rng, article) for _ in range(count))


def _person(rng: random.Random) -> dict[str, str]:
    hamlet = (
        f"thôn {rng.randint(1, 15)}"
        if rng.random() < 0.5
        else f"{_pick(rng, ('thôn', 'ấp', 'bản', 'tổ dân phố'))} {_pick(rng, _PLACES)}"
    )
    return {
        "name": f"{_pick(rng, _SURNAMES)} {_pick(rng, _MIDDLES)} {_pick(rng, _GIVEN)}",
        "year": str(rng.randint(1950, 2006)),
        "hamlet": hamlet,
        "place": _pick(rng, _PLACES),
        "province": _pick(rng, _PROVINCES),
        "phone": f"09{rng.randint(0, 9)}{rng.randint(1000000, 9999999)}",
        "cccd": f"0{rng.randint(10, 96)}{rng.randint(100000000, 999999999)}",
        "day": str(rng.randint(1, 28)),
        "month": str(rng.randint(1, 12)),
    }


@dataclass(frozen=True, slots=True)
class _Campaign:
    sentences: tuple[str, ...]
    header: str | None
    footer: str | None
    article: int


def _campaign(rng: random.Random, article: int) -> _Campaign:
    count = rng.choice((3, 3, 4, 4, 5, 6))
    sentences = tuple(_sentence(rng, article) for _ in range(count))
    mail_merge = rng.random() < 0.35
    return _Campaign(
        sentences=sentences,
        header=_pick(rng, _HEADERS) if mail_merge else None,
        footer=_pick(rng, _FOOTERS) if mail_merge and rng.random() < 0.6 else None,
        article=article,
    )


def _edit(rng: random.Random, sentences: list[str], article: int) -> list[str]:
    """One to three edits a sender makes to the text they were given."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(7)
        index = rng.randrange(len(sentences))
        words = sentences[index].split()
        if kind == 0:  # a synonym
            text = sentences[index]
            found = [word for word in _SYNONYMS if f" {word} " in f" {text} "]
            if found:
                word = _pick(rng, found)
                sentences[index] = f" {text} ".replace(f" {word} ", f" {_SYNONYMS[word]} ", 1)
                sentences[index] = sentences[index].strip()
        elif kind == 1 and len(words) > 4:  # a word dropped
            del words[rng.randrange(1, len(words) - 1)]
            sentences[index] = " ".join(words)
        elif kind == 2:  # a word added
            words.insert(rng.randrange(1, len(words)), _pick(rng, _FILLERS))
            sentences[index] = " ".join(words)
        elif kind == 3:  # a sentence of one's own
            sentences.insert(rng.randrange(len(sentences) + 1), _sentence(rng, article))
        elif kind == 4:  # a greeting
            sentences.insert(0, _pick(rng, _GREETINGS))
        elif kind == 5 and len(sentences) > 3:  # a sentence left out
            del sentences[index]
        else:  # a typo: two letters swapped
            position = rng.randrange(len(words))
            word = words[position]
            if len(word) > 2:
                cut = rng.randrange(len(word) - 1)
                words[position] = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :]
            sentences[index] = " ".join(words)
    return sentences


def _copy(rng: random.Random, campaign: _Campaign, transform: str) -> str:
    sentences = list(campaign.sentences)
    steps: set[str] = {transform}
    if transform == "combined":
        steps = set(rng.sample(("no_diacritics", "reordered", "edited", "lowercase"), 2))
    if "edited" in steps:
        sentences = _edit(rng, sentences, campaign.article)
    if "reordered" in steps:
        rng.shuffle(sentences)
    if campaign.header is not None:
        person = _person(rng)
        sentences.insert(0, campaign.header.format(**person))
        if campaign.footer is not None:
            sentences.append(campaign.footer.format(**person))
    text = " ".join(sentences)
    if "no_diacritics" in steps:
        text = fold(text)
    if "lowercase" in steps:
        text = text.lower()
    return text


@dataclass(frozen=True, slots=True)
class Corpus:
    """Comments with their planted truth, index by index."""

    texts: list[str]
    campaign: npt.NDArray[np.int64]
    """The planted campaign of each comment, -1 for an organic one."""
    article: npt.NDArray[np.int64]
    transform: list[str]
    """How each campaign copy was made (one of ``TRANSFORMS``); "organic" otherwise."""


def generate(
    size: int,
    *,
    campaign_share: float = 0.35,
    articles: int = 60,
    seed: int = 2025,
    largest: float = 0.05,
) -> Corpus:
    """Return ``size`` comments, about ``campaign_share`` of them copies of planted campaigns.

    Campaign sizes are log-uniform between ``SMALLEST`` copies and ``largest × size``; the
    copies and the organic comments are shuffled together. Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    target = round(size * campaign_share)
    sizes: list[int] = []
    top = max(SMALLEST + 1, round(size * largest))
    while sum(sizes) < target:
        sizes.append(
            min(round(np.exp(rng.uniform(np.log(SMALLEST), np.log(top)))), target - sum(sizes))
        )
    sizes = [count for count in sizes if count >= SMALLEST]
    texts: list[str] = []
    campaign: list[int] = []
    article: list[int] = []
    transform: list[str] = []
    weights = (35, 15, 15, 20, 15)
    for number, count in enumerate(sizes):
        about = rng.randint(1, articles)
        planted = _campaign(rng, about)
        for _ in range(count):
            kind = rng.choices(TRANSFORMS, weights=weights)[0]
            texts.append(_copy(rng, planted, kind))
            campaign.append(number)
            article.append(about)
            transform.append(kind)
    article_weights = [1.0 / (rank + 1) for rank in range(articles)]
    for _ in range(size - len(texts)):
        about = rng.choices(range(1, articles + 1), weights=article_weights)[0]
        texts.append(_organic(rng, about))
        campaign.append(-1)
        article.append(about)
        transform.append("organic")
    order = list(range(len(texts)))
    rng.shuffle(order)
    return Corpus(
        texts=[texts[i] for i in order],
        campaign=np.array([campaign[i] for i in order], dtype=np.int64),
        article=np.array([article[i] for i in order], dtype=np.int64),
        transform=[transform[i] for i in order],
    )
