"""The disclosure register ("dân biết", Law 10/2022/QH15 Arts 11–14 and 46–48).

Each commune keeps a register of the items Art 11 says it must disclose to residents, and
each agency or public service unit one of the items Art 46 says its head discloses to the
staff. A :class:`Disclosure` is one such item (a decision, a plan, a list…), due within a
number of working days of the decision (Art 12(3), Art 47: the deadline engine computes it);
a :class:`DisclosurePosting` is one act of disclosing it — posted at the office or a village
cultural house, put on the portal, read on the loudspeaker — with its dates and its proof.

The categories and their legal defaults are data (:data:`CATEGORIES`); a deployment
changes a default with the ``DANVAN_DISCLOSURE_CATEGORIES`` setting (code → the fields to
change), and each item keeps the durations it was created with, so a later change of
default does not rewrite the flags of past items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.units.models import Unit

__all__ = [
    "AGENCY",
    "CATEGORIES",
    "COMMUNE",
    "CategoryDefault",
    "Disclosure",
    "DisclosureChannel",
    "DisclosureForm",
    "DisclosurePosting",
    "DisclosureQuarterList",
    "category_choices",
    "category_default",
]

COMMUNE = "commune"
AGENCY = "agency"

LAW = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"


@dataclass(frozen=True)
class CategoryDefault:
    """One item the law says must be disclosed, with its default durations.

    ``posting_days`` None with ``permanent`` True: posted permanently and updated when it
    changes (Art 13(2), items 4 and 13). ``loudspeaker_days`` None: not broadcast.
    ``believed`` marks a value that is our reading rather than the text's own number.
    """

    code: str
    scope: str
    item: int
    name: Promise
    legal_basis: str
    posting_days: int | None
    permanent: bool = False
    loudspeaker_days: int | None = None
    village_heads: bool = False
    believed: bool = False


def _commune(item: int, name: Promise, **kwargs: Any) -> CategoryDefault:
    loud = 7 <= item <= 12
    permanent = item in (4, 13)
    return CategoryDefault(
        code=f"commune_{item:02d}",
        scope=COMMUNE,
        item=item,
        name=name,
        legal_basis=f"{LAW}, Điều 11 khoản {item}; Điều 13",
        posting_days=None if permanent else 30,
        permanent=permanent,
        loudspeaker_days=3 if loud else None,
        village_heads=loud,
        **kwargs,
    )


def _agency(item: int, name: Promise) -> CategoryDefault:
    return CategoryDefault(
        code=f"agency_{item:02d}",
        scope=AGENCY,
        item=item,
        name=name,
        legal_basis=f"{LAW}, Điều 46 khoản {item}; Điều 48",
        posting_days=20,
    )


_DEFAULTS: tuple[CategoryDefault, ...] = (
    _commune(1, _("Socio-economic development plan and its results")),
    _commune(2, _("Budget: estimates, execution, final accounts and audit results")),
    _commune(3, _("Investment projects, land recovery, compensation and planning")),
    _commune(4, _("Democracy regulation, duties of commune staff, codes of conduct")),
    _commune(5, _("Funds, programme investments, sponsorships and residents' contributions")),
    _commune(6, _("Public assets and their use")),
    _commune(7, _("Support, subsidy and credit policies and their beneficiaries")),
    _commune(8, _("State support for disasters, epidemics and serious illness; donations")),
    _commune(9, _("Military and police service: quotas, lists, deferrals")),
    _commune(10, _("Inspection results, corruption and discipline, confidence votes")),
    _commune(11, _("Consultations of residents: plans, results, explanations")),
    _commune(12, _("Fees, charges and other obligations collected by the commune")),
    _commune(13, _("Administrative procedures handled by the commune")),
    # Item 14 is outside Art 13(2)'s list: 30 days is our reading, not the text's number.
    _commune(14, _("Other contents (incl. results of community decisions)"), believed=True),
    _agency(1, _("Party and State policies relevant to the agency")),
    _agency(2, _("Annual, quarterly and monthly work plans")),
    _agency(3, _("Budget estimates, execution, final accounts; audit follow-up")),
    _agency(4, _("Public asset standards and management")),
    _agency(5, _("Public investment: allocation, plans and disbursement")),
    _agency(6, _("Personnel matters, draft schemes and legal documents")),
    _agency(7, _("Corruption conclusions; asset and income declarations")),
    _agency(8, _("Inspection results; internal complaints and denunciations")),
    _agency(9, _("Internal rules and codes of conduct")),
    _agency(10, _("Synthesis and explanation of staff opinions")),
    _agency(11, _("Directives of superior bodies")),
    _agency(12, pgettext_lazy("disclosure", "Other matters")),
)

CATEGORIES: dict[str, CategoryDefault] = {c.code: c for c in _DEFAULTS}

# The overridable fields of a category (the setting may change only these).
OVERRIDABLE = ("posting_days", "permanent", "loudspeaker_days", "village_heads", "legal_basis")


def category_default(code: str) -> CategoryDefault:
    """The category ``code`` with the deployment's changes (``DANVAN_DISCLOSURE_CATEGORIES``).

    Raises ``KeyError`` for an unknown code.
    """
    base = CATEGORIES[code]
    changes = getattr(settings, "DANVAN_DISCLOSURE_CATEGORIES", {}).get(code, {})
    allowed = {key: value for key, value in changes.items() if key in OVERRIDABLE}
    return replace(base, **allowed, believed=base.believed or bool(allowed)) if allowed else base


def category_choices(scope: str | None = None) -> list[tuple[str, str]]:
    """(code, "Item n. name") for the select boxes, commune items first."""
    return [(c.code, f"{c.item}. {c.name}") for c in _DEFAULTS if scope is None or c.scope == scope]


class DisclosureForm(models.TextChoices):
    """The forms of disclosure: Art 12(1) (a)–(k) for communes, Art 47 for agencies."""

    POSTING = "a", _("(a) Posting at the office")
    PORTAL = "b", _("(b) Commune web portal or site")
    LOUDSPEAKER = "c", _("(c) Commune loudspeaker system")
    VILLAGE_HEADS = "d", _("(d) Through village heads")
    LETTERS = "dd", _("(đ) Letters to citizens")
    DIALOGUE = "e", _("(e) Dialogue conferences with residents")
    RECEPTION = "g", _("(g) Citizen reception, voter meetings, press")
    ORGANISATIONS = "h", _("(h) Notice to political and socio-political organisations")
    TELECOM = "i", _("(i) Telecom networks and social networks")
    OTHER = "k", _("(k) Other forms")
    STAFF_CONFERENCE = "staff_conference", _("Staff conference (agency)")
    INTRANET = "intranet", _("Intranet or portal (agency)")
    UNIT_HEADS = "unit_heads", _("Through heads of sub-units (agency)")
    PARTY_UNION = "party_union", _("Through the Party cell or trade union (agency)")


class DisclosureChannel(models.TextChoices):
    """Where one posting was made (the place the proof shows)."""

    OFFICE = "office", _("Notice board at the office")
    VILLAGE_HOUSE = "village_house", _("Village cultural house or community point")
    PORTAL = "portal", _("Web portal or site")
    INTRANET = "intranet", _("Intranet")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker")
    VILLAGE_HEADS = "village_heads", _("Sent to village heads")
    OTHER = "other", pgettext_lazy("disclosure channel", "Other")


# Postings that count towards the minimum posting duration (Art 13(2), Art 48).
DURATION_CHANNELS = frozenset(
    {
        DisclosureChannel.OFFICE,
        DisclosureChannel.VILLAGE_HOUSE,
        DisclosureChannel.PORTAL,
        DisclosureChannel.INTRANET,
    }
)


class Disclosure(BaseModel):
    """One item of a register: what is disclosed, from which decision, due when."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="disclosures",
        verbose_name=pgettext_lazy("disclosure", "commune or agency"),
    )
    category = models.CharField(
        pgettext_lazy("disclosure", "category"), max_length=20, db_index=True
    )
    title = models.CharField(pgettext_lazy("disclosure", "title"), max_length=255)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    decided_on = models.DateField(_("date of the decision or document"))
    due_on = models.DateField(_("to be disclosed by"), db_index=True)
    url = models.URLField(_("link to the document"), blank=True)
    forms = models.JSONField(_("forms of disclosure"), default=list, blank=True)
    posting_days = models.PositiveSmallIntegerField(
        _("minimum posting (consecutive days)"), null=True, blank=True
    )
    permanent = models.BooleanField(_("posted permanently"), default=False)
    loudspeaker_days = models.PositiveSmallIntegerField(
        _("loudspeaker (consecutive days)"), null=True, blank=True
    )
    village_heads = models.BooleanField(_("also sent to village heads"), default=False)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="redisclosures",
        null=True,
        blank=True,
        verbose_name=_("disclosure it changes"),
        help_text=_("Art 14: a change is disclosed again, linked to the earlier item."),
    )
    note = models.TextField(pgettext_lazy("disclosure", "note"), blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ("-due_on", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "category", "title", "decided_on"),
                name="democracy_disclosure_unique_item",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category_info(self) -> CategoryDefault | None:
        return CATEGORIES.get(self.category)


class DisclosurePosting(BaseModel):
    """One act of disclosing an item, with its dates and the proof that it happened.

    ``posted_to`` is the last day it was up (inclusive); empty while it still is.
    ``token`` is the form's one-time token: a retried submission finds the posting it
    already made instead of recording a second one.
    """

    disclosure = models.ForeignKey(
        Disclosure,
        on_delete=models.CASCADE,
        related_name="postings",
        verbose_name=_("disclosure"),
    )
    channel = models.CharField(
        _("where it was disclosed"), max_length=20, choices=DisclosureChannel.choices
    )
    place = models.CharField(_("place or address"), max_length=255, blank=True)
    url = models.URLField(_("web address"), blank=True)
    posted_from = models.DateField(_("posted from"))
    posted_to = models.DateField(_("posted until"), null=True, blank=True)
    proof_name = models.CharField(_("proof file name"), max_length=255, blank=True)
    proof_type = models.CharField(_("proof file type"), max_length=100, blank=True)
    proof = models.BinaryField(_("proof (photo or PDF)"), blank=True, default=b"")
    token = models.CharField(max_length=64, blank=True, default="")
    recorded_by = by_user(_("recorded by"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ("posted_from", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("token",),
                condition=~models.Q(token=""),
                name="democracy_disclosure_posting_unique_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.posted_from}"

    @property
    def has_proof(self) -> bool:
        return bool(self.proof_name)


class DisclosureQuarterList(BaseModel):
    """The list of a quarter's disclosures (Art 13(2)), prepared when the quarter ends.

    Kept as it was prepared (the .docx and its line count), so what was posted at the
    start of the next quarter can be shown later even if items are corrected since.
    """

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("disclosure", "commune or agency"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    lines = models.PositiveIntegerField(_("items listed"), default=0)
    document = models.BinaryField(_("Word document"))

    class Meta:
        verbose_name = _("quarterly list of disclosures")
        verbose_name_plural = _("quarterly lists of disclosures")
        ordering = ("-year", "-quarter")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "year", "quarter"), name="democracy_disclosure_quarter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter}/{self.year}"
