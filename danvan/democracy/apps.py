from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    """Grassroots democracy (Law 10/2022/QH15). Permissions are in ``rules.py``."""

    name = "danvan.democracy"
    label = "democracy"
    verbose_name = _("Grassroots democracy")

    def ready(self) -> None:
        from danvan.democracy import panels, prefill

        panels.register()
        prefill.register()
