"""On PostgreSQL the database itself refuses to change the audit trail: a trigger raises on
UPDATE and DELETE of any row, and on TRUNCATE unless the session set
isms.allow_audit_truncate = 'on' (the test suite does, to flush between transactional tests).
Other backends rely on the application's refusal (isms.models.trail.AuditTrailAppendOnly)."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION isms_auditentry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND coalesce(current_setting('isms.allow_audit_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER isms_auditentry_no_update_delete
    BEFORE UPDATE OR DELETE ON isms_auditentry
    FOR EACH ROW EXECUTE FUNCTION isms_auditentry_append_only();
CREATE TRIGGER isms_auditentry_no_truncate
    BEFORE TRUNCATE ON isms_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION isms_auditentry_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS isms_auditentry_no_truncate ON isms_auditentry;
DROP TRIGGER IF EXISTS isms_auditentry_no_update_delete ON isms_auditentry;
DROP FUNCTION IF EXISTS isms_auditentry_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):

    dependencies = [("isms", "0003_auditentry_hash_chain")]

    operations = [migrations.RunPython(forward, backward)]
