"""Every Vietnamese translation of ours is the one the site shows.

Django merges the catalogues of all installed apps; where two translate the same English
text differently, the app listed first in INSTALLED_APPS wins. That once made the
petitions inbox's "Status" column read "Mức độ xác minh" (the deadlines app's text) and
"History" read "Bản ghi nhớ" (Django admin's). This test fails on any such shadowing, so a
clash is settled when it is made: by giving both the same Vietnamese, or different msgids.
"""

import gettext
from pathlib import Path

from django.utils import translation

from config.env import BASE_DIR

DANVAN = Path(BASE_DIR) / "danvan"


def _catalogue(mo: Path) -> dict[str, str]:
    with mo.open("rb") as handle:
        entries: dict[object, str] = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in entries.items() if isinstance(key, str) and key}


def test_no_translation_of_ours_is_shadowed_by_another_catalogue() -> None:
    shadowed = []
    with translation.override("vi"):
        for mo in sorted(DANVAN.glob("*/locale/vi/LC_MESSAGES/django.mo")):
            for msgid, ours in _catalogue(mo).items():
                if "\x04" in msgid:
                    context, text = msgid.split("\x04", 1)
                    shown = translation.pgettext(context, text)
                else:
                    shown = translation.gettext(msgid)
                if shown != ours:
                    shadowed.append(f"{mo.parts[-5]}: {msgid!r} -> {shown!r}, not {ours!r}")
    assert shadowed == []


def test_the_check_sees_the_catalogues() -> None:
    # The test above passes vacuously if no catalogue is found: make sure they are read.
    petitions = _catalogue(DANVAN / "petitions" / "locale" / "vi" / "LC_MESSAGES" / "django.mo")
    assert len(petitions) > 1000
    assert petitions["Status"] == "Trạng thái"
