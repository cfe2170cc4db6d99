"""Mass-campaign detection engine (near-duplicate grouping), pure Python/numpy: no Django models.

``detect_campaigns`` groups exact and near-duplicate copies of a text (edited, reordered,
typed without diacritics, mail-merge templates filled in); ``group_themes`` groups the
remaining comments of an article by what they say. See each module's docstring for why it
works the way it does.
"""

from danvan.consultations.campaigns.detect import (
    Detection,
    Group,
    Variant,
    detect_campaigns,
    template,
)
from danvan.consultations.campaigns.minhash import LshParams
from danvan.consultations.campaigns.themes import Theme, group_themes

__all__ = [
    "Detection",
    "Group",
    "LshParams",
    "Theme",
    "Variant",
    "detect_campaigns",
    "group_themes",
    "template",
]
