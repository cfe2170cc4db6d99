"""The rules' messages are checked in English (their msgids); the Vietnamese wording comes
from the catalogue and is checked by the catalogue test and the pages."""

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield
