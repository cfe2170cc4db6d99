"""The sealing keys are checked at start-up (petitions.E001)."""

from django.test import override_settings

from danvan.petitions.apps import sealing_keys_system_check


def test_missing_sealing_keys_are_a_system_error() -> None:
    with override_settings(DANVAN_SEALING_KEYS=[]):
        errors = sealing_keys_system_check(None)
    assert [e.id for e in errors] == ["petitions.E001"]
    assert "DANVAN_SEALING_KEYS" in errors[0].hint


def test_configured_keys_pass() -> None:
    assert sealing_keys_system_check(None) == []
