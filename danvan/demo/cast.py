"""The demo cast: fixed people with stable usernames, shared by the demo, the docs and the tests.

Tests and browser tests refer to people by these constants (``cast.COMMUNE_HEAD.username``),
the way Zulip's tests use ``hamlet`` and ``cordelia``, so a name changed here changes
everywhere at once. Everyone signs in with :data:`DEMO_PASSWORD`; it is published in README,
which is why ``seed_demo`` refuses to run without DEBUG unless forced.
"""

from dataclasses import dataclass

from danvan.demo import world
from danvan.units.models import RoleAssignment

DEMO_PASSWORD = "danvan-demo-2026"  # noqa: S105 - published on purpose, demo only

R = RoleAssignment.Role


@dataclass(frozen=True)
class DemoRole:
    """One role of a cast member: ``unit`` is a demo unit code or a place marker of ``world``."""

    unit: str
    role: RoleAssignment.Role
    title: str = ""


@dataclass(frozen=True)
class CastMember:
    username: str
    full_name: str
    roles: tuple[DemoRole, ...]
    is_staff: bool = False
    is_superuser: bool = False
    # As on the identity card (VNeID would fill them): ``home`` is a place marker of ``world``.
    birth_year: int | None = None
    home: str = ""

    @property
    def email(self) -> str:
        # example.com is reserved (RFC 2606): demo mail can never reach a real person.
        return f"{self.username}@example.com"


