"""Sealing keys and envelope encryption for denouncers' identities (encryption only).

Each sealed record gets its own random 256-bit data key. The record is encrypted with
AES-256-GCM under that data key, and the data key is itself encrypted ("wrapped") with
AES-256-GCM under a master key from ``settings.DANVAN_SEALING_KEYS``. Both layers carry
associated data that names the case, so a ciphertext copied onto another case's row fails
to decrypt instead of showing one denouncer's identity on another denunciation.

Keys are configured as a list of ``"key_id:base64key"`` (32 random bytes each). The FIRST
entry is the current key and encrypts every new record; every entry can still decrypt, so
a key is rotated by putting a new one in front and keeping the old ones until the records
are re-wrapped (``danvan.petitions.custody.sealed_identities_rewrap``).

This module deliberately has no decryption function. Decryption lives in one module,
``danvan.petitions.custody``, used only by the custodian's approved view and by the few
narrowly scoped services that act on the identity without showing it (a test checks that
no other module imports it). Handlers' code never needs to decrypt anything.
"""

import base64
import binascii
import os
import re
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SCHEME = "aes256gcm-wrapped-v1"
KEY_BYTES = 32
NONCE_BYTES = 12
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class SealingKey:
    """One master key of the ring; ``secret`` is never shown in a repr or a traceback."""

    key_id: str
    secret: bytes = field(repr=False)


@dataclass(frozen=True)
class Envelope:
    """What is stored for one sealed record (all of it is safe to store and to show)."""

    key_id: str
    wrapped_key: bytes  # nonce + AES-GCM(master key, data key)
    nonce: bytes
    ciphertext: bytes


_URLSAFE = str.maketrans("-_", "+/")


def _decode_key(encoded: str) -> bytes:
    """Standard or URL-safe base64, padding optional."""
    text = encoded.strip().translate(_URLSAFE)
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured("DANVAN_SEALING_KEYS: a key is not valid base64") from None


def parse_sealing_keys(entries: list[str] | tuple[str, ...]) -> tuple[SealingKey, ...]:
    """Parse ``["key_id:base64key", …]`` into keys, checking ids, lengths and duplicates.

    Raises ``ImproperlyConfigured`` with a message that never contains key material.
    """
    keys: list[SealingKey] = []
    for entry in entries:
        key_id, separator, encoded = str(entry).partition(":")
        key_id = key_id.strip()
        if not separator or not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                'DANVAN_SEALING_KEYS: each entry must look like "key_id:base64key" '
                "(key id: letters, digits, '_', '-', '.')"
            )
        secret = _decode_key(encoded)
        if len(secret) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"DANVAN_SEALING_KEYS: key {key_id!r} must be {KEY_BYTES} bytes, not {len(secret)}"
            )
        if any(existing.key_id == key_id for existing in keys):
            raise ImproperlyConfigured(f"DANVAN_SEALING_KEYS: key id {key_id!r} appears twice")
        keys.append(SealingKey(key_id=key_id, secret=secret))
    if not keys:
        raise ImproperlyConfigured(
            "DANVAN_SEALING_KEYS is empty: denouncers' identities cannot be sealed"
        )
    return tuple(keys)


def sealing_keys() -> tuple[SealingKey, ...]:
    """The configured key ring, current key first (read from settings at every call)."""
    return parse_sealing_keys(list(getattr(settings, "DANVAN_SEALING_KEYS", None) or []))


def sealing_key(key_id: str) -> SealingKey:
    """The master key ``key_id``; ``ImproperlyConfigured`` if it was removed from the ring."""
    for key in sealing_keys():
        if key.key_id == key_id:
            return key
    raise ImproperlyConfigured(f"DANVAN_SEALING_KEYS has no key {key_id!r} any more")


def associated_data(*, case_id: int) -> bytes:
    """Bind a sealed record to its case: decrypting it for any other case fails."""
    return f"danvan.sealed_identity.v1|case:{case_id}".encode()


def wrap_associated_data(*, case_id: int, key_id: str) -> bytes:
    """The wrapped data key is bound to the case and to the master key that wrapped it."""
    return associated_data(case_id=case_id) + f"|key:{key_id}".encode()


def wrap_data_key(*, data_key: bytes, case_id: int, master: SealingKey) -> bytes:
    """Encrypt ``data_key`` under ``master``: returns nonce + ciphertext."""
    nonce = os.urandom(NONCE_BYTES)
    aad = wrap_associated_data(case_id=case_id, key_id=master.key_id)
    return nonce + AESGCM(master.secret).encrypt(nonce, data_key, aad)


def seal(plaintext: bytes, *, case_id: int) -> Envelope:
    """Encrypt ``plaintext`` for ``case_id`` with a fresh data key under the current key."""
    master = sealing_keys()[0]
    data_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(data_key).encrypt(nonce, plaintext, associated_data(case_id=case_id))
    return Envelope(
        key_id=master.key_id,
        wrapped_key=wrap_data_key(data_key=data_key, case_id=case_id, master=master),
        nonce=nonce,
        ciphertext=ciphertext,
    )


def sealing_keys_check() -> list[str]:
    """Problems with the configured keys, as messages without key material (for checks)."""
    try:
        sealing_keys()
    except ImproperlyConfigured as error:
        return [str(error)]
    return []
