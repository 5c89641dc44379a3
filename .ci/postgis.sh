#!/usr/bin/env bash
# Starts a throw-away PostgreSQL + PostGIS server on 127.0.0.1 for the PostGIS tests and
# prints the URL to use (export it as SOZIALRAUM_TEST_PG_URL). Needs Debian's postgresql-15
# and postgresql-15-postgis-3 (.ci/run installs them). Data live in a temporary folder; the
# server runs as the unprivileged user "postgres" and listens only on loopback.
set -euo pipefail
PORT="${SOZIALRAUM_PG_PORT:-54329}"
BIN=/usr/lib/postgresql/15/bin
DATA="${SOZIALRAUM_PG_DATA:-/tmp/sozialraum-pg}"
START="$BIN/pg_ctl -D '$DATA' -o \"-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$DATA'\" -w -l '$DATA/log' start >/dev/null"
if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    :  # a server already answers on the port: reuse it, never touch its data
elif [ -f "$DATA/PG_VERSION" ]; then
    # an existing cluster that is not running: start it (a stale pid file is removed by pg_ctl)
    su postgres -s /bin/sh -c "$START"
else
    rm -rf "$DATA"
    install -d -o postgres -g postgres "$DATA"
    su postgres -s /bin/sh -c "$BIN/initdb -D '$DATA' -A trust -U postgres --no-instructions >/dev/null"
    su postgres -s /bin/sh -c "$START"
fi
PSQL=(su postgres -s /bin/sh -c)
"${PSQL[@]}" "psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='sozialraum'\"" | grep -q 1 \
  || "${PSQL[@]}" "psql -h 127.0.0.1 -p $PORT -U postgres -qc 'CREATE DATABASE sozialraum'"
"${PSQL[@]}" "psql -h 127.0.0.1 -p $PORT -U postgres -d sozialraum -qc 'CREATE EXTENSION IF NOT EXISTS postgis'"
echo "postgresql://postgres@127.0.0.1:$PORT/sozialraum"
