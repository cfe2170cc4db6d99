"""Create the single chain-head row that audit writers lock."""

from django.db import migrations


def create_head(apps, schema_editor):
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    AuditChainHead.objects.using(schema_editor.connection.alias).get_or_create(id=1)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_audit_entry_and_chain_head"),
    ]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
    ]
