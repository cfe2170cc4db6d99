"""The append-only audit log (nhật ký kiểm tra): a hash chain of who did what, when.

Every entry stores the SHA-256 of its own canonical content plus the hash of the entry
before it (``prev_hash``), so editing, deleting or reordering any row breaks the chain and
``manage.py verify_audit_chain`` reports where. Rows are never updated or deleted through
the ORM (this module raises), and on PostgreSQL a trigger refuses UPDATE and DELETE too.

Personal data: ``data``, ``target_label`` and ``actor_label`` are read by administrators
and kept for years. Services must pass redacted data only: never a denouncer's identity
(Law on Denunciations Arts 47, 56), never passwords or tokens. See ``services.audit_record``.
"""

import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditLogAppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Querysets that refuse bulk changes: the audit log only grows."""

    def update(self, **kwargs: Any) -> int:
        raise AuditLogAppendOnlyError("Audit entries cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogAppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One recorded action. Written only by ``danvan.audit.services.audit_record``."""

    seq = models.PositiveBigIntegerField(
        _("sequence number"),
        unique=True,
        help_text=_("Position in the chain: 1, 2, 3, … without gaps."),
    )
    created_at = models.DateTimeField(_("recorded at"), db_index=True)
    # PROTECT: an actor's id is part of the entry hash, so accounts with audit history are
    # deactivated, never deleted (SET_NULL would rewrite the row and break the chain).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=255, blank=True)
    verb = models.CharField(
        _("action"),
        max_length=100,
        db_index=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")],
        help_text=_("What was done, as <entity>.<verb>, e.g. unit.role_assign."),
    )
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("target type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip_hash = models.CharField(
        _("client address (keyed hash)"),
        max_length=64,
        blank=True,
        help_text=_(
            "HMAC of the client IP address: lets requests be correlated without "
            "storing the address."
        ),
    )
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-seq"]
        default_permissions = ("view",)
        constraints = [
            # A second entry claiming the same predecessor would fork the chain.
            models.UniqueConstraint(fields=["prev_hash"], name="audit_entry_unique_prev_hash"),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_entry_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogAppendOnlyError("Audit entries cannot be changed once written.")
        # Never an UPDATE, even for an instance built with the id of an existing row.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogAppendOnlyError("Audit entries cannot be deleted.")

    @property
    def data_display(self) -> str:
        """The details as compact JSON, readable in Vietnamese (no \\u escapes)."""
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True) if self.data else ""


class AuditChainHead(models.Model):
    """The single row that writers lock to append, and the chain's last link.

    Locking this row (``SELECT … FOR UPDATE``) serialises appends on PostgreSQL so two
    writers never read the same predecessor. Its copy of the last ``seq`` and hash lets the
    verifier notice entries cut off the end of the chain, which the links alone cannot show.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    last_seq = models.PositiveBigIntegerField(_("last sequence number"), default=0)
    last_hash = models.CharField(_("last entry hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"
