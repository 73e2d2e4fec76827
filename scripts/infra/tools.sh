#!/usr/bin/env bash
# Command-line checkers the tests call that npm does not serve: promtool (Prometheus' own rule
# checker and rule unit tests, deploy/prometheus.spec.ts). Installed with apt where this runs as
# root on Debian (the project's machines); elsewhere install Prometheus' promtool yourself.
set -euo pipefail
say() { echo "[tools] $*"; }
if command -v promtool >/dev/null 2>&1; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  say "installing promtool (apt-get install prometheus) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; } ||
    { say "could not install prometheus with apt-get"; exit 1; }
  # Only promtool is wanted: the package's server must not keep running on the machine.
  pkill -x prometheus 2>/dev/null || true
  command -v systemctl >/dev/null 2>&1 && systemctl disable --now prometheus >/dev/null 2>&1 || true
  exit 0
fi
say "promtool is missing: install Prometheus' promtool (deploy/prometheus.spec.ts needs it)"
exit 1
