"""Fill ``Unit.search_name`` for units created before the field existed."""

import unicodedata

from django.db import migrations


def _fold(text):
    # A frozen copy of danvan.units.folding.fold_for_search (migrations never import app code).
    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans({"đ": "d", "Đ": "D"})))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def fill_search_name(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    batch = []
    for unit in Unit.objects.only("pk", "name").iterator(chunk_size=2000):
        unit.search_name = _fold(unit.name)
        batch.append(unit)
        if len(batch) >= 2000:
            Unit.objects.bulk_update(batch, ["search_name"])
            batch = []
    Unit.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("units", "0002_unit_search_name_and_code_rules"),
    ]

    operations = [
        migrations.RunPython(fill_search_name, migrations.RunPython.noop),
    ]
