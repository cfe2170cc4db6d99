"""Tracking codes: random, non-sequential, easy to read aloud and to type on a phone.

``DV`` + 10 characters from Crockford's base-32 alphabet (no I, L, O, U): 32**10 ≈ 1.1e15
codes, so guessing a valid one is hopeless even with millions of cases, and nothing about
the volume or order of cases can be read from a code. Input is normalised generously:
lower case, spaces and hyphens, and the letters people confuse (O→0, I/L→1) are accepted.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "DV"
LENGTH = 10
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def tracking_code_new() -> str:
    """Return a fresh random code such as ``DV7K3M9QXPA4`` (uniqueness is the caller's job)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def tracking_code_normalise(raw: str) -> str:
    """Return the canonical form of what a person typed, or "" if it cannot be a code."""
    code = "".join(ch for ch in raw.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if not code.startswith(PREFIX):
        code = PREFIX + code
    body = code[len(PREFIX) :]
    if len(body) != LENGTH or any(ch not in ALPHABET for ch in body):
        return ""
    return code


def tracking_code_display(code: str) -> str:
    """Group the code for print: ``DV-7K3M-9QXP-A4``."""
    return "-".join([code[:2], *(code[i : i + 4] for i in range(2, len(code), 4))])
