#!/usr/bin/env bash
# unit.sh - build and run the C unit tests in tests/unit/ (each test_*.c is
# one program linked against the library), plainly and under ASan+UBSan,
# and the one test with threads (test_pipeline) under ThreadSanitizer too.
# Ends with "N passed, N failed" over all checks.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
pass=0
fail=0

# run_test VARIANT BINARY: run it, add its "N passed, N failed" to the sums;
# a non-zero exit without a failed check (a sanitizer report) is a failure.
run_test() {
	local out rc p f
	out=$("$2" 2>&1)
	rc=$?
	echo "$out" | sed "s/^/[$1] /"
	p=$(echo "$out" | grep -Eo '[0-9]+ passed' | tail -1 | cut -d' ' -f1)
	f=$(echo "$out" | grep -Eo '[0-9]+ failed' | tail -1 | cut -d' ' -f1)
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	[ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && fail=$((fail + 1))
}

for variant in plain asan; do
	if [ $variant = asan ]; then
		lib=build/asan/libnetprofile.a
		flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g"
	else
		lib=build/libnetprofile.a
		flags="-O2 -g"
	fi
	[ -f "$lib" ] || { echo "unit: $lib not built"; fail=$((fail + 1)); continue; }
	mkdir -p build/tests/$variant
	for src in tests/unit/test_*.c; do
		name=$(basename "$src" .c)
		bin=build/tests/$variant/$name
		if ! cc -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror $flags -o "$bin" "$src" "$lib" \
			$(pkg-config --libs libpcap sqlite3 json-c libfixbuf libpq libcrypto) -lm -pthread; then
			echo "unit: $name ($variant) does not build"
			fail=$((fail + 1))
			continue
		fi
		run_test $variant "$bin"
	done
done

# ThreadSanitizer: the library's sources built with it (clang), so a data
# race between the pipeline's reader thread and the flow table's thread
# fails the run.
if command -v clang > /dev/null; then
	mkdir -p build/tests/tsan
	bin=build/tests/tsan/test_pipeline
	if clang -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -fsanitize=thread -O1 -g -o "$bin" \
		$(pkg-config --cflags libfixbuf libpq) tests/unit/test_pipeline.c src/util/*.c src/capture/*.c src/decode/*.c src/print/*.c \
		src/flow/*.c src/collect/*.c src/profile/*.c src/store/*.c $(pkg-config --libs libpcap sqlite3 json-c libfixbuf libpq libcrypto) -lm -pthread; then
		TSAN_OPTIONS="halt_on_error=1 exitcode=66" run_test tsan "$bin"
	else
		echo "unit: test_pipeline (tsan) does not build"
		fail=$((fail + 1))
	fi
else
	echo "unit: clang missing, no ThreadSanitizer run (make deps installs it)"
	fail=$((fail + 1))
fi
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
