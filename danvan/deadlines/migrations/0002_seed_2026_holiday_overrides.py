"""Seed the 2026 corrections the holidays package lacks (DOMAIN.md §8.3).

Values are copied, not imported (a migration must not depend on app code that may change);
``tests/test_migrations.py`` checks they equal ``engine.catalogue.KNOWN_OVERRIDES``.
"""

import datetime as dt

from django.db import migrations

BASIS = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
ROWS = [
    (
        dt.date(2026, 1, 2),
        "day_off",
        "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)",
    ),
    (
        dt.date(2026, 1, 10),
        "working_day",
        "Làm việc bù cho thứ Sáu 02/01/2026",
    ),
]


def seed(apps, schema_editor):
    HolidayOverride = apps.get_model("deadlines", "HolidayOverride")
    for date, kind, name in ROWS:
        HolidayOverride.objects.get_or_create(
            date=date,
            defaults={"kind": kind, "name": name, "legal_basis": BASIS, "year": date.year},
        )


def unseed(apps, schema_editor):
    HolidayOverride = apps.get_model("deadlines", "HolidayOverride")
    HolidayOverride.objects.filter(date__in=[row[0] for row in ROWS], legal_basis=BASIS).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_calendar_overrides_and_rule_overrides")]

    operations = [migrations.RunPython(seed, unseed)]
