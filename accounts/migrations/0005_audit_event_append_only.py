from django.db import migrations

FORBID_CHANGES = """
CREATE OR REPLACE FUNCTION accounts_auditevent_forbid_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accounts_auditevent is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER accounts_auditevent_append_only
    BEFORE UPDATE OR DELETE ON accounts_auditevent
    FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_forbid_change();
"""

ALLOW_CHANGES = """
DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;
DROP FUNCTION IF EXISTS accounts_auditevent_forbid_change();
"""


class Migration(migrations.Migration):
    """Reject UPDATE and DELETE on the audit trail in the database itself."""

    dependencies = [("accounts", "0004_audit_event")]

    operations = [migrations.RunSQL(FORBID_CHANGES, ALLOW_CHANGES)]
