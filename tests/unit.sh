#!/usr/bin/env bash
# unit.sh - build and run the C unit tests in tests/unit/ (each test_*.c is
# one program linked against the library), plainly and under ASan+UBSan.
# Ends with "N passed, N failed" over all checks.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
pass=0
fail=0
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
			$(pkg-config --libs libpcap sqlite3) -lm; then
			echo "unit: $name ($variant) does not build"
			fail=$((fail + 1))
			continue
		fi
		out=$("$bin" 2>&1)
		rc=$?
		echo "$out" | sed "s/^/[$variant] /"
		p=$(echo "$out" | grep -Eo '[0-9]+ passed' | tail -1 | cut -d' ' -f1)
		f=$(echo "$out" | grep -Eo '[0-9]+ failed' | tail -1 | cut -d' ' -f1)
		pass=$((pass + ${p:-0}))
		fail=$((fail + ${f:-0}))
		[ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && fail=$((fail + 1))
	done
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
