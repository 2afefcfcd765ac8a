#!/usr/bin/env bash
# Regenerate db/migrations/versions/0001_initial.py from the models.
# Only allowed before the first release ships a database; after that, add new revisions.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
tmp=$(mktemp -d)
rm -f db/migrations/versions/0001_initial.py
# Later revisions point at 0001: park them while 0001 is regenerated, then put them back.
mkdir -p "$tmp/later"
for f in db/migrations/versions/0[0-9][0-9][0-9]_*.py; do [ -e "$f" ] && mv "$f" "$tmp/later/"; done
trap 'mv "$tmp"/later/*.py db/migrations/versions/ 2>/dev/null || true; rm -rf "$tmp"' EXIT
$PY - "$tmp" <<'PYEOF'
import sys
from alembic import command
from db.migrate import alembic_config
url = f"sqlite:///{sys.argv[1]}/empty.db"
cfg = alembic_config(url)
command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PYEOF
mv db/migrations/versions/0001_initial_schema.py db/migrations/versions/0001_initial.py
echo "regenerated db/migrations/versions/0001_initial.py"
