#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint (module boundaries included), type checks,
# unit tests, then integration and system tests against the real Postgres and Kafka.
# The integration tests' global set-up starts the local infrastructure when none is named.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}
npx nx run-many -t lint typecheck test --outputStyle=static
# One at a time: one of them stops and restarts the shared broker.
npx nx run-many -t test-integration --parallel=1 --outputStyle=static
