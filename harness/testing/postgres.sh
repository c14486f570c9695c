#!/usr/bin/env bash
# A throwaway PostgreSQL for the store's tests: a cluster in a temporary folder, on a free loopback port, owned by an
# unprivileged user (PostgreSQL refuses to run as root), with a role and a database it owns (each test makes a schema
# of its own there).
#
#   eval "$(harness/testing/postgres.sh start)"   # exports ILTSYNC_TEST_POSTGRES_URL and ILTSYNC_TEST_POSTGRES_DIR
#   npx vitest run adapters/store
#   harness/testing/postgres.sh stop "$ILTSYNC_TEST_POSTGRES_DIR"
#
# Only the export lines go to standard output; progress and errors go to standard error.
set -euo pipefail

run_as_user=iltsync-pg

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

# The newest installed version's binaries (Debian keeps them out of PATH, under /usr/lib/postgresql/<version>/bin).
find_bindir() {
  if [ -n "${ILTSYNC_POSTGRES_BIN:-}" ]; then
    echo "$ILTSYNC_POSTGRES_BIN"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
    return
  fi
  local initdb
  initdb=$(command -v initdb || true)
  [ -n "$initdb" ] || die "initdb not found: install PostgreSQL (apt-get install -y postgresql) or set ILTSYNC_POSTGRES_BIN"
  dirname "$(readlink -f "$initdb")"
}

# Runs a command as the cluster's owner: ourselves, or the unprivileged user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$run_as_user" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'
}

start() {
  local bindir dir port password
  bindir=$(find_bindir)
  if [ "$(id -u)" -eq 0 ] && ! id "$run_as_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$run_as_user" >&2
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/iltsync-pg.XXXXXX")
  mkdir "$dir/socket"
  chmod 700 "$dir"
  [ "$(id -u)" -ne 0 ] || chown -R "$run_as_user" "$dir"

  password=$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("hex"))')
  # The superuser is reached only through the socket in the private folder; the tests' role over TCP, by password.
  # The C locale orders text by its bytes, as SQLite does.
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --no-locale --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  }

  # A port found free can be taken before the server binds it: try another then.
  local started=""
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    # Durability is of no use to a cluster thrown away after the tests: no fsync makes them faster.
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
      "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2; then
      started=1
      break
    fi
  done
  [ -n "$started" ] || {
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "pg_ctl could not start a cluster"
  }

  as_owner "$bindir/psql" -h "$dir/socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "create role iltsync login password '$password'" \
    -c "create database iltsync owner iltsync" >&2

  echo "export ILTSYNC_TEST_POSTGRES_URL=postgres://iltsync:$password@127.0.0.1:$port/iltsync"
  echo "export ILTSYNC_TEST_POSTGRES_DIR=$dir"
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, in $dir" >&2
}

stop() {
  local dir=${1:-${ILTSYNC_TEST_POSTGRES_DIR:-}}
  [ -n "$dir" ] || die "stop: which cluster? give its folder (ILTSYNC_TEST_POSTGRES_DIR)"
  [ -f "$dir/data/PG_VERSION" ] || die "stop: $dir holds no cluster"
  local bindir
  bindir=$(find_bindir)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) die "usage: $0 start | stop [FOLDER]" ;;
esac
