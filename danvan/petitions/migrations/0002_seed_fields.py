"""Seed the fields (lĩnh vực) that reception books and statistics group petitions by."""

from django.db import migrations

# Plain data (no models): importing it keeps the list in one place without coupling the
# migration to app code that may change.
from danvan.petitions.field_list import FIELDS



def seed(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    for code, name, name_en in FIELDS:
        Field.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


def unseed(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    Field.objects.filter(code__in=[code for code, _, _ in FIELDS], cases__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
