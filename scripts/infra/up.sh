#!/usr/bin/env bash
# Bring up the local infrastructure: PostgreSQL (+ databases) and a single-node Kafka
# broker with the topics of libs/contracts/src/lib/topics.json. Idempotent.
#   bash scripts/infra/up.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
t0="$(date +%s.%N)"
bash "$HERE/postgres.sh" start
bash "$HERE/postgres.sh" databases
bash "$HERE/kafka.sh" start
bash "$HERE/kafka.sh" wait
bash "$HERE/kafka.sh" topics
echo "[infra] up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }'):" \
  "postgres ${PGHOST:-127.0.0.1}:${PGPORT:-5432}, kafka 127.0.0.1:${KAFKA_PORT:-9092}"
