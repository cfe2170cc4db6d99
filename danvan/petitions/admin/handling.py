"""Admin for the routing table versions (kind × field × place → competent unit).

A published version is read-only: the next version starts as a copy ("Copy as a new
version"), is edited, then published. Publishing and copying go through services, which
write the audit record.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import RoutingRule, RoutingTable
from danvan.petitions.services.handling import routing_table_copy, routing_table_publish
from danvan.units.models import User


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


class RoutingRuleInline(admin.TabularInline[RoutingRule, RoutingTable]):
    model = RoutingRule
    extra = 1
    fields = ("kind", "field", "place", "competent_unit", "priority")
    autocomplete_fields = ("place", "competent_unit")

    def has_change_permission(self, request: HttpRequest, obj: RoutingTable | None = None) -> bool:
        return (obj is None or not obj.published) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: RoutingTable | None = None) -> bool:
        return (obj is None or not obj.published) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: RoutingTable | None = None) -> bool:
        return (obj is None or not obj.published) and super().has_delete_permission(request, obj)


@admin.register(RoutingTable)
class RoutingTableAdmin(admin.ModelAdmin[RoutingTable]):
    list_display = ("version", "effective_from", "published", "note")
    list_filter = ("published",)
    ordering = ("-version",)
    inlines = (RoutingRuleInline,)
    actions = ("publish", "copy")

    def get_readonly_fields(
        self, request: HttpRequest, obj: RoutingTable | None = None
    ) -> tuple[str, ...]:
        if obj is not None and obj.published:
            return ("version", "effective_from", "note", "published")
        return ("published",)

    @admin.action(description=_("Publish the selected versions"))
    def publish(self, request: HttpRequest, queryset: QuerySet[RoutingTable]) -> None:
        for table in queryset:
            try:
                routing_table_publish(table=table, actor=_user(request))
            except ApplicationError as error:
                self.message_user(request, f"v{table.version}: {error.message}", messages.ERROR)

    @admin.action(description=_("Copy as a new version"))
    def copy(self, request: HttpRequest, queryset: QuerySet[RoutingTable]) -> None:
        for table in queryset:
            routing_table_copy(table=table, actor=_user(request))
