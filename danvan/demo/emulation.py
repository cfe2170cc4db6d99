"""Seed the "Dân vận khéo" registry of the demo province (Hưng Yên) over the last five years.

Each year from four years ago to this year, the demo commune (Xã Khoái Châu), the demo ward
(Phường Phố Hiến) and ten other communes of the province register one to three models or
examples, spread over the movement's four fields, and the provincial Mass Mobilisation
Commission registers two provincial-level models. At the end of every completed year each
model in force is evaluated (one evaluation a year, with its points and remarks): most are
effective and are recognised by the commune's Party committee ("12-QĐ/ĐU") in their first
year; some go on to a provincial recognition by the commission ("215-QĐ/BDVTU"), a few of
them outstanding; the ineffective ones are removed with their reason. From the third year on,
communes replicate models recognised elsewhere (``replicated_from``). This year's models are
registered and not yet evaluated. The results carry real-looking figures ("Thu nhập bình quân
tăng từ 38 lên 52 triệu đồng/người/năm"), and the models recognised at provincial level get a
cover photo: a coloured card with the field's name, drawn with Pillow at seed time.

The rows are written directly, as the registry's services would leave them (the history
included), so the demo does not depend on the order the registry's pages were built in.
Every choice is made by a random generator seeded with the model's own key, so a second run
makes the same choices and, finding each model already there, adds nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from danvan.demo import cast, world
from danvan.demo.selectors import demo_places_find
from danvan.emulation.models import (
    Attachment,
    Evaluation,
    Exemplar,
    ExemplarEvent,
    Field,
    Kind,
    Level,
    Recognition,
    ResultFigure,
)
from danvan.emulation.models.books import BookEntry
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, Unit, User
from danvan.units.services import body_code

YEARS = 5
OTHER_COMMUNES = 10
PROVINCIAL_PER_YEAR = 2
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
FIELD_COLOURS: dict[str, str] = {  # dark cards: white text on them has at least 7:1 contrast
    Field.ECONOMY: "#1d4e89",
    Field.CULTURE_SOCIETY: "#7a1f5c",
    Field.DEFENCE_SECURITY: "#1b5e20",
    Field.PARTY_BUILDING: "#8b1a1a",
}
FIELD_NAMES_VI: dict[str, str] = {
    Field.ECONOMY: "Kinh tế",
    Field.CULTURE_SOCIETY: "Văn hóa – xã hội",
    Field.DEFENCE_SECURITY: "Quốc phòng – an ninh",
    Field.PARTY_BUILDING: "Xây dựng Đảng và hệ thống chính trị",
}


@dataclass(frozen=True)
class Story:
    """One model of the catalogue: what it addressed, what was done, what came of it."""

    field: str
    title: str
    problem: str
    actions: str
    results: str
    figures: tuple[tuple[str, str, str], ...]  # (indicator, value, unit of measure)
    participants: int
    person: tuple[str, str] | None = None  # (name, title) for an individual example


S = Story
F = Field
CATALOGUE: tuple[Story, ...] = (
    S(F.ECONOMY, "Mô hình “Chi hội nông dân giúp nhau phát triển kinh tế vườn nhãn”",
      "Nhiều hộ trồng nhãn thiếu vốn, thiếu kỹ thuật, bán qua thương lái bị ép giá.",
      "Chi hội lập tổ vay vốn, mời kỹ sư hướng dẫn ghép cải tạo giống, liên kết với doanh "
      "nghiệp bao tiêu sản phẩm.",
      "Thu nhập bình quân tăng từ 38 lên 52 triệu đồng/người/năm; 46 hộ thoát nghèo.",
      (("Thu nhập bình quân", "52", "triệu đồng/người/năm"), ("Hộ thoát nghèo", "46", "hộ")),
      230),
    S(F.ECONOMY, "Mô hình “Hợp tác xã chăn nuôi gà Đông Tảo theo chuỗi giá trị”",
      "Gà Đông Tảo nuôi nhỏ lẻ, chất lượng không đồng đều, khó giữ thương hiệu.",
      "Vận động các hộ vào hợp tác xã, thống nhất quy trình nuôi, truy xuất nguồn gốc bằng mã "
      "QR, bán qua sàn thương mại điện tử.",
      "Sản lượng đạt 28 tấn/năm; thu nhập thành viên tăng từ 40 lên 65 triệu đồng/năm.",
      (("Sản lượng", "28", "tấn/năm"), ("Thu nhập thành viên", "65", "triệu đồng/năm")), 85),
    S(F.ECONOMY, "Mô hình “Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn”",
      "Đường liên thôn hẹp, xe cơ giới không vào được, dễ xảy ra tai nạn.",
      "Cán bộ thôn, đảng viên gương mẫu hiến đất trước, họp từng xóm bàn phương án, công khai "
      "đóng góp.",
      "3.200 m² đất được hiến, 4,5 km đường được mở rộng, không phải bồi thường.",
      (("Diện tích đất được hiến", "3200", "m²"), ("Đường được mở rộng", "4.5", "km")), 412),
    S(F.ECONOMY, "Mô hình “Tổ phụ nữ tiết kiệm giúp nhau làm kinh tế”",
      "Phụ nữ nghèo khó tiếp cận vốn vay ngân hàng.",
      "Mỗi thành viên góp tiết kiệm hằng tháng, quay vòng cho hộ khó khăn vay không lãi.",
      "65 thành viên, quay vòng 1,2 tỷ đồng; 18 hộ có vốn làm ăn, 7 hộ thoát nghèo.",
      (("Vốn quay vòng", "1200", "triệu đồng"), ("Hộ được vay", "18", "hộ")), 65),
    S(F.ECONOMY, "Mô hình “Tiêu thụ nông sản qua sàn thương mại điện tử”",
      "Nông sản vào mùa rớt giá, người dân chưa biết bán hàng trực tuyến.",
      "Đoàn Thanh niên mở lớp hướng dẫn bán hàng trực tuyến, lập gian hàng chung của xã.",
      "Bán được 120 tấn nhãn và 9 tấn gà qua sàn; giá bán cao hơn 15 phần trăm.",
      (("Nông sản bán trực tuyến", "129", "tấn"),), 140),
    S(F.CULTURE_SOCIETY, "Mô hình “Thắp sáng đường quê”",
      "Đường trục thôn không có đèn, người dân đi lại buổi tối khó khăn, mất an ninh.",
      "Hội Phụ nữ vận động các hộ đóng góp, nhà nước hỗ trợ cột và dây, thanh niên thi công.",
      "8,6 km đường thôn có đèn chiếu sáng; nhân dân đóng góp 640 triệu đồng.",
      (("Đường có đèn chiếu sáng", "8.6", "km"), ("Nhân dân đóng góp", "640", "triệu đồng")),
      520),
    S(F.CULTURE_SOCIETY, "Mô hình “Phân loại rác thải tại nguồn”",
      "Rác thải sinh hoạt đổ bừa bãi, bãi chôn lấp quá tải.",
      "Chi hội phụ nữ hướng dẫn từng hộ phân loại, làm phân hữu cơ từ rác hữu cơ.",
      "92 phần trăm hộ phân loại rác; lượng rác phải chôn lấp giảm 35 phần trăm.",
      (("Hộ phân loại rác", "92", "%"), ("Rác chôn lấp giảm", "35", "%")), 780),
    S(F.CULTURE_SOCIETY, "Mô hình “Dòng họ khuyến học, khuyến tài”",
      "Một số gia đình khó khăn cho con nghỉ học sớm.",
      "Các dòng họ lập quỹ khuyến học, trao học bổng, đỡ đầu học sinh nghèo.",
      "Quỹ khuyến học đạt 350 triệu đồng; không còn học sinh bỏ học.",
      (("Quỹ khuyến học", "350", "triệu đồng"), ("Học bổng trao tặng", "126", "suất")), 300),
    S(F.CULTURE_SOCIETY, "Mô hình “Xây dựng nhà Đại đoàn kết cho hộ nghèo”",
      "Nhiều hộ nghèo, gia đình chính sách ở nhà tạm, dột nát.",
      "Mặt trận chủ trì, vận động doanh nghiệp, con em xa quê và nhân dân góp tiền, ngày công.",
      "Xây mới 14 nhà, tổng kinh phí 980 triệu đồng, trong đó nhân dân đóng góp 410 triệu đồng.",
      (("Nhà được xây mới", "14", "nhà"), ("Kinh phí", "980", "triệu đồng")), 260),
    S(F.CULTURE_SOCIETY, "Mô hình “Câu lạc bộ gia đình hạnh phúc, phòng chống bạo lực gia đình”",
      "Còn xảy ra bạo lực gia đình, nhiều vụ không được phát hiện sớm.",
      "Câu lạc bộ sinh hoạt hằng tháng, tổ hòa giải can thiệp sớm các mâu thuẫn.",
      "Số vụ bạo lực gia đình giảm từ 9 xuống 1 vụ/năm.",
      (("Vụ bạo lực gia đình", "1", "vụ/năm"),), 150),
    S(F.DEFENCE_SECURITY, "Mô hình “Tổ tự quản an ninh trật tự liên gia”",
      "Trộm cắp vặt, tụ tập gây rối vào ban đêm.",
      "Mỗi tổ 10–15 hộ, trực luân phiên, báo tin qua nhóm Zalo với công an xã.",
      "Vụ việc vi phạm trật tự giảm từ 17 xuống 5 vụ/năm.",
      (("Vụ việc vi phạm trật tự", "5", "vụ/năm"),), 340),
    S(F.DEFENCE_SECURITY, "Mô hình “Camera an ninh – Mắt thần khu dân cư”",
      "Các ngã ba, ngã tư của thôn chưa được giám sát.",
      "Vận động các hộ góp tiền lắp camera, giao Chi hội Cựu chiến binh quản lý.",
      "Lắp 48 camera; hỗ trợ làm rõ 9 vụ việc.",
      (("Camera được lắp", "48", "chiếc"), ("Vụ việc được làm rõ", "9", "vụ")), 410),
    S(F.DEFENCE_SECURITY, "Mô hình “Tổ hòa giải ở cơ sở giỏi”",
      "Tranh chấp đất đai, mâu thuẫn hàng xóm dễ thành đơn thư vượt cấp.",
      "Tổ hòa giải gồm trưởng thôn, người có uy tín, hòa giải ngay khi phát sinh.",
      "Hòa giải thành 41 trên 45 vụ việc (91 phần trăm); không có đơn thư vượt cấp.",
      (("Tỷ lệ hòa giải thành", "91", "%"),), 60),
    S(F.DEFENCE_SECURITY, "Mô hình “Khu dân cư không có tội phạm và tệ nạn ma túy”",
      "Thanh thiếu niên có nguy cơ sa vào ma túy.",
      "Đoàn Thanh niên và công an xã tuyên truyền tại trường học, quản lý người sau cai nghiện.",
      "Ba năm liền không phát sinh người nghiện mới.",
      (("Người nghiện mới", "0", "người"),), 220),
    S(F.PARTY_BUILDING, "Mô hình “Bí thư Đảng ủy đối thoại trực tiếp với nhân dân định kỳ”",
      "Nhiều kiến nghị của dân chậm được trả lời, dễ phát sinh khiếu nại.",
      "Bí thư Đảng ủy đối thoại mỗi quý tại một thôn, công khai kết quả giải quyết.",
      "Tổ chức 12 cuộc đối thoại, giải quyết dứt điểm 37 trên 40 kiến nghị.",
      (("Cuộc đối thoại", "12", "cuộc"), ("Kiến nghị được giải quyết", "37", "kiến nghị")),
      900),
    S(F.PARTY_BUILDING, "Mô hình “Dân vận chính quyền trong giải quyết thủ tục hành chính”",
      "Người dân phải đi lại nhiều lần, hồ sơ trực tuyến còn ít.",
      "Tổ công nghệ số cộng đồng hướng dẫn tận nhà, một cửa trả kết quả đúng hẹn.",
      "Tỷ lệ hồ sơ trực tuyến tăng từ 46 lên 88 phần trăm; 100 phần trăm trả kết quả đúng hẹn.",
      (("Hồ sơ trực tuyến", "88", "%"),), 1200),
    S(F.PARTY_BUILDING, "Mô hình “Mỗi đảng viên giúp đỡ một hộ khó khăn”",
      "Một số hộ khó khăn chưa có người hướng dẫn làm ăn.",
      "Mỗi đảng viên nhận giúp một hộ: tư vấn vốn, giống, việc làm, theo dõi hằng tháng.",
      "52 hộ được giúp đỡ, 21 hộ thoát nghèo, 9 hộ cận nghèo vươn lên khá.",
      (("Hộ được giúp đỡ", "52", "hộ"), ("Hộ thoát nghèo", "21", "hộ")), 104),
    S(F.PARTY_BUILDING, "Mô hình “Chi bộ thôn sinh hoạt chuyên đề hiệu quả”",
      "Sinh hoạt chi bộ còn đơn điệu, đảng viên ít phát biểu.",
      "Mỗi quý một chuyên đề sát thực tế của thôn, giao việc cụ thể cho từng đảng viên.",
      "100 phần trăm chi bộ hoàn thành tốt nhiệm vụ; kết nạp 6 đảng viên mới.",
      (("Đảng viên mới", "6", "người"),), 45),
    S(F.ECONOMY, "Điển hình “Ông Nguyễn Văn Thành – người đi đầu hiến đất làm đường”",
      "Đường thôn hẹp, nhiều hộ còn băn khoăn khi phải hiến đất.",
      "Ông hiến 320 m² đất vườn trước, rồi cùng cán bộ thôn đến từng nhà vận động.",
      "Vận động 37 hộ hiến tổng cộng 1.850 m² đất.",
      (("Đất được hiến", "1850", "m²"),), 37, ("Nguyễn Văn Thành", "Trưởng thôn")),
    S(F.CULTURE_SOCIETY, "Điển hình “Bà Lê Thị Hằng – Chi hội trưởng phụ nữ tận tâm”",
      "Chi hội có nhiều hội viên nghèo, ít tham gia sinh hoạt.",
      "Bà lập tổ tiết kiệm, câu lạc bộ dưỡng sinh, đến từng nhà hội viên khó khăn.",
      "Số hội viên sinh hoạt thường xuyên tăng từ 60 lên 142 người.",
      (("Hội viên sinh hoạt thường xuyên", "142", "người"),), 142,
      ("Lê Thị Hằng", "Chi hội trưởng Chi hội Phụ nữ")),
    S(F.DEFENCE_SECURITY, "Điển hình “Ông Phạm Văn Lực – Cựu chiến binh gương mẫu giữ bình "
      "yên thôn xóm”",
      "Thôn có nhiều thanh niên lêu lổng, tụ tập.",
      "Ông lập đội thanh niên tình nguyện tuần tra, kèm cặp các em sau cai nghiện.",
      "Thôn ba năm liền không có tội phạm; 6 thanh niên có việc làm ổn định.",
      (("Thanh niên có việc làm", "6", "người"),), 30, ("Phạm Văn Lực", "Chi hội trưởng Cựu "
                                                          "chiến binh")),
    S(F.PARTY_BUILDING, "Điển hình “Bà Trần Thị Mai – công chức một cửa tận tụy”",
      "Người cao tuổi gặp khó khi làm thủ tục trực tuyến.",
      "Bà hướng dẫn tận tình, nhận hồ sơ tại nhà cho người già yếu, người khuyết tật.",
      "Hỗ trợ hơn 1.400 lượt người làm thủ tục trực tuyến; không có phản ánh tiêu cực.",
      (("Lượt người được hỗ trợ", "1400", "lượt"),), 1400,
      ("Trần Thị Mai", "Công chức Văn phòng – Thống kê")),
)  # fmt: skip
PROVINCIAL_STORIES = (
    S(F.PARTY_BUILDING, "Mô hình “Ngày thứ Bảy cùng dân” của cán bộ tỉnh",
      "Cán bộ cấp tỉnh ít về cơ sở, chưa nắm sát tâm tư của dân.",
      "Mỗi tháng một ngày thứ Bảy, cán bộ các cơ quan tỉnh về xã cùng dân làm việc, nghe dân "
      "nói.",
      "Tổ chức 48 buổi tại 36 xã; tiếp nhận và chuyển xử lý 215 ý kiến.",
      (("Buổi về cơ sở", "48", "buổi"), ("Ý kiến được xử lý", "215", "ý kiến")), 1500),
    S(F.ECONOMY, "Mô hình “Liên kết bốn nhà tiêu thụ nhãn lồng Hưng Yên”",
      "Nhãn lồng vào vụ rớt giá, thương hiệu chưa được bảo hộ tốt.",
      "Ban chỉ đạo tỉnh kết nối nhà nông, nhà khoa học, doanh nghiệp, ngân hàng.",
      "Xuất khẩu 2.300 tấn nhãn; giá bình quân tăng 18 phần trăm.",
      (("Nhãn xuất khẩu", "2300", "tấn"),), 5000),
    S(F.CULTURE_SOCIETY, "Mô hình “Mặt trận tỉnh chung tay xóa nhà tạm, nhà dột nát”",
      "Toàn tỉnh còn hơn 1.000 hộ ở nhà tạm.",
      "Mặt trận các cấp vận động quỹ Vì người nghèo, huy động ngày công của đoàn viên.",
      "Xóa 1.046 nhà tạm, tổng kinh phí 62 tỷ đồng.",
      (("Nhà tạm được xóa", "1046", "nhà"),), 8000),
    S(F.DEFENCE_SECURITY, "Mô hình “Dân vận khéo trong giải phóng mặt bằng dự án trọng điểm”",
      "Nhiều dự án chậm vì vướng mặt bằng, phát sinh khiếu nại.",
      "Tổ công tác dân vận đến từng hộ, đối thoại công khai phương án bồi thường.",
      "Bàn giao 96 phần trăm mặt bằng đúng tiến độ; không có khiếu nại đông người.",
      (("Mặt bằng bàn giao đúng tiến độ", "96", "%"),), 2400),
    S(F.ECONOMY, "Mô hình “Chuyển đổi số nông nghiệp cấp tỉnh”",
      "Nông dân chưa quen ứng dụng công nghệ.",
      "Tỉnh đào tạo tổ công nghệ số cộng đồng ở mọi xã.",
      "21.000 hộ dùng nhật ký điện tử; 640 sản phẩm OCOP lên sàn.",
      (("Hộ dùng nhật ký điện tử", "21000", "hộ"),), 21000),
    S(F.PARTY_BUILDING, "Mô hình “Tiếp nhận phản ánh của dân qua ứng dụng của Tỉnh ủy”",
      "Kênh phản ánh của người dân còn phân tán.",
      "Một đầu mối tiếp nhận, phân loại, theo dõi trả lời đến khi xong.",
      "Tiếp nhận 3.820 phản ánh, giải quyết 97 phần trăm đúng hạn.",
      (("Phản ánh được giải quyết đúng hạn", "97", "%"),), 3820),
    S(F.CULTURE_SOCIETY, "Mô hình “Tuyến đường hoa, tuyến đường xanh – sạch – đẹp”",
      "Cảnh quan nông thôn chưa sạch đẹp.",
      "Hội Phụ nữ các xã nhận chăm sóc tuyến đường, thi đua giữa các chi hội.",
      "Hơn 300 km đường hoa được trồng và chăm sóc.",
      (("Đường hoa", "300", "km"),), 9000),
    S(F.DEFENCE_SECURITY, "Mô hình “Dân quân tự vệ giúp dân phòng chống thiên tai”",
      "Mùa mưa bão, nhiều hộ neo đơn không tự chằng chống nhà cửa.",
      "Dân quân các xã giúp dân chằng chống nhà, thu hoạch lúa chạy lũ.",
      "Giúp 2.150 hộ; thu hoạch 480 ha lúa trước bão.",
      (("Hộ được giúp", "2150", "hộ"),), 2150),
    S(F.PARTY_BUILDING, "Mô hình “Đảng viên cao tuổi gương mẫu nơi cư trú”",
      "Phát huy vai trò đảng viên cao tuổi ở khu dân cư.",
      "Các chi bộ giao đảng viên cao tuổi tham gia hòa giải, khuyến học.",
      "1.200 đảng viên cao tuổi tham gia; 180 vụ việc được hòa giải thành.",
      (("Đảng viên cao tuổi tham gia", "1200", "người"),), 1200),
    S(F.ECONOMY, "Mô hình “Hợp tác xã kiểu mới gắn với sản phẩm OCOP”",
      "Sản phẩm địa phương chưa có thương hiệu.",
      "Tỉnh hỗ trợ hợp tác xã đăng ký nhãn hiệu, tham gia hội chợ.",
      "65 sản phẩm đạt OCOP 3 sao trở lên.",
      (("Sản phẩm OCOP", "65", "sản phẩm"),), 1300),
)  # fmt: skip
DEMO_TITLES = tuple(story.title for story in CATALOGUE + PROVINCIAL_STORIES)
REMOVAL_REASON = (
    "Qua đánh giá cuối năm {year}, mô hình không duy trì được hoạt động thường xuyên, kết quả "
    "chưa rõ nét; Ban Chỉ đạo thống nhất đưa ra khỏi danh sách mô hình “Dân vận khéo”."
)
EFFECTIVE_REMARKS = (
    "Mô hình được duy trì thường xuyên, có sự tham gia tích cực của nhân dân, kết quả cụ thể, "
    "đo đếm được."
)


@dataclass
class EmulationSeedReport:
    exemplars: int = 0
    evaluations: int = 0
    recognitions: int = 0
    removed: int = 0
    photos: int = 0


def _rng(*key: object) -> random.Random:
    # Choices for a demo, not secrets: a plain generator seeded with the model's key.
    return random.Random("|".join(str(part) for part in key))  # noqa: S311


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())


def _unit(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def cover_png(field: str, title: str) -> bytes:
    """A 640×360 card in the field's colour with the field's name and the model's title."""
    image = Image.new("RGB", (640, 360), FIELD_COLOURS.get(field, "#333333"))
    draw = ImageDraw.Draw(image)
    try:
        big: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(str(FONT), 34)
        small: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(str(FONT), 20)
    except OSError:  # pragma: no cover - DejaVu is installed where the demo runs
        big = small = ImageFont.load_default()
    draw.text((32, 40), "DÂN VẬN KHÉO", fill="#ffffff", font=small)
    draw.text((32, 80), FIELD_NAMES_VI.get(field, field), fill="#ffffff", font=big)
    words, line, y = title.split(), "", 170
    for word in words:
        if len(line) + len(word) > 44:
            draw.text((32, y), line, fill="#ffffff", font=small)
            line, y = "", y + 30
        line = f"{line} {word}".strip()
    draw.text((32, y), line, fill="#ffffff", font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class _Place:
    place: Unit
    party: Unit  # recognises at commune level
    bodies: dict[str, Unit]  # field -> registering body


def _commune_places(province: Unit, commune: Unit, ward: Unit) -> list[_Place]:
    others = list(
        Unit.objects.filter(parent=province, kind__in=Unit.COMMUNE_KINDS)
        .exclude(pk__in=[commune.pk, ward.pk])
        .order_by("code")[:OTHER_COMMUNES]
    )
    places = []
    for place in [commune, ward, *others]:
        committee = _unit(body_code(place=place, kind=Unit.Kind.PEOPLES_COMMITTEE)) or place
        party = _unit(body_code(place=place, kind=Unit.Kind.PARTY_COMMITTEE)) or place
        front = _unit(body_code(place=place, kind=Unit.Kind.FATHERLAND_FRONT)) or place
        bodies: dict[str, Unit] = {
            Field.ECONOMY: committee,
            Field.CULTURE_SOCIETY: front,
            Field.DEFENCE_SECURITY: committee,
            Field.PARTY_BUILDING: party,
        }
        places.append(_Place(place, party, bodies))
    return places


@dataclass
class _Context:
    today: dt.date
    first_year: int
    commission: Unit
    officer: User | None
    report: EmulationSeedReport
    decision_numbers: dict[str, int]


def _decision(context: _Context, issuer: Unit, suffix: str) -> str:
    number = context.decision_numbers.get(issuer.code, 100) + 1
    context.decision_numbers[issuer.code] = number
    return f"{number}-QĐ/{suffix}"


def _create(
    context: _Context,
    *,
    story: Story,
    unit: Unit,
    place: Unit,
    year: int,
    level: str,
    origin: Exemplar | None = None,
) -> Exemplar | None:
    if Exemplar.objects.filter(unit=unit, year=year, title=story.title).exists():
        return None
    rng = _rng(unit.code, year, story.title)
    start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(10, 75))
    exemplar = Exemplar.objects.create(
        unit=unit,
        place=place,
        kind=Kind.EXAMPLE if story.person else Kind.MODEL,
        field=story.field,
        level=level,
        title=story.title,
        year=year,
        period_start=start,
        problem=story.problem,
        actions=story.actions,
        results=story.results,
        participants="Các chi hội đoàn thể và nhân dân trên địa bàn.",
        participant_count=story.participants,
        person_name=story.person[0] if story.person else "",
        person_title=story.person[1] if story.person else "",
        replicated_from=origin,
        created_by=context.officer,
        # As the registry's service folds it, so the registry's search finds demo models.
        search_text=fold_for_search(
            " ".join(part for part in (story.title, unit.name, *(story.person or ())[:1]) if part)
        ),
    )
    for position, (indicator, value, unit_label) in enumerate(story.figures):
        ResultFigure.objects.create(
            exemplar=exemplar,
            indicator=indicator,
            value=value,
            unit_label=unit_label,
            position=position,
        )
    ExemplarEvent.objects.create(
        exemplar=exemplar,
        kind=ExemplarEvent.EventKind.REGISTERED,
        at=_at(start),
        actor=context.officer,
        note="Đăng ký đầu năm.",
    )
    if origin is not None:
        ExemplarEvent.objects.create(
            exemplar=origin,
            kind=ExemplarEvent.EventKind.REPLICATED,
            at=_at(start),
            actor=context.officer,
            note=f"Nhân rộng tại {place.name}.",
            data={"replication": exemplar.pk},
        )
    context.report.exemplars += 1
    _years_of(context, exemplar, committee=_committee_of(context, place, level), rng=rng)
    return exemplar


