"""ledger search: an FTS5 trigram index over the project fields a clerk searches by (SQLite only)

Revision ID: 0007_ledger_fts
Revises: 0007_library_seq

Why: `search_projects` read every project into Python for each search; a trigram index finds a
Chinese substring of 3+ characters among 100,000 names in about 0.1 ms (docs/TOOLCHAIN.md). Kept
by triggers, so every writer (services, sync's Core inserts, the ledger import) keeps it current.

Why a key table: the index's rows are numbered by `project_search_key.n` (an INTEGER PRIMARY KEY, which
VACUUM and VACUUM INTO keep) rather than by project.rowid, which VACUUM may renumber on a table whose
key is a text UUID. On PostgreSQL nothing is created and the search keeps its plain path.
"""
from alembic import op

revision = "0007_ledger_fts"
down_revision = "0007_library_seq"
branch_labels = None
depends_on = None

# desktop.projects.search_index.FIELDS, frozen here (a later change of the fields is a new revision).
FIELDS = ("code", "name", "village", "township_name", "implementing_unit", "supporting_party",
          "responsible_person", "operating_entity", "category", "level")
KEY = "(SELECT n FROM project_search_key WHERE project_id = {}.id)"


def _values(alias: str) -> str:
    return ", ".join(f"{alias}.{f}" for f in FIELDS)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    cols = ", ".join(FIELDS)
    op.execute("CREATE TABLE project_search_key (n INTEGER PRIMARY KEY, project_id VARCHAR(36) NOT NULL UNIQUE)")
    op.execute(f"CREATE VIRTUAL TABLE project_fts USING fts5({cols}, tokenize='trigram')")
    op.execute(f"""CREATE TRIGGER project_fts_insert AFTER INSERT ON project BEGIN
        INSERT INTO project_search_key (project_id) VALUES (new.id);
        INSERT INTO project_fts (rowid, {cols}) VALUES ({KEY.format('new')}, {_values('new')});
    END""")
    op.execute(f"""CREATE TRIGGER project_fts_update AFTER UPDATE OF id, {cols} ON project BEGIN
        DELETE FROM project_fts WHERE rowid = {KEY.format('old')};
        UPDATE project_search_key SET project_id = new.id WHERE project_id = old.id;
        INSERT INTO project_fts (rowid, {cols}) VALUES ({KEY.format('new')}, {_values('new')});
    END""")
    op.execute(f"""CREATE TRIGGER project_fts_delete AFTER DELETE ON project BEGIN
        DELETE FROM project_fts WHERE rowid = {KEY.format('old')};
        DELETE FROM project_search_key WHERE project_id = old.id;
    END""")
    op.execute("INSERT INTO project_search_key (project_id) SELECT id FROM project ORDER BY rowid")
    op.execute(f"INSERT INTO project_fts (rowid, {cols}) SELECT k.n, {_values('p')} "
               "FROM project p JOIN project_search_key k ON k.project_id = p.id")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("project_fts_insert", "project_fts_update", "project_fts_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS project_fts")
    op.execute("DROP TABLE IF EXISTS project_search_key")
