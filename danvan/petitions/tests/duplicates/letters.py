"""Realistic Vietnamese petitions for the duplicate tests (people and places are invented)."""
# ruff: noqa: E501 (letters keep their real line breaks)

ROAD = """Kính gửi: Ủy ban nhân dân xã Khoái Châu.
Tôi tên là Trần Thị Bình, sinh năm 1968, cư trú tại thôn Đông Tảo, xã Khoái Châu.
Đoạn đường liên thôn từ cầu Đông Tảo đến trường tiểu học dài khoảng 800 mét bị sụt lún nghiêm trọng sau đợt mưa lớn tháng 9 năm 2026. Nhiều ổ gà sâu, xe máy chở học sinh thường xuyên bị ngã. Mương thoát nước hai bên bị lấp đầy đất đá nên nước tràn vào nhà dân.
Tôi đề nghị Ủy ban nhân dân xã sớm kiểm tra, sửa chữa mặt đường và nạo vét mương thoát nước trước mùa mưa năm sau.
Xin chân thành cảm ơn."""

ROAD_NO_DIACRITICS = """Kinh gui: Uy ban nhan dan xa Khoai Chau.
Toi ten la Tran Thi Binh, sinh nam 1968, cu tru tai thon Dong Tao, xa Khoai Chau.
Doan duong lien thon tu cau Dong Tao den truong tieu hoc dai khoang 800 met bi sut lun nghiem trong sau dot mua lon thang 9 nam 2026. Nhieu o ga sau, xe may cho hoc sinh thuong xuyen bi nga. Muong thoat nuoc hai ben bi lap day dat da nen nuoc tran vao nha dan.
Toi de nghi Uy ban nhan dan xa som kiem tra, sua chua mat duong va nao vet muong thoat nuoc truoc mua mua nam sau.
Xin chan thanh cam on."""

ROAD_REORDERED = """Kính gửi: Ủy ban nhân dân xã Khoái Châu.
Tôi tên là Trần Thị Bình, sinh năm 1968, cư trú tại thôn Đông Tảo, xã Khoái Châu.
Mương thoát nước hai bên bị lấp đầy đất đá nên nước tràn vào nhà dân. Nhiều ổ gà sâu, xe máy chở học sinh thường xuyên bị ngã. Đoạn đường liên thôn từ cầu Đông Tảo đến trường tiểu học dài khoảng 800 mét bị sụt lún nghiêm trọng sau đợt mưa lớn tháng 9 năm 2026.
Tôi đề nghị Ủy ban nhân dân xã sớm kiểm tra, sửa chữa mặt đường và nạo vét mương thoát nước trước mùa mưa năm sau.
Xin chân thành cảm ơn."""

ROAD_WITH_HEADER_AND_SIGNATURE = (
    """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Khoái Châu, ngày 05 tháng 10 năm 2026
ĐƠN KIẾN NGHỊ
(V/v sửa chữa đường liên thôn Đông Tảo)
"""
    + ROAD
    + """
Người viết đơn
(Ký và ghi rõ họ tên)
Trần Thị Bình"""
)

ROAD_ONE_NUMBER = ROAD.replace("800 mét", "900 mét")

ROAD_ONE_WORD = ROAD.replace("sụt lún nghiêm trọng", "hư hỏng nghiêm trọng")

ROAD_OTHER_PERSON = """Kính gửi: Ủy ban nhân dân xã Khoái Châu.
Tôi tên là Lê Văn Hùng, sinh năm 1975, cư trú tại thôn Đông Tảo, xã Khoái Châu.
Tôi và bà con thôn Đông Tảo phản ánh: đoạn đường liên thôn từ cầu Đông Tảo đến trường tiểu học bị sụt lún nghiêm trọng sau đợt mưa lớn tháng 9 năm 2026, nhiều ổ gà sâu, xe máy chở học sinh thường xuyên bị ngã. Mương thoát nước hai bên bị lấp đầy nên nước tràn vào nhà dân.
Đề nghị xã sớm sửa chữa mặt đường và nạo vét mương thoát nước.
Trân trọng."""

LAND = """Kính gửi: Ủy ban nhân dân xã Khoái Châu.
Tôi tên là Nguyễn Văn Tâm, sinh năm 1959, cư trú tại thôn Đông Tảo, xã Khoái Châu.
Năm 2024 Ủy ban nhân dân xã thu hồi 320 mét vuông đất nông nghiệp của gia đình tôi tại thửa đất số 125, tờ bản đồ số 7 để làm đường giao thông, nhưng đến nay gia đình tôi vẫn chưa nhận được tiền bồi thường, hỗ trợ. Tôi đã nhiều lần hỏi cán bộ địa chính nhưng không được trả lời.
Tôi đề nghị Ủy ban nhân dân xã xem xét, chi trả tiền bồi thường cho gia đình tôi theo đúng quy định.
Xin chân thành cảm ơn."""

NOISE = """Kính gửi: Ủy ban nhân dân xã Khoái Châu.
Tôi tên là Phạm Thị Lan, sinh năm 1980, cư trú tại thôn Đông Tảo, xã Khoái Châu.
Cơ sở chăn nuôi lợn của hộ ông Đỗ Văn Khải ở cuối thôn xả nước thải chưa qua xử lý ra kênh tưới, gây mùi hôi thối suốt ngày đêm, nhiều hộ dân xung quanh bị ảnh hưởng sức khỏe, trẻ em bị ho kéo dài.
Tôi đề nghị Ủy ban nhân dân xã kiểm tra, xử lý nghiêm và buộc cơ sở khắc phục ô nhiễm.
Xin chân thành cảm ơn."""

SOCIAL = """Kính gửi Ủy ban nhân dân xã Khoái Châu.
Tôi là Hoàng Thị Mai, thôn Đông Tảo. Mẹ tôi là bà Hoàng Thị Nụ, 82 tuổi, sống một mình, thuộc diện hộ nghèo nhưng từ tháng 6 năm 2026 không được nhận trợ cấp xã hội hằng tháng. Đề nghị xã xem xét, giải quyết chế độ trợ cấp cho mẹ tôi.
Trân trọng cảm ơn."""

# Two letters that share nothing but their formulas.
FORMULAS = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Khoái Châu, ngày 12 tháng 10 năm 2026
ĐƠN KIẾN NGHỊ
Kính gửi: Ủy ban nhân dân xã Khoái Châu
Tôi tên là Đặng Văn Phúc, sinh năm 1971, căn cước công dân số 033071004455.
Địa chỉ: thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên. Số điện thoại 0912345678.
{body}
Kính đề nghị Ủy ban nhân dân xã xem xét giải quyết.
Xin chân thành cảm ơn!
Người viết đơn
(Ký và ghi rõ họ tên)
Đặng Văn Phúc"""

LIGHTS = FORMULAS.format(
    body="Hệ thống đèn chiếu sáng công cộng trên trục đường chính của thôn đã hỏng từ đầu năm, "
    "buổi tối người dân đi lại rất nguy hiểm."
)
SCHOOL = FORMULAS.format(
    body="Nhà văn hóa thôn bị dột mái, tường nứt, không bảo đảm an toàn khi tổ chức họp "
    "dân và sinh hoạt văn nghệ cho các cháu thiếu nhi."
)
