"""The six matters residents decide (Law 10/2022/QH15, Art 15) and the forms of decision
(Art 17). Plain enums (Django choices, no model), so every area stores the same values."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Matter(models.TextChoices):
    """Art 15, items 1 to 6, in the law's order."""

    CONTRIBUTIONS = "contributions", _("Residents' contributions to public works")
    COMMUNITY_FUNDS = "community_funds", _("Community contributions, funds and assets")
    CONVENTION = "convention", _("Community convention")
    VILLAGE_HEAD = "village_head", _("Electing or dismissing the village head")
    BOARDS = "boards", _("Electing or dismissing inspection and supervision board members")
    OTHER = "other", _("Other self-management matters")

    @property
    def item(self) -> int:
        """The item number in Art 15 (1–6), used in legal references."""
        return list(Matter).index(self) + 1

    @property
    def needs_two_thirds(self) -> bool:
        """Items 1 and 2 pass with two thirds (Art 21(1)); the others by majority (21(2))."""
        return self in {Matter.CONTRIBUTIONS, Matter.COMMUNITY_FUNDS}

    @property
    def meeting_only(self) -> bool:
        """Items 3, 4 and 5 are decided at a meeting (Art 17(2)), save Art 19(1)(b)."""
        return self in {Matter.CONVENTION, Matter.VILLAGE_HEAD, Matter.BOARDS}


class DecisionForm(models.TextChoices):
    """Art 17(1): (a) meeting, (b) a ballot to each household, (c) online vote."""

    MEETING = "meeting", _("Community meeting")
    HOUSEHOLD_BALLOT = "household_ballot", _("Ballot sent to each household")
    ONLINE = "online", _("Online vote")


class Scope(models.TextChoices):
    """Where a matter is decided: one village (thôn, tổ dân phố) or the whole commune."""

    VILLAGE = "village", _("Village")
    COMMUNE = "commune", _("Whole commune")


class Rule(StrEnum):
    """The two Art 21 thresholds."""

    TWO_THIRDS = "two_thirds"  # at least 2/3
    MAJORITY = "majority"  # more than 1/2
