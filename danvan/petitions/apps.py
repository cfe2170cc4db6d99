from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Citizen reception and petitions")

    def ready(self) -> None:
        from django.core import checks

        from danvan.petitions import panels

        panels.register()
        checks.register(sealing_keys_system_check, checks.Tags.security)


def sealing_keys_system_check(app_configs: Any, **kwargs: Any) -> list[Any]:
    """petitions.E001: the keys that seal denouncers' identities are missing or malformed."""
    from django.core import checks

    from danvan.petitions.crypto import sealing_keys_check

    return [
        checks.Error(
            message,
            hint="See docs/deploy.md, section on DANVAN_SEALING_KEYS.",
            id="petitions.E001",
        )
        for message in sealing_keys_check()
    ]
