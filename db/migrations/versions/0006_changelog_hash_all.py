"""change log: every column in the row hash (project_id, scope_code, package_id were outside it); rehash in place

Revision ID: 0006_changelog_hash_all
Revises: 0004_benefit_terms

Why: a value outside the hash could be edited with sqlite3 and verify would not notice. The chain is
recomputed row by row with db.tracking.row_hash (the one function every writer uses) after the upgrade
runner's safety copy (db/migrate.py backs the database up before any migration runs); the append-only
triggers are dropped only inside this transaction and recreated before it ends. Downgrade rehashes with
the old scheme so an older release still verifies its chain.
"""
import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0006_changelog_hash_all"
down_revision = "0004_benefit_terms"
branch_labels = None
depends_on = None

HEAD_KEY = "audit.change_log_head"  # db.chain_head.CHANGE_LOG_HEAD, frozen here
LEGACY_COLUMNS = ("origin_node", "origin_seq", "at", "user_name", "table_name", "record_id",
                  "op", "field", "old_value", "new_value")

change_log = sa.table(
    "change_log", sa.column("seq", sa.Integer), sa.column("origin_node", sa.String), sa.column("origin_seq", sa.Integer),
    sa.column("at", sa.DateTime), sa.column("user_name", sa.String), sa.column("table_name", sa.String),
    sa.column("record_id", sa.String), sa.column("project_id", sa.String), sa.column("scope_code", sa.String),
    sa.column("op", sa.String), sa.column("field", sa.String), sa.column("old_value", sa.Text),
    sa.column("new_value", sa.Text), sa.column("package_id", sa.String), sa.column("prev_hash", sa.String),
    sa.column("row_hash", sa.String))
setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))


def _legacy_hash(prev, row) -> str:
    """Scheme 1 (before this revision), kept only for downgrade."""
    payload = json.dumps([prev or ""] + [str(row.get(k)) for k in LEGACY_COLUMNS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _drop_triggers(dialect: str) -> None:
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS change_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS change_log_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS change_log_no_change ON change_log")


def _create_triggers(dialect: str) -> None:
    """As revision 0002 made them (the function of PostgreSQL's trigger is left in place)."""
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER change_log_no_{action.lower()} BEFORE {action} ON change_log "
                       "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END")
    elif dialect == "postgresql":
        op.execute("CREATE TRIGGER change_log_no_change BEFORE UPDATE OR DELETE ON change_log "
                   "FOR EACH ROW EXECUTE FUNCTION change_log_append_only()")


def _rehash(old_fn, new_fn) -> None:
    """Recompute the chain with new_fn while it still checks under old_fn.

    A chain already broken before the upgrade is not laundered: rehashing stops at the first row that
    fails the old check (that row and the ones after keep their old hashes, so verify still names it),
    and a stored head that did not match the old newest row (newest rows deleted) is left as it was.
    """
    bind = op.get_bind()
    dialect = bind.dialect.name
    _drop_triggers(dialect)
    old_prev, prev, batch, intact = None, None, [], True
    stmt = (sa.update(change_log).where(change_log.c.seq == sa.bindparam("b_seq"))
            .values(prev_hash=sa.bindparam("b_prev"), row_hash=sa.bindparam("b_hash")))
    for row in bind.execute(sa.select(change_log).order_by(change_log.c.seq)).mappings().all():
        row = dict(row)
        if row["prev_hash"] != old_prev or row["row_hash"] != old_fn(old_prev, row):
            intact = False
            break
        old_prev = row["row_hash"]
        new = new_fn(prev, row)
        batch.append({"b_seq": row["seq"], "b_prev": prev, "b_hash": new})
        prev = new
        if len(batch) >= 5000:
            bind.execute(stmt, batch)
            batch = []
    if batch:
        bind.execute(stmt, batch)
    stored = bind.execute(sa.select(setting.c.value).where(setting.c.key == HEAD_KEY)).scalar()
    if intact and prev is not None and stored in (None, old_prev):
        if stored is None:
            bind.execute(sa.insert(setting).values(key=HEAD_KEY, value=prev))
        else:
            bind.execute(sa.update(setting).where(setting.c.key == HEAD_KEY).values(value=prev))
    _create_triggers(dialect)


def upgrade() -> None:
    from db.tracking import row_hash

    _rehash(_legacy_hash, row_hash)


def downgrade() -> None:
    from db.tracking import row_hash

    _rehash(row_hash, _legacy_hash)
