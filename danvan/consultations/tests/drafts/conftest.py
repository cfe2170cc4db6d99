"""Fixtures for the drafts tests: a commune committee and a province department, their staff,
a citizen, and the realistic drafts in ``fixtures/`` (a commune's democracy regulation in
Markdown, a Constitution-amending resolution in plain text, a .docx built with python-docx).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from danvan.consultations.models import Consultation
from danvan.consultations.services import draft_parser
from danvan.consultations.services.drafts import consultation_create, draft_import, draft_read
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.drafts.docx_helpers import build_docx
from danvan.deadlines.config import deadline_config_forget
from danvan.units.models import RoleAssignment, Unit, User

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def regulation_md() -> str:
    """Dự thảo Quy chế thực hiện dân chủ ở cơ sở xã Khoái Châu (3 chapters, 7 articles)."""
    return fixture_text("quy_che_dan_chu_xa.md")


@pytest.fixture
def resolution_txt() -> str:
    """Dự thảo Nghị quyết sửa đổi, bổ sung một số điều của Hiến pháp (3 articles, quotes)."""
    return fixture_text("nghi_quyet_sua_doi_hien_phap.txt")


@pytest.fixture
def regulation_docx(regulation_md: str) -> bytes:
    """The commune regulation as Word paragraphs (headings as Word headings)."""
    lines: list[str | tuple[str, str]] = []
    for line in draft_parser.markdown_lines(regulation_md):
        if not line.strip():
            continue
        folded = draft_parser.fold(line)
        if folded.startswith(("chuong", "dieu")):
            lines.append(("Heading 2", line))
        else:
            lines.append(line)
    return build_docx(lines)


@pytest.fixture(autouse=True)
def _fresh_deadline_config() -> None:
    """Each test builds the legal calendar from its own database rows."""
    deadline_config_forget()


@pytest.fixture
def commune(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-12205",
        name="Xã Khoái Châu",
        kind=Unit.Kind.COMMUNE,
        parent=province,
        admin_code="12205",
    )


@pytest.fixture
def committee(commune: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-12205-ubnd",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune,
    )


@pytest.fixture
def other_committee(province: Unit) -> Unit:
    ward = Unit.objects.create(
        code="VN-11953", name="Phường Phố Hiến", kind=Unit.Kind.WARD, parent=province
    )
    return Unit.objects.create(
        code="VN-11953-ubnd",
        name="Ủy ban nhân dân phường Phố Hiến",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=ward,
    )


@pytest.fixture
def handler(committee: Unit) -> User:
    return make_user("trinhvanduc", "Trịnh Văn Đức", committee, RoleAssignment.Role.HANDLER)


@pytest.fixture
def head(committee: Unit) -> User:
    return make_user("nguyenvanan", "Nguyễn Văn An", committee, RoleAssignment.Role.HEAD)


@pytest.fixture
def province_staff(province: Unit) -> User:
    return make_user("lethimai", "Lê Thị Mai", province, RoleAssignment.Role.COMMISSION_STAFF)


@pytest.fixture
def reception_officer(committee: Unit) -> User:
    return make_user(
        "phamthuhuong", "Phạm Thu Hương", committee, RoleAssignment.Role.RECEPTION_OFFICER
    )


@pytest.fixture
def other_handler(other_committee: Unit) -> User:
    return make_user("hoangvanbay", "Hoàng Văn Bảy", other_committee, RoleAssignment.Role.HANDLER)


@pytest.fixture
def citizen(db: None) -> User:
    return make_user("tranthibinh", "Trần Thị Bình")


@pytest.fixture
def consultation(committee: Unit, handler: User) -> Consultation:
    return consultation_create(
        unit=committee,
        title="Dự thảo Quy chế thực hiện dân chủ ở cơ sở xã Khoái Châu",
        summary="Lấy ý kiến Nhân dân về dự thảo quy chế (Luật 10/2022/QH15, Điều 25).",
        kind=Consultation.Kind.COMMUNE_MATTER,
        audience=Consultation.Audience.HOUSEHOLDS,
        actor=handler,
    )


@pytest.fixture
def imported(consultation: Consultation, handler: User, regulation_md: str) -> Consultation:
    draft = draft_read(text=regulation_md, text_format="markdown")
    draft_import(consultation=consultation, draft=draft, actor=handler)
    return consultation


def t(msgid: str, **params: object) -> str:
    """What the page shows for ``msgid`` in Vietnamese (the msgid itself until compiled)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def nt(singular: str, plural: str, number: int, **params: object) -> str:
    with translation.override("vi"):
        text = translation.ngettext(singular, plural, number)
    return text % params if params else text
