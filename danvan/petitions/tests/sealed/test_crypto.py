"""The vault's encryption: key ring, envelope, binding to the case, rotation."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import Settings as SettingsWrapper

from danvan.petitions import crypto, custody
from danvan.petitions.models import SealedIdentity
from danvan.petitions.services.sealed import DenunciationReceipt
from danvan.petitions.tests.sealed.leaks import LEAK_CONTENT, LEAK_NAME, make_leak_denunciation
from danvan.units.models import Unit

ROOT = Path(__file__).resolve().parents[4]


def key(byte: int = 1, key_id: str = "k1") -> str:
    return f"{key_id}:" + base64.b64encode(bytes([byte]) * 32).decode()


def test_parse_accepts_standard_and_url_safe_base64_without_padding() -> None:
    # given a standard key and a URL-safe key without padding
    secret = bytes(range(250, 256)) + bytes(26)
    urlsafe = base64.urlsafe_b64encode(secret).decode().rstrip("=")
    # when parsed
    keys = crypto.parse_sealing_keys([key(7, "new"), f"old:{urlsafe}"])
    # then both are there, in order, and the secret never shows in a repr
    assert [k.key_id for k in keys] == ["new", "old"]
    assert keys[1].secret == secret
    assert "secret" not in repr(keys[0])


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "is empty"),
        (["no-separator"], "key_id:base64key"),
        (["bad id:" + base64.b64encode(bytes(32)).decode()], "key_id:base64key"),
        (["k1:***not-base64***"], "not valid base64"),
        (["k1:" + base64.b64encode(bytes(16)).decode()], "must be 32 bytes, not 16"),
        ([key(1, "k1"), key(2, "k1")], "appears twice"),
    ],
)
def test_parse_refuses_bad_configuration(entries: list[str], message: str) -> None:
    # when a bad key ring is parsed, then the error says why (and shows no key material)
    with pytest.raises(ImproperlyConfigured, match=message):
        crypto.parse_sealing_keys(entries)


def test_check_reports_problems_without_key_material(settings: SettingsWrapper) -> None:
    # given no keys, then the check reports it; given good keys, nothing
    settings.DANVAN_SEALING_KEYS = []
    assert crypto.sealing_keys_check() == [
        "DANVAN_SEALING_KEYS is empty: denouncers' identities cannot be sealed"
    ]
    settings.DANVAN_SEALING_KEYS = [key()]
    assert crypto.sealing_keys_check() == []


def test_ciphertext_holds_nothing_readable(denunciation: DenunciationReceipt) -> None:
    # given a sealed denunciation
    record = SealedIdentity.objects.get(case=denunciation.case)
    # then the row holds only ciphertext: no piece of the letter, not even compressed text
    stored = bytes(record.ciphertext) + bytes(record.wrapped_key) + bytes(record.nonce)
    assert LEAK_NAME.encode() not in stored
    assert b"001203004567" not in stored
    assert record.scheme == crypto.SCHEME
    assert len(bytes(record.nonce)) == crypto.NONCE_BYTES
    # and each record has its own data key: the wrapped keys differ between records
    other = make_leak_denunciation(
        unit=denunciation.case.unit, idempotency_key="another-denunciation"
    )
    other_record = SealedIdentity.objects.get(case=other.case)
    assert bytes(other_record.wrapped_key) != bytes(record.wrapped_key)
    assert bytes(other_record.ciphertext) != bytes(record.ciphertext)


def test_a_row_copied_to_another_case_does_not_decrypt(
    denunciation: DenunciationReceipt, commune_committee: Unit
) -> None:
    # given two denunciations
    other = make_leak_denunciation(unit=commune_committee, idempotency_key="second")
    source = SealedIdentity.objects.get(case=denunciation.case)
    target = SealedIdentity.objects.get(case=other.case)
    # when someone copies the first case's ciphertext onto the second case's row
    target.key_id = source.key_id
    target.wrapped_key = bytes(source.wrapped_key)
    target.nonce = bytes(source.nonce)
    target.ciphertext = bytes(source.ciphertext)
    target.save()
    # then it does not open for the second case, while the original still opens
    with pytest.raises(custody.SealBrokenError):
        custody._decrypt(SealedIdentity.objects.get(pk=target.pk))
    assert custody._decrypt(source).identity.name == LEAK_NAME


def test_tampered_ciphertext_does_not_decrypt(denunciation: DenunciationReceipt) -> None:
    # given a record whose ciphertext was altered by one bit
    record = SealedIdentity.objects.get(case=denunciation.case)
    altered = bytearray(bytes(record.ciphertext))
    altered[0] ^= 1
    record.ciphertext = bytes(altered)
    # then decryption fails instead of returning garbage
    with pytest.raises(custody.SealBrokenError):
        custody._decrypt(record)


def test_unknown_scheme_is_refused(denunciation: DenunciationReceipt) -> None:
    record = SealedIdentity.objects.get(case=denunciation.case)
    record.scheme = "rot13"
    with pytest.raises(custody.SealBrokenError, match="unknown scheme"):
        custody._decrypt(record)


def test_rotation_new_key_encrypts_old_keys_decrypt_and_rewrap_moves_records(
    settings: SettingsWrapper, commune_committee: Unit
) -> None:
    # given a record sealed under the old key
    settings.DANVAN_SEALING_KEYS = [key(1, "old")]
    first = make_leak_denunciation(unit=commune_committee, idempotency_key="before")
    # when a new key is put in front
    settings.DANVAN_SEALING_KEYS = [key(2, "new"), key(1, "old")]
    second = make_leak_denunciation(unit=commune_committee, idempotency_key="after")
    old_record = SealedIdentity.objects.get(case=first.case)
    new_record = SealedIdentity.objects.get(case=second.case)
    # then new records use the new key, and the old record still opens
    assert (old_record.key_id, new_record.key_id) == ("old", "new")
    assert custody._decrypt(old_record).original_content == LEAK_CONTENT
    # when the records are re-wrapped, then every record is under the new key
    assert custody.sealed_identities_rewrap(batch_size=1) == 1
    assert custody.sealed_identities_rewrap() == 0
    old_record.refresh_from_db()
    assert old_record.key_id == "new"
    # and the old key can go: everything still opens with the new key alone
    settings.DANVAN_SEALING_KEYS = [key(2, "new")]
    assert custody._decrypt(old_record).identity.name == LEAK_NAME


def test_removing_a_key_too_early_is_an_explicit_error(
    settings: SettingsWrapper, commune_committee: Unit
) -> None:
    # given a record under a key that is then removed from the ring
    settings.DANVAN_SEALING_KEYS = [key(1, "old")]
    receipt = make_leak_denunciation(unit=commune_committee)
    settings.DANVAN_SEALING_KEYS = [key(2, "new")]
    # then opening it says which key is missing (and nothing else)
    with pytest.raises(ImproperlyConfigured, match="no key 'old'"):
        custody._decrypt(SealedIdentity.objects.get(case=receipt.case))


def _settings_subprocess(module: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        f"import {module} as s; keys = s.DANVAN_SEALING_KEYS; "
        "print(len(keys), keys[0][:4] if keys else '-')"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_requires_sealing_keys() -> None:
    # given a production environment without DANVAN_SEALING_KEYS
    env = {
        "DATABASE_URL": "postgres://u:p@localhost/db",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "danvan.example.vn",
        "EMAIL_URL": "smtp://localhost:25",
    }
    # when the settings load, then they refuse to start
    result = _settings_subprocess("config.settings.production", env)
    assert result.returncode != 0
    assert "DANVAN_SEALING_KEYS" in result.stderr
    # and with the variable set they load it as given
    result = _settings_subprocess(
        "config.settings.production", {**env, "DANVAN_SEALING_KEYS": key(3, "prod")}
    )
    assert result.stdout.split() == ["1", "prod"]


def test_development_derives_a_key_only_with_debug() -> None:
    # given local settings with DEBUG on and no key, then a development key is derived
    result = _settings_subprocess("config.settings.local", {"DJANGO_DEBUG": "1"})
    assert result.stdout.split() == ["1", "dev:"]
    # given DEBUG off, then nothing is derived
    result = _settings_subprocess("config.settings.local", {"DJANGO_DEBUG": "0"})
    assert result.stdout.split() == ["0", "-"]
