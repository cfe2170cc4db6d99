"""Admin for the calendar corrections: every save goes through a service.

The help texts tell the administrator which values are uncertain ([U]) or unsourced ([M])
in the legal research, and that each year's Prime Minister / Ministry of Home Affairs
announcement has to be entered here.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.deadlines import services
from danvan.deadlines.engine import RULE_BOOK
from danvan.deadlines.models import CalendarSetting, HolidayOverride, RuleOverride
from danvan.units.models import User


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


# Vietnamese write dates day first. Django's "vi" locale defines no input formats, so the
# global default would read 02/01/2026 as 1 February: accept only unambiguous formats.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=help_text,
    )


class HolidayOverrideForm(forms.ModelForm[HolidayOverride]):
    date = _date_field(_("date"), help_text=HolidayOverride._meta.get_field("date").help_text)

    class Meta:
        model = HolidayOverride
        fields = ["date", "kind", "name", "legal_basis", "note"]


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin[HolidayOverride]):
    form = HolidayOverrideForm
    list_display = ["date", "weekday", "kind", "name", "legal_basis", "year"]
    list_filter = ["year", "kind"]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "date"
    readonly_fields = ["year", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "description": _(
                    "Each year, as soon as the Prime Minister's decision and the Ministry of "
                    "Home Affairs' announcement of the holidays of the following year are "
                    "published (usually October–December), enter here the days off and the "
                    "swapped working days that the built-in holiday data lacks or gets wrong, "
                    "with the document number. The days of future years are provisional "
                    "until then. An entry here always wins over the built-in data."
                ),
                "fields": ["date", "kind", "name", "legal_basis", "note"],
            },
        ),
        (_("Record"), {"fields": ["year", "created_by", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("weekday"))
    def weekday(self, obj: HolidayOverride) -> str:
        return date_format(obj.date, "l")

    def save_model(
        self, request: HttpRequest, obj: HolidayOverride, form: forms.ModelForm[Any], change: bool
    ) -> None:
        kind = HolidayOverride.Kind(obj.kind)
        if change:
            services.holiday_override_update(
                override=obj,
                date=obj.date,
                kind=kind,
                name=obj.name,
                legal_basis=obj.legal_basis,
                note=obj.note,
                actor=_user(request),
            )
        else:
            saved = services.holiday_override_create(
                date=obj.date,
                kind=kind,
                name=obj.name,
                legal_basis=obj.legal_basis,
                note=obj.note,
                created_by=_user(request),
            )
            obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: HolidayOverride) -> None:
        services.holiday_override_delete(override=obj, actor=_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HolidayOverride]) -> None:
        for obj in queryset:
            services.holiday_override_delete(override=obj, actor=_user(request))


@admin.register(CalendarSetting)
class CalendarSettingAdmin(admin.ModelAdmin[CalendarSetting]):
    list_display = ["key", "enabled", "legal_basis", "updated_at"]
    readonly_fields = ["updated_by", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "description": _(
                    "Answers to questions the legal research left open. Without a row here "
                    "the default applies: 24 November is a day off. Change it only on the "
                    "basis of a legal text, and cite it."
                ),
                "fields": ["key", "enabled", "legal_basis", "note"],
            },
        ),
        (_("Record"), {"fields": ["updated_by", "created_at", "updated_at"]}),
    ]

    def save_model(
        self, request: HttpRequest, obj: CalendarSetting, form: forms.ModelForm[Any], change: bool
    ) -> None:
        saved = services.calendar_setting_set(
            key=CalendarSetting.Key(obj.key),
            enabled=obj.enabled,
            legal_basis=obj.legal_basis,
            note=obj.note,
            updated_by=_user(request),
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarSetting) -> None:
        services.calendar_setting_delete(setting=obj, actor=_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarSetting]) -> None:
        for obj in queryset:
            services.calendar_setting_delete(setting=obj, actor=_user(request))


def _rule_choices() -> list[tuple[str, str]]:
    choices = []
    for code in RULE_BOOK.codes():
        latest = RULE_BOOK.versions(code)[-1]
        unit = _("working days") if latest.unit == "working_day" else _("days")
        choices.append((code, f"{code} — {latest.count} {unit} [{latest.status}]"))
    return choices


def _uncertain_rules() -> str:
    return ", ".join(f"{r.code} [{r.status}]" for r in RULE_BOOK.all() if r.needs_verification)


class RuleOverrideForm(forms.ModelForm[RuleOverride]):
    rule_code = forms.ChoiceField(label=_("rule"), choices=_rule_choices)
    effective_from = _date_field(
        _("effective from"),
        help_text=RuleOverride._meta.get_field("effective_from").help_text,
    )
    effective_to = _date_field(_("effective until"), required=False)

    class Meta:
        model = RuleOverride
        fields = [
            "rule_code",
            "count",
            "remote_area_count",
            "effective_from",
            "effective_to",
            "legal_basis",
            "note",
        ]


@admin.register(RuleOverride)
class RuleOverrideAdmin(admin.ModelAdmin[RuleOverride]):
    form = RuleOverrideForm
    list_display = [
        "rule_code",
        "count",
        "remote_area_count",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]
    list_filter = ["rule_code"]
    search_fields = ["rule_code", "legal_basis"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def get_fieldsets(self, request: HttpRequest, obj: RuleOverride | None = None) -> Any:
        description = _(
            "Change a time limit only when a legal text sets a different one, and cite it. "
            "The unit (days or working days), the starting event and the extensions stay as "
            "in the code. Values still to be confirmed: %(rules)s."
        ) % {"rules": _uncertain_rules()}
        return [
            (
                None,
                {
                    "description": description,
                    "fields": [
                        "rule_code",
                        "count",
                        "remote_area_count",
                        "effective_from",
                        "effective_to",
                        "legal_basis",
                        "note",
                    ],
                },
            ),
            (_("Record"), {"fields": ["created_by", "created_at", "updated_at"]}),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: RuleOverride | None = None) -> Any:
        if obj is not None:
            return [*self.readonly_fields, "rule_code"]
        return self.readonly_fields

    def save_model(
        self, request: HttpRequest, obj: RuleOverride, form: forms.ModelForm[Any], change: bool
    ) -> None:
        if change:
            services.rule_override_update(
                override=obj,
                count=obj.count,
                remote_area_count=obj.remote_area_count,
                effective_from=obj.effective_from,
                effective_to=obj.effective_to,
                legal_basis=obj.legal_basis,
                note=obj.note,
                actor=_user(request),
            )
        else:
            saved = services.rule_override_create(
                rule_code=obj.rule_code,
                count=obj.count,
                remote_area_count=obj.remote_area_count,
                effective_from=obj.effective_from,
                effective_to=obj.effective_to,
                legal_basis=obj.legal_basis,
                note=obj.note,
                created_by=_user(request),
            )
            obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: RuleOverride) -> None:
        services.rule_override_delete(override=obj, actor=_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RuleOverride]) -> None:
        for obj in queryset:
            services.rule_override_delete(override=obj, actor=_user(request))
