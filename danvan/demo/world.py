"""The demo world's map: real places from the official list, and the bodies attached to them.

Places (the province, the commune, the ward) are real post-2025 administrative units loaded
from the ``vietnam-provinces`` package by ``load_units``; the demo only names them by their
official code. Their standard bodies come with the map too (``--with-bodies``); the demo adds
the inspectorate, the citizen reception boards, two departments, two ministries and four
villages, which ``seed_demo --reset`` removes again.

Tỉnh Hưng Yên was chosen as the demo province: it is a real province formed on 1 July 2025 by
merging Hưng Yên and Thái Bình (NQ 202/2025/QH15). Bắc Ninh, the first candidate, is listed
as a centrally-run city (``thành phố``) in the package's 2026 data, so the province-level body
names ("Tỉnh ủy", "UBND tỉnh") would not fit it.

The village names are illustrative: the official list stops at commune level.
"""

from dataclasses import dataclass

from danvan.units.models import Unit

DEMO_PROVINCE_ADMIN_CODE = "33"  # Tỉnh Hưng Yên
DEMO_PROVINCE_NAME = "Tỉnh Hưng Yên"
DEMO_COMMUNE_ADMIN_CODE = "12205"  # Xã Khoái Châu
DEMO_COMMUNE_NAME = "Xã Khoái Châu"
DEMO_WARD_ADMIN_CODE = "11953"  # Phường Phố Hiến
DEMO_WARD_NAME = "Phường Phố Hiến"

# Where a body hangs when its parent is the country root or one of the real places above.
COUNTRY = "@country"
PROVINCE = "@province"
COMMUNE = "@commune"
WARD = "@ward"


@dataclass(frozen=True)
class DemoUnit:
    """A body or village of the demo world.

    ``attach`` bodies are made by ``units.services.body_attach`` (so their codes and names
    are the ones ``load_units --with-bodies`` gives every place); the others are created
    under ``parent`` (a demo code or a place marker) with ``code`` and ``name`` as written.
    ``owned`` units are demo data that ``seed_demo --reset`` deletes; the standard bodies
    (People's Committee, Party committee, Fatherland Front, Mass Mobilization Commission)
    belong to the administrative map and stay.
    """

    code: str
    name: str
    kind: Unit.Kind
    parent: str
    attach: bool = False
    sector: str = ""
    owned: bool = True


K = Unit.Kind

# Central level: the bodies a provincial inspectorate forwards to and reports to.
GOVERNMENT_INSPECTORATE = DemoUnit(
    "VN-thanh-tra-chinh-phu", "Thanh tra Chính phủ", K.MINISTRY, COUNTRY, attach=True
)
CENTRAL_RECEPTION = DemoUnit(
    "VN-ban-tiep-cong-dan-trung-uong",
    "Ban Tiếp công dân Trung ương",
    K.DEPARTMENT,
    GOVERNMENT_INSPECTORATE.code,
)
MINISTRY_OF_HOME_AFFAIRS = DemoUnit("VN-bo-noi-vu", "Bộ Nội vụ", K.MINISTRY, COUNTRY, attach=True)

