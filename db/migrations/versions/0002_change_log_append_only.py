"""change log is append-only: refuse UPDATE and DELETE at the database level

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER change_log_no_{action.lower()} BEFORE {action} ON change_log "
                       "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END")
    elif dialect == "postgresql":
        op.execute("CREATE FUNCTION change_log_append_only() RETURNS trigger AS $$ BEGIN "
                   "RAISE EXCEPTION 'change_log is append-only'; END $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER change_log_no_change BEFORE UPDATE OR DELETE ON change_log "
                   "FOR EACH ROW EXECUTE FUNCTION change_log_append_only()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS change_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS change_log_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS change_log_no_change ON change_log")
        op.execute("DROP FUNCTION IF EXISTS change_log_append_only()")
