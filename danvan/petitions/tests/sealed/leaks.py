"""Reusable leak checks: the denouncer's identity must appear nowhere but the custodian's view.

Other areas import these, e.g.::

    from danvan.petitions.tests.sealed.leaks import LEAK_IDENTITY, assert_no_identity_leak

    case = make_leak_denunciation(unit=commune_committee).case
    response = client.get(my_page_url(case))
    assert_no_identity_leak(response.content.decode(), where="my page")

The check ignores case, diacritics (đ/Đ folded to d), Unicode normalisation, HTML escaping
and the separators people put in numbers ("0912 345 678", "+84 912.345.678").
"""

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from django.apps import apps
from django.core.mail import EmailMessage
from django.db import connection, models

from danvan.petitions.models import Case
from danvan.petitions.services.sealed import (
    DenouncerIdentity,
    DenunciationReceipt,
    denunciation_receive,
)
from danvan.units.models import Unit, User

LEAK_NAME = "Nguyễn Thị Tố Giác"
LEAK_ID_NUMBER = "001203004567"
LEAK_PHONE = "0912345678"
LEAK_EMAIL = "to.giac@example.com"
LEAK_ADDRESS = "Số 17 ngõ 254, thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên"
LEAK_IDENTITY = DenouncerIdentity(
    name=LEAK_NAME,
    address=LEAK_ADDRESS,
    id_number=LEAK_ID_NUMBER,
    phone=LEAK_PHONE,
    email=LEAK_EMAIL,
)
# The letter names the denouncer in every way a person might write it.
LEAK_SUBJECT = f"Tố cáo cán bộ địa chính — người gửi {LEAK_NAME}"
LEAK_CONTENT = (
    f"Tôi là {LEAK_NAME}, CCCD số {LEAK_ID_NUMBER}, ở {LEAK_ADDRESS}.\n"
    "Tôi tố giác ông Lê Văn Hưởng, cán bộ địa chính xã, đã nhận 50 triệu đồng để cấp "
    "sai giấy chứng nhận quyền sử dụng đất cho thửa số 118, tờ bản đồ 9.\n"
    f"Liên hệ: {LEAK_PHONE} hoặc 0912 345 678, e-mail {LEAK_EMAIL.upper()}.\n"
    "Ký tên: NGUYEN THI TO GIAC"
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _digits_pattern(digits: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\d)" + r"[\s.\-]?".join(digits) + r"(?!\d)")


def _phone_pattern(phone: str) -> re.Pattern[str]:
    """0912345678, 0912 345 678, +84 912.345.678, 84912345678: the national part matters."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    national = digits[2:] if digits.startswith("84") else digits.lstrip("0")
    prefix = r"(?:(?:\+|00)?84[\s.\-]?|0)?"
    return re.compile(r"(?<!\d)" + prefix + r"[\s.\-]?".join(national) + r"(?!\d)")


def _texts(text: str) -> list[str]:
    unescaped = html.unescape(text)
    return [unescaped, unquote(unescaped)]


def identity_leaks(text: str, identity: DenouncerIdentity = LEAK_IDENTITY) -> list[str]:
    """Which parts of ``identity`` appear in ``text`` (empty when none does)."""
    found: list[str] = []
    for variant in _texts(text):
        folded = " ".join(_fold(variant).split())
        name = " ".join(_fold(identity.name).split())
        if name and name in folded:
            found.append("name")
        first_part = identity.address.split(",")[0].strip()
        if first_part and " ".join(_fold(first_part).split()) in folded:
            found.append("address")
        if identity.id_number and _digits_pattern(identity.id_number).search(variant):
            found.append("id_number")
        if identity.phone and _phone_pattern(identity.phone).search(variant):
            found.append("phone")
        if identity.email and identity.email.casefold() in variant.casefold():
            found.append("email")
    return sorted(set(found))


def assert_no_identity_leak(
    text: str, *, where: str = "", identity: DenouncerIdentity = LEAK_IDENTITY
) -> None:
    """Fail if any part of the denouncer's identity is in ``text``."""
    leaks = identity_leaks(text, identity)
    assert not leaks, f"denouncer identity ({', '.join(leaks)}) leaked in {where or 'text'}"


def assert_no_leak_in_emails(
    outbox: Iterable[EmailMessage], *, identity: DenouncerIdentity = LEAK_IDENTITY
) -> None:
    """Subjects, bodies and alternatives of every e-mail; and the recipients of every e-mail
    except those sent to the denouncer alone (their own address is where it must go)."""
    for message in outbox:
        parts = [str(message.subject), str(message.body)]
        parts += [str(content) for content, _type in getattr(message, "alternatives", [])]
        if list(message.to) != [identity.email]:
            parts += [*message.to, *message.cc, *message.bcc, *message.reply_to]
        assert_no_identity_leak(
            "\n".join(parts), where=f"e-mail {message.subject!r}", identity=identity
        )


def database_rows_text(*, skip: Iterable[type[models.Model]] = ()) -> Iterable[tuple[str, str]]:
    """``(label, text)`` for every row of every table (binary columns left out)."""
    skipped = set(skip)
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model in skipped or model._meta.proxy or model._meta.db_table not in tables:
            continue
        names = [
            f.attname for f in model._meta.concrete_fields if not isinstance(f, models.BinaryField)
        ]
        for row in model._default_manager.values(*names):
            yield f"{model._meta.label} {row.get('id', '')}", repr(row)


def assert_no_leak_in_database(*, identity: DenouncerIdentity = LEAK_IDENTITY) -> None:
    """No table holds the identity in clear (the vault's ciphertext is binary, left out)."""
    for label, text in database_rows_text():
        assert_no_identity_leak(text, where=f"database row {label}", identity=identity)


def make_leak_denunciation(
    *,
    unit: Unit,
    entered_by: User | None = None,
    channel: Case.Channel = Case.Channel.WEB,
    **overrides: Any,
) -> DenunciationReceipt:
    """Receive the standard leak-test denunciation (the letter names the denouncer)."""
    arguments: dict[str, Any] = {
        "channel": channel,
        "subject": LEAK_SUBJECT,
        "content": LEAK_CONTENT,
        "receiving_unit": unit,
        "identity": LEAK_IDENTITY,
        "idempotency_key": "leak-test-denunciation",
        "entered_by": entered_by,
    }
    arguments.update(overrides)
    return denunciation_receive(**arguments)
