"""Writes to the calendar corrections and rule overrides.

The admin and any future screen call these functions; each validates the row, saves it in
its own transaction and makes every process rebuild its calendar (the signals in
``apps.py`` do the same for writes that bypass services, such as fixtures).
"""

import datetime as dt

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.deadlines.config import deadline_config_invalidate
from danvan.deadlines.models import CalendarSetting, HolidayOverride, RuleOverride
from danvan.units.models import User


def _override_data(override: HolidayOverride) -> dict[str, str]:
    return {
        "date": override.date.isoformat(),
        "kind": str(override.kind),
        "name": override.name,
        "legal_basis": override.legal_basis,
    }


def _rule_data(override: RuleOverride) -> dict[str, object]:
    return {
        "rule_code": override.rule_code,
        "count": override.count,
        "remote_area_count": override.remote_area_count,
        "effective_from": override.effective_from.isoformat(),
        "effective_to": override.effective_to.isoformat() if override.effective_to else None,
        "legal_basis": override.legal_basis,
    }


@transaction.atomic
def holiday_override_create(
    *,
    date: dt.date,
    kind: HolidayOverride.Kind,
    name: str,
    legal_basis: str,
    note: str = "",
    created_by: User | None,
) -> HolidayOverride:
    """Make ``date`` a day off or a working day, citing the announcement that decided it."""
    override = HolidayOverride(
        date=date,
        kind=kind,
        name=name,
        legal_basis=legal_basis,
        note=note,
        year=date.year,
        created_by=created_by,
    )
    override.full_clean()
    override.save()
    audit_record(
        actor=created_by,
        verb="calendar.override_create",
        target=override,
        data=_override_data(override),
    )
    deadline_config_invalidate()
    return override


@transaction.atomic
def holiday_override_update(
    *,
    override: HolidayOverride,
    date: dt.date,
    kind: HolidayOverride.Kind,
    name: str,
    legal_basis: str,
    note: str = "",
    actor: User | None = None,
) -> HolidayOverride:
    override.date = date
    override.kind = kind
    override.name = name
    override.legal_basis = legal_basis
    override.note = note
    override.year = date.year
    override.full_clean()
    override.save(
        update_fields=["date", "kind", "name", "legal_basis", "note", "year", "updated_at"]
    )
    audit_record(
        actor=actor,
        verb="calendar.override_update",
        target=override,
        data=_override_data(override),
    )
    deadline_config_invalidate()
    return override


@transaction.atomic
def holiday_override_delete(*, override: HolidayOverride, actor: User | None = None) -> None:
    audit_record(
        actor=actor,
        verb="calendar.override_delete",
        target=override,
        data=_override_data(override),
    )
    override.delete()
    deadline_config_invalidate()


@transaction.atomic
def calendar_setting_set(
    *,
    key: CalendarSetting.Key,
    enabled: bool,
    legal_basis: str,
    note: str = "",
    updated_by: User | None,
) -> CalendarSetting:
    """Record an administrator's answer to an open calendar question, with its basis."""
    setting = CalendarSetting.objects.select_for_update().filter(key=key).first()
    if setting is None:
        setting = CalendarSetting(key=key, enabled=enabled, legal_basis=legal_basis, note=note)
        setting.updated_by = updated_by
        setting.full_clean()
        setting.save()
    else:
        setting.enabled = enabled
        setting.legal_basis = legal_basis
        setting.note = note
        setting.updated_by = updated_by
        setting.full_clean()
        setting.save(update_fields=["enabled", "legal_basis", "note", "updated_by", "updated_at"])
    audit_record(
        actor=updated_by,
        verb="calendar.setting_set",
        target=setting,
        data={"key": str(key), "enabled": enabled, "legal_basis": legal_basis},
    )
    deadline_config_invalidate()
    return setting


@transaction.atomic
def calendar_setting_delete(*, setting: CalendarSetting, actor: User | None = None) -> None:
    """Drop an answer: the code's default applies again."""
    audit_record(
        actor=actor, verb="calendar.setting_delete", target=setting, data={"key": setting.key}
    )
    setting.delete()
    deadline_config_invalidate()


@transaction.atomic
def rule_override_create(
    *,
    rule_code: str,
    count: int,
    remote_area_count: int | None = None,
    effective_from: dt.date,
    effective_to: dt.date | None = None,
    legal_basis: str,
    note: str = "",
    created_by: User | None,
) -> RuleOverride:
    """Change a rule's time limit from ``effective_from``, citing the text that changed it."""
    override = RuleOverride(
        rule_code=rule_code,
        count=count,
        remote_area_count=remote_area_count,
        effective_from=effective_from,
        effective_to=effective_to,
        legal_basis=legal_basis,
        note=note,
        created_by=created_by,
    )
    override.full_clean()
    override.save()
    audit_record(
        actor=created_by, verb="rule.override_create", target=override, data=_rule_data(override)
    )
    deadline_config_invalidate()
    return override


@transaction.atomic
def rule_override_update(
    *,
    override: RuleOverride,
    count: int,
    remote_area_count: int | None,
    effective_from: dt.date,
    effective_to: dt.date | None,
    legal_basis: str,
    note: str = "",
    actor: User | None = None,
) -> RuleOverride:
    override.count = count
    override.remote_area_count = remote_area_count
    override.effective_from = effective_from
    override.effective_to = effective_to
    override.legal_basis = legal_basis
    override.note = note
    override.full_clean()
    override.save(
        update_fields=[
            "count",
            "remote_area_count",
            "effective_from",
            "effective_to",
            "legal_basis",
            "note",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor, verb="rule.override_update", target=override, data=_rule_data(override)
    )
    deadline_config_invalidate()
    return override


@transaction.atomic
def rule_override_delete(*, override: RuleOverride, actor: User | None = None) -> None:
    audit_record(
        actor=actor, verb="rule.override_delete", target=override, data=_rule_data(override)
    )
    override.delete()
    deadline_config_invalidate()
