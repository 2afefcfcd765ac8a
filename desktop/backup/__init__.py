"""Backups: automatic snapshots (before migrations, imports, restores, once a day), the one-file
backup for a USB stick, and a restore that checks everything before it replaces anything.

For other features: call `make_backup(app, "import")` before applying a package (it never writes
to the database and returns None on a server database).
"""
from desktop.backup.snapshot import (  # noqa: F401
    Backup, backup_status, daily_backup_if_due, last_backup, list_backups, make_backup,
)