def _committee_of(context: _Context, place: Unit, level: str) -> Unit:
    if level == Level.PROVINCIAL:
        return context.commission
    party = _unit(body_code(place=place, kind=Unit.Kind.PARTY_COMMITTEE))
    return party or place


def _years_of(
    context: _Context, exemplar: Exemplar, *, committee: Unit, rng: random.Random
) -> None:
    """Every completed year since registration: an evaluation, then a recognition or the
    removal (see the module docstring)."""
    for year in range(exemplar.year, context.today.year):
        effective = rng.random() < (0.85 if year == exemplar.year else 0.92)
        points = rng.randint(72, 96) if effective else rng.randint(35, 58)
        evaluated_on = dt.date(year, 12, rng.randint(5, 12))
        Evaluation.objects.create(
            exemplar=exemplar,
            year=year,
            committee=committee,
            total_points=points,
            max_points=100,
            verdict=Evaluation.Verdict.EFFECTIVE if effective else Evaluation.Verdict.INEFFECTIVE,
            remarks=EFFECTIVE_REMARKS if effective else REMOVAL_REASON.format(year=year),
            evaluated_on=evaluated_on,
            evaluated_by=context.officer,
        )
        ExemplarEvent.objects.create(
            exemplar=exemplar,
            kind=ExemplarEvent.EventKind.EVALUATED,
            at=_at(evaluated_on),
            actor=context.officer,
            data={"year": year, "points": points},
        )
        context.report.evaluations += 1
        if not effective:
            exemplar.status = Exemplar.Status.REMOVED
            exemplar.removed_on = dt.date(year, 12, 22)
            exemplar.removed_reason = REMOVAL_REASON.format(year=year)
            exemplar.removed_by = context.officer
            exemplar.save(update_fields=["status", "removed_on", "removed_reason", "removed_by"])
            ExemplarEvent.objects.create(
                exemplar=exemplar,
                kind=ExemplarEvent.EventKind.REMOVED,
                at=_at(exemplar.removed_on),
                actor=context.officer,
                note=exemplar.removed_reason,
            )
            context.report.removed += 1
            return
        if year == exemplar.year:
            level = Level.PROVINCIAL if committee == context.commission else Level.COMMUNE
            outstanding = level == Level.PROVINCIAL and rng.random() < 0.4
            _recognise(context, exemplar, level, committee, year, outstanding=outstanding)
        elif exemplar.recognised_level == Level.COMMUNE and rng.random() < 0.3:
            _recognise(
                context, exemplar, Level.PROVINCIAL, context.commission, year,
                outstanding=rng.random() < 0.45,
            )  # fmt: skip


