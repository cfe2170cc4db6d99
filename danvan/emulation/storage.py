"""Where the registry's files live: under ``DANVAN_PRIVATE_MEDIA_ROOT``, which no URL serves.

A model's photos and documents become public only when the model is recognised, so they
are read through views that check this (registry views), never from ``MEDIA_URL``.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


def private_storage() -> Storage:
    return FileSystemStorage(location=Path(settings.DANVAN_PRIVATE_MEDIA_ROOT) / "emulation")
