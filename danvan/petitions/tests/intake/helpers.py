"""Helpers shared by the intake tests: valid form data, and reading a rendered page."""

from typing import Any

from django.utils import translation

from danvan.petitions.models import Case
from danvan.units.models import Unit


def t(msgid: str, **params: object) -> str:
    """The text the page shows for ``msgid`` in Vietnamese (the English msgid until the
    catalogue is compiled), with its placeholders filled in."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def petition_data(unit: Unit, /, **overrides: Any) -> dict[str, Any]:
    """A complete, valid public form for a kiến nghị, as a browser would post it."""
    data: dict[str, Any] = {
        "submission_key": "k" * 32,
        "kind": Case.Kind.PETITION,
        "unit": unit.code,
        "unit_q": "",
        "field": "",
        "subject": "Đường liên thôn Đông Tảo xuống cấp",
        "respondent": "",
        "content": "Đoạn đường liên thôn qua xóm Chùa bị sụt lún sau mưa lớn, đề nghị sửa chữa.",
        "name": "Trần Thị Bình",
        "address": "Thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên",
        "id_number": "033186001234",
        "id_issued_on": "",
        "id_issued_by": "",
        "phone": "0912 345 678",
        "email": "tranthibinh@example.com",
        "people_count": "1",
        "co_petitioners": "",
        "declaration": "on",
    }
    data.update(overrides)
    return data


def desk_data(**overrides: Any) -> dict[str, Any]:
    """A complete reception-book form (in person) for a kiến nghị."""
    data: dict[str, Any] = {
        "submission_key": "d" * 32,
        "received_on": "2026-10-15",
        "session": "",
        "name": "Nguyễn Văn Tư",
        "address": "Thôn An Vĩ, xã Khoái Châu",
        "id_number": "033075009876",
        "id_issued_on": "2021-04-10",
        "id_issued_by": "Cục Cảnh sát QLHC về TTXH",
        "phone": "",
        "email": "",
        "kind": Case.Kind.PETITION,
        "field": "",
        "subject": "Đề nghị lắp đèn chiếu sáng",
        "respondent": "",
        "content": "Đoạn đường từ cổng làng đến trường học chưa có đèn chiếu sáng.",
        "people_count": "3",
        "co_petitioners": "Nguyễn Thị Hoa\nPhạm Văn Lợi",
        "resolved_by": "",
        "within_competence": "on",
        "guided_to": "",
        "guidance_letter_number": "",
        "accepted_by": "",
        "transfer_letter_number": "",
        "outcome_follow_up": "",
        "notes": "",
    }
    data.update(overrides)
    return data