def _recognise(
    context: _Context,
    exemplar: Exemplar,
    level: str,
    issuer: Unit,
    year: int,
    *,
    outstanding: bool,
) -> None:
    suffix = "BDVTU" if issuer == context.commission else "ĐU"
    decided_on = dt.date(year, 12, 26)
    Recognition.objects.create(
        exemplar=exemplar,
        level=level,
        year=year,
        decision_number=_decision(context, issuer, suffix),
        decision_date=decided_on,
        issuer=issuer,
        is_outstanding=outstanding,
        recorded_by=context.officer,
    )
    exemplar.status = Exemplar.Status.RECOGNISED
    exemplar.recognised_level = level
    exemplar.recognised_year = year
    exemplar.is_outstanding = exemplar.is_outstanding or outstanding
    exemplar.save(update_fields=["status", "recognised_level", "recognised_year", "is_outstanding"])
    ExemplarEvent.objects.create(
        exemplar=exemplar,
        kind=ExemplarEvent.EventKind.RECOGNISED,
        at=_at(decided_on),
        actor=context.officer,
        data={"level": level, "year": year, "outstanding": outstanding},
    )
    context.report.recognitions += 1
    if level == Level.PROVINCIAL and not exemplar.attachments.exists():
        _cover(context, exemplar)


