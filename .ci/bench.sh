#!/usr/bin/env bash
# The scale benchmark in quick mode on the BBC corpus (VERBATIM_BBC_CORPUS, else
# ../shared/corpus/bbc), with ripgrep as the baseline when it can be had. Fails if the bench
# fails or the corpus is not there. The 100 MB and 1 GB runs are manual: see BENCHMARKS.md.
# Arguments go to cargo (.ci/run passes `--features archive` to reuse the build of its tests).
#
#   .ci/bench.sh [CARGO_ARGS...]
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z "${VERBATIM_BBC_CORPUS:-}" ]]; then
    [[ -d ../shared/corpus/bbc ]] \
        || { echo "bench.sh: set VERBATIM_BBC_CORPUS to the BBC corpus folder" >&2; exit 1; }
    VERBATIM_BBC_CORPUS="$(cd ../shared/corpus/bbc && pwd)"
    export VERBATIM_BBC_CORPUS
fi

if ! command -v rg >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "installing ripgrep for the baseline"
        SUDO=""
        if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
        $SUDO apt-get install -y ripgrep >/dev/null 2>&1 \
            || { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y ripgrep >/dev/null 2>&1; } \
            || true
    fi
fi
rg_flag=()
if ! command -v rg >/dev/null 2>&1; then
    echo "ripgrep unavailable (no apt-get, or it failed): the rg -F baseline is SKIPPED" >&2
    rg_flag=(--no-rg)
fi

cargo bench "$@" --bench scale -- --quick "${rg_flag[@]}"
