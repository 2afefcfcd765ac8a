"""project: the agreement's benefit terms (分红比例或金额, 期限, 支付时间), its 监督方 and date

Revision ID: 0004_benefit_terms
Revises: 0003_assets
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_benefit_terms"
down_revision = "0003_assets"
branch_labels = None
depends_on = None

COLUMNS = [
    ("benefit_share", sa.String(length=200)),
    ("benefit_period", sa.String(length=100)),
    ("benefit_payment_time", sa.String(length=100)),
    ("agreement_supervisor", sa.String(length=200)),
    ("agreement_date", sa.Date()),
]


def upgrade() -> None:
    # Only what is missing: a database restamped to an older revision may already have them.
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("project")}
    for name, type_ in COLUMNS:
        if name not in have:  # ADD COLUMN of a nullable column needs no table copy, on SQLite or PostgreSQL
            op.add_column("project", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite ≥ 3.35): batch mode would copy and drop the project table, which the
    # foreign keys of every project record refuse while they are enforced.
    for name, _ in reversed(COLUMNS):
        op.execute(f"ALTER TABLE project DROP COLUMN {name}")