def _cover(context: _Context, exemplar: Exemplar) -> None:
    data = cover_png(exemplar.field, exemplar.title)
    attachment = Attachment(
        exemplar=exemplar,
        kind=Attachment.AttachmentKind.PHOTO,
        original_name="anh-bia.png",
        content_type="image/png",
        size=len(data),
        width=640,
        height=360,
        caption=f"Ảnh bìa: {exemplar.title}",
        is_cover=True,
        uploaded_by=context.officer,
    )
    attachment.file.save("anh-bia.png", ContentFile(data), save=False)
    attachment.save()
    context.report.photos += 1


def _origins(year: int, place: Unit) -> list[Exemplar]:
    """Commune-level models recognised before ``year`` elsewhere in the province and not
    removed before it: what a commune may replicate. Counted from the history (not from the
    current status), so a second run finds the same candidates."""
    return list(
        Exemplar.objects.filter(
            title__in=DEMO_TITLES,
            recognitions__year__lt=year,
            replicated_from__isnull=True,
            level=Level.COMMUNE,
        )
        .exclude(place=place)
        .exclude(removed_on__lt=dt.date(year, 1, 1))
        .distinct()
        .order_by("year", "pk")[:12]
    )


@dataclass
class _Plan:
    """A place's stories in a fixed order (from its own seed) and how far it has got."""

    entry: _Place
    stories: list[Story]
    taken: set[str]
    next: int = 0


