from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "danvan.deadlines"
    label = "deadlines"
    verbose_name = _("Legal calendar and deadlines")

    def ready(self) -> None:
        from danvan.core.dashboard import register_panel
        from danvan.deadlines.models import CalendarSetting, HolidayOverride, RuleOverride
        from danvan.deadlines.panels import next_days_off_context
        from danvan.deadlines.signals import invalidate_on_change

        for model in (HolidayOverride, CalendarSetting, RuleOverride):
            post_save.connect(
                invalidate_on_change, sender=model, dispatch_uid=f"deadlines-{model.__name__}-save"
            )
            post_delete.connect(
                invalidate_on_change,
                sender=model,
                dispatch_uid=f"deadlines-{model.__name__}-delete",
            )
        register_panel(
            key="deadlines.next_days_off",
            template="deadlines/panels/next_days_off.html",
            context=next_days_off_context,
            order=200,
        )
