#!/usr/bin/env bash
# npm run bench [-- --smoke] [-- --only=outbox,http] [-- --profile] [-- --skip-build] [-- --skip-infra]
# Compiles the bench runner with the repo's own TypeScript settings (decorator
# metadata included, which NestJS needs), then runs it. See docs/performance.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=/dev/null
source scripts/ensure-node.sh
echo "[bench] compiling bench/ (tsc + tsc-alias)"
npx --no-install tsc -p bench/tsconfig.json
npx --no-install tsc-alias -p bench/tsconfig.json
exec node dist/bench/bench/src/main.js "$@"
