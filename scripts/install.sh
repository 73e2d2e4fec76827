#!/usr/bin/env bash
# Node 24 on PATH (installed from the npm registry when the system node is older) and
# node_modules matching package-lock.json. Source it: later commands need the PATH.
_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=ensure-node.sh
source "$_here/ensure-node.sh" || return 1 2>/dev/null || exit 1
(
  cd "$_here/.."
  stamp=node_modules/.package-lock.sha
  want="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node -v)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "[install] npm ci"
    npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown user config' || true
    [ -d node_modules/nx ] || { echo "[install] npm ci failed" >&2; exit 1; }
    echo "$want" > "$stamp"
  fi
) || { return 1 2>/dev/null || exit 1; }
unset _here
