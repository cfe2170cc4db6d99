"""Organisational tree (units), people and their roles per unit."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel


class User(AbstractUser):
    """A person who signs in. Vietnamese names are kept whole in ``full_name``."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        # Vietnamese address people by the last word of the name: "Nguyễn Văn An" -> "An".
        return self.full_name.split()[-1] if self.full_name.strip() else self.username


class Unit(BaseModel):
    """A node of the organisational tree: a place (province, commune) or a body attached to one.

    Since 1 July 2025 there are two levels of local government: 34 provinces and 3,321
    commune-level units (xã, phường, đặc khu), with no district level (NQ 202/2025/QH15).
    Agencies, Party committees and Fatherland Front committees hang under the place they
    serve (``parent``), so that "everything in province X" is one subtree query.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        PROVINCE = "province", _("Province")
        CITY = "city", _("Centrally-run city")
        COMMUNE = "commune", _("Commune (xã)")
        WARD = "ward", _("Ward (phường)")
        SPECIAL_ZONE = "special_zone", _("Special zone (đặc khu)")
        MINISTRY = "ministry", _("Ministry or central agency")
        DEPARTMENT = "department", _("Department or provincial agency")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PUBLIC_UNIT = "public_unit", _("Public service unit")
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        PARTY_COMMISSION = "party_commission", _("Party commission")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front committee")
        VILLAGE = "village", _("Village or residential group")

    PLACE_KINDS = frozenset(
        {Kind.COUNTRY, Kind.PROVINCE, Kind.CITY, Kind.COMMUNE, Kind.WARD, Kind.SPECIAL_ZONE,
         Kind.VILLAGE}
    )

    code = models.CharField(
        _("code"), max_length=64, unique=True,
        help_text=_("Stable identifier. Places use the official administrative code."),
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(
        _("tree path"), max_length=512, db_index=True, editable=False,
        help_text=_("Codes from the root to this unit, separated by '/', for subtree queries."),
    )
    admin_code = models.CharField(_("administrative code"), max_length=16, blank=True, db_index=True)
    is_remote_area = models.BooleanField(
        _("remote or difficult-access area"), default=False,
        help_text=_("Longer legal time limits apply here (Law on Complaints Arts 28 and 37)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "parent"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_place(self) -> bool:
        return self.kind in self.PLACE_KINDS


class RoleAssignment(BaseModel):
    """A person's role in one unit. A person may hold several roles in several units."""

    class Role(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        RECEPTION_OFFICER = "reception_officer", _("Reception officer")
        HANDLER = "handler", _("Petition handler")
        HEAD = "head", _("Head of unit")
        COMMISSION_STAFF = "commission_staff", _("Mass Mobilization Commission staff")
        # Custodian of sealed denouncer identities (Law on Denunciations Arts 47, 56).
        CUSTODIAN = "custodian", _("Custodian of sealed identities")
        ADMINISTRATOR = "administrator", _("Administrator")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("position title"), max_length=150, blank=True,
        help_text=_("As written in documents, e.g. 'Chủ tịch UBND xã'."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], condition=Q(is_active=True),
                name="units_one_active_role_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
