#!/usr/bin/env bash
# store.sh - records and commits per second into the inventory, PostgreSQL
# beside SQLite, from 1 to 8 sensors writing at once (`make bench-store`).
#
# Each sensor is one build/store_bench process committing BATCHES batches
# of SERVERS servers (each with CLIENTS clients) drawn from one pool, so
# sensors update the same rows as on one network. A record is a server or
# a client row merged; a commit is one batch's transaction. Figures are
# over all sensors together (wall time from the first start to the last
# end), the median of RUNS runs, with the machine's load average. The
# PostgreSQL server is started here from Debian's binaries (as root), its
# socket in a temporary directory, default settings (fsync on).
#   BATCHES (10) SERVERS (500) CLIENTS (4) RUNS (3) SENSORS ("1 2 4 8")
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
bench=$here/build/store_bench
batches=${BATCHES:-10}
servers=${SERVERS:-500}
clients=${CLIENTS:-4}
runs=${RUNS:-3}
sensors=${SENSORS:-1 2 4 8}
[ -x "$bench" ] || {
	echo "store: $bench is not built (make build/store_bench)"
	exit 1
}
# shellcheck source=tests/lib/pgserver.sh
. "$here/tests/lib/pgserver.sh"
tmp=$(mktemp -d)
trap 'pg_cleanup; rm -rf "$tmp"' EXIT
why=$(pg_missing)
if [ -z "$why" ]; then
	pg_setup "$(mktemp -d /tmp/npbench-pg.XXXXXX)" >"$tmp/setup" 2>&1 || {
		echo "store: the PostgreSQL server did not start: $(cat "$tmp/setup")"
		why="no server"
	}
fi
[ -z "$why" ] || echo "store: PostgreSQL skipped: $why"

# one_run BACKEND N: prints "records_per_s commits_per_s"
one_run() {
	local backend=$1 n=$2 db
	if [ "$backend" = postgresql ]; then
		pg_psql -d postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" 2>/dev/null
		db=$(pg_uri bench)
	else
		rm -f "$tmp/bench.db" "$tmp/bench.db-wal" "$tmp/bench.db-shm"
		db=$tmp/bench.db
	fi
	# The tables are created first, so the run times merging only.
	"$bench" --db "$db" --sensor setup --batches 0 >/dev/null || return 1
	local start end pids=()
	rm -f "$tmp"/out.*
	start=$(date +%s.%N)
	for i in $(seq 1 "$n"); do
		"$bench" --db "$db" --sensor "s$i" --seed "$i" --batches "$batches" --servers "$servers" \
			--clients "$clients" >"$tmp/out.$i" &
		pids+=($!)
	done
	local st=0
	for p in "${pids[@]}"; do wait "$p" || st=1; done
	end=$(date +%s.%N)
	[ $st -eq 0 ] || return 1
	cat "$tmp"/out.* | awk -v s="$start" -v e="$end" -v n="$n" -v b="$batches" \
		'{ r += $3 } END { printf "%.0f %.1f\n", r / (e - s), n * b / (e - s) }'
	rm -f "$tmp"/out.*
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "store: $batches batches of $servers servers x (1 + $clients clients) per sensor, median of $runs runs"
echo "store: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %7s %14s %12s\n' BACKEND SENSORS RECORDS/S COMMITS/S
for backend in sqlite postgresql; do
	[ "$backend" = postgresql ] && [ -n "$why" ] && continue
	for n in $sensors; do
		: >"$tmp/r"
		: >"$tmp/c"
		failed=0
		for _ in $(seq 1 "$runs"); do
			# SQLite: a writer waits 5 s for the file's lock, then fails
			# ("database is locked"): with many writers at once, that is the figure.
			if read -r rec com < <(one_run "$backend" "$n" 2>>"$tmp/errors"); then
				echo "$rec" >>"$tmp/r"
				echo "$com" >>"$tmp/c"
			else
				failed=$((failed + 1))
			fi
		done
		note=""
		[ $failed -gt 0 ] && note="  ($failed of $runs runs failed: $(sort -u "$tmp/errors" | head -1))"
		: >"$tmp/errors"
		[ -s "$tmp/r" ] || { echo "-" >"$tmp/r" && echo "-" >"$tmp/c"; }
		printf '%-10s %7s %14s %12s%s\n' "$backend" "$n" "$(median <"$tmp/r")" "$(median <"$tmp/c")" "$note"
	done
done
echo "store: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
