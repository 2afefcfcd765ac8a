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
# Temporary data folders on a RAM disk when there is one with room (Linux /dev/shm, 6 GB of free memory):
# the same code runs and is checked, but SQLite's and the program's fsyncs no longer wait for the disk
# (no test can observe an fsync). Passing tests' folders are removed as they pass (pytest's
# tmp_path_retention_policy=failed); a failed run's folder is kept and named. TOWNDESK_TEST_TMP=disk: no RAM disk.
RAMTMP=""
if [ "${TOWNDESK_TEST_TMP:-}" != disk ] && [ -d /dev/shm ] && [ -w /dev/shm ] && [ -r /proc/meminfo ]; then
  free_kb=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
  shm_kb=$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')
  if [ "${free_kb:-0}" -gt 6000000 ] && [ "${shm_kb:-0}" -gt 6000000 ]; then
    RAMTMP=$(mktemp -d /dev/shm/towndesk-tests.XXXXXX)
    export TMPDIR="$RAMTMP"
    trap 'rm -rf "$RAMTMP"; exit 130' INT TERM
  fi
fi
# Two worker processes (pytest-xdist): the tests are independent (each has its own temporary data
# folder and database). TOWNDESK_TEST_JOBS=0 runs them in one process; -n N on the command line wins.
# --dist worksteal: a worker that runs out of tests takes the other's remaining ones, so neither core idles
# while one long test finishes (tests/conftest.py also starts the longest files first).
# Sizes of the randomised tests: quick here; TOWNDESK_TEST_THOROUGH=1 (CI) or --runslow for more (tests/sizes.py).
JOBS=(-n "${TOWNDESK_TEST_JOBS:-2}" --dist worksteal)
for a in "$@"; do case "$a" in -n|-n*|--numprocesses*|-p|--pdb) JOBS=() ;; esac; done
if [ "${TOWNDESK_TEST_JOBS:-2}" = 0 ]; then JOBS=(); fi
set +e
.venv/bin/python -m pytest "${JOBS[@]}" -o tmp_path_retention_policy=failed "$@"
rc=$?
set -e
if [ -n "$RAMTMP" ]; then
  if [ "$rc" = 0 ]; then rm -rf "$RAMTMP"; else echo "failed tests' folders: $RAMTMP (in memory; delete when done)" >&2; fi
fi
if [ "$rc" = 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit "$rc"
