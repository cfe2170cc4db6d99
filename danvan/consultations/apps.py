from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Permissions are in ``rules.py`` (found by django-rules' autodiscovery)."""

    name = "danvan.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from danvan.consultations import panels

        panels.register()
