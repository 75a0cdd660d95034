#!/bin/sh
# format-all.sh - lay out every C file of the tree by .clang-format
# (clang-format 14, Debian 12), in place: the files `make lint` checks
# (`make lint-files`). Run it once after merging, commit the result alone
# ("clang-format: the whole tree"), then `make lint` passes its layout check.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v clang-format >/dev/null || { echo "format-all: clang-format missing (apt-get install clang-format)" >&2; exit 1; }
files=$(make -s --no-print-directory lint-files)
# shellcheck disable=SC2086 # a list of paths without spaces
clang-format -i $files
# shellcheck disable=SC2086
clang-format --dry-run --Werror $files
echo "format-all: $(echo $files | wc -w) files laid out by .clang-format"
