"""The demo's petitions as data: who wrote, what about, and what the officers did with it.

Each :class:`Story` is one letter, visit or online submission to a demo body, told as a
receipt date counted back from today in working days and a list of steps, each dated in
working days after the receipt. ``danvan.demo.petitions`` replays the steps through the
real services, in date order, so deadlines, history and statistics come out as the law
and the deadline engine say they would.

The people, villages and projects are invented; the places, bodies and laws are real.
Stories name no dates in their text, so the demo reads right whenever it is seeded.
"""

from dataclasses import dataclass

from danvan.demo import cast, world
from danvan.petitions.models import Case, CaseRating, RefusalNotice

Kind = Case.Kind
Channel = Case.Channel
Outcome = CaseRating.Outcome

COMMUNE = world.COMMUNE_COMMITTEE.code
INSPECTORATE = world.PROVINCE_INSPECTORATE.code
PROVINCE_RECEPTION = world.PROVINCE_RECEPTION.code

_TAIL = "xã Khoái Châu, tỉnh Hưng Yên"
DONG_TAO = f"Thôn Đông Tảo, {_TAIL}"
AN_VI = f"Thôn An Vĩ, {_TAIL}"
BINH_DAN = f"Thôn Bình Dân, {_TAIL}"
DA_TRACH = f"Thôn Dạ Trạch, {_TAIL}"
PHO_HIEN = "phường Phố Hiến, tỉnh Hưng Yên"

# The commune's land projects the complaints are about (invented, as are decision numbers).
ROAD_PROJECT = "Dự án mở rộng đường liên xã Khoái Châu – Dạ Trạch"


@dataclass(frozen=True)
class Person:
    """A petitioner (or a denouncer, whose details go to the sealed vault only)."""

    name: str
    address: str
    id_number: str = ""
    phone: str = ""


# --------------------------------------------------------------------------- steps
# ``day``: working days after the receipt (0 = the day it arrived).


@dataclass(frozen=True)
class Check:
    """The conditions checklist; ``known_act`` = days before receipt the act was known."""

    day: int
    known_act: int | None = None
    settled: bool = False
    within_competence: bool = True
    group: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Representatives:
    day: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Accept:
    day: int
    note: str = ""


@dataclass(frozen=True)
class Complex:
    day: int
    reason: Case.ComplexReason
    note: str = ""


@dataclass(frozen=True)
class Suspend:
    day: int
    reason: str
    basis: str


@dataclass(frozen=True)
class Extend:
    day: int
    extension: str
    basis: str


@dataclass(frozen=True)
class Draft:
    day: int
    body: str


@dataclass(frozen=True)
class Approve:
    day: int


@dataclass(frozen=True)
class Send:
    day: int


@dataclass(frozen=True)
class Rate:
    """The citizen rates the answer: with their account if the story has one."""

    day: int
    outcome: CaseRating.Outcome
    comment: str = ""


@dataclass(frozen=True)
class Publish:
    day: int


@dataclass(frozen=True)
class Forward:
    """Forward to ``to`` (a unit code) with the forwarding letter ``letter``."""

    day: int
    to: str
    letter: str
    note: str = ""


@dataclass(frozen=True)
class Guide:
    """Return the petition with guidance to the competent body."""

    day: int
    guided_to: str
    guidance: str
    letter: str = ""


@dataclass(frozen=True)
class RefusalProposed:
    day: int
    ground: RefusalNotice.Ground
    reason: str


@dataclass(frozen=True)
class RefusalIssued:
    day: int
    number: str


@dataclass(frozen=True)
class Link:
    """Link the first-time complaint (another story's key) to this second-time one."""

    day: int
    previous: str


@dataclass(frozen=True)
class Merge:
    """Merge this case into another story's case (same content)."""

    day: int
    into: str


@dataclass(frozen=True)
class AnonymousCheck:
    """The Art 25(2) checklist of an anonymous report."""

    day: int
    note: str


@dataclass(frozen=True)
class IdentityRequest:
    """A handler asks the custodian, with a reason, to open the sealed identity."""

    day: int
    reason: str


@dataclass(frozen=True)
class Part:
    """One part of a split letter, with the steps that followed for it."""

    kind: Case.Kind
    subject: str
    content: str
    field: str
    steps: tuple["Step", ...] = ()


@dataclass(frozen=True)
class Split:
    day: int
    parts: tuple[Part, ...]


Step = (
    Check
    | Representatives
    | Accept
    | Complex
    | Suspend
    | Extend
    | Draft
    | Approve
    | Send
    | Rate
    | Publish
    | Forward
    | Guide
    | RefusalProposed
    | RefusalIssued
    | Link
    | Merge
    | AnonymousCheck
    | IdentityRequest
    | Split
)


def answered(draft: int, approve: int, send: int, body: str) -> tuple[Step, ...]:
    """Drafted by the handler, approved by the head, sent to the citizen."""
    return (Draft(draft, body), Approve(approve), Send(send))


@dataclass(frozen=True)
class Place:
    """Where an Open311 report is about."""

    lat: str
    long: str
    address: str


@dataclass(frozen=True)
class Story:
    """One case as it arrived and what was done with it.

    ``received``: working days before today. ``desk``: the receiving unit's code.
    ``visit``: the notes column of the reception book (in-person visits only).
    """

    key: str
    desk: str
    channel: Case.Channel
    kind: Case.Kind
    received: int
    field: str
    subject: str
    content: str
    person: Person | None = None
    account: str = ""
    people: int = 1
    co_petitioners: tuple[str, ...] = ()
    respondent: str = ""
    place: Place | None = None
    visit: str = ""
    within_competence: bool = True
    guided_to: str = ""
    steps: tuple[Step, ...] = ()

    @property
    def sealed(self) -> bool:
        """Received through the sealed vault (denunciations and anonymous reports)."""
        return self.kind in (Kind.DENUNCIATION, Kind.ANONYMOUS_REPORT)


def key(name: str) -> str:
    """The idempotency key of a demo story: a second seeding finds the case by it."""
    return f"demo-petitions-{name}"


# --------------------------------------------------------------------------- people

THANG = Person("Nguyễn Văn Thắng", DONG_TAO, "033065012847", "0912 408 316")
NHUNG = Person("Lê Thị Hồng Nhung", AN_VI, "033188003921", "0986 215 740")
KHAI = Person("Phạm Văn Khải", BINH_DAN, "033058006172", "0904 377 125")
THU_HA = Person("Đỗ Thị Thu Hà", BINH_DAN, "033179010356", "0367 882 419")
LONG = Person("Vũ Đình Long", DA_TRACH, "033070004418", "0978 130 552")
LOAN = Person("Bùi Thị Loan", AN_VI, "033184007763", "0389 446 201")
TRUONG = Person("Đào Xuân Trường", DONG_TAO, "033062001985", "0915 672 038")
THANH = Person("Phan Thị Thanh", DA_TRACH, "033176012604", "0972 581 364")
HAI = Person("Lương Văn Hải", DONG_TAO, "033081005517", "0355 209 847")
PHUC = Person("Nguyễn Hữu Phúc", AN_VI, "033075009240", "0948 316 572")
LOC = Person("Đặng Văn Lộc", BINH_DAN, "033052000731", "0913 054 268")
MO = Person("Trịnh Thị Mơ", DA_TRACH, "033167003389", "0396 740 815")
BAY = Person("Hoàng Văn Bảy", AN_VI, "033056011472", "0983 627 190")
BINH = Person(cast.CITIZEN.full_name, DONG_TAO, "033182006935", "0917 263 584")
CHIEN = Person("Cao Văn Chiến", DONG_TAO, "033090002816", "0862 417 903")
VINH = Person("Tạ Quang Vinh", BINH_DAN, "033068010093", "0912 775 461")
HUE = Person("Nguyễn Thị Huệ", DA_TRACH, "033159004627", "0376 918 245")
TOAN = Person("Lê Văn Toàn", DONG_TAO, "033095007158", "0335 602 917")
NGAT = Person("Phạm Thị Ngát", AN_VI, "033171008804", "0969 384 120")
KHIEM = Person("Vương Đình Khiêm", BINH_DAN, "033077003512", "0904 829 376")
LAN_ANH = Person("Đinh Thị Lan Anh", DONG_TAO, "033193001247", "0358 276 419")
QUY = Person("Mai Văn Quý", DA_TRACH, "033064009935", "0977 512 806")
HOA = Person("Nguyễn Văn Hòa", BINH_DAN, "033069005381", "0915 240 697")
TAM = Person("Lưu Văn Tám", BINH_DAN, "033060012219", "0973 418 260")
THINH = Person("Đỗ Văn Thịnh", DA_TRACH, "033063007046", "0912 936 485")
NGUYET = Person("Hà Thị Nguyệt", AN_VI, "033174002658", "0394 127 560")
TAI = Person("Kiều Văn Tài", DONG_TAO, "033071011734", "0981 663 204")
SUU = Person("Bạch Văn Sửu", BINH_DAN, "033049000862")
HANG = Person("Chu Thị Hằng", AN_VI, "033186009417", "0347 851 932")
NGHIA = Person("Tô Văn Nghĩa", DA_TRACH, "033080004205", "0916 587 043")
THOA = Person("Quách Thị Thoa", DONG_TAO, "033165006691", "0388 402 175")
LAI_BINH = Person("Lại Văn Bình", BINH_DAN, "033074010528", "0965 731 480")
PHONG = Person("Ninh Văn Phong", AN_VI, "033067003170", "0914 362 859")
TAM_VU = Person("Vũ Thị Thanh Tâm", DA_TRACH, "033178005943", "0352 684 071")
MINH = Person(
    cast.WARD_CITIZEN.full_name, f"Tổ dân phố số 3, {PHO_HIEN}", "033087004512", "0936 402 118"
)
HUY = Person("Trần Quốc Huy", f"Tổ dân phố số 7, {PHO_HIEN}", "033079006614", "0903 472 518")
HAU = Person("Phùng Văn Hậu", DA_TRACH, "033061009072", "0971 826 345")
LIEN = Person("Dương Thị Liên", BINH_DAN, "033168004731", "0398 215 604")
THANH_LA = Person("Lã Văn Thành", AN_VI, "033085012366", "0945 307 182")

# Denouncers: their details are sealed the moment the letter is received.
DUNG = Person("Hoàng Văn Dũng", DONG_TAO, "033066008327", "0918 204 735")
PHUONG = Person("Trương Thị Phương", AN_VI, "033170011586", "0984 517 326")
MANH = Person("Lê Đức Mạnh", f"Tổ dân phố số 2, {PHO_HIEN}", "033083002497", "0936 158 742")
HUONG = Person("Nguyễn Thị Hường", BINH_DAN, "033172009814", "0967 305 218")
DENOUNCERS: tuple[Person, ...] = (DUNG, PHUONG, MANH, HUONG)

