#!/usr/bin/env bash
# Stops the four services (SIGTERM: they drain their outboxes), then the demo sinks
# (scripts/demo/sinks.mjs: SMTP, SMS gateway, webhook receiver) and the Kafka broker.
# Postgres is the machine's own service and keeps running.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.cache/run"
for svc in programs scheduling community-events notifications; do
  pid_file="$RUN_DIR/$svc.pid"
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { echo "[stop] $svc did not stop in 30 s; killing"; kill -KILL "$pid"; }
    echo "[stop] $svc stopped"
  fi
  rm -f "$pid_file"
done
# The sinks after the services: a draining notifications service may still be sending to them.
if [ -f "$RUN_DIR/sinks.pid" ]; then
  pid="$(cat "$RUN_DIR/sinks.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[stop] demo sinks stopped (caught mail stays in .cache/run/mail/)"
  fi
  rm -f "$RUN_DIR/sinks.pid"
fi
bash "$ROOT/scripts/infra/down.sh"
