#!/usr/bin/env bash
# Regenerate db/migrations/versions/0001_initial.py from the models.
# Only allowed before the first release ships a database; after that, add new revisions.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
tmp=$(mktemp -d)
rm -f db/migrations/versions/0001_initial.py
$PY - "$tmp" <<'PYEOF'
import sys
from alembic import command
from db.migrate import alembic_config
url = f"sqlite:///{sys.argv[1]}/empty.db"
cfg = alembic_config(url)
command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PYEOF
mv db/migrations/versions/0001_initial_schema.py db/migrations/versions/0001_initial.py
rm -rf "$tmp"
echo "regenerated db/migrations/versions/0001_initial.py"