GROUP_MEMBERS = (
    "Nguyễn Thị Xuân",
    "Phạm Văn Đông",
    "Lưu Văn Sáu",
    "Trần Thị Mận",
    "Nguyễn Văn Thuấn",
    "Đỗ Thị Hương",
    "Phạm Văn Luyến",
    "Vũ Thị Hoa",
    "Nguyễn Văn Tiến",
    "Lưu Thị Dung",
    "Bùi Văn Kiên",
)

COMMUNE_CHAIRMAN = "Chủ tịch Ủy ban nhân dân xã Khoái Châu"
RECEIVED_NOTE = "Tiếp nhận đơn, chuyển công chức xử lý đơn thư của xã."


# --------------------------------------------------------------------------- the commune

COMMUNE_PETITIONS: tuple[Story, ...] = (
    Story(
        key("road-dong-tao"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=70,
        field="giao-thong-ha-tang",
        person=THANG,
        subject="Đề nghị sửa chữa đường trục thôn Đông Tảo bị xuống cấp",
        content=(
            "Tuyến đường trục thôn Đông Tảo, đoạn từ cổng làng đến nhà văn hóa thôn dài "
            "khoảng 600 m, được đổ bê tông từ năm 2012, nay mặt đường bong tróc, xuất hiện "
            "nhiều ổ gà sâu 10–15 cm. Mỗi khi mưa, nước đọng kín mặt đường, học sinh đi xe "
            "đạp đến trường đã nhiều lần bị ngã. Xe chở gà giống và nông sản ra vào thôn "
            "hằng ngày khiến đường hư hỏng nhanh hơn.\n\nTôi đề nghị UBND xã kiểm tra, trước "
            "mắt bố trí kinh phí vá ổ gà và đưa tuyến đường vào kế hoạch cải tạo năm tới."
        ),
        steps=(
            Check(2),
            Accept(3),
            *answered(
                7,
                8,
                9,
                "UBND xã Khoái Châu đã nhận được đơn kiến nghị của ông về tình trạng xuống "
                "cấp của đường trục thôn Đông Tảo. Công chức địa chính – xây dựng cùng Trưởng "
                "thôn đã kiểm tra thực địa: đoạn đường dài khoảng 600 m có 23 vị trí ổ gà, "
                "tổng diện tích hư hỏng khoảng 85 m².\n\nUBND xã đã giao Ban Quản lý dự án "
                "xã vá các ổ gà bằng bê tông nhựa nguội, kinh phí từ nguồn duy tu giao thông "
                "nông thôn. Việc cải tạo toàn tuyến đã được đưa vào danh mục đề xuất kế hoạch "
                "đầu tư công năm tới để trình HĐND xã xem xét. UBND xã cảm ơn ông đã phản ánh "
                "và đề nghị nhân dân thôn Đông Tảo hạn chế cho xe tải trọng lớn đi vào tuyến "
                "đường trong thời gian thi công.",
            ),
            Rate(14, Outcome.SATISFIED, "Xã đã cho vá đường, đi lại thuận tiện hơn nhiều."),
        ),
    ),
    Story(
        key("lighting-an-vi"),
        COMMUNE,
        Channel.API,
        Kind.PETITION,
        received=52,
        field="giao-thong-ha-tang",
        person=NHUNG,
        place=Place("20.842310", "105.958420", "Đê tả sông Hồng, đoạn qua thôn An Vĩ"),
        subject="Đèn chiếu sáng trên đê tả sông Hồng đoạn qua thôn An Vĩ hỏng 7 bóng liên tiếp",
        content=(
            "Đèn chiếu sáng trên đê tả sông Hồng đoạn qua thôn An Vĩ hỏng 7 bóng liên tiếp\n"
            "Khoảng hai tuần nay, đoạn đê từ dốc An Vĩ đến bến đò cũ không có đèn, buổi tối "
            "rất tối. Người dân đi làm đồng về muộn và học sinh đi học thêm buổi tối phải đi "
            "qua đoạn này, đã xảy ra va chạm giữa xe máy và xe đạp. Đề nghị xã cho kiểm tra, "
            "thay bóng đèn sớm."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                5,
                6,
                6,
                "Cảm ơn bà đã phản ánh. UBND xã đã giao Tổ quản lý điện chiếu sáng công cộng "
                "kiểm tra tuyến đê tả sông Hồng đoạn qua thôn An Vĩ. Nguyên nhân là cáp cấp "
                "nguồn bị chuột cắn đứt tại tủ điện số 3. Đơn vị quản lý đã thay đoạn cáp "
                "hỏng và 2 bóng đèn LED bị cháy; toàn bộ 7 bóng đã sáng trở lại. Khi phát "
                "hiện đèn hỏng, người dân có thể báo trực tiếp cho Văn phòng UBND xã hoặc "
                "phản ánh trên Cổng tiếp nhận kiến nghị để được xử lý kịp thời.",
            ),
        ),
    ),
    Story(
        key("straw-smoke"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=61,
        field="tai-nguyen-moi-truong",
        person=KHAI,
        visit=RECEIVED_NOTE,
        subject=(
            "Phản ánh tình trạng đốt rơm rạ sau thu hoạch gây khói bụi tại cánh đồng thôn Bình Dân"
        ),
        content=(
            "Ông Phạm Văn Khải trình bày: sau khi thu hoạch lúa vụ mùa, nhiều hộ đốt rơm rạ "
            "ngay trên ruộng giáp khu dân cư xóm Đông, thôn Bình Dân. Khói bốc lên vào chiều "
            "tối, bay vào nhà dân; cháu nội của ông bị viêm phế quản phải đi khám. Ông đề "
            "nghị UBND xã tuyên truyền, nhắc nhở và hướng dẫn bà con thu gom rơm làm phân "
            "bón hoặc bán cho cơ sở trồng nấm thay vì đốt."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                8,
                9,
                10,
                "UBND xã đã chỉ đạo Trưởng thôn Bình Dân thông báo trên loa truyền thanh về "
                "việc không đốt rơm rạ gần khu dân cư, đồng thời phối hợp với Hội Nông dân xã "
                "hướng dẫn các hộ dùng chế phẩm vi sinh xử lý rơm rạ ngay tại ruộng; xã hỗ "
                "trợ 200 gói chế phẩm cho thôn Bình Dân. Tổ công tác đã nhắc nhở trực tiếp 6 "
                "hộ đốt rơm sát khu dân cư. Một cơ sở trồng nấm ở thôn Dạ Trạch đã đồng ý thu "
                "mua rơm khô tại ruộng.\n\nTrường hợp tái diễn, đề nghị ông báo ngay cho Công "
                "an xã hoặc Trưởng thôn để xử lý theo quy định về bảo vệ môi trường.",
            ),
            Rate(13, Outcome.PARTLY, "Đã đỡ hơn nhưng vẫn còn vài hộ đốt vào buổi tối."),
        ),
    ),
    Story(
        key("wastewater-turmeric"),
        COMMUNE,
        Channel.POST,
        Kind.PETITION,
        received=14,
        field="tai-nguyen-moi-truong",
        person=THU_HA,
        subject=(
            "Đề nghị kiểm tra cơ sở chế biến nông sản xả nước thải ra mương tưới thôn Bình Dân"
        ),
        content=(
            "Kính gửi UBND xã Khoái Châu.\n\nTôi là Đỗ Thị Thu Hà, trú tại thôn Bình Dân. "
            "Khoảng ba tháng nay, cơ sở sơ chế và làm tinh bột nghệ ở cuối xóm Tây xả nước "
            "thải chưa qua xử lý trực tiếp ra mương tưới nội đồng. Nước mương chuyển màu vàng "
            "sẫm, bốc mùi chua, cá chết nổi từng đám; mấy sào rau của các hộ lấy nước mương "
            "để tưới bị vàng lá. Tôi đã nói với chủ cơ sở nhưng không được giải quyết.\n\n"
            "Đề nghị UBND xã kiểm tra, yêu cầu cơ sở xây bể xử lý nước thải và xử lý vi phạm "
            "nếu có."
        ),
        steps=(Check(2), Accept(3, "Giao công chức nông nghiệp – môi trường kiểm tra thực tế.")),
    ),
    Story(
        key("elderly-allowance"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=44,
        field="chinh-sach-xa-hoi",
        person=LONG,
        visit=RECEIVED_NOTE,
        subject="Đề nghị giải quyết trợ cấp xã hội hằng tháng cho người từ đủ 80 tuổi",
        content=(
            "Ông Vũ Đình Long trình bày: mẹ ông là bà Nguyễn Thị Lựu, sinh năm 1945, sống "
            "cùng gia đình ông tại thôn Dạ Trạch, không có lương hưu hay trợ cấp bảo hiểm xã "
            "hội. Gia đình đã nộp hồ sơ đề nghị hưởng trợ cấp xã hội hằng tháng tại bộ phận "
            "một cửa của xã từ lâu nhưng đến nay chưa nhận được tiền, cũng chưa được trả lời "
            "lý do. Ông đề nghị UBND xã kiểm tra hồ sơ và giải quyết chế độ cho mẹ ông."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                5,
                6,
                7,
                "UBND xã đã kiểm tra: hồ sơ của bà Nguyễn Thị Lựu đã được tiếp nhận nhưng "
                "thiếu tờ khai theo Mẫu số 1a ban hành kèm theo Nghị định 20/2021/NĐ-CP, và "
                "bộ phận một cửa đã không hướng dẫn bổ sung kịp thời.\n\nUBND xã đã tiếp nhận "
                "hồ sơ bổ sung ngay trong buổi làm việc với gia đình và ban hành quyết định "
                "trợ cấp xã hội hằng tháng cho bà Lựu, mức 750.000 đồng/tháng (hệ số 1,5 theo "
                "Nghị định 76/2024/NĐ-CP), kèm thẻ bảo hiểm y tế. Bà Lựu được truy lĩnh từ "
                "tháng liền kề sau tháng nộp hồ sơ. UBND xã đã nhắc nhở công chức phụ trách "
                "và xin lỗi gia đình vì sự chậm trễ.",
            ),
            Rate(9, Outcome.SATISFIED),
        ),
    ),
    Story(
        key("near-poor-insurance"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=9,
        field="chinh-sach-xa-hoi",
        person=LOAN,
        subject="Đề nghị xem xét hỗ trợ mua thẻ bảo hiểm y tế cho hộ cận nghèo",
        content=(
            "Gia đình tôi được công nhận hộ cận nghèo theo kết quả rà soát cuối năm trước. "
            "Theo tôi được biết, người thuộc hộ cận nghèo được Nhà nước hỗ trợ tiền mua thẻ "
            "bảo hiểm y tế, nhưng đến nay ba người trong gia đình tôi vẫn chưa có thẻ; khi "
            "chồng tôi nằm viện phải tự trả toàn bộ chi phí. Đề nghị UBND xã kiểm tra danh "
            "sách và hướng dẫn gia đình tôi làm thủ tục để được cấp thẻ."
        ),
        steps=(Check(2),),
    ),
    Story(
        key("land-certificate"),
        COMMUNE,
        Channel.POST,
        Kind.PETITION,
        received=6,
        field="dat-dai",
        person=TRUONG,
        subject=(
            "Đề nghị cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất ở sử dụng ổn định "
            "từ năm 1993"
        ),
        content=(
            "Gia đình tôi sử dụng thửa đất số 214, tờ bản đồ số 9, diện tích 312 m² tại thôn "
            "Đông Tảo từ năm 1993, có nhà ở kiên cố, không tranh chấp, nộp thuế sử dụng đất "
            "đầy đủ hằng năm. Năm ngoái tôi nộp hồ sơ đề nghị cấp Giấy chứng nhận nhưng được "
            "trả lời phải chờ xác nhận nguồn gốc đất; đã hơn 8 tháng vẫn chưa có kết quả.\n\n"
            "Kính đề nghị UBND xã xác nhận nguồn gốc, thời điểm sử dụng đất và chuyển hồ sơ "
            "để gia đình tôi được cấp Giấy chứng nhận."
        ),
        steps=(Check(2), Accept(3)),
    ),
    Story(
        key("garbage-da-trach"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=3,
        field="tai-nguyen-moi-truong",
        person=THANH,
        subject="Rác thải tồn đọng nhiều ngày tại điểm tập kết đầu thôn Dạ Trạch",
        content=(
            "Điểm tập kết rác ở đầu thôn Dạ Trạch, cạnh đường vào đền Dạ Trạch, đã gần một "
            "tuần không có xe đến thu gom. Rác tràn ra lòng đường, bốc mùi hôi thối, ruồi "
            "muỗi nhiều, nhất là những ngày nắng. Khách thập phương đến đền đi qua đây rất "
            "phản cảm. Đề nghị UBND xã yêu cầu đơn vị thu gom lấy rác ngay và bố trí lịch "
            "thu gom cố định."
        ),
    ),
    Story(
        key("garbage-da-trach-visit"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=2,
        field="tai-nguyen-moi-truong",
        person=QUY,
        visit="Cùng nội dung với đơn đã nhận qua Cổng dịch vụ công; đề nghị gộp.",
        subject="Phản ánh rác thải không được thu gom tại đầu thôn Dạ Trạch",
        content=(
            "Ông Mai Văn Quý phản ánh: điểm tập kết rác đầu thôn Dạ Trạch, gần đường vào đền "
            "Dạ Trạch, nhiều ngày không được thu gom, rác tràn ra đường, mùi hôi ảnh hưởng "
            "đến các hộ xung quanh và khách đến lễ đền. Ông đề nghị xã chỉ đạo đơn vị vệ "
            "sinh môi trường thu gom ngay."
        ),
        steps=(Merge(1, key("garbage-da-trach")),),
    ),
    Story(
        key("drain-dong-tao"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=1,
        field="giao-thong-ha-tang",
        person=HAI,
        subject="Cống thoát nước ngõ xóm Chùa thôn Đông Tảo bị tắc, gây ngập úng",
        content=(
            "Cống thoát nước chạy dọc ngõ xóm Chùa, thôn Đông Tảo bị đất cát và rác lấp gần "
            "kín. Trận mưa lớn vừa rồi nước không thoát được, tràn vào sân và bếp của 5 hộ "
            "trong ngõ, ngập sâu khoảng 20 cm suốt một ngày. Đề nghị UBND xã bố trí nạo vét "
            "cống và làm nắp đậy các hố ga để rác không rơi xuống."
        ),
    ),
    Story(
        key("sand-trucks"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=37,
        field="an-ninh-trat-tu",
        person=PHUC,
        subject="Xe tải chở đất cát chạy tốc độ cao qua khu dân cư thôn An Vĩ",
        content=(
            "Từ khi có bãi tập kết cát ven sông, hằng ngày có hàng chục lượt xe tải chở đất "
            "cát chạy qua đường thôn An Vĩ; nhiều xe không phủ bạt, chạy nhanh, làm rơi vãi "
            "đất cát và gây bụi. Đường thôn nhỏ, giờ tan học rất nguy hiểm cho các cháu học "
            "sinh. Tôi đề nghị chính quyền kiểm tra, yêu cầu chủ bãi cát phủ bạt, rửa xe và "
            "hạn chế giờ chạy qua khu dân cư."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                6,
                7,
                8,
                "UBND xã đã chủ trì làm việc với chủ bãi tập kết cát và Công an xã. Chủ bãi "
                "đã cam kết: mọi xe ra khỏi bãi phải phủ bạt kín và rửa bánh; không chạy qua "
                "đường thôn An Vĩ trong các khung giờ 6 giờ 30 – 7 giờ 30 và 16 giờ 30 – 17 "
                "giờ 30; hằng ngày tự tổ chức quét dọn đất cát rơi vãi. Công an xã đã lắp "
                "biển hạn chế tốc độ 20 km/h, tăng cường tuần tra và lập biên bản 3 trường "
                "hợp vi phạm.\n\nĐề nghị ông và bà con tiếp tục phản ánh nếu các cam kết "
                "không được thực hiện.",
            ),
        ),
    ),
    Story(
        key("agent-orange"),
        COMMUNE,
        Channel.POST,
        Kind.PETITION,
        received=12,
        field="chinh-sach-xa-hoi",
        person=LOC,
        subject=("Đề nghị xem xét công nhận người hoạt động kháng chiến bị nhiễm chất độc hóa học"),
        content=(
            "Tôi là Đặng Văn Lộc, nhập ngũ năm 1971, tham gia chiến đấu tại chiến trường "
            "Quảng Trị đến năm 1975. Hiện tôi bị bệnh đái tháo đường tuýp 2, con trai tôi bị "
            "dị tật bẩm sinh; bác sĩ cho rằng có thể do ảnh hưởng của chất độc hóa học. Tôi "
            "có giấy xuất ngũ và giấy ra viện của Bệnh viện Đa khoa tỉnh.\n\nĐề nghị các cơ "
            "quan có thẩm quyền xem xét hồ sơ để tôi và con được hưởng chế độ theo quy định."
        ),
        steps=(
            Check(2, within_competence=False),
            Forward(
                3,
                world.DEPARTMENT_OF_HOME_AFFAIRS.code,
                "27/PC-UBND",
                "Việc xác nhận và giải quyết chế độ người hoạt động kháng chiến bị nhiễm "
                "chất độc hóa học thuộc thẩm quyền của Sở Nội vụ (Nghị định 131/2021/NĐ-CP); "
                "UBND xã đã hướng dẫn ông hoàn thiện hồ sơ gửi kèm.",
            ),
        ),
    ),
    Story(
        key("inheritance-dispute"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=33,
        field="tu-phap-ho-tich",
        person=MO,
        visit="Đã hướng dẫn công dân gửi đơn khởi kiện đến Tòa án.",
        within_competence=False,
        guided_to="Tòa án nhân dân khu vực có thẩm quyền",
        subject="Đề nghị giải quyết tranh chấp thừa kế quyền sử dụng đất do cha mẹ để lại",
        content=(
            "Bà Trịnh Thị Mơ trình bày: cha mẹ bà mất không để lại di chúc, để lại thửa đất "
            "420 m² tại thôn Dạ Trạch. Người anh trai cả đang quản lý toàn bộ thửa đất, làm "
            "thủ tục đứng tên một mình và không đồng ý chia cho các chị em gái. Hòa giải tại "
            "thôn không thành. Bà đề nghị UBND xã giải quyết chia thừa kế cho bà và hai chị."
        ),
        steps=(
            Guide(
                1,
                "Tòa án nhân dân khu vực có thẩm quyền nơi có đất",
                "Tranh chấp về thừa kế quyền sử dụng đất thuộc thẩm quyền giải quyết của Tòa "
                "án nhân dân (Luật Đất đai năm 2024, Điều 236). Bà chuẩn bị đơn khởi kiện kèm "
                "giấy chứng tử của cha mẹ, giấy tờ về thửa đất và biên bản hòa giải không "
                "thành ở thôn, nộp tại Tòa án nhân dân khu vực nơi có đất. Công chức tư pháp "
                "xã sẵn sàng hướng dẫn bà viết đơn.",
                "12/HD-UBND",
            ),
        ),
    ),
    Story(
        key("field-reallocation"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=23,
        field="dat-dai",
        person=BAY,
        subject="Tiếp tục đề nghị xem xét lại việc chia ruộng canh tác sau dồn điền đổi thửa",
        content=(
            "Tôi gửi đơn này để tiếp tục đề nghị UBND xã xem xét lại việc chia ruộng sau dồn "
            "điền đổi thửa năm 2019. Gia đình tôi được chia 3 thửa ở xứ đồng Cửa Miếu, xa "
            "nhà và thấp trũng hơn ruộng cũ, trong khi một số hộ khác được chia ruộng gần "
            "đường. Tôi cho rằng việc chia như vậy là không công bằng."
        ),
        steps=(
            Check(
                3,
                settled=True,
                reason=(
                    "Nội dung đã được UBND xã trả lời bằng Văn bản số 186/UBND-ĐC và giải "
                    "thích trực tiếp tại buổi đối thoại; đơn lần này không có thông tin, tài "
                    "liệu mới. Lưu đơn theo Thông tư 05/2021/TT-TTCP."
                ),
            ),
        ),
    ),
    Story(
        key("school-speed-bumps"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=48,
        field="giao-thong-ha-tang",
        person=BINH,
        account=cast.CITIZEN.username,
        subject="Đề nghị lắp biển báo và gờ giảm tốc trước cổng Trường Tiểu học Đông Tảo",
        content=(
            "Tôi có con đang học lớp 3 tại Trường Tiểu học Đông Tảo. Cổng trường nằm sát "
            "đường liên thôn, không có biển báo khu vực trường học, không có vạch kẻ đường "
            "cho người đi bộ. Giờ tan học, xe máy và xe tải vẫn chạy nhanh qua cổng trường, "
            "phụ huynh đón con phải dừng xe tràn ra lòng đường; tháng trước đã có một cháu "
            "bị xe máy va quệt.\n\nĐề nghị UBND xã lắp biển báo, sơn vạch và làm gờ giảm tốc "
            "ở hai đầu đoạn đường trước cổng trường."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                6,
                7,
                8,
                "UBND xã Khoái Châu cảm ơn bà đã kiến nghị. UBND xã đã phối hợp với nhà "
                "trường và Công an xã khảo sát đoạn đường trước cổng Trường Tiểu học Đông Tảo "
                "và thống nhất lắp 2 biển báo “Trẻ em” (W.225), sơn vạch cho người đi bộ qua "
                "đường và làm 2 cụm gờ giảm tốc cách cổng trường 50 m về hai phía. Công trình "
                "đã hoàn thành.\n\nTrong tháng đầu, Công an xã bố trí lực lượng cùng phụ "
                "huynh tình nguyện điều tiết giao thông giờ tan học. Đề nghị phụ huynh đón "
                "con ở bãi đỗ xe phía trong cổng trường.",
            ),
            Rate(10, Outcome.SATISFIED, "Cảm ơn xã đã làm nhanh, các cháu đi học an toàn hơn."),
        ),
    ),
    Story(
        key("sanitation-fee"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=7,
        field="tai-chinh-thue-phi",
        person=BINH,
        account=cast.CITIZEN.username,
        subject="Phản ánh việc thu tiền vệ sinh môi trường ở thôn Đông Tảo chưa được công khai",
        content=(
            "Từ đầu năm, tổ thu gom rác thôn Đông Tảo thu của mỗi hộ 30.000 đồng/tháng, hộ "
            "kinh doanh 60.000 đồng/tháng, nhưng không phát biên lai và không niêm yết mức "
            "thu ở nhà văn hóa thôn. Nhiều hộ không biết mức thu này do ai quyết định và tiền "
            "được chi vào việc gì. Đề nghị UBND xã cho biết căn cứ mức thu và yêu cầu thôn "
            "công khai thu, chi theo Luật Thực hiện dân chủ ở cơ sở."
        ),
        steps=(Check(2), Accept(3)),
    ),
    Story(
        key("birth-registration"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=40,
        field="thu-tuc-hanh-chinh",
        person=CHIEN,
        subject="Phản ánh việc giải quyết đăng ký khai sinh cho con bị chậm so với giấy hẹn",
        content=(
            "Cách đây hơn hai tuần, tôi nộp hồ sơ đăng ký khai sinh cho con thứ hai tại bộ "
            "phận một cửa của xã. Theo giấy hẹn thì được trả kết quả trong ngày làm việc "
            "tiếp theo, nhưng tôi phải đi lại bốn lần mới nhận được giấy khai sinh, lần nào "
            "cũng được báo là chưa có chữ ký. Đề nghị xã kiểm tra lại quy trình, tránh để "
            "người dân đi lại nhiều lần."
        ),
        steps=(
            Check(2),
            Accept(3),
            *answered(
                11,
                12,
                13,
                "UBND xã đã kiểm tra việc giải quyết hồ sơ đăng ký khai sinh của ông. Hồ sơ "
                "đầy đủ, hợp lệ, lẽ ra phải được trả kết quả trong ngày làm việc tiếp theo "
                "theo Luật Hộ tịch; việc chậm trễ là do công chức tư pháp – hộ tịch đi tập "
                "huấn, người được phân công làm thay không trình ký kịp thời.\n\nUBND xã xin "
                "lỗi ông và gia đình, đã kiểm điểm công chức liên quan và chỉ đạo từ nay hồ "
                "sơ hộ tịch được ký số trong ngày; người dân có thể đăng ký nhận kết quả qua "
                "dịch vụ bưu chính công ích.",
            ),
            Rate(15, Outcome.NOT_SATISFIED, "Văn bản trả lời cũng chậm, quá hạn mới nhận được."),
        ),
    ),
    Story(
        key("irrigation-canal"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=56,
        field="giao-thong-ha-tang",
        person=VINH,
        people=4,
        visit="Ông Vinh đại diện 4 hộ cùng canh tác; tiếp nhận, chuyển xử lý.",
        subject=(
            "Đề nghị nạo vét kênh tưới tiêu nội đồng xứ đồng Bãi Giữa phục vụ sản xuất vụ Đông"
        ),
        content=(
            "Ông Tạ Quang Vinh, đại diện các hộ trồng ngô và chuối ở xứ đồng Bãi Giữa, trình "
            "bày: đoạn kênh tưới dài khoảng 1,2 km bị bồi lắng, bèo và cỏ dại phủ kín, nước "
            "không về được cuối kênh. Nhiều hộ phải bơm nước bằng máy riêng, rất tốn kém. "
            "Ông đề nghị UBND xã sớm tổ chức nạo vét trước khi gieo trồng vụ Đông."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                7,
                8,
                9,
                "UBND xã đã giao Hợp tác xã dịch vụ nông nghiệp kiểm tra hiện trạng kênh tưới "
                "xứ đồng Bãi Giữa. Hợp tác xã đã huy động máy xúc và lao động nạo vét toàn bộ "
                "1,2 km kênh, phát quang bèo và cỏ dại hai bên bờ, kinh phí từ nguồn hỗ trợ "
                "sản phẩm, dịch vụ công ích thủy lợi. Nước đã về đến cuối kênh trước lịch gieo "
                "trồng vụ Đông. Đề nghị các hộ không vứt rác, thân cây chuối xuống lòng kênh "
                "để tránh bồi lắng trở lại.",
            ),
        ),
    ),
    Story(
        key("health-station-drugs"),
        COMMUNE,
        Channel.POST,
        Kind.PETITION,
        received=8,
        field="y-te",
        person=HUE,
        subject="Trạm y tế xã thường xuyên thiếu thuốc điều trị tăng huyết áp cấp theo bảo hiểm",
        content=(
            "Tôi bị tăng huyết áp, đăng ký khám chữa bệnh bảo hiểm y tế ban đầu tại Trạm y tế "
            "xã, hằng tháng lĩnh thuốc tại trạm. Ba tháng gần đây trạm liên tục báo hết thuốc "
            "Amlodipin, chỉ cấp cho 10 ngày hoặc bảo tự mua ngoài. Người cao tuổi như tôi đi "
            "lại khó khăn, mua thuốc ngoài tốn kém. Đề nghị UBND xã và Trạm y tế có biện "
            "pháp bảo đảm đủ thuốc cho người bệnh mạn tính."
        ),
        steps=(Check(3),),
    ),
    Story(
        key("banana-training"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=29,
        field="lao-dong-viec-lam",
        person=TOAN,
        subject=(
            "Đề nghị mở lớp đào tạo nghề trồng chuối tiêu hồng theo tiêu chuẩn VietGAP cho "
            "thanh niên"
        ),
        content=(
            "Tôi là thanh niên ở thôn Đông Tảo, sau mấy năm làm công nhân nay về quê muốn "
            "chuyển sang trồng chuối tiêu hồng nhưng chưa có kỹ thuật. Nhiều bạn trẻ trong "
            "thôn cũng có nhu cầu tương tự. Đề nghị UBND xã phối hợp với trung tâm giáo dục "
            "nghề nghiệp mở lớp trồng chuối theo tiêu chuẩn VietGAP, có hướng dẫn liên kết "
            "tiêu thụ sản phẩm."
        ),
        steps=(
            Check(2),
            Accept(3),
            *answered(
                8,
                9,
                9,
                "UBND xã ghi nhận đề xuất của anh. Xã đã đăng ký với Trung tâm Giáo dục nghề "
                "nghiệp – Giáo dục thường xuyên khu vực mở 01 lớp sơ cấp nghề “Trồng và chăm "
                "sóc cây chuối” (3 tháng) trong quý tới, học tại nhà văn hóa thôn Đông Tảo; "
                "học viên là lao động nông thôn được miễn học phí. Đến nay đã có 27 người đăng "
                "ký. Đề nghị anh liên hệ công chức văn hóa – xã hội của xã để đăng ký và nhận "
                "lịch khai giảng. Hội Nông dân xã sẽ giới thiệu học viên với hợp tác xã chuối "
                "tiêu hồng để liên kết tiêu thụ.",
            ),
        ),
    ),
    Story(
        key("leaning-pole"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=12,
        field="giao-thong-ha-tang",
        person=NGAT,
        subject="Cột điện hạ thế bị nghiêng, có nguy cơ đổ tại ngõ 4 thôn An Vĩ",
        content=(
            "Cột điện hạ thế ở đầu ngõ 4 thôn An Vĩ bị nghiêng khoảng 15 độ về phía đường sau "
            "đợt mưa bão vừa qua, chân cột bị xói lở. Dây điện võng thấp, xe chở hàng đi qua "
            "có thể vướng. Đây là đường trẻ em đi học hằng ngày. Đề nghị xã báo ngành điện "
            "xử lý gấp để bảo đảm an toàn."
        ),
        steps=(Check(2),),
    ),
    Story(
        key("road-encroachment"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=10,
        field="nha-o-xay-dung",
        person=KHIEM,
        visit=RECEIVED_NOTE,
        subject="Phản ánh hộ gia đình xây dựng lấn chiếm hành lang an toàn đường liên xã",
        content=(
            "Ông Vương Đình Khiêm trình bày: một hộ gia đình ở xóm Trại, thôn Bình Dân đang "
            "xây nhà xưởng tường gạch, mái tôn lấn ra hành lang an toàn đường liên xã khoảng "
            "2 m, đã đổ móng và xây tường cao hơn 1 m. Công trình che khuất tầm nhìn ở khúc "
            "cua, dễ gây tai nạn giao thông. Ông đề nghị UBND xã kiểm tra, đình chỉ thi công "
            "và buộc tháo dỡ phần lấn chiếm."
        ),
        steps=(Check(1), Accept(2, "Giao công chức xây dựng và Công an xã kiểm tra hiện trạng.")),
    ),
    Story(
        key("karaoke-noise"),
        COMMUNE,
        Channel.WEB,
        Kind.PETITION,
        received=19,
        field="an-ninh-trat-tu",
        person=LAN_ANH,
        subject="Phản ánh tiếng ồn từ dịch vụ karaoke kéo dài sau 22 giờ tại thôn Đông Tảo",
        content=(
            "Gần nhà tôi có một hộ kinh doanh dịch vụ karaoke, thường xuyên mở nhạc to đến "
            "23–24 giờ, kể cả ngày thường. Tiếng ồn ảnh hưởng đến giấc ngủ của người già, trẻ "
            "nhỏ và việc học bài của học sinh. Tôi đã nhắc nhở nhưng chủ quán không chấp "
            "hành. Đề nghị xã kiểm tra, xử lý theo quy định."
        ),
        steps=(
            Check(1),
            Accept(2),
            *answered(
                4,
                5,
                6,
                "Sau khi nhận đơn, Công an xã phối hợp với công chức văn hóa – xã hội kiểm tra "
                "đột xuất cơ sở karaoke nêu trong đơn vào buổi tối, xác định cơ sở hoạt động "
                "sau 22 giờ, gây tiếng ồn vượt quy chuẩn. Chủ cơ sở đã bị lập biên bản, xử "
                "phạt vi phạm hành chính và ký cam kết dừng hoạt động trước 22 giờ, lắp vật "
                "liệu cách âm. Công an xã sẽ tiếp tục kiểm tra; nếu tái phạm, đề nghị bà báo "
                "ngay qua số điện thoại trực ban của Công an xã.",
            ),
            Rate(8, Outcome.SATISFIED),
        ),
    ),
)

COMMUNE_COMPLAINTS: tuple[Story, ...] = (
    Story(
        key("crop-compensation"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.COMPLAINT,
        received=15,
        field="dat-dai",
        person=HOA,
        respondent=COMMUNE_CHAIRMAN,
        visit=RECEIVED_NOTE,
        subject=(
            "Khiếu nại đơn giá bồi thường cây trồng khi Nhà nước thu hồi đất thực hiện dự án "
            "mở rộng đường liên xã"
        ),
        content=(
            "Ông Nguyễn Văn Hòa trình bày: gia đình ông bị thu hồi 540 m² đất trồng cây lâu "
            f"năm tại xứ đồng Gò Mả để thực hiện {ROAD_PROJECT}. Theo phương án bồi thường "
            "được phê duyệt, 46 cây nhãn và 120 gốc chuối của gia đình chỉ được tính đơn giá "
            "cây mới trồng, trong khi nhãn đã cho thu hoạch ổn định hơn 10 năm. Ông khiếu "
            "nại Quyết định số 1318/QĐ-UBND của Chủ tịch UBND xã về việc phê duyệt phương án "
            "bồi thường, hỗ trợ, đề nghị kiểm đếm lại và áp đúng đơn giá cây đang cho thu "
            "hoạch."
        ),
        steps=(Check(2, known_act=21), Accept(5)),
    ),
    Story(
        key("group-compensation"),
        COMMUNE,
        Channel.POST,
        Kind.COMPLAINT,
        received=25,
        field="dat-dai",
        person=TAM,
        people=12,
        co_petitioners=GROUP_MEMBERS,
        respondent=COMMUNE_CHAIRMAN,
        subject=(
            "Khiếu nại phương án bồi thường, hỗ trợ khi thu hồi đất nông nghiệp của 12 hộ dân "
            "thôn Bình Dân"
        ),
        content=(
            "Chúng tôi gồm 12 hộ gia đình ở thôn Bình Dân có đất nông nghiệp bị thu hồi để "
            f"thực hiện {ROAD_PROJECT}. Chúng tôi không đồng ý với phương án bồi thường, hỗ "
            "trợ được phê duyệt tại Quyết định số 1256/QĐ-UBND của Chủ tịch UBND xã, vì:\n"
            "1. Mức hỗ trợ chuyển đổi nghề nghiệp, tìm kiếm việc làm thấp hơn các dự án lân "
            "cận trong tỉnh;\n2. Không có phương án hỗ trợ riêng cho các hộ bị thu hồi trên "
            "70% diện tích đất canh tác;\n3. Chưa tổ chức đối thoại với người dân trước khi "
            "phê duyệt.\n\nChúng tôi cử ông Lưu Văn Tám, bà Nguyễn Thị Xuân và ông Phạm Văn "
            "Đông làm người đại diện; văn bản cử người đại diện có chữ ký của tất cả các hộ "
            "gửi kèm theo đơn này."
        ),
        steps=(
            Representatives(2, ("Lưu Văn Tám", "Nguyễn Thị Xuân", "Phạm Văn Đông")),
            Check(3, known_act=24, group=True),
            Complex(
                4,
                Case.ComplexReason.MANY_PEOPLE,
                "Khiếu nại đông người, nội dung liên quan đến quyền lợi của nhiều hộ.",
            ),
            Accept(6, "Thành lập Tổ xác minh; tổ chức đối thoại với người đại diện các hộ."),
        ),
    ),
    Story(
        key("land-recovery-first"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.COMPLAINT,
        received=84,
        field="dat-dai",
        person=THINH,
        respondent=COMMUNE_CHAIRMAN,
        visit=RECEIVED_NOTE,
        subject=("Khiếu nại quyết định thu hồi đất để xây dựng khu tái định cư thôn Dạ Trạch"),
        content=(
            "Ông Đỗ Văn Thịnh trình bày: Chủ tịch UBND xã ban hành Quyết định số 1124/QĐ-UBND "
            "thu hồi 160 m² đất của gia đình ông tại thôn Dạ Trạch để xây dựng khu tái định "
            "cư, trong đó chỉ công nhận 60 m² là đất ở, phần còn lại tính là đất vườn. Ông "
            "cho rằng toàn bộ 160 m² là đất ở gia đình sử dụng từ năm 1986, dẫn đến tiền bồi "
            "thường thấp hơn nhiều so với thực tế. Ông đề nghị hủy quyết định và xác định "
            "lại loại đất."
        ),
        steps=(
            Check(2, known_act=25),
            Accept(5),
            *answered(
                20,
                22,
                23,
                "QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI LẦN ĐẦU\n\nChủ tịch UBND xã Khoái Châu đã giao "
                "công chức địa chính xác minh, đối chiếu hồ sơ cấp Giấy chứng nhận năm 2003 "
                "và bản đồ địa chính. Giấy chứng nhận cấp cho hộ ông Đỗ Văn Thịnh ghi tổng "
                "diện tích 160 m², trong đó đất ở 60 m² và đất trồng cây lâu năm 100 m²; việc "
                "xác định loại đất tại Quyết định số 1124/QĐ-UBND là đúng với hồ sơ pháp lý "
                "của thửa đất.\n\nChủ tịch UBND xã quyết định: không công nhận nội dung khiếu "
                "nại của ông Đỗ Văn Thịnh; giữ nguyên Quyết định số 1124/QĐ-UBND. Phần đất "
                "vườn trong cùng thửa với đất ở được hỗ trợ thêm theo quy định của UBND tỉnh.\n"
                "\nNếu không đồng ý, ông có quyền khiếu nại lần hai đến Chủ tịch UBND tỉnh "
                "Hưng Yên hoặc khởi kiện vụ án hành chính tại Tòa án.",
            ),
            Rate(26, Outcome.NOT_SATISFIED, "Tôi không đồng ý, sẽ khiếu nại lên tỉnh."),
        ),
    ),
    Story(
        key("area-remeasure"),
        COMMUNE,
        Channel.POST,
        Kind.COMPLAINT,
        received=30,
        field="dat-dai",
        person=NGUYET,
        respondent=COMMUNE_CHAIRMAN,
        subject="Khiếu nại việc xác định diện tích đất bị thu hồi không đúng thực tế sử dụng",
        content=(
            "Tôi là Hà Thị Nguyệt, thôn An Vĩ. Theo biên bản kiểm đếm, diện tích đất nông "
            "nghiệp của gia đình tôi bị thu hồi để xây dựng khu tái định cư là 386 m², nhưng "
            "thực tế gia đình tôi canh tác 452 m² theo mốc giới ổn định nhiều năm, các hộ "
            "liền kề đều xác nhận. Tôi khiếu nại Quyết định số 1127/QĐ-UBND về việc thu hồi "
            "đất, đề nghị đo đạc lại và bồi thường theo diện tích thực tế."
        ),
        steps=(
            Check(2, known_act=30),
            Accept(5),
            Suspend(
                14,
                "Chờ kết quả đo đạc lại thửa đất của đơn vị đo đạc có tư cách pháp nhân; việc "
                "giải quyết phụ thuộc vào số liệu diện tích thực tế.",
                "Quyết định số 1402/QĐ-UBND của Chủ tịch UBND xã Khoái Châu về việc tạm đình "
                "chỉ việc giải quyết khiếu nại",
            ),
        ),
    ),
    Story(
        key("late-sanction-complaint"),
        COMMUNE,
        Channel.WEB,
        Kind.COMPLAINT,
        received=20,
        field="nha-o-xay-dung",
        person=TAI,
        respondent=COMMUNE_CHAIRMAN,
        subject=("Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng mái che không phép"),
        content=(
            "Tôi là Kiều Văn Tài, thôn Đông Tảo. Chủ tịch UBND xã ban hành quyết định xử phạt "
            "tôi 7.500.000 đồng về hành vi xây dựng công trình không có giấy phép và buộc "
            "tháo dỡ. Công trình chỉ là mái che sân phơi bằng khung thép, thuộc diện không "
            "phải xin giấy phép xây dựng. Tôi đề nghị hủy quyết định xử phạt."
        ),
        steps=(
            Check(
                4,
                known_act=150,
                reason=(
                    "Đơn gửi sau khoảng 150 ngày kể từ ngày ông nhận được quyết định xử phạt, "
                    "quá thời hiệu khiếu nại 90 ngày (Luật Khiếu nại, Điều 9); đơn không nêu "
                    "lý do bất khả kháng. Không thụ lý, lưu đơn và thông báo cho người khiếu "
                    "nại."
                ),
            ),
        ),
    ),
    Story(
        key("repeated-complaint"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.COMPLAINT,
        received=6,
        field="dat-dai",
        person=SUU,
        respondent=COMMUNE_CHAIRMAN,
        visit=(
            "Vụ việc đã giải quyết lần hai, quyết định có hiệu lực; đề xuất từ chối tiếp "
            "theo Điều 9 khoản 3 Luật Tiếp công dân."
        ),
        subject="Tiếp tục khiếu nại việc thu hồi đất làm đường giao thông nội đồng",
        content=(
            "Ông Bạch Văn Sửu tiếp tục trình bày việc gia đình ông bị thu hồi 85 m² đất nông "
            "nghiệp để làm đường giao thông nội đồng và yêu cầu được bồi thường bằng đất. Nội "
            "dung này đã được Chủ tịch UBND xã giải quyết lần đầu, Chủ tịch UBND tỉnh giải "
            "quyết lần hai, quyết định đã có hiệu lực pháp luật; ông đã được giải thích, trả "
            "lời nhiều lần nhưng vẫn không đồng ý."
        ),
        steps=(
            RefusalProposed(
                0,
                RefusalNotice.Ground.REPEATED,
                "Vụ việc đã được giải quyết đúng chính sách, pháp luật, được cơ quan có thẩm "
                "quyền kiểm tra, rà soát, thông báo bằng văn bản; công dân đã được tiếp, giải "
                "thích, hướng dẫn nhưng vẫn cố ý khiếu nại kéo dài.",
            ),
            RefusalIssued(2, "05/TB-UBND"),
        ),
    ),
    Story(
        key("transfer-registration"),
        COMMUNE,
        Channel.WEB,
        Kind.COMPLAINT,
        received=3,
        field="dat-dai",
        person=HANG,
        respondent="Bộ phận một cửa Ủy ban nhân dân xã Khoái Châu",
        subject="Khiếu nại việc trả lại hồ sơ đăng ký biến động khi nhận chuyển nhượng đất",
        content=(
            "Tôi là Chu Thị Hằng, thôn An Vĩ. Tôi nhận chuyển nhượng thửa đất 150 m² tại "
            "thôn An Vĩ, hợp đồng đã công chứng, đã nộp đủ thuế. Khi tôi nộp hồ sơ đăng ký "
            "biến động, bộ phận một cửa trả lại hồ sơ với lý do thửa đất nằm trong khu vực dự "
            "kiến quy hoạch, nhưng không có văn bản trả lời. Tôi khiếu nại việc trả lại hồ "
            "sơ này và đề nghị được giải quyết đúng thời hạn."
        ),
    ),
    Story(
        key("poultry-barn"),
        COMMUNE,
        Channel.POST,
        Kind.COMPLAINT,
        received=10,
        field="nha-o-xay-dung",
        person=NGHIA,
        respondent=COMMUNE_CHAIRMAN,
        subject="Khiếu nại quyết định buộc tháo dỡ chuồng nuôi gà xây trên đất nông nghiệp",
        content=(
            "Tôi là Tô Văn Nghĩa, thôn Dạ Trạch. Gia đình tôi xây chuồng nuôi gà Đông Tảo "
            "trên đất nông nghiệp của gia đình theo chủ trương chuyển đổi cơ cấu cây trồng, "
            "vật nuôi của xã từ năm 2021. Nay Chủ tịch UBND xã ra quyết định buộc tháo dỡ vì "
            "xây dựng trái phép trên đất nông nghiệp. Gia đình tôi đã đăng ký chuyển đổi và "
            "được thôn xác nhận; đề nghị xem xét hủy quyết định buộc tháo dỡ."
        ),
        steps=(Check(3, known_act=12),),
    ),
    Story(
        key("land-origin"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.COMPLAINT,
        received=24,
        field="dat-dai",
        person=THOA,
        respondent=COMMUNE_CHAIRMAN,
        visit=RECEIVED_NOTE,
        subject=("Khiếu nại việc không xác nhận nguồn gốc đất để làm thủ tục cấp Giấy chứng nhận"),
        content=(
            "Bà Quách Thị Thoa trình bày: bà đề nghị UBND xã xác nhận nguồn gốc và thời điểm "
            "sử dụng thửa đất 95 m² do bố mẹ chồng cho từ năm 1998 để làm thủ tục cấp Giấy "
            "chứng nhận, nhưng UBND xã có văn bản không xác nhận vì một phần thửa đất nằm "
            "trong hành lang bảo vệ kênh tưới. Bà cho rằng kênh được làm sau khi gia đình đã "
            "sử dụng đất, việc không xác nhận là không đúng."
        ),
        steps=(
            Check(2, known_act=15),
            Accept(6),
            Draft(
                20,
                "QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI LẦN ĐẦU (dự thảo)\n\nQua xác minh, kênh tưới "
                "tiêu được xây dựng năm 2004, sau thời điểm gia đình bà Quách Thị Thoa sử "
                "dụng đất (năm 1998); phần diện tích 18 m² nằm trong hành lang bảo vệ kênh "
                "không bị thu hồi nhưng bị hạn chế sử dụng.\n\nChủ tịch UBND xã quyết định: "
                "công nhận nội dung khiếu nại; giao công chức địa chính xác nhận nguồn gốc, "
                "thời điểm sử dụng toàn bộ thửa đất, ghi chú phần diện tích thuộc hành lang "
                "bảo vệ công trình thủy lợi để làm thủ tục cấp Giấy chứng nhận.",
            ),
        ),
    ),
    Story(
        key("barn-compensation"),
        COMMUNE,
        Channel.POST,
        Kind.COMPLAINT,
        received=22,
        field="dat-dai",
        person=LAI_BINH,
        respondent=COMMUNE_CHAIRMAN,
        subject="Khiếu nại việc không bồi thường chuồng trại chăn nuôi khi thu hồi đất",
        content=(
            f"Tôi là Lại Văn Bình, thôn Bình Dân. Khi thu hồi đất thực hiện {ROAD_PROJECT}, "
            "gia đình tôi có dãy chuồng nuôi lợn 48 m² xây tường gạch, mái tôn, nhưng phương "
            "án bồi thường không tính giá trị công trình này với lý do xây sau thông báo thu "
            "hồi đất. Chuồng trại được xây từ năm 2020, trước khi có thông báo nhiều năm. Đề "
            "nghị xem xét bồi thường cho gia đình tôi."
        ),
        steps=(
            Check(2, known_act=18),
            Accept(5),
            Draft(
                17,
                "QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI LẦN ĐẦU\n\nẢnh vệ tinh, biên bản kiểm tra "
                "chăn nuôi của thú y xã năm 2021 và xác nhận của Trưởng thôn cho thấy dãy "
                "chuồng nuôi lợn của hộ ông Lại Văn Bình được xây dựng trước thời điểm có "
                "thông báo thu hồi đất.\n\nChủ tịch UBND xã quyết định: công nhận nội dung "
                "khiếu nại; giao Hội đồng bồi thường, hỗ trợ và tái định cư lập phương án bồi "
                "thường bổ sung cho công trình chuồng trại theo đơn giá của UBND tỉnh, trình "
                "phê duyệt trong 15 ngày.",
            ),
            Approve(20),
        ),
    ),
    Story(
        key("livelihood-first"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.COMPLAINT,
        received=40,
        field="dat-dai",
        person=PHONG,
        respondent=COMMUNE_CHAIRMAN,
        visit=RECEIVED_NOTE,
        subject=(
            "Khiếu nại việc hỗ trợ ổn định đời sống chưa đủ số nhân khẩu khi thu hồi đất "
            "nông nghiệp"
        ),
        content=(
            "Ông Ninh Văn Phong trình bày: gia đình ông bị thu hồi 1.080 m² trên tổng số "
            "1.440 m² đất nông nghiệp được giao (trên 70%), nhưng phương án chỉ hỗ trợ ổn "
            "định đời sống cho 3 nhân khẩu, trong khi hộ có 5 nhân khẩu trực tiếp sản xuất "
            "nông nghiệp. Ông khiếu nại, đề nghị hỗ trợ đủ cho 5 nhân khẩu."
        ),
        steps=(
            Check(2, known_act=14),
            Accept(4),
            *answered(
                19,
                20,
                21,
                "QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI LẦN ĐẦU\n\nQua xác minh, 2 nhân khẩu (con trai "
                "và con dâu ông Ninh Văn Phong) có hợp đồng lao động dài hạn tại khu công "
                "nghiệp và tham gia bảo hiểm xã hội bắt buộc từ năm 2022, không trực tiếp sản "
                "xuất nông nghiệp trên đất bị thu hồi.\n\nChủ tịch UBND xã quyết định: không "
                "công nhận nội dung khiếu nại; giữ nguyên mức hỗ trợ ổn định đời sống cho 3 "
                "nhân khẩu. Ông có quyền khiếu nại lần hai đến Chủ tịch UBND tỉnh Hưng Yên "
                "hoặc khởi kiện vụ án hành chính tại Tòa án.",
            ),
        ),
    ),
)

COMMUNE_OTHERS: tuple[Story, ...] = (
    Story(
        key("mixed-lane-payment"),
        COMMUNE,
        Channel.POST,
        Kind.MIXED,
        received=5,
        field="khac",
        person=TAM_VU,
        subject="Đơn kiến nghị về ngõ xóm và khiếu nại việc chậm chi trả tiền bồi thường",
        content=(
            "Tôi là Vũ Thị Thanh Tâm, thôn Dạ Trạch. Tôi làm đơn này trình bày hai việc.\n\n"
            "Thứ nhất, ngõ 7 xóm Giữa thôn Dạ Trạch vẫn là ngõ đất, mùa mưa lầy lội. 9 hộ "
            "trong ngõ đã thống nhất góp tiền và ngày công, đề nghị xã hỗ trợ xi măng để bê "
            "tông hóa theo chương trình xây dựng nông thôn mới.\n\nThứ hai, gia đình tôi bị "
            "thu hồi 210 m² đất nông nghiệp để xây dựng khu tái định cư, đã quá 3 tháng kể "
            "từ khi phương án được phê duyệt mà vẫn chưa được chi trả tiền bồi thường. Tôi "
            "khiếu nại việc chậm chi trả này và đề nghị được trả kèm khoản tiền chậm trả."
        ),
        steps=(
            Split(
                1,
                (
                    Part(
                        Kind.PETITION,
                        "Đề nghị hỗ trợ xi măng bê tông hóa ngõ 7 xóm Giữa thôn Dạ Trạch",
                        "Ngõ 7 xóm Giữa thôn Dạ Trạch vẫn là ngõ đất, mùa mưa lầy lội. 9 hộ "
                        "trong ngõ đã thống nhất góp tiền và ngày công, đề nghị xã hỗ trợ xi "
                        "măng để bê tông hóa theo chương trình xây dựng nông thôn mới.",
                        "giao-thong-ha-tang",
                        steps=(Check(2),),
                    ),
                    Part(
                        Kind.COMPLAINT,
                        "Khiếu nại việc chậm chi trả tiền bồi thường khi thu hồi đất nông nghiệp",
                        "Gia đình tôi bị thu hồi 210 m² đất nông nghiệp để xây dựng khu tái "
                        "định cư, đã quá 3 tháng kể từ khi phương án được phê duyệt mà vẫn "
                        "chưa được chi trả tiền bồi thường. Tôi khiếu nại việc chậm chi trả "
                        "này và đề nghị được trả kèm khoản tiền chậm trả.",
                        "dat-dai",
                        steps=(Check(2, known_act=20), Accept(3)),
                    ),
                ),
            ),
        ),
    ),
    Story(
        key("denunciation-village-head"),
        COMMUNE,
        Channel.POST,
        Kind.DENUNCIATION,
        received=18,
        field="can-bo-cong-chuc",
        person=DUNG,
        respondent="Ông Phạm Văn Tư, Trưởng thôn Đông Tảo",
        subject="Tố cáo Trưởng thôn Đông Tảo thu tiền đóng góp làm đường trái quy định",
        content=(
            "Tôi là Hoàng Văn Dũng, sinh năm 1966, trú tại thôn Đông Tảo, xã Khoái Châu, số "
            "CCCD 033066008327, điện thoại 0918 204 735.\n\nTôi tố cáo ông Phạm Văn Tư, "
            "Trưởng thôn Đông Tảo, đã tự đặt ra mức thu 1.500.000 đồng/hộ để làm đường ngõ "
            "xóm mà không đưa ra hội nghị thôn bàn và biểu quyết theo Luật Thực hiện dân chủ "
            "ở cơ sở; đã thu của 86 hộ nhưng không công khai sổ sách, không lập biên lai. Đến "
            "nay đường mới làm được khoảng một nửa.\n\nĐề nghị UBND xã xác minh, làm rõ số "
            "tiền đã thu, đã chi và xử lý theo quy định. Đề nghị giữ bí mật họ tên, địa chỉ "
            "của tôi."
        ),
        steps=(Check(4), Accept(6, "Giao Tổ xác minh; đề nghị thôn cung cấp sổ thu, chi.")),
    ),
    Story(
        key("denunciation-land-official"),
        COMMUNE,
        Channel.IN_PERSON,
        Kind.DENUNCIATION,
        received=11,
        field="can-bo-cong-chuc",
        person=HUONG,
        respondent="Ông Đinh Quang Vượng, công chức địa chính – nông nghiệp xã Khoái Châu",
        visit="Tiếp nhận đơn tố cáo trực tiếp; thông tin người tố cáo được giữ bí mật.",
        subject=("Tố cáo công chức địa chính xã đòi tiền để xác nhận nguồn gốc đất nhanh"),
        content=(
            "Bà Nguyễn Thị Hường, trú tại thôn Bình Dân, xã Khoái Châu, điện thoại "
            "0967 305 218, trình bày: khi gia đình bà làm hồ sơ xác nhận nguồn gốc đất để "
            "cấp Giấy chứng nhận, ông Đinh Quang Vượng, công chức địa chính – nông nghiệp xã, "
            "gợi ý gia đình đưa 15.000.000 đồng “chi phí bồi dưỡng” thì hồ sơ sẽ được xác "
            "nhận trong một tuần. Bà đã đưa trước 5.000.000 đồng; bà còn giữ tin nhắn trao "
            "đổi và đề nghị được giữ bí mật danh tính."
        ),
        steps=(
            Check(3),
            Accept(5, "Thành lập Tổ xác minh; tạm giao việc khác cho công chức bị tố cáo."),
        ),
    ),
    Story(
        key("anonymous-rice-field"),
        COMMUNE,
        Channel.POST,
        Kind.ANONYMOUS_REPORT,
        received=7,
        field="dat-dai",
        subject=(
            "Tin báo về việc san lấp trái phép đất trồng lúa tại xứ đồng Cửa Đình thôn Dạ Trạch"
        ),
        content=(
            "Khoảng hai tuần nay, đêm nào cũng có xe tải chở đất đến san lấp khoảng 2.000 m² "
            "ruộng lúa tại xứ đồng Cửa Đình, thôn Dạ Trạch để làm kho bãi. Người thuê đất và "
            "san lấp là Công ty TNHH Vật liệu xây dựng Hưng Phát, đã dựng biển tên và quây "
            "tôn xung quanh. Tôi gửi kèm 4 ảnh chụp hiện trường. Đề nghị chính quyền kiểm "
            "tra, xử lý trước khi ruộng bị san lấp hết."
        ),
        steps=(
            AnonymousCheck(
                2,
                "Nội dung nêu rõ tổ chức vi phạm, có ảnh chụp hiện trường, có cơ sở kiểm tra "
                "theo thẩm quyền quản lý đất đai của xã (Luật Tố cáo, Điều 25 khoản 2).",
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- the province

PROVINCE_STORIES: tuple[Story, ...] = (
    Story(
        key("land-recovery-second"),
        INSPECTORATE,
        Channel.POST,
        Kind.COMPLAINT,
        received=47,
        field="dat-dai",
        person=THINH,
        respondent=COMMUNE_CHAIRMAN,
        subject=(
            "Khiếu nại lần hai đối với quyết định giải quyết khiếu nại về việc thu hồi đất "
            "tại thôn Dạ Trạch, xã Khoái Châu"
        ),
        content=(
            "Tôi là Đỗ Văn Thịnh, thôn Dạ Trạch, xã Khoái Châu. Tôi không đồng ý với quyết "
            "định giải quyết khiếu nại lần đầu của Chủ tịch UBND xã Khoái Châu giữ nguyên "
            "Quyết định số 1124/QĐ-UBND thu hồi đất của gia đình tôi. Gia đình tôi sử dụng "
            "toàn bộ 160 m² làm đất ở từ năm 1986, trước khi được cấp Giấy chứng nhận; việc "
            "ghi 100 m² là đất trồng cây lâu năm khi cấp giấy năm 2003 là sai sót của cán "
            "bộ địa chính thời đó.\n\nTôi đề nghị Chủ tịch UBND tỉnh xem xét, công nhận toàn "
            "bộ diện tích là đất ở để bồi thường đúng quy định."
        ),
        steps=(
            Link(1, key("land-recovery-first")),
            Check(2, known_act=18),
            Accept(6, "Thanh tra tỉnh được giao xác minh, báo cáo Chủ tịch UBND tỉnh."),
            *answered(
                26,
                29,
                30,
                "QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI LẦN HAI\n\nTheo kết quả xác minh của Thanh tra "
                "tỉnh, hộ ông Đỗ Văn Thịnh sử dụng thửa đất từ năm 1986; hồ sơ đăng ký đất đai "
                "năm 1997 và Giấy chứng nhận năm 2003 đều ghi 60 m² đất ở và 100 m² đất vườn. "
                "Tuy nhiên, phần đất vườn nằm trong cùng thửa với đất ở, được sử dụng ổn định "
                "từ trước ngày 15/10/1993, đủ điều kiện để xác định lại diện tích đất ở theo "
                "hạn mức công nhận đất ở của tỉnh.\n\nChủ tịch UBND tỉnh quyết định: công nhận "
                "một phần nội dung khiếu nại của ông Đỗ Văn Thịnh; yêu cầu Chủ tịch UBND xã "
                "Khoái Châu xác định lại diện tích đất ở của thửa đất, điều chỉnh phương án "
                "bồi thường và chi trả phần chênh lệch trong thời hạn 30 ngày.\n\nĐây là quyết "
                "định giải quyết khiếu nại lần hai, có hiệu lực thi hành; nếu không đồng ý, "
                "ông Đỗ Văn Thịnh có quyền khởi kiện vụ án hành chính tại Tòa án.",
            ),
            Publish(33),
        ),
    ),
    Story(
        key("denunciation-vice-chairman"),
        INSPECTORATE,
        Channel.POST,
        Kind.DENUNCIATION,
        received=45,
        field="can-bo-cong-chuc",
        person=PHUONG,
        respondent="Ông Nguyễn Đức Hạnh, Phó Chủ tịch UBND xã Khoái Châu",
        subject=("Tố cáo Phó Chủ tịch UBND xã Khoái Châu có sai phạm trong việc giao đất dịch vụ"),
        content=(
            "Tôi là Trương Thị Phương, trú tại thôn An Vĩ, xã Khoái Châu, tỉnh Hưng Yên, "
            "điện thoại 0984 517 326.\n\nTôi tố cáo ông Nguyễn Đức Hạnh, Phó Chủ tịch UBND xã "
            "Khoái Châu, trong thời gian phụ trách lĩnh vực đất đai đã ký xác nhận cho 5 hộ "
            "không thuộc diện bị thu hồi đất nông nghiệp được giao đất dịch vụ tại khu Đồng "
            "Mả, trong đó có 2 hộ là người thân của ông. Trong khi đó nhiều hộ bị thu hồi đất "
            "vẫn chưa được giao. Tôi gửi kèm danh sách các hộ được giao đất và bản sao biên "
            "bản họp xét.\n\nĐề nghị Chủ tịch UBND tỉnh chỉ đạo xác minh, xử lý nghiêm."
        ),
        steps=(
            Check(5),
            Accept(7, "Thành lập Đoàn xác minh nội dung tố cáo."),
            IdentityRequest(
                20,
                "Cần gặp người tố cáo để làm rõ danh sách các hộ được giao đất dịch vụ và "
                "bản sao biên bản họp xét gửi kèm đơn (Luật Tố cáo, Điều 47).",
            ),
            Extend(
                25,
                "complex",
                "Quyết định số 2150/QĐ-UBND của Chủ tịch UBND tỉnh về việc gia hạn thời hạn "
                "giải quyết tố cáo",
            ),
        ),
    ),
    Story(
        key("denunciation-project-board"),
        INSPECTORATE,
        Channel.POST,
        Kind.DENUNCIATION,
        received=4,
        field="can-bo-cong-chuc",
        person=MANH,
        respondent="Ông Vũ Hữu Nam, cán bộ Ban Quản lý dự án đầu tư xây dựng tỉnh",
        subject=(
            "Tố cáo cán bộ Ban Quản lý dự án gợi ý nhận tiền để ghi tăng khối lượng bồi thường"
        ),
        content=(
            "Tôi là Lê Đức Mạnh, trú tại phường Phố Hiến, tỉnh Hưng Yên, số CCCD "
            "033083002497.\n\nTôi tố cáo ông Vũ Hữu Nam, cán bộ Ban Quản lý dự án đầu tư xây "
            f"dựng tỉnh, trong quá trình kiểm đếm tài sản để bồi thường {ROAD_PROJECT} đã "
            "gợi ý một số hộ đưa tiền để được ghi tăng khối lượng cây trồng, vật kiến trúc. "
            "Tôi có bản ghi âm cuộc nói chuyện và sẵn sàng cung cấp cho cơ quan có thẩm "
            "quyền. Đề nghị giữ bí mật thông tin của tôi."
        ),
    ),
    Story(
        key("maintenance-fund"),
        INSPECTORATE,
        Channel.WEB,
        Kind.PETITION,
        received=35,
        field="nha-o-xay-dung",
        person=MINH,
        account=cast.WARD_CITIZEN.username,
        subject=(
            "Đề nghị công khai kết luận thanh tra về quản lý kinh phí bảo trì nhà chung cư "
            "tại phường Phố Hiến"
        ),
        content=(
            "Tôi là cư dân tòa nhà chung cư CT2, khu đô thị mới phía nam phường Phố Hiến. "
            "Năm ngoái Thanh tra tỉnh đã thanh tra việc quản lý, sử dụng kinh phí bảo trì "
            "phần sở hữu chung của tòa nhà do chủ đầu tư đang giữ. Cư dân được biết đã có "
            "kết luận thanh tra nhưng đến nay chưa được công khai, Ban quản trị tòa nhà cũng "
            "không nhận được văn bản. Đề nghị Thanh tra tỉnh công khai kết luận và cho biết "
            "kết quả thực hiện kết luận."
        ),
        steps=(
            Check(2),
            Accept(3),
            *answered(
                8,
                9,
                10,
                "Thanh tra tỉnh trả lời ông như sau: Kết luận thanh tra việc quản lý, sử dụng "
                "kinh phí bảo trì phần sở hữu chung tòa nhà CT2 đã được công khai trên Cổng "
                "thông tin điện tử của Thanh tra tỉnh và gửi Ban quản trị tòa nhà. Kết luận "
                "yêu cầu chủ đầu tư bàn giao 3,2 tỷ đồng kinh phí bảo trì kèm lãi tiền gửi cho "
                "Ban quản trị trong 30 ngày. Thanh tra tỉnh đang theo dõi, đôn đốc việc thực "
                "hiện và sẽ xử lý theo quy định nếu chủ đầu tư không chấp hành.",
            ),
            Rate(12, Outcome.PARTLY, "Đã công khai kết luận nhưng chủ đầu tư chưa bàn giao tiền."),
        ),
    ),
    Story(
        key("abandoned-project"),
        INSPECTORATE,
        Channel.POST,
        Kind.PETITION,
        received=13,
        field="dat-dai",
        person=HUY,
        subject=(
            "Kiến nghị xử lý dự án chậm triển khai, để đất bỏ hoang nhiều năm tại phường Phố Hiến"
        ),
        content=(
            "Tôi là Trần Quốc Huy, tổ dân phố số 7, phường Phố Hiến. Khu đất khoảng 2,4 ha "
            "giáp tổ dân phố đã bị thu hồi từ năm 2017 để giao cho một doanh nghiệp làm "
            "trung tâm thương mại, nhưng đến nay chỉ xây tường rào; bên trong cỏ mọc um tùm, "
            "thành nơi đổ trộm rác thải và tụ tập của thanh thiếu niên, trong khi người bị "
            "thu hồi đất thiếu đất sản xuất. Đề nghị cơ quan chức năng thanh tra tiến độ dự "
            "án và thu hồi đất nếu chủ đầu tư vi phạm."
        ),
        steps=(Check(3),),
    ),
    Story(
        key("livelihood-second"),
        INSPECTORATE,
        Channel.POST,
        Kind.COMPLAINT,
        received=5,
        field="dat-dai",
        person=PHONG,
        respondent=COMMUNE_CHAIRMAN,
        subject=(
            "Khiếu nại lần hai về việc hỗ trợ ổn định đời sống khi thu hồi đất nông nghiệp "
            "tại thôn An Vĩ"
        ),
        content=(
            "Tôi là Ninh Văn Phong, thôn An Vĩ, xã Khoái Châu. Tôi không đồng ý với quyết "
            "định giải quyết khiếu nại lần đầu của Chủ tịch UBND xã Khoái Châu. Con trai và "
            "con dâu tôi tuy làm công nhân theo thời vụ nhưng vẫn trực tiếp canh tác cùng "
            "gia đình, có xác nhận của Trưởng thôn và hợp tác xã. Tôi đề nghị Chủ tịch UBND "
            "tỉnh giải quyết lần hai, hỗ trợ đủ cho 5 nhân khẩu."
        ),
        steps=(Link(1, key("livelihood-first")),),
    ),
    Story(
        key("retraining-payment"),
        PROVINCE_RECEPTION,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=9,
        field="lao-dong-viec-lam",
        person=HAU,
        visit="Chuyển Thanh tra tỉnh kiểm tra theo thẩm quyền.",
        within_competence=False,
        subject=(
            "Kiến nghị về việc chậm chi trả tiền hỗ trợ đào tạo, chuyển đổi nghề cho hộ bị "
            "thu hồi đất nông nghiệp"
        ),
        content=(
            "Ông Phùng Văn Hậu, thôn Dạ Trạch, xã Khoái Châu trình bày: gia đình ông và nhiều "
            "hộ ở thôn Dạ Trạch bị thu hồi đất nông nghiệp để xây dựng khu tái định cư, đã "
            "nhận tiền bồi thường về đất nhưng khoản hỗ trợ đào tạo, chuyển đổi nghề và tìm "
            "kiếm việc làm đến nay chưa được chi trả, dù xã đã nhiều lần hứa. Ông đề nghị "
            "tỉnh kiểm tra, đôn đốc việc chi trả."
        ),
        steps=(
            Forward(
                1,
                INSPECTORATE,
                "112/PC-BTCD",
                "Chuyển Thanh tra tỉnh kiểm tra việc chi trả hỗ trợ tại xã Khoái Châu.",
            ),
            Check(3),
        ),
    ),
    Story(
        key("boundary-overlap"),
        PROVINCE_RECEPTION,
        Channel.IN_PERSON,
        Kind.COMPLAINT,
        received=20,
        field="dat-dai",
        person=LIEN,
        respondent="Ủy ban nhân dân xã Khoái Châu",
        visit="Chưa khiếu nại lần đầu; hướng dẫn gửi đơn đến Chủ tịch UBND xã Khoái Châu.",
        within_competence=False,
        guided_to=COMMUNE_CHAIRMAN,
        subject=(
            "Khiếu nại việc cấp Giấy chứng nhận cho hộ liền kề chồng lấn lên lối đi của gia đình"
        ),
        content=(
            "Bà Dương Thị Liên, thôn Bình Dân, xã Khoái Châu trình bày: UBND xã xác nhận hồ "
            "sơ để hộ liền kề được cấp Giấy chứng nhận có phần diện tích khoảng 12 m² chồng "
            "lấn lên lối đi riêng của gia đình bà. Bà chưa gửi đơn đến UBND xã mà đến thẳng "
            "Ban Tiếp công dân tỉnh."
        ),
        steps=(
            Guide(
                0,
                COMMUNE_CHAIRMAN,
                "Nội dung thuộc thẩm quyền giải quyết lần đầu của Chủ tịch UBND xã Khoái Châu. "
                "Đề nghị bà gửi đơn khiếu nại kèm bản sao Giấy chứng nhận và sơ đồ thửa đất "
                "đến bộ phận tiếp công dân của xã; nếu không đồng ý với quyết định giải quyết "
                "lần đầu, bà có quyền khiếu nại lần hai đến Chủ tịch UBND tỉnh.",
                "45/HD-BTCD",
            ),
        ),
    ),
    Story(
        key("clean-water"),
        PROVINCE_RECEPTION,
        Channel.IN_PERSON,
        Kind.PETITION,
        received=4,
        field="giao-thong-ha-tang",
        person=THANH_LA,
        people=3,
        visit="Chuyển UBND xã Khoái Châu giải quyết theo thẩm quyền.",
        within_competence=False,
        subject="Đề nghị sớm đấu nối nước sạch cho các hộ dân xóm Bãi, thôn An Vĩ",
        content=(
            "Ông Lã Văn Thành cùng hai hộ dân thôn An Vĩ, xã Khoái Châu trình bày: đường "
            "ống nước sạch của nhà máy nước đã kéo đến đầu xóm Bãi từ hơn một năm nhưng 32 hộ "
            "trong xóm vẫn chưa được đấu nối, phải dùng nước giếng khoan nhiễm sắt, asen. Các "
            "ông đề nghị tỉnh chỉ đạo sớm đấu nối."
        ),
        steps=(
            Forward(
                1,
                COMMUNE,
                "118/PC-BTCD",
                "Chuyển UBND xã Khoái Châu xem xét, giải quyết và trả lời công dân.",
            ),
        ),
    ),
)

STORIES: tuple[Story, ...] = (
    *COMMUNE_PETITIONS,
    *COMMUNE_COMPLAINTS,
    *COMMUNE_OTHERS,
    *PROVINCE_STORIES,
)

# --------------------------------------------------------------------------- schedule


@dataclass(frozen=True)
class ReceptionDayPlan:
    """A head's regular reception day: on or after ``day_of_month``, the next working day."""

    unit: str
    head: str
    day_of_month: int
    start: tuple[int, int]
    end: tuple[int, int]
    place: str
    held_note: str


RECEPTION_DAYS: tuple[ReceptionDayPlan, ...] = (
    ReceptionDayPlan(
        COMMUNE,
        cast.COMMUNE_HEAD.username,
        10,
        (7, 30),
        (11, 30),
        "Phòng tiếp công dân, trụ sở UBND xã Khoái Châu",
        "Tiếp 5 lượt công dân: 3 lượt về bồi thường, hỗ trợ khi thu hồi đất, 1 lượt về "
        "trợ cấp xã hội, 1 lượt về vệ sinh môi trường. Giao công chức địa chính trả lời "
        "trong 10 ngày.",
    ),
    ReceptionDayPlan(
        COMMUNE,
        cast.COMMUNE_HEAD.username,
        24,
        (13, 30),
        (17, 0),
        "Phòng tiếp công dân, trụ sở UBND xã Khoái Châu",
        "Tiếp 3 lượt công dân và đối thoại với đại diện 12 hộ thôn Bình Dân về phương án "
        "bồi thường; thống nhất tổ chức kiểm đếm lại một số hạng mục.",
    ),
    ReceptionDayPlan(
        INSPECTORATE,
        cast.INSPECTORATE_HEAD.username,
        16,
        (8, 0),
        (11, 30),
        "Trụ sở Ban Tiếp công dân tỉnh Hưng Yên",
        "Tiếp 2 đoàn công dân về khiếu nại lần hai liên quan đến thu hồi đất tại xã Khoái "
        "Châu; giao phòng nghiệp vụ xác minh, báo cáo trong 15 ngày.",
    ),
)

# The routing table the demo publishes when the database has none (kind × field × place).
ROUTES: tuple[tuple[Case.Kind, str, str, str, int], ...] = (
    # (kind, field code or "", place: unit code or world marker, competent unit code, priority)
    (Kind.PETITION, "", world.COMMUNE, COMMUNE, 0),
    (Kind.COMPLAINT, "", world.COMMUNE, COMMUNE, 0),
    (Kind.DENUNCIATION, "", world.COMMUNE, COMMUNE, 0),
    (Kind.COMPLAINT, "", world.PROVINCE, INSPECTORATE, -1),
    (Kind.DENUNCIATION, "", world.PROVINCE, INSPECTORATE, -1),
    (Kind.PETITION, "lao-dong-viec-lam", world.PROVINCE, world.DEPARTMENT_OF_HOME_AFFAIRS.code, -1),
    (Kind.PETITION, "tu-phap-ho-tich", world.PROVINCE, world.DEPARTMENT_OF_JUSTICE.code, -1),
)
