"""Dialogue fixtures: Khoái Châu's yearly dialogue with residents."""

import datetime as dt
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from danvan.democracy.models import Dialogue
from danvan.democracy.services.dialogues import dialogue_create
from danvan.democracy.tests.conftest import Commune


def vi(text: str, context: str = "") -> str:
    """The catalogue's Vietnamese for an English msgid (built by the lead from the JSON)."""
    with translation.override("vi"):
        return pgettext(context, text) if context else gettext(text)


def vi_re(text: str) -> str:
    return re.escape(vi(text))


@pytest.fixture
def dialogue(commune: Commune) -> Dialogue:
    return dialogue_create(
        unit=commune.commune,
        title="Đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026",
        held_on=dt.date(2026, 3, 20),
        place="Hội trường UBND xã Khoái Châu",
        chair="Nguyễn Văn An",
        participants=180,
        actor=commune.handler,
    )
