#!/bin/bash
# Entrypoint of the registry-free PostgreSQL image (built by .ci/container-engine from Debian's
# packages). It does what the official `postgres` image's entrypoint does for Testcontainers, no more:
#   - POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless
#     POSTGRES_HOST_AUTH_METHOD=trust) and POSTGRES_DB (default: the user's name);
#   - on an empty PGDATA: initdb, a temporary server on the Unix socket only, the database, then
#     every file in /docker-entrypoint-initdb.d (*.sh run or sourced, *.sql and *.sql.gz through psql),
#     then the temporary server stops. Its "database system is ready to accept connections" is the
#     first of the two lines Testcontainers waits for; the real server prints the second;
#   - the real server listens on all addresses with password auth (scram-sha-256), and the container's
#     arguments are its command line: `postgres -c name=value ...` (arguments that start with '-'
#     get `postgres` put in front, as in the official image).
# The image runs as the postgres user (USER in the Dockerfile): no root step is needed.
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" != 'postgres' ]; then
  exec "$@"
fi

: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
export PGDATA

run_psql() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --no-password --dbname "${1:-postgres}" "${@:2}"
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != 'trust' ]; then
    echo "error: POSTGRES_PASSWORD is not set (set it, or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  password_file="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
  initdb --username="$POSTGRES_USER" --pwfile="$password_file" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$POSTGRES_HOST_AUTH_METHOD" >/dev/null
  rm -f "$password_file"
  printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >> "$PGDATA/postgresql.conf"

  # The temporary server: Unix socket only, so nothing connects before initialisation is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
  if [ "$POSTGRES_DB" != 'postgres' ]; then
    run_psql postgres -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  for file in /docker-entrypoint-initdb.d/*; do
    case "$file" in
      *.sh)
        if [ -x "$file" ]; then echo "running $file"; "$file"; else echo "sourcing $file"; . "$file"; fi ;;
      *.sql) echo "running $file"; run_psql "$POSTGRES_DB" -f "$file" ;;
      *.sql.gz) echo "running $file"; gunzip -c "$file" | run_psql "$POSTGRES_DB" ;;
      *) [ -e "$file" ] && echo "ignoring $file" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo 'PostgreSQL init process complete; ready for start up.'
fi

exec "$@"
