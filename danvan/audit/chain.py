"""Hashing and verification of the audit chain.

``entry_hash = SHA-256(canonical JSON of the entry's fields, prev_hash included)``. The
canonical form is fixed here and versioned (``"v": 1``): sorted keys, no whitespace, UTF-8,
times in UTC with microseconds, the target type as ``app_label.model`` (content-type ids
differ between databases, names do not). Changing it means a new version, never an edit.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from danvan.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry

CANONICAL_VERSION = 1


def canonical_payload(
    *,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    verb: str,
    target_type: str | None,
    target_id: str,
    target_label: str,
    data: Mapping[str, Any],
    ip_hash: str,
    prev_hash: str,
) -> bytes:
    """Return the bytes that are hashed for one entry."""
    payload = {
        "v": CANONICAL_VERSION,
        "seq": seq,
        "created_at": created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "verb": verb,
        "target_type": target_type,
        "target_id": target_id,
        "target_label": target_label,
        "data": data,
        "ip_hash": ip_hash,
        "prev_hash": prev_hash,
    }
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def compute_hash(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def entry_payload(entry: AuditEntry) -> bytes:
    """Return the canonical bytes of a stored entry (``target_type`` preloaded)."""
    target_type = entry.target_type
    return canonical_payload(
        seq=entry.seq,
        created_at=entry.created_at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        verb=entry.verb,
        target_type=f"{target_type.app_label}.{target_type.model}" if target_type else None,
        target_id=entry.target_id,
        target_label=entry.target_label,
        data=entry.data,
        ip_hash=entry.ip_hash,
        prev_hash=entry.prev_hash,
    )


@dataclass(frozen=True)
class ChainReport:
    """Outcome of a verification: ``broken_seq`` is ``None`` when the chain is intact."""

    count: int
    broken_seq: int | None = None
    reason: str = ""
    head_hash: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def audit_chain_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the chain in ``seq`` order and return the first break, if any.

    Checks, for every entry: ``seq`` follows the previous one without a gap (a deleted row),
    ``prev_hash`` equals the previous ``entry_hash`` (a removed, inserted or reordered row),
    and the stored ``entry_hash`` matches the content (an edited row). The chain head is read
    first and the walk stops at the entry it names, so appends made meanwhile are not
    mistaken for damage; the head must name the last entry (rows cut off the end).
    """
    head = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON_ID).first()
    entries = AuditEntry.objects.select_related("target_type").order_by("seq")
    if head is not None:
        entries = entries.filter(seq__lte=head.last_seq)

    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    for entry in entries.iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            return ChainReport(
                count=count,
                broken_seq=expected_seq,
                reason=f"entry {expected_seq} is missing (the next stored entry is {entry.seq})",
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(
                count=count,
                broken_seq=entry.seq,
                reason="prev_hash does not match the previous entry "
                "(an entry was removed, inserted or reordered)",
            )
        if compute_hash(entry_payload(entry)) != entry.entry_hash:
            return ChainReport(
                count=count,
                broken_seq=entry.seq,
                reason="entry_hash does not match the entry's content (the entry was edited)",
            )
        prev_hash = entry.entry_hash
        expected_seq += 1
        count += 1

    if head is None:
        if count:
            return ChainReport(
                count=count,
                broken_seq=count,
                reason="the chain head row is missing but entries exist (the head was deleted)",
            )
        return ChainReport(count=0)
    if head.last_seq != count:
        return ChainReport(
            count=count,
            broken_seq=count + 1,
            reason=f"the chain head records entry {head.last_seq} but the chain ends at entry "
            f"{count} (entries were cut off the end)",
        )
    if head.last_hash != prev_hash:
        return ChainReport(
            count=count,
            broken_seq=count,
            reason="the chain head's hash does not match the last entry (the head was altered)",
        )
    return ChainReport(count=count, head_hash=prev_hash)
