#!/usr/bin/env bash
# A PostgreSQL server of our own for the archive tests and bench: installed from Debian if
# missing, a cluster in a temporary folder on a free port, run by an unprivileged user
# (initdb refuses root), never the system's default cluster.
#
#   source .ci/pg.sh; pg_start    # exports VERBATIM_TEST_DATABASE_URL
#   pg_stop                       # stops the server and removes its folder
set -euo pipefail

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$bin" && -x "$bin/initdb" ]] && echo "$bin"
}

pg_start() {
    if ! pg_bin >/dev/null; then
        echo "installing PostgreSQL from Debian"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    fi
    local bin user
    bin=$(pg_bin)
    user=$(id -un)
    if [[ $(id -u) -eq 0 ]]; then
        # initdb will not run as root: the postgres system user (Debian's package makes
        # it), else one of our own.
        user=postgres
        id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
    fi
    PG_DIR=$(mktemp -d /tmp/verbatim-pg.XXXXXX)
    chown "$user" "$PG_DIR"
    PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local as=()
    [[ $(id -u) -eq 0 ]] && as=(runuser -u "$user" --)
    "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U verbatim --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log"
    # A throwaway cluster: no fsync, so CI's disk is not the bottleneck.
    "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start -o \
        "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=120 -c shared_buffers=256MB" >/dev/null
    PG_AS=("${as[@]}")
    PG_CTL="$bin/pg_ctl"
    export VERBATIM_TEST_DATABASE_URL="postgres://verbatim@127.0.0.1:$PG_PORT/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $PG_PORT ($PG_DIR)"
}

pg_stop() {
    if [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]]; then
        "${PG_AS[@]}" "$PG_CTL" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
