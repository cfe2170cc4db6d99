"""Read-only admin for the audit log: it may be browsed, never changed."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["seq", "created_at", "actor_label", "verb", "target_label"]
    list_filter = ["created_at"]
    search_fields = ["verb", "actor_label", "target_label"]
    ordering = ["-seq"]
    date_hierarchy = "created_at"
    list_select_related = ["target_type"]
    show_full_result_count = False  # COUNT(*) on a table of millions is slow
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
