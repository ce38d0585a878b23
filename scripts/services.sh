#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback for the test suite.
#   source scripts/services.sh && services_start   (exports DATABASE_URL, REDIS_URL and, unless
#                                                   set, a throwaway SECRET_KEY)
#   services_stop                                  (stops both, deletes their data)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_db_user() {
  # PostgreSQL refuses to run as root; root runs it as the packaged `postgres` user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

services_start() {
  SERVICES_DIR=$(mktemp -d /tmp/heymilo-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  local pg_bin
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  local pg_port redis_port
  pg_port=$(free_port)
  redis_port=$(free_port)
  mkdir -p "$SERVICES_DIR/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$SERVICES_DIR/pg"
  as_db_user "$pg_bin/initdb" -D "$SERVICES_DIR/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  as_db_user "$pg_bin/pg_ctl" -D "$SERVICES_DIR/pg" -l "$SERVICES_DIR/pg/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $pg_port -k $SERVICES_DIR/pg -c fsync=off \
     -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log"
  SERVICES_PG_BIN=$pg_bin
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/heymilo"
  export REDIS_URL="redis://127.0.0.1:$redis_port/0"
  export SERVICES_DIR SERVICES_PG_BIN
  # The server refuses to start without a strong key; a run's data dies with it, so may its key.
  export SECRET_KEY=${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')}
  echo "Started PostgreSQL on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port"
}

services_stop() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  as_db_user "$SERVICES_PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$SERVICES_DIR/redis.pid" ]; then kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$SERVICES_DIR"
  echo "Stopped PostgreSQL and Redis"
}
