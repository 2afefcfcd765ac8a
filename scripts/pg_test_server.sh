#!/usr/bin/env bash
# Make a local PostgreSQL server ready for the test suite and print its address (last line).
# Debian/Ubuntu: installs the `postgresql` package if missing, starts the newest cluster,
# creates role td (password td, may create databases) and database td (C collation).
# Needs root or sudo. With --fast (CI only: a throwaway machine) turns off fsync for speed.
# Usage: URL=$(bash scripts/pg_test_server.sh [--fast] | tail -1)
set -euo pipefail

FAST=0
[ "${1:-}" = "--fast" ] && FAST=1
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "需要 root 或 sudo 来安装/启动 PostgreSQL / root or sudo is needed to install and start PostgreSQL" >&2; exit 1
  fi
fi
say() { echo "$*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  say "安装 PostgreSQL / installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql >/dev/null
fi
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
CLUSTER=$(pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" '$1 == v {print $2; exit}')
if [ -z "$CLUSTER" ]; then
  CLUSTER=main
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" >/dev/null
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')
STATUS=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')
psql_admin() { $SUDO -u postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(id -u)" = 0 ]; then psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qtA $(printf '%q ' "$@")"; }; fi

if [ "$STATUS" != online ]; then
  say "启动 PostgreSQL $VERSION/$CLUSTER（端口 $PORT）/ starting PostgreSQL $VERSION/$CLUSTER on port $PORT"
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start
fi
if [ "$FAST" = 1 ]; then
  psql_admin -c "ALTER SYSTEM SET fsync = off" -c "ALTER SYSTEM SET synchronous_commit = off" \
             -c "ALTER SYSTEM SET full_page_writes = off" -c "ALTER SYSTEM SET autovacuum = off" \
             -c "SELECT pg_reload_conf()" >/dev/null
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'td'")" != 1 ]; then
  psql_admin -c "CREATE ROLE td LOGIN PASSWORD 'td' CREATEDB" >/dev/null
fi
# The suite drops its per-test databases WITH (FORCE); let td end any session still on them.
if [ "$(psql_admin -c "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
      JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = 'pg_signal_backend' AND u.rolname = 'td'")" != 1 ]; then
  psql_admin -c "GRANT pg_signal_backend TO td" >/dev/null
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'td'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE td OWNER td TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
fi
echo "postgresql+psycopg://td:td@127.0.0.1:$PORT/td"
