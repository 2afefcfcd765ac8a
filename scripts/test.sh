#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite. Extra arguments go to pytest.
# --pg first: run it against a local PostgreSQL server instead of SQLite files
# (started and prepared by scripts/pg_test_server.sh; or set TOWNDESK_TEST_DB_URL yourself).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--pg" ]; then
  shift
  if [ -z "${TOWNDESK_TEST_DB_URL:-}" ]; then
    TOWNDESK_TEST_DB_URL=$(bash scripts/pg_test_server.sh | tail -1)
  fi
  export TOWNDESK_TEST_DB_URL
  echo "PostgreSQL: $(echo "$TOWNDESK_TEST_DB_URL" | sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#')"
fi
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit "$rc"
