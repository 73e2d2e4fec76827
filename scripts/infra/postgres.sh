#!/usr/bin/env bash
# Local PostgreSQL for the services: make sure it answers, create the databases.
#
#   bash scripts/infra/postgres.sh start       # start the machine's cluster if 127.0.0.1:5432 does not answer
#   bash scripts/infra/postgres.sh databases   # create programs, scheduling, ... and their *_test copies
#   bash scripts/infra/postgres.sh status
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PG_WAIT_TIMEOUT (30 s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
PG_WAIT_TIMEOUT="${PG_WAIT_TIMEOUT:-30}"

# One database per service (database-per-service), plus a *_test copy for the test suites.
SERVICE_DATABASES=(programs scheduling community_events notifications)

say() { echo "[postgres] $*"; }
die() { echo "[postgres] ERROR: $*" >&2; exit 1; }

ensure_client() {
  command -v psql >/dev/null 2>&1 && command -v pg_isready >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing postgresql-client (apt-get) ..."
    apt-get install -y -qq postgresql-client >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql-client >/dev/null 2>&1; } ||
      die "could not install postgresql-client"
    return 0
  fi
  die "psql/pg_isready not found: install postgresql-client"
}

ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2 >/dev/null 2>&1; }

cmd_start() {
  ensure_client
  if ready; then
    say "answering on $PGHOST:$PGPORT"
    return 0
  fi
  case "$PGHOST" in
    127.0.0.1 | localhost | ::1 | /*) ;;
    *) die "$PGHOST:$PGPORT does not answer and is not local: start it yourself" ;;
  esac
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
    die "no local PostgreSQL cluster (pg_ctlcluster, /etc/postgresql) to start"
  fi
  # The cluster configured for $PGPORT (pg_lsclusters: version name port status ...),
  # else the newest version's "main" cluster.
  local ver name
  read -r ver name < <(pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3 == p { print $1, $2; exit }') || true
  if [ -z "${ver:-}" ]; then
    ver="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -n1)"
    name=main
  fi
  [ -n "$ver" ] || die "no cluster under /etc/postgresql"
  say "not answering on $PGHOST:$PGPORT: starting cluster $ver/$name ..."
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start ||
    say "pg_ctlcluster returned non-zero (it may already be starting); waiting anyway"
  local _
  for _ in $(seq 1 $((PG_WAIT_TIMEOUT * 2))); do
    ready && { say "ready on $PGHOST:$PGPORT"; return 0; }
    sleep 0.5
  done
  die "PostgreSQL not ready on $PGHOST:$PGPORT after ${PG_WAIT_TIMEOUT}s"
}

cmd_databases() {
  ensure_client
  ready || die "PostgreSQL does not answer on $PGHOST:$PGPORT (run: bash scripts/infra/postgres.sh start)"
  local existing db created=() present=()
  existing="$(psql -X -d postgres -v ON_ERROR_STOP=1 -tAc "SELECT datname FROM pg_database")"
  for db in "${SERVICE_DATABASES[@]}"; do
    for name in "$db" "${db}_test"; do
      if grep -qx -- "$name" <<<"$existing"; then
        present+=("$name")
        continue
      fi
      # CREATE DATABASE has no IF NOT EXISTS: tolerate a concurrent creator.
      local out
      if out="$(psql -X -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$name\"" 2>&1)"; then
        created+=("$name")
      elif grep -q "already exists" <<<"$out"; then
        present+=("$name")
      else
        echo "$out" >&2
        die "could not create database $name"
      fi
    done
  done
  [ ${#created[@]} -eq 0 ] || say "created: ${created[*]}"
  [ ${#present[@]} -eq 0 ] || say "already there: ${present[*]}"
}

cmd_status() {
  ensure_client
  if ready; then say "answering on $PGHOST:$PGPORT (user $PGUSER)"; else say "not answering on $PGHOST:$PGPORT"; return 3; fi
}

case "${1:-}" in
  start) cmd_start ;;
  databases) cmd_databases ;;
  status) cmd_status ;;
  *)
    echo "usage: bash scripts/infra/postgres.sh start|databases|status" >&2
    exit 2
    ;;
esac