# Province level.
PROVINCE_COMMITTEE = DemoUnit(
    "VN-33-ubnd",
    "Ủy ban nhân dân tỉnh Hưng Yên",
    K.PEOPLES_COMMITTEE,
    PROVINCE,
    attach=True,
    owned=False,
)
PROVINCE_INSPECTORATE = DemoUnit(
    "VN-33-thanh-tra-tinh", "Thanh tra tỉnh Hưng Yên", K.DEPARTMENT, PROVINCE_COMMITTEE.code
)
PROVINCE_RECEPTION = DemoUnit(
    "VN-33-ban-tiep-cong-dan",
    "Ban Tiếp công dân tỉnh Hưng Yên",
    K.DEPARTMENT,
    PROVINCE_COMMITTEE.code,
)
DEPARTMENT_OF_JUSTICE = DemoUnit(
    "VN-33-so-tu-phap",
    "Sở Tư pháp tỉnh Hưng Yên",
    K.DEPARTMENT,
    PROVINCE,
    attach=True,
    sector="Tư pháp",
)
DEPARTMENT_OF_HOME_AFFAIRS = DemoUnit(
    "VN-33-so-noi-vu",
    "Sở Nội vụ tỉnh Hưng Yên",
    K.DEPARTMENT,
    PROVINCE,
    attach=True,
    sector="Nội vụ",
)
PROVINCE_PARTY_COMMITTEE = DemoUnit(
    "VN-33-dang-uy", "Tỉnh ủy Hưng Yên", K.PARTY_COMMITTEE, PROVINCE, attach=True, owned=False
)
# The Propaganda and Mass Mobilization Commissions merged in 2025 (DOMAIN.md §9.5).
MASS_MOBILIZATION_COMMISSION = DemoUnit(
    "VN-33-ban-tgdv",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên",
    K.PARTY_COMMISSION,
    PROVINCE,
    attach=True,
    owned=False,
)
PROVINCE_FATHERLAND_FRONT = DemoUnit(
    "VN-33-mttq",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên",
    K.FATHERLAND_FRONT,
    PROVINCE,
    attach=True,
    owned=False,
)

# The demo commune (xã) and its villages.
COMMUNE_COMMITTEE = DemoUnit(
    "VN-12205-ubnd",
    "Ủy ban nhân dân xã Khoái Châu",
    K.PEOPLES_COMMITTEE,
    COMMUNE,
    attach=True,
    owned=False,
)
COMMUNE_PARTY_COMMITTEE = DemoUnit(
    "VN-12205-dang-uy",
    "Đảng ủy xã Khoái Châu",
    K.PARTY_COMMITTEE,
    COMMUNE,
    attach=True,
    owned=False,
)
COMMUNE_FATHERLAND_FRONT = DemoUnit(
    "VN-12205-mttq",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã Khoái Châu",
    K.FATHERLAND_FRONT,
    COMMUNE,
    attach=True,
    owned=False,
)
VILLAGE_DONG_TAO = DemoUnit("VN-12205-thon-dong-tao", "Thôn Đông Tảo", K.VILLAGE, COMMUNE)
VILLAGE_AN_VI = DemoUnit("VN-12205-thon-an-vi", "Thôn An Vĩ", K.VILLAGE, COMMUNE)
VILLAGE_BINH_DAN = DemoUnit("VN-12205-thon-binh-dan", "Thôn Bình Dân", K.VILLAGE, COMMUNE)
VILLAGE_DA_TRACH = DemoUnit("VN-12205-thon-da-trach", "Thôn Dạ Trạch", K.VILLAGE, COMMUNE)

# The demo ward (phường).
WARD_COMMITTEE = DemoUnit(
    "VN-11953-ubnd",
    "Ủy ban nhân dân phường Phố Hiến",
    K.PEOPLES_COMMITTEE,
    WARD,
    attach=True,
    owned=False,
)

# Parents before children, so the list can be created in order and deleted in reverse.
DEMO_UNITS: tuple[DemoUnit, ...] = (
    GOVERNMENT_INSPECTORATE,
    CENTRAL_RECEPTION,
    MINISTRY_OF_HOME_AFFAIRS,
    PROVINCE_COMMITTEE,
    PROVINCE_INSPECTORATE,
    PROVINCE_RECEPTION,
    DEPARTMENT_OF_JUSTICE,
    DEPARTMENT_OF_HOME_AFFAIRS,
    PROVINCE_PARTY_COMMITTEE,
    MASS_MOBILIZATION_COMMISSION,
    PROVINCE_FATHERLAND_FRONT,
    COMMUNE_COMMITTEE,
    COMMUNE_PARTY_COMMITTEE,
    COMMUNE_FATHERLAND_FRONT,
    VILLAGE_DONG_TAO,
    VILLAGE_AN_VI,
    VILLAGE_BINH_DAN,
    VILLAGE_DA_TRACH,
    WARD_COMMITTEE,
)
