#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint (module boundaries included), type checks,
# unit tests, then integration and system tests against the real Postgres and Kafka.
# The integration tests' global set-up starts the local infrastructure when none is named.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install.sh
bash scripts/infra/tools.sh
# CI runs everything for real; developers reuse results of unchanged projects.
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-${CI:-false}}
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
npx nx run-many -t lint typecheck test --outputStyle=static 2>&1 | tee -a "$log"
# One at a time: one of them stops and restarts the shared broker.
npx nx run-many -t test-integration --parallel=1 --outputStyle=static 2>&1 | tee -a "$log"
# One closing line over every jest run (a failing run has already stopped the script).
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '/^Tests:/ { for (i = 2; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^skipped/) s += $i } }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'
