from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Citizen reception and petitions")

    def ready(self) -> None:
        from danvan.petitions import panels

        panels.register()
