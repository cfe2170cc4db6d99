from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    """Permissions are in ``rules.py`` (found by django-rules' autodiscovery)."""

    name = "danvan.directives"
    label = "directives"
    verbose_name = _("Directives")

    def ready(self) -> None:
        from danvan.directives import panels
        from danvan.directives.views.reports import register_panel

        panels.register()
        register_panel()
