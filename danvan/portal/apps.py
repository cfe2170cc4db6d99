from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public site, open data and the public API: read-only views of what is public."""

    name = "danvan.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from danvan.portal.records import RECORD_MODELS, records_changed

        def changed(sender: Any, **kwargs: Any) -> None:
            records_changed()

        for model in RECORD_MODELS:
            uid = f"portal-records-{model._meta.label_lower}"
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-del")
