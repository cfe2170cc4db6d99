from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The shared demo world: one fixed cast used by the demo, the docs and the tests."""

    name = "danvan.demo"
    label = "demo"
    verbose_name = _("Demo data")
