"""household: ID and phone numbers stored sealed with the household's key; a keyed lookup hash

Revision ID: 0005_household_sealed
Revises: 0007_ledger_fts

Why: the live table held them in clear, so every snapshot and backup did too (db/personal_rest.py).
The migration runner has copied the database aside before this runs (db/migrate.py).
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_household_sealed"
down_revision = "0007_ledger_fts"
branch_labels = None
depends_on = None

WIDE = 200  # a sealed 18-digit number is about 90 characters


def upgrade() -> None:
    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("household")}
    if "id_lookup" not in have:
        op.add_column("household", sa.Column("id_lookup", sa.String(length=64), nullable=True))
        op.create_index("ix_household_id_lookup", "household", ["id_lookup"])
    if bind.dialect.name != "sqlite":  # SQLite does not enforce VARCHAR lengths; a table copy would fight the FKs
        op.alter_column("household", "id_number", type_=sa.String(length=WIDE), existing_nullable=True)
        op.alter_column("household", "phone", type_=sa.String(length=WIDE), existing_nullable=True)
    _seal_existing(bind)


def _seal_existing(bind) -> None:
    from db import personal, personal_rest

    household = sa.table("household", sa.column("id"), sa.column("id_number"), sa.column("phone"),
                         sa.column("id_lookup"))
    rows = bind.execute(sa.select(household.c.id, household.c.id_number, household.c.phone)).all()
    cache: dict = {}
    for rid, id_number, phone in rows:
        values = {}
        for field, value in (("id_number", id_number), ("phone", phone)):
            if value is not None and not personal.is_sealed(value):
                values[field] = personal_rest.seal_live(bind, cache, "household", rid, field, value)
        if id_number is not None and not personal.is_sealed(id_number):
            values["id_lookup"] = personal_rest.id_lookup(bind, cache, id_number)
        if values:
            bind.execute(household.update().where(household.c.id == rid).values(**values))


def downgrade() -> None:
    from db import personal_rest

    bind = op.get_bind()
    household = sa.table("household", sa.column("id"), sa.column("id_number"), sa.column("phone"))
    cache: dict = {}
    for rid, id_number, phone in bind.execute(sa.select(household.c.id, household.c.id_number, household.c.phone)).all():
        opened = {f: personal_rest.open_live(bind, cache, "household", rid, f, v)
                  for f, v in (("id_number", id_number), ("phone", phone))}
        bind.execute(household.update().where(household.c.id == rid).values(**opened))
    op.drop_index("ix_household_id_lookup", table_name="household")
    op.execute("ALTER TABLE household DROP COLUMN id_lookup")
    if bind.dialect.name != "sqlite":
        op.alter_column("household", "id_number", type_=sa.String(length=18), existing_nullable=True)
        op.alter_column("household", "phone", type_=sa.String(length=40), existing_nullable=True)
