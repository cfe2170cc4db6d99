"""The rules' messages are checked in English (their msgids); the Vietnamese wording comes
from the catalogue and is checked by the catalogue test and the pages."""

import pytest


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Every test here runs with the ``english`` fixture of the democracy tests."""
