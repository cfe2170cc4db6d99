"""On PostgreSQL, refuse UPDATE and DELETE on audit entries inside the database too.

The ORM already refuses; the trigger also stops raw SQL from the application's own role.
It does not stop a database owner, who can disable it: the hash chain is what detects that.
SQLite gets no trigger (its test flush deletes rows, and it is not a production database).
"""

from django.db import migrations

CREATE_SQL = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditentry is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_create_chain_head"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
    ]
