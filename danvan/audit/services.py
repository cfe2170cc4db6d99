"""Writing to the audit log.

``audit_record`` is the only way entries are created. Call it from a service, inside the
service's transaction and after the service's last row lock: it locks the chain head until
that transaction ends, so every audited write in the system queues behind it for the rest
of the transaction (taking the head last keeps the lock order fixed and deadlock-free).

What may go into an entry: the acting official, the verb, the target and a small dict of
*redacted* details (ids, codes, old and new status). Never a denouncer's name, address or
any field of a sealed identity (Law on Denunciations Arts 47, 56), never passwords, tokens or
free text typed by citizens. For actions a denouncer takes, pass ``actor=None``. Models whose
``__str__`` may contain personal data are labelled by type and id unless they define a safe
``audit_label`` property.
"""

import datetime as dt
import decimal
import uuid
from collections.abc import Mapping
from enum import Enum
from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise

from danvan.audit.chain import canonical_payload, compute_hash
from danvan.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry

# Keys that must never reach the log; a service passing them is a bug, so it fails loudly.
FORBIDDEN_DATA_KEY_PARTS = ("password", "secret", "token", "denouncer", "identity")

JsonValue = None | bool | int | str | list["JsonValue"] | dict[str, "JsonValue"]


def _normalise(value: Any, *, path: str = "data") -> JsonValue:
    """Return ``value`` as plain JSON types that survive a database round trip unchanged.

    Floats become strings: PostgreSQL's jsonb may re-format them (``1e20`` comes back as
    ``100000000000000000000``), which would change the hash of an untouched entry.
    """
    result: JsonValue
    if isinstance(value, Enum):
        result = _normalise(value.value, path=path)
    elif value is None or isinstance(value, bool | int):
        result = value
    elif isinstance(value, str | Promise | float | decimal.Decimal | uuid.UUID):
        result = str(value)
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        result = value.isoformat()
    elif isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            key_text = str(key)
            if any(part in key_text.lower() for part in FORBIDDEN_DATA_KEY_PARTS):
                raise ValueError(f"{path}.{key_text} must not be written to the audit log")
            result[key_text] = _normalise(item, path=f"{path}.{key_text}")
    elif isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        result = [_normalise(item, path=f"{path}[]") for item in items]
    else:
        raise TypeError(f"{path}: {type(value).__name__} cannot be written to the audit log")
    return result


def _actor_fields(actor: AbstractBaseUser | AnonymousUser | None) -> tuple[int | None, str]:
    if actor is None or not actor.is_authenticated:
        return None, ""
    full_name = getattr(actor, "get_full_name", lambda: "")()
    username = actor.get_username()
    label = f"{full_name} ({username})" if full_name and full_name != username else username
    return actor.pk, label[:255]


def _target_fields(target: models.Model | None) -> tuple[ContentType | None, str, str]:
    if target is None:
        return None, "", ""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    label = getattr(target, "audit_label", None)
    if not isinstance(label, str):
        label = f"{target._meta.verbose_name} #{target.pk}"
    return content_type, str(target.pk), label[:255]


def _ip_hash(request: HttpRequest | None) -> str:
    """Return a keyed hash of the client address, as django-axes resolves it.

    The address itself is personal data; its HMAC still lets an investigator group the
    actions that came from one place. Axes and the audit log agree on who the client is.
    """
    if request is None:
        return ""
    address = get_client_ip_address(request) or ""
    if not address:
        return ""
    return salted_hmac("danvan.audit.ip", address, algorithm="sha256").hexdigest()


def _lock_head() -> AuditChainHead:
    """Return the chain head, locked for the rest of the transaction.

    The head normally exists (the migration creates it). If it is missing, as after a test
    flush, it is recreated from the last entry; ``ignore_conflicts`` makes the racing
    creators agree, and the locked read afterwards sees the winner's row.
    """
    heads = AuditChainHead.objects.select_for_update()
    head = heads.filter(pk=AuditChainHead.SINGLETON_ID).first()
    if head is None:
        last = AuditEntry.objects.order_by("-seq").only("seq", "entry_hash").first()
        AuditChainHead.objects.bulk_create(
            [
                AuditChainHead(
                    id=AuditChainHead.SINGLETON_ID,
                    last_seq=last.seq if last else 0,
                    last_hash=last.entry_hash if last else GENESIS_HASH,
                )
            ],
            ignore_conflicts=True,
        )
        head = heads.get(pk=AuditChainHead.SINGLETON_ID)
    return head


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    verb: str,
    target: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit chain and return it.

    ``verb`` names the action as ``<entity>.<verb>`` (``unit.role_assign``). ``data`` must be
    redacted (see the module docstring); keys that look like secrets or identities raise
    ``ValueError``, values that are not JSON-like raise ``TypeError``.

    Concurrency: on PostgreSQL the chain head row is locked (``SELECT … FOR UPDATE``) so
    appends are serialised and two writers never share a predecessor; on SQLite the
    project's IMMEDIATE transactions already serialise writers. A unique constraint on
    ``prev_hash`` turns any fork that slipped through into an error instead of a branch.
    """
    actor_id, actor_label = _actor_fields(actor)
    target_type, target_id, target_label = _target_fields(target)
    clean_data = _normalise(dict(data or {}))
    ip_hash = _ip_hash(request)

    with transaction.atomic():
        head = _lock_head()
        entry = AuditEntry(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor_id=actor_id,
            actor_label=actor_label,
            verb=verb,
            target_type=target_type,
            target_id=target_id,
            target_label=target_label,
            data=clean_data,
            ip_hash=ip_hash,
            prev_hash=head.last_hash,
        )
        entry.entry_hash = compute_hash(
            canonical_payload(
                seq=entry.seq,
                created_at=entry.created_at,
                actor_id=actor_id,
                actor_label=actor_label,
                verb=verb,
                target_type=f"{target_type.app_label}.{target_type.model}" if target_type else None,
                target_id=target_id,
                target_label=target_label,
                data=entry.data,
                ip_hash=ip_hash,
                prev_hash=entry.prev_hash,
            )
        )
        # Uniqueness is left to the database constraints (no extra queries under the lock).
        entry.full_clean(
            exclude=["actor", "target_type"], validate_unique=False, validate_constraints=False
        )
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry
