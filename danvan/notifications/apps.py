from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from danvan.core.dashboard import register_panel
        from danvan.notifications.dashboard import latest_notifications_panel

        register_panel(
            key="notifications.latest",
            template="notifications/panel_latest.html",
            context=latest_notifications_panel,
            order=20,  # every signed-in user, whatever the role
        )
