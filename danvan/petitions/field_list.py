"""The default fields (lĩnh vực) petitions are grouped by: plain data, safe for migrations."""

FIELDS = [
    ("dat-dai", "Đất đai", "Land"),
    ("nha-o-xay-dung", "Nhà ở, xây dựng", "Housing and construction"),
    ("tai-nguyen-moi-truong", "Tài nguyên, môi trường", "Natural resources and environment"),
    (
        "chinh-sach-xa-hoi",
        "Chính sách xã hội, người có công",
        "Social policy and people with merit",
    ),
    ("lao-dong-viec-lam", "Lao động, việc làm", "Labour and employment"),
    ("y-te", "Y tế", "Health"),
    ("giao-duc", "Giáo dục", "Education"),
    ("giao-thong-ha-tang", "Giao thông, hạ tầng", "Transport and infrastructure"),
    ("tai-chinh-thue-phi", "Tài chính, thuế, phí", "Finance, taxes and fees"),
    ("tu-phap-ho-tich", "Tư pháp, hộ tịch", "Justice and civil status"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính, dịch vụ công", "Administrative procedures"),
    ("can-bo-cong-chuc", "Cán bộ, công chức", "Officials and civil servants"),
    ("an-ninh-trat-tu", "An ninh, trật tự", "Security and public order"),
    ("khac", "Khác", "Other"),
]
