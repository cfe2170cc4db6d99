"""Organisational tree (units), people and their roles per unit."""

from collections.abc import Collection
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Lower, Substr
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.units.folding import fold_for_search

PATH_SEPARATOR = "/"

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z",
    _("Use only letters, digits, dots, hyphens and underscores, starting with a letter or digit."),
)


class User(AbstractUser):
    """A person who signs in. Vietnamese names are kept whole in ``full_name``."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    # Both as on the citizen identity card (VNeID fills them); read only as counts, by the
    # consultations' participation dashboard (age band, place), never shown to others.
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900)],
        help_text=_(
            "As on your citizen identity card; filled automatically for an account verified "
            "through VNeID."
        ),
    )
    home_unit = models.ForeignKey(
        "Unit",
        verbose_name=_("commune or ward of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind__in": ["commune", "ward", "special_zone"]},
        help_text=_(
            "As on your citizen identity card; filled automatically for an account verified "
            "through VNeID."
        ),
    )

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

    ``path`` (the codes from the root, joined by "/") and ``search_name`` are derived from
    ``parent``, ``code`` and ``name``. They are kept right by :meth:`save` rather than by each
    caller, because a stale path silently hides units from subtree queries (and with them
    the permissions granted on an ancestor). Bulk loads bypass ``save`` and call
    :meth:`refresh_derived_fields` themselves.
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
        {
            Kind.COUNTRY,
            Kind.PROVINCE,
            Kind.CITY,
            Kind.COMMUNE,
            Kind.WARD,
            Kind.SPECIAL_ZONE,
            Kind.VILLAGE,
        }
    )
    PROVINCE_KINDS = frozenset({Kind.PROVINCE, Kind.CITY})
    COMMUNE_KINDS = frozenset({Kind.COMMUNE, Kind.WARD, Kind.SPECIAL_ZONE})

    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        validators=[code_validator],
        help_text=_("Stable identifier. Places use the official administrative code."),
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(
        _("tree path"),
        max_length=512,
        db_index=True,
        editable=False,
        help_text=_("Codes from the root to this unit, separated by '/', for subtree queries."),
    )
    search_name = models.CharField(
        _("name for search"),
        max_length=255,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("The name without diacritics, in lower case."),
    )
    admin_code = models.CharField(
        _("administrative code"), max_length=16, blank=True, db_index=True
    )
    is_remote_area = models.BooleanField(
        _("remote or difficult-access area"),
        default=False,
        help_text=_("Longer legal time limits apply here (Law on Complaints Arts 28 and 37)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    # The path as last read from or written to the database (None for a new unit).
    _stored_path: str | None = None

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "parent"])]
        constraints = [
            # SQLite compares LIKE case-insensitively, so subtree queries on ``path`` are only
            # exact if no two codes differ by case alone.
            models.UniqueConstraint(Lower("code"), name="units_unit_code_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_db(
        cls,
        db: str | None,
        field_names: Collection[str],
        values: Collection[Any],
        *,
        fetch_mode: Any = None,
    ) -> "Unit":
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        instance._stored_path = instance.__dict__.get("path")
        return instance

    @property
    def is_place(self) -> bool:
        return self.kind in self.PLACE_KINDS

    @property
    def audit_label(self) -> str:
        """Units are public bodies and places: code and name are safe in the audit log."""
        return f"{self.code} {self.name}"

    def build_path(self) -> str:
        """Return the path this unit should have under its current parent."""
        if self.parent is None:
            return self.code
        return f"{self.parent.path}{PATH_SEPARATOR}{self.code}"

    def refresh_derived_fields(self) -> None:
        """Recompute ``path`` and ``search_name`` from ``parent``, ``code`` and ``name``."""
        self.path = self.build_path()
        self.search_name = fold_for_search(self.name)

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.COUNTRY and self.parent_id is not None:
            raise ValidationError({"parent": _("A country is the root of the tree.")})
        if self.kind != self.Kind.COUNTRY and self.parent_id is None:
            raise ValidationError({"parent": _("Every unit except a country needs a parent unit.")})
        parent = Unit.objects.filter(pk=self.parent_id).first() if self.parent_id else None
        if parent is not None and not self._state.adding and self._stored_path:
            parent_path = parent.path + PATH_SEPARATOR
            if parent.pk == self.pk or parent_path.startswith(self._stored_path + PATH_SEPARATOR):
                raise ValidationError(
                    {"parent": _("A unit cannot be placed under itself or one of its sub-units.")}
                )

    def save(self, **kwargs: Any) -> None:
        """Save, keeping ``path`` and ``search_name`` right for this unit and its subtree."""
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            fields = set(update_fields)
            if fields & {"parent", "parent_id", "code"} or self.path != self._stored_path:
                fields.add("path")
            if "name" in fields:
                fields.add("search_name")
            kwargs["update_fields"] = fields
        old_path = self._stored_path
        with transaction.atomic(using=kwargs.get("using")):
            super().save(**kwargs)
            if old_path and old_path != self.path:
                rewrite_subtree_paths(old_path=old_path, new_path=self.path)
        self._stored_path = self.path


def rewrite_subtree_paths(*, old_path: str, new_path: str) -> int:
    """Replace the ``old_path`` prefix by ``new_path`` in every descendant, in one UPDATE."""
    return Unit.objects.filter(path__startswith=old_path + PATH_SEPARATOR).update(
        path=Concat(
            models.Value(new_path),
            Substr("path", len(old_path) + 1),
            output_field=models.CharField(),
        )
    )


class RoleAssignment(BaseModel):
    """A person's role in one unit. A person may hold several roles in several units.

    Assignments are never deleted: a revoked role stays as an inactive row, so that
    "who was the handler of this unit in March" can still be answered.
    """

    class Role(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        RECEPTION_OFFICER = "reception_officer", _("Reception officer")
        HANDLER = "handler", _("Petition handler")
        HEAD = "head", _("Head of unit")
        COMMISSION_STAFF = "commission_staff", _("Mass Mobilization Commission staff")
        # Custodian of sealed denouncer identities (Law on Denunciations Arts 47, 56).
        CUSTODIAN = "custodian", _("Custodian of sealed identities")
        ADMINISTRATOR = "administrator", _("Administrator")

    # Roles only an administrator may hand out: they open the system or sealed identities.
    PRIVILEGED_ROLES: ClassVar[frozenset[str]] = frozenset({Role.ADMINISTRATOR, Role.CUSTODIAN})

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("position title"),
        max_length=150,
        blank=True,
        help_text=_("As written in documents, e.g. 'Chủ tịch UBND xã'."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(is_active=True),
                name="units_one_active_role_per_unit",
                violation_error_message=_("This person already holds this role in this unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    @property
    def audit_label(self) -> str:
        """Role and unit code only: the person is recorded separately, as the entry's data."""
        return f"{self.role} @ {self.unit.code}"
