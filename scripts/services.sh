#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback for the test suite.
#   source scripts/services.sh && services_start   (exports DATABASE_URL, REDIS_URL and, unless
#                                                   set, a throwaway SECRET_KEY)
#   services_stop                                  (stops both, deletes their data)
#   postgres_stop / postgres_start, redis_stop / redis_start
#                                                  (one of them down and up again on the same
#                                                   port and data: the cluster test's outages)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_db_user() {
  # PostgreSQL refuses to run as root; root runs it as the packaged `postgres` user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  as_db_user "$SERVICES_PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg" -l "$SERVICES_DIR/pg/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $SERVICES_PG_PORT -k $SERVICES_DIR/pg -c fsync=off \
     -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
}

postgres_stop() {
  # fast, not immediate: with fsync and synchronous_commit off, a crash loses the last commits
  as_db_user "$SERVICES_PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg" -m fast stop >/dev/null 2>&1 || true
}

redis_start() {
  redis-server --bind 127.0.0.1 --port "$SERVICES_REDIS_PORT" --save "" --appendonly no \
    --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log"
  until redis-cli -p "$SERVICES_REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.05; done
}

redis_stop() {
  if [ -f "$SERVICES_DIR/redis.pid" ]; then
    local pid
    pid=$(cat "$SERVICES_DIR/redis.pid")
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  fi
}

services_start() {
  SERVICES_DIR=$(mktemp -d /tmp/heymilo-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  SERVICES_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  SERVICES_PG_PORT=$(free_port)
  SERVICES_REDIS_PORT=$(free_port)
  export SERVICES_DIR SERVICES_PG_BIN SERVICES_PG_PORT SERVICES_REDIS_PORT
  mkdir -p "$SERVICES_DIR/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$SERVICES_DIR/pg"
  as_db_user "$SERVICES_PG_BIN/initdb" -D "$SERVICES_DIR/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  postgres_start
  redis_start
  export DATABASE_URL="postgres://postgres@127.0.0.1:$SERVICES_PG_PORT/heymilo"
  export REDIS_URL="redis://127.0.0.1:$SERVICES_REDIS_PORT/0"
  # The server refuses to start without a strong key; a run's data dies with it, so may its key.
  export SECRET_KEY=${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')}
  echo "Started PostgreSQL on 127.0.0.1:$SERVICES_PG_PORT and Redis on 127.0.0.1:$SERVICES_REDIS_PORT"
}

services_stop() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  postgres_stop
  redis_stop
  rm -rf "$SERVICES_DIR"
  echo "Stopped PostgreSQL and Redis"
}
