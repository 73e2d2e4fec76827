#!/usr/bin/env bash
# One command for a new user: installs what is missing, starts Postgres and Kafka, the demo
# sinks (SMTP, SMS gateway, webhook receiver: scripts/demo/sinks.mjs), builds and starts the
# four services, loads the demo data and runs the notifications demo (a reschedule, and the
# emails, SMS, inbox entry and signed webhook it causes). Idempotent: run it again at will.
#   bash scripts/start.sh        (npm start does the same)
#   START_DEMO=0 bash scripts/start.sh    everything but the reschedule demo
set -euo pipefail
started_at=$SECONDS
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

# The demo sinks first, so the notifications service finds its SMTP server and SMS gateway
# (its defaults: smtp://127.0.0.1:1025, http://127.0.0.1:3099/messages) from the start.
sinks_ready() { curl -fsS http://127.0.0.1:3098/health >/dev/null 2>&1 && curl -fsS http://127.0.0.1:3099/health >/dev/null 2>&1; }
if [ -f "$RUN_DIR/sinks.pid" ] && kill -0 "$(cat "$RUN_DIR/sinks.pid")" 2>/dev/null; then
  echo "[start] demo sinks already running (pid $(cat "$RUN_DIR/sinks.pid"))"
elif sinks_ready; then
  echo "[start] demo sinks already answer on 127.0.0.1:3098/3099 (not started by this checkout); using them"
else
  setsid nohup node scripts/demo/sinks.mjs >>"$RUN_DIR/sinks.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/sinks.pid"
  for _ in $(seq 1 40); do
    sinks_ready && break
    if ! kill -0 "$(cat "$RUN_DIR/sinks.pid")" 2>/dev/null; then
      echo "[start] demo sinks exited; last log lines:" >&2; tail -n 5 "$RUN_DIR/sinks.log" >&2; rm -f "$RUN_DIR/sinks.pid"; exit 1
    fi
    sleep 0.25
  done
  sinks_ready || { echo "[start] demo sinks not answering; see .cache/run/sinks.log" >&2; exit 1; }
  echo "[start] demo sinks started (pid $(cat "$RUN_DIR/sinks.pid"), log .cache/run/sinks.log):" \
    "SMTP 127.0.0.1:1025 -> .cache/run/mail/, SMS 127.0.0.1:3099 -> .cache/run/sms.jsonl, webhooks 127.0.0.1:3098 -> .cache/run/webhooks.jsonl"
fi

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

# A first start on a broker that already holds history (other checkouts, scripts/test.sh) makes
# the consumers replay it (KAFKA_CONSUMER_FROM_BEGINNING=true); the seeds wait for their own
# events only briefly, so let the consumers catch up first (their lag is on /metrics).
# Prints the service's summed consumer lag, or "?" while its Kafka reading fails (the series are
# left out then, which must not read as 0).
consumer_lag() {
  curl -fsS "http://127.0.0.1:$1/metrics" 2>/dev/null | awk '
    /^metrics_source_up\{source="kafka"/ { up = $NF }
    /^kafka_consumer_lag[{ ]/ { s += $NF }
    END { if (up == 1) print s + 0; else print "?" }'
}
catch_up_deadline=$((SECONDS + ${START_CATCH_UP_SECONDS:-900}))
last_note=$SECONDS
while :; do
  lag_s="$(consumer_lag 3002)"; lag_n="$(consumer_lag 3004)"
  # Near zero is enough: tests of other checkouts may be producing to the same topics right now.
  [ "$lag_s" != "?" ] && [ "$lag_n" != "?" ] && [ "$((lag_s + lag_n))" -le "${START_CATCH_UP_LAG:-100}" ] && break
  if [ "$SECONDS" -ge "$catch_up_deadline" ]; then
    echo "[start] consumers still behind (scheduling $lag_s, notifications $lag_n messages); seeding anyway" >&2; break
  fi
  if [ "$((SECONDS - last_note))" -ge 10 ]; then
    echo "[start] consumers replaying the broker's history: scheduling $lag_s, notifications $lag_n messages to go"
    last_note=$SECONDS
  fi
  sleep 1
done

node scripts/demo/seed.mjs
node scripts/demo/seed-scheduling.mjs
node scripts/demo/seed-community-events.mjs
demo_note=""
if [ "${START_DEMO:-1}" != "0" ]; then
  if ! node scripts/demo/reschedule-demo.mjs; then
    demo_note=" (the notifications demo did not finish: see above, .cache/run/notifications.log and .cache/run/sinks.log)"
  fi
fi
echo "[start] all up in $((SECONDS - started_at)) s${demo_note}. Stop everything with: bash scripts/stop.sh"
