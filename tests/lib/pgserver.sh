# shellcheck shell=bash
# pgserver.sh - a throwaway PostgreSQL server from Debian's binaries, for
# tests/postgres.sh and bench/store.sh. Sourced (bash), as root:
#   pg_setup DIR   initdb in DIR/data as the user postgres (DIR chowned to
#                  it), its Unix socket in DIR, TCP on a free loopback port
#                  ($pg_port), trust on the socket, scram over TCP; started
#   pg_start, pg_stop (fast), pg_cleanup (stop if running, rm -rf DIR)
#   pg_psql ARGS   psql as postgres over the socket, unaligned, tuples only
#   pg_uri DB      the postgresql:// URI of database DB over the socket
# pg_missing prints why the server cannot run here (nothing when it can).
pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}

pg_missing() {
	if ! [ -x "$pgbin/initdb" ] || ! [ -x "$pgbin/pg_ctl" ] || ! [ -x "$pgbin/psql" ]; then
		echo "PostgreSQL's server binaries are not in $pgbin (apt-get install postgresql)"
	elif [ "$(id -u)" != 0 ] || ! id postgres >/dev/null 2>&1; then
		echo "needs root and the postgres user (the server runs as postgres, started with runuser)"
	fi
}

pg_as() { runuser -u postgres -- "$@"; }
pg_start() { pg_as "$pgbin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 start >/dev/null; }
pg_stop() { pg_as "$pgbin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 60 stop >/dev/null; }
pg_psql() { "$pgbin/psql" -X -q -At -h "$pg_dir" -p "$pg_port" -U postgres "$@"; }
pg_uri() { echo "postgresql://postgres@/$1?host=$pg_dir&port=$pg_port"; }

pg_cleanup() {
	[ -n "${pg_dir:-}" ] || return 0
	[ -f "$pg_dir/data/postmaster.pid" ] && pg_stop
	rm -rf "$pg_dir"
}

pg_setup() {
	pg_dir=$1
	chown postgres "$pg_dir"
	pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	pg_as "$pgbin/initdb" -D "$pg_dir/data" -U postgres -A trust >"$pg_dir/initdb.log" 2>&1 || {
		tail -3 "$pg_dir/initdb.log"
		return 1
	}
	cat >>"$pg_dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_dir'
CONF
	printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$pg_dir/data/pg_hba.conf"
	pg_start || {
		tail -5 "$pg_dir/log"
		return 1
	}
}
