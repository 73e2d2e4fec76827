#!/usr/bin/env bash
# Stop the local Kafka broker (PostgreSQL is the machine's own service and stays up). Idempotent.
#   bash scripts/infra/down.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/kafka.sh" stop
