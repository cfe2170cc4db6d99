"""Admin of the sealed vault: metadata only, read-only, never a decrypted value.

The ciphertext, nonce and wrapped key are not even shown; there is no action that opens an
identity here (that is the custodian's page, under an approved request).
"""

from django.contrib import admin
from django.http import HttpRequest

from danvan.petitions.models import IdentityOpenRequest, SealedIdentity


class _ReadOnly[M: SealedIdentity | IdentityOpenRequest](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(SealedIdentity)
class SealedIdentityAdmin(_ReadOnly[SealedIdentity]):
    list_display = ("case", "key_id", "scheme", "protection_requested", "created_at")
    list_filter = ("key_id", "protection_requested")
    fields = ("case", "key_id", "scheme", "protection_requested", "created_at", "updated_at")
    readonly_fields = fields
    search_fields = ("case__tracking_code",)
    list_select_related = ("case",)


@admin.register(IdentityOpenRequest)
class IdentityOpenRequestAdmin(_ReadOnly[IdentityOpenRequest]):
    list_display = ("case", "requested_by", "status", "decided_by", "created_at", "decided_at")
    list_filter = ("status",)
    fields = (
        "case",
        "requested_by",
        "reason",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
        "valid_until",
        "created_at",
    )
    readonly_fields = fields
    search_fields = ("case__tracking_code",)
    list_select_related = ("case", "requested_by", "decided_by")
