"""library_transition.seq: each project's decisions numbered 1, 2, 3 … so their order never depends on clocks

Revision ID: 0007_library_seq
Revises: 0006_changelog_hash_all
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_library_seq"
down_revision = "0006_changelog_hash_all"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if "seq" not in {c["name"] for c in sa.inspect(bind).get_columns("library_transition")}:
        op.add_column("library_transition", sa.Column("seq", sa.Integer(), nullable=True))  # nullable: no copy
    # Number the existing rows in the order the program used until now (time, then creation, then id).
    t = sa.table("library_transition", sa.column("id", sa.String), sa.column("project_id", sa.String),
                 sa.column("acted_at", sa.DateTime), sa.column("created_at", sa.DateTime),
                 sa.column("seq", sa.Integer))
    rows = bind.execute(sa.select(t.c.id, t.c.project_id).order_by(t.c.project_id, t.c.acted_at, t.c.created_at,
                                                                   t.c.id)).all()
    counters: dict[str, int] = {}
    for row_id, project_id in rows:
        counters[project_id] = counters.get(project_id, 0) + 1
        bind.execute(t.update().where(t.c.id == row_id).values(seq=counters[project_id]))


def downgrade() -> None:
    op.execute("ALTER TABLE library_transition DROP COLUMN seq")
