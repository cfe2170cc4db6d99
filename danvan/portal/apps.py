from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public site, open data and the public API: read-only views of what is public."""

    name = "danvan.portal"
    label = "portal"
    verbose_name = _("Public portal")
