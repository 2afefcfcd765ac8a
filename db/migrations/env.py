"""Alembic environment: runs on the connection handed in by db.migrate (or a URL)."""
from alembic import context
from sqlalchemy import create_engine

import db.models  # noqa: F401  (registers every table on the metadata)
from db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:
    from db.migrate import in_models

    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True, include_name=in_models)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
