"""Database layer: typed SQLAlchemy models, engine/session setup and migrations. No Qt here."""
