#!/usr/bin/env bash
# One command for a new user: installs what is missing, starts Postgres and Kafka,
# builds and starts the four services, and loads the demo data. Idempotent.
#   bash scripts/start.sh        (npm start does the same)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/install.sh
export NX_DAEMON=false NX_NO_CLOUD=true
bash scripts/infra/up.sh
npx nx run-many -t build --outputStyle=static >/dev/null
echo "[start] services built"

RUN_DIR="$ROOT/.cache/run"
mkdir -p "$RUN_DIR"
declare -A PORTS=([programs]=3001 [scheduling]=3002 [community-events]=3003 [notifications]=3004)
declare -A DATABASES=([programs]=programs [scheduling]=scheduling [community-events]=community_events [notifications]=notifications)

for svc in programs scheduling community-events notifications; do
  pid_file="$RUN_DIR/$svc.pid"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "[start] $svc already running (pid $(cat "$pid_file"))"
    continue
  fi
  PORT="${PORTS[$svc]}" \
  DATABASE_URL="${DATABASE_URL_PREFIX:-postgres://postgres@127.0.0.1:5432}/${DATABASES[$svc]}" \
    setsid nohup node "dist/apps/$svc/apps/$svc/src/main.js" >>"$RUN_DIR/$svc.log" 2>&1 < /dev/null &
  echo $! > "$pid_file"
  echo "[start] $svc started (pid $!, port ${PORTS[$svc]}, log .cache/run/$svc.log)"
done

for svc in programs scheduling community-events notifications; do
  port="${PORTS[$svc]}"
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$RUN_DIR/$svc.pid")" 2>/dev/null; then
      echo "[start] $svc exited; last log lines:" >&2; tail -n 20 "$RUN_DIR/$svc.log" >&2; exit 1
    fi
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "[start] $svc not ready" >&2; exit 1; }
  echo "[start] $svc ready: http://127.0.0.1:$port (API docs: /docs)"
done

node scripts/demo/seed.mjs
echo "[start] all up. Stop everything with: bash scripts/stop.sh"
