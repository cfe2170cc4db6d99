"""Supervision fixtures: Khoái Châu (from the shared ``commune`` fixture) with a fourth
village, and its People's Inspection Board."""

import datetime as dt
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from danvan.democracy.models import SupervisionBoard
from danvan.democracy.services.supervision import board_create
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import Unit


@pytest.fixture
def villages(commune: Commune) -> list[Unit]:
    """Khoái Châu's four villages (the shared fixture has three)."""
    fourth = Unit.objects.create(
        code="VN-12205-thon-tu-dan",
        name="Thôn Tứ Dân",
        kind=Unit.Kind.VILLAGE,
        parent=commune.commune,
    )
    return [*commune.villages, fourth]


@pytest.fixture
def board(commune: Commune, villages: list[Unit]) -> SupervisionBoard:
    return board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân xã Khoái Châu",
        term_start=dt.date(2026, 1, 1),
        actor=commune.handler,
    )


def vi(text: str) -> str:
    """The Vietnamese the catalogue gives for an English msgid (messages are compared with
    the catalogue's wording, which the lead builds from /work/notes/i18n)."""
    with translation.override("vi"):
        return gettext(text)


def vi_re(text: str) -> str:
    """A regex matching exactly the Vietnamese of a message."""
    return re.escape(vi(text))
