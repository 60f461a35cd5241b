#!/usr/bin/env bash
# A new user's first hour, checked: clones the committed HEAD into an empty temporary folder
# (no ../shared beside it, no VERBATIM_BBC_CORPUS, an empty cache), and runs there the two
# commands of the README's "Build and run" block, read from the README itself. Fails if the
# block does not hold exactly two commands or if either fails.
#
#   scripts/fresh-clone.sh
#
# With CARGO_TARGET_DIR set, the clone builds in its subfolder `fresh-clone`, kept between
# runs so that the dependencies are built once; without it, in the clone's own target folder,
# from scratch. Never in the working tree's own build folder: the clone's artifacts have the
# same names, and a test binary left fresh there would keep the clone's (deleted) paths.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
die() { printf 'fresh-clone.sh: FAILED: %s\n' "$*" >&2; exit 1; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/verbatim-fresh.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
clone="$scratch/verbatim"

head="$(git -C "$repo" rev-parse HEAD)"
git clone --quiet --no-checkout "$repo" "$clone"
git -C "$clone" checkout --quiet --detach "$head"
[[ ! -e "$scratch/shared" ]] || die "$scratch/shared exists"

# The README's two commands: the non-comment lines of the first sh block under "Build and run".
mapfile -t commands < <(awk '
    /^## Build and run/ { section = 1; next }
    section && /^## / { exit }
    section && /^```sh/ { block = 1; next }
    block && /^```/ { exit }
    block && NF { sub(/[[:space:]]+#.*$/, ""); print }
' "$clone/README.md")
[[ ${#commands[@]} -eq 2 ]] \
    || die "expected two commands in the README's Build and run block, found ${#commands[@]}: ${commands[*]-}"

if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    mkdir -p "$CARGO_TARGET_DIR/fresh-clone"
    CARGO_TARGET_DIR="$(cd "$CARGO_TARGET_DIR/fresh-clone" && pwd)"
    export CARGO_TARGET_DIR
fi
unset VERBATIM_BBC_CORPUS VERBATIM_BENCH_CORPUS VERBATIM_SOAK_CORPUS
export XDG_CACHE_HOME="$scratch/cache" NO_COLOR=1
cd "$clone"
for command in "${commands[@]}"; do
    printf '\n==> (fresh clone of %s) %s\n' "${head:0:7}" "$command"
    bash -c "$command" || die "\`$command\` exited with $? in a fresh clone"
done

# `cargo install` builds the release profile: the binary the first command ran is the one a
# user installs. Without debug info it is about 8 MB; with it, 39 MB.
bin="${CARGO_TARGET_DIR:-$clone/target}/release/verbatim"
size=$(wc -c <"$bin")
printf '\nrelease binary (what cargo install installs): %d bytes\n' "$size"
[[ $size -lt 20000000 ]] || die "the release binary is $size bytes: debug info in the release profile?"

printf '\nfresh-clone.sh: the README'"'"'s commands pass in a fresh clone of %s\n' "${head:0:7}"
