from django.contrib import admin

from danvan.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["title", "kind", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["title", "kind"]
    raw_id_fields = ["recipient"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin[NotificationPreference]):
    list_display = ["user", "email_enabled", "updated_at"]
    list_filter = ["email_enabled"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
