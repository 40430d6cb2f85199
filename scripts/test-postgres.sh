#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, listening on
# 127.0.0.1 on a free port, its URL in BULWARK_TEST_DATABASE_URL; stopped and deleted afterwards,
# whatever the command did.
#
#   scripts/test-postgres.sh npx vitest run test/org-queue.test.ts
#   scripts/test-postgres.sh npm test
#
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql). As root (CI) they are
# installed when missing, and the cluster runs as the postgres user, since initdb refuses root.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN="$(find_bin || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian postgresql (the queue and history tests use a real server)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/tmp/bulwark-apt-postgresql.log 2>&1 || { cat /tmp/bulwark-apt-postgresql.log >&2; exit 1; }
    BIN="$(find_bin)"
  else
    echo "test-postgres: PostgreSQL server binaries not found; install them (Debian/Ubuntu: sudo apt-get install postgresql)" >&2
    exit 1
  fi
fi

DIR="$(mktemp -d /tmp/bulwark-pg.XXXXXX)"
RUN=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$DIR"
  RUN=(runuser -u postgres --)
fi
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

stop() {
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U bulwark -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c fsync=off" start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

export BULWARK_TEST_DATABASE_URL="postgres://bulwark@127.0.0.1:$PORT/postgres"
echo "== PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway)" >&2
set +e
"$@"
CODE=$?
set -e
exit $CODE
