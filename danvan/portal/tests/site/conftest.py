"""Fixtures for the public site: the open-data tests' world (public and private rows of
every app), time frozen, and a client per language (the language cookie)."""

from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from danvan.portal.tests.data.world import NOW, PublicWorld, build_world


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def public_world(db: None, frozen: time_machine.Traveller) -> PublicWorld:
    return build_world()


def client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client
