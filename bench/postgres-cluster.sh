#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the benchmarks, like the test fixture: initdb into a temp
# directory (as the postgres user when run as root), start it on a free loopback port, print the
# connection string. Source it; `pg_bench_stop` stops it and removes the directory.
#   source bench/postgres-cluster.sh; echo "$PG_CONNECTION"; ...; pg_bench_stop
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pg_bin/initdb" ]] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
PG_DIR="$(mktemp -d /tmp/tenure-pg-bench.XXXXXX)"
PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) -eq 0 ]] && chown postgres "$PG_DIR"
as_pg "$pg_bin/initdb" -D "$PG_DIR/data" -A trust -U tenure --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB -c synchronous_commit=on" >/dev/null
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U tenure tenure
PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=tenure;Database=tenure"
export PG_CONNECTION
pg_bench_stop() { as_pg "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null; rm -rf "$PG_DIR"; }