COMMUNE_HEAD = CastMember(
    "nguyenvanan",
    "Nguyễn Văn An",
    (DemoRole(world.COMMUNE_COMMITTEE.code, R.HEAD, "Chủ tịch UBND xã Khoái Châu"),),
    birth_year=1972,
    home=world.COMMUNE,
)
COMMUNE_RECEPTION_OFFICER = CastMember(
    "phamthuhuong",
    "Phạm Thu Hương",
    (
        DemoRole(
            world.COMMUNE_COMMITTEE.code,
            R.RECEPTION_OFFICER,
            "Công chức Văn phòng HĐND và UBND xã, phụ trách tiếp công dân",
        ),
    ),
    birth_year=1990,
    home=world.COMMUNE,
)
COMMUNE_HANDLER = CastMember(
    "trinhvanduc",
    "Trịnh Văn Đức",
    (
        DemoRole(
            world.COMMUNE_COMMITTEE.code,
            R.HANDLER,
            "Chuyên viên Văn phòng HĐND và UBND xã, xử lý đơn thư",
        ),
    ),
    birth_year=1985,
    home=world.COMMUNE,
)
CITIZEN = CastMember(
    "tranthibinh",
    "Trần Thị Bình",
    (DemoRole(world.VILLAGE_DONG_TAO.code, R.CITIZEN),),
    birth_year=1968,
    home=world.COMMUNE,
)
WARD_CITIZEN = CastMember(
    "lequangminh",
    "Lê Quang Minh",
    (DemoRole(world.WARD, R.CITIZEN),),
    birth_year=1997,
    home=world.WARD,
)
PROVINCE_RECEPTION_OFFICER = CastMember(
    "dangvanhung",
    "Đặng Văn Hùng",
    (
        DemoRole(
            world.PROVINCE_RECEPTION.code,
            R.RECEPTION_OFFICER,
            "Chuyên viên Ban Tiếp công dân tỉnh",
        ),
        # The board also processes what it receives: forwards and guidance (ND 154/2026).
        DemoRole(
            world.PROVINCE_RECEPTION.code,
            R.HANDLER,
            "Chuyên viên Ban Tiếp công dân tỉnh, xử lý đơn",
        ),
    ),
    birth_year=1979,
    home=world.WARD,
)
PROVINCE_HANDLER = CastMember(
    "hoangminhtuan",
    "Hoàng Minh Tuấn",
    (DemoRole(world.PROVINCE_INSPECTORATE.code, R.HANDLER, "Chuyên viên Thanh tra tỉnh"),),
    birth_year=1988,
    home=world.WARD,
)
INSPECTORATE_HEAD = CastMember(
    "vuthilan",
    "Vũ Thị Lan",
    (DemoRole(world.PROVINCE_INSPECTORATE.code, R.HEAD, "Chánh Thanh tra tỉnh"),),
    birth_year=1970,
    home=world.WARD,
)
CUSTODIAN = CastMember(
    "dothimai",
    "Đỗ Thị Mai",
    (
        DemoRole(
            world.PROVINCE_INSPECTORATE.code,
            R.CUSTODIAN,
            "Phó Chánh Thanh tra tỉnh, quản lý thông tin người tố cáo",
        ),
    ),
    birth_year=1975,
    home=world.WARD,
)
COMMISSION_STAFF = CastMember(
    "buithanhha",
    "Bùi Thanh Hà",
    (
        DemoRole(
            world.MASS_MOBILIZATION_COMMISSION.code,
            R.COMMISSION_STAFF,
            "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy",
        ),
    ),
    birth_year=1992,
    home=world.WARD,
)
COMMISSION_HEAD = CastMember(
    "dovanthang",
    "Đỗ Văn Thắng",
    (
        DemoRole(
            world.MASS_MOBILIZATION_COMMISSION.code,
            R.HEAD,
            "Phó Trưởng ban Ban Tuyên giáo và Dân vận Tỉnh ủy",
        ),
    ),
    birth_year=1970,
    home=world.WARD,
)
# Officers of the units that receive the demo directive's tasks and report on them.
WARD_HANDLER = CastMember(
    "phanthilan",
    "Phan Thị Lan",
    (
        DemoRole(
            world.WARD_COMMITTEE.code,
            R.HANDLER,
            "Công chức Văn phòng HĐND và UBND phường, phụ trách công tác dân vận",
        ),
    ),
    birth_year=1988,
    home=world.WARD,
)
HOME_AFFAIRS_HANDLER = CastMember(
    "vuminhtuan",
    "Vũ Minh Tuấn",
    (
        DemoRole(
            world.DEPARTMENT_OF_HOME_AFFAIRS.code,
            R.HANDLER,
            "Chuyên viên Phòng Xây dựng chính quyền, Sở Nội vụ",
        ),
    ),
    birth_year=1983,
    home=world.WARD,
)
ADMINISTRATOR = CastMember(
    "ngothanhson",
    "Ngô Thanh Sơn",
    (
        # At the province itself, so the role reaches every unit of the province (roles look
        # down the tree: docs/permissions.md).
        DemoRole(
            world.PROVINCE,
            R.ADMINISTRATOR,
            "Chuyên viên Văn phòng UBND tỉnh, quản trị hệ thống",
        ),
    ),
    is_staff=True,
    birth_year=1986,
    home=world.WARD,
)
# Several roles in different units: the person the unit switcher is demonstrated with.
MULTI_ROLE = CastMember(
    "lethihoa",
    "Lê Thị Hoa",
    (
        DemoRole(
            world.COMMUNE_FATHERLAND_FRONT.code,
            R.HEAD,
            "Chủ tịch Ủy ban MTTQ Việt Nam xã Khoái Châu",
        ),
        DemoRole(
            world.COMMUNE_PARTY_COMMITTEE.code,
            R.COMMISSION_STAFF,
            "Ủy viên Ban Thường vụ Đảng ủy xã, phụ trách công tác dân vận",
        ),
        DemoRole(world.VILLAGE_AN_VI.code, R.CITIZEN),
    ),
    birth_year=1963,
    home=world.COMMUNE,
)
SUPERUSER = CastMember(
    "admin",
    "Quản trị viên danvan",
    (),
    is_staff=True,
    is_superuser=True,
)

CAST: tuple[CastMember, ...] = (
    COMMUNE_HEAD,
    COMMUNE_RECEPTION_OFFICER,
    COMMUNE_HANDLER,
    CITIZEN,
    WARD_CITIZEN,
    PROVINCE_RECEPTION_OFFICER,
    PROVINCE_HANDLER,
    INSPECTORATE_HEAD,
    CUSTODIAN,
    COMMISSION_STAFF,
    COMMISSION_HEAD,
    WARD_HANDLER,
    HOME_AFFAIRS_HANDLER,
    ADMINISTRATOR,
    MULTI_ROLE,
    SUPERUSER,
)


def cast_member(username: str) -> CastMember:
    """Return the cast member with ``username``; ``KeyError`` if there is none."""
    for member in CAST:
        if member.username == username:
            return member
    raise KeyError(username)
