#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the team store's tests (ctest starts
# it before the service tests and stops it after: tests/service/CMakeLists.txt).
#
# Usage:
#   scripts/pg_cluster.sh start STATE_DIR   initdb into a new temporary folder, start on a free
#                                            loopback port, write STATE_DIR/conninfo
#   scripts/pg_cluster.sh stop STATE_DIR    stop it and remove its folder
#
# Run as root, the server runs as the unprivileged `postgres` user (created
# by Debian's postgresql-common; else `nobody`); run as anyone else, as that
# user. It listens on 127.0.0.1 only, with its socket in its own folder, and
# fsync off (a test cluster: fast, and nothing in it matters after the run).
# The superuser `diagdesk_admin` connects through the socket without a
# password (trust, socket only); TCP connections need a password
# (scram-sha-256), so the tests can try wrong ones. The admin's password is
# written to STATE_DIR/admin_password for the role tests (test data only).
set -euo pipefail

die() { echo "pg_cluster.sh: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: pg_cluster.sh start|stop STATE_DIR"
action=$1
state=$2
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || die "PostgreSQL 15 is missing: apt-get install postgresql-15 (scripts/deps.sh test does it)"

if [ "$(id -u)" -eq 0 ]; then
  if getent passwd postgres >/dev/null; then runner=postgres; else runner=nobody; fi
  as() { runuser -u "$runner" -- "$@"; }
else
  as() { "$@"; }
fi

stop() {
  [ -f "$state/datadir" ] || return 0
  local data
  data=$(cat "$state/datadir")
  case $data in /tmp/diagdesk-pg-* | "${TMPDIR:-/tmp}"/diagdesk-pg-*) ;; *) die "refusing to remove $data" ;; esac
  if [ -f "$data/db/postmaster.pid" ]; then
    as "$bin/pg_ctl" -D "$data/db" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
      echo "pg_cluster.sh: could not stop the server of $data" >&2
  fi
  rm -rf -- "$data"
  rm -f -- "$state/datadir" "$state/conninfo" "$state/admin_password" "$state/port"
}

case $action in
  stop)
    stop
    ;;
  start)
    mkdir -p "$state"
    stop  # a cluster left by an interrupted run
    data=$(mktemp -d "${TMPDIR:-/tmp}/diagdesk-pg-XXXXXX")
    echo "$data" >"$state/datadir"
    chmod 700 "$data"
    [ "$(id -u)" -eq 0 ] && chown "$runner" "$data"
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$password" >"$data/pwfile"
    [ "$(id -u)" -eq 0 ] && chown "$runner" "$data/pwfile"
    as "$bin/initdb" -D "$data/db" -U diagdesk_admin --pwfile="$data/pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$data/initdb.log" 2>&1 ||
      { cat "$data/initdb.log" >&2; die "initdb failed"; }
    rm -f "$data/pwfile"
    started=no
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$((20000 + RANDOM % 40000))
      # A port something already answers on is skipped; a race with another
      # program binding it meanwhile makes pg_ctl fail, and we try another.
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
      if as "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" start >/dev/null 2>&1; then
        started=yes
        break
      fi
    done
    if [ $started != yes ]; then
      cat "$data/server.log" >&2 2>/dev/null || true
      die "the server did not start (log above)"
    fi
    echo "$port" >"$state/port"
    printf '%s\n' "$password" >"$state/admin_password"
    chmod 600 "$state/admin_password"
    # Through the socket, no password: the tests' administrator.
    echo "host=$data port=$port user=diagdesk_admin dbname=postgres" >"$state/conninfo"
    echo "pg_cluster.sh: PostgreSQL 15 on 127.0.0.1:$port (data in $data)"
    ;;
  *) die "unknown action '$action' (start or stop)" ;;
esac