def _count(place: Unit, year: int) -> int:
    """How many models the place registers in ``year`` (one to three)."""
    return _rng(place.code, year, "count").choice((1, 2, 2, 3))


def _plan(entry: _Place, years: range) -> _Plan:
    stories = list(CATALOGUE)
    _rng(entry.place.code, "order").shuffle(stories)
    used = sum(_count(entry.place, year) for year in years)
    return _Plan(entry, stories, {story.title for story in stories[:used]})


def _seed_year(context: _Context, year: int, plans: list[_Plan], province: Unit) -> None:
    for plan in plans:
        rng = _rng(plan.entry.place.code, year, "plan")
        count = _count(plan.entry.place, year)
        for story in plan.stories[plan.next : plan.next + count]:
            origin = None
            if year >= context.first_year + 2 and rng.random() < 0.25:
                candidates = [
                    o for o in _origins(year, plan.entry.place) if o.title not in plan.taken
                ]
                if candidates:
                    origin = rng.choice(candidates)
                    plan.taken.add(origin.title)
                    story = next(s for s in CATALOGUE if s.title == origin.title)
            _create(
                context,
                story=story,
                unit=plan.entry.bodies[story.field],
                place=plan.entry.place,
                year=year,
                level=Level.COMMUNE,
                origin=origin,
            )
        plan.next += count
    first = (year - context.first_year) * PROVINCIAL_PER_YEAR
    for story in PROVINCIAL_STORIES[first : first + PROVINCIAL_PER_YEAR]:
        _create(
            context,
            story=story,
            unit=context.commission,
            place=province,
            year=year,
            level=Level.PROVINCIAL,
        )


