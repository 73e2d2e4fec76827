#!/usr/bin/env bash
# npm run bench [-- --smoke] [-- --only=outbox,http] [-- --profile] [-- --skip-build] [-- --skip-infra]
# Compiles the bench runner with the repo's own TypeScript settings (decorator
# metadata included, which NestJS needs), then runs it. See docs/performance.md.
#
# The bench runs on a Kafka broker of its own (127.0.0.1:39092, state in .cache/bench/kafka,
# formatted fresh each run), never on the shared broker (9092) whose contract topics a
# developer's running services read: their notifications service would otherwise plan all the
# bench's traffic. BENCH_KAFKA_BROKERS=host:port runs it on a broker you name instead.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=/dev/null
source scripts/ensure-node.sh
echo "[bench] compiling bench/ (tsc + tsc-alias)"
npx --no-install tsc -p bench/tsconfig.json
npx --no-install tsc-alias -p bench/tsconfig.json

if [ -z "${BENCH_KAFKA_BROKERS:-}" ]; then
  bench_port="${BENCH_KAFKA_PORT:-39092}"
  bench_state="$ROOT/.cache/bench/kafka"
  # Every call names the bench broker's ports and state dir, so none can touch the shared broker.
  bench_kafka() { KAFKA_PORT="$bench_port" KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-39093}" KAFKA_STATE_DIR="$bench_state" bash scripts/infra/kafka.sh "$@"; }
  trap 'bench_kafka stop >/dev/null 2>&1 || true' EXIT
  # A fresh broker each run: no history, no consumer groups, nothing another run left behind.
  bench_kafka stop >/dev/null 2>&1 || true
  rm -rf "$bench_state/data"
  echo "[bench] starting the bench's own Kafka broker on 127.0.0.1:${bench_port}"
  bench_kafka start
  bench_kafka wait
  bench_kafka topics
  export BENCH_KAFKA_BROKERS="127.0.0.1:${bench_port}"
  status=0
  node dist/bench/bench/src/main.js "$@" || status=$?
  exit "$status"
fi
exec node dist/bench/bench/src/main.js "$@"
