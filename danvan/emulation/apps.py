from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """The "Dân vận khéo" registry and its books. Permissions are in ``rules.py``."""

    name = "danvan.emulation"
    label = "emulation"
    verbose_name = _("“Dân vận khéo” emulation")

    def ready(self) -> None:
        from danvan.emulation import panels, prefill, signals

        panels.register()
        prefill.register()
        signals.connect()