def demo_emulation_seed() -> EmulationSeedReport:
    """Everything above, year by year (each year in its own transaction); nothing when the
    demo province or its commission is missing."""
    report = EmulationSeedReport()
    places = demo_places_find()
    commission = _unit(world.MASS_MOBILIZATION_COMMISSION.code)
    if places is None or commission is None:
        return report
    today = timezone.localdate()
    officer = User.objects.filter(username=cast.COMMISSION_STAFF.username).first()
    context = _Context(
        today=today,
        first_year=today.year - YEARS + 1,
        commission=commission,
        officer=officer,
        report=report,
        decision_numbers={},
    )
    years = range(context.first_year, today.year + 1)
    communes = _commune_places(places.province, places.commune, places.ward)
    plans = [_plan(entry, years) for entry in communes]
    for year in years:
        with transaction.atomic():
            _seed_year(context, year, plans, places.province)
    return report


def demo_emulation_reset() -> int:
    """Remove the seed's models (and everything hanging on them, their files included) from
    the demo province; models people entered themselves, with other titles, stay."""
    places = demo_places_find()
    if places is None:
        return 0
    path = places.province.path
    within = Q(place__path=path) | Q(place__path__startswith=path + PATH_SEPARATOR)
    seeded = Exemplar.objects.filter(within, title__in=DEMO_TITLES)
    ids = list(seeded.values_list("pk", flat=True))
    removed = BookEntry.objects.filter(exemplar_id__in=ids).delete()[0]
    removed += Recognition.objects.filter(exemplar_id__in=ids).delete()[0]
    removed += Evaluation.objects.filter(exemplar_id__in=ids).delete()[0]
    for attachment in Attachment.objects.filter(exemplar_id__in=ids):
        attachment.file.delete(save=False)
    # Replications first: they protect the models they were copied from.
    removed += Exemplar.objects.filter(pk__in=ids, replicated_from__isnull=False).delete()[0]
    removed += Exemplar.objects.filter(pk__in=ids).delete()[0]
    return removed
