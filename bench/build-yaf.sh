#!/usr/bin/env bash
# build-yaf.sh - YAF, the fastest flow meter our users pick, built from its
# source for the benchmarks (it is not in Debian). Prints the path of the
# yaf binary on stdout, or a message on stderr and exit 1 when it cannot be
# had; callers then skip YAF with that message.
#
# Where the binary comes from, first found wins:
#   $YAF                     a yaf binary you built yourself
#   build/peers/yaf/bin/yaf  built by an earlier run of this script
#   /opt/yaf/bin/yaf         a system build
#   $YAF_SRC                 YAF's source (yaf-project/yaf 2.16.x): an unpacked
#                            tree with ./configure, a .tar.gz, or a git directory;
#                            built here against Debian's libfixbuf-dev,
#                            libglib2.0-dev and libpcap-dev into build/peers/yaf
# Nothing is downloaded: the source must already be on the machine.
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PREFIX=$ROOT/build/peers/yaf
MIRROR=/work/.mirror/yaf-project+yaf/repo

for bin in "${YAF:-}" "$PREFIX/bin/yaf" /opt/yaf/bin/yaf; do
    if [[ -n $bin && -x $bin ]]; then
        echo "$bin"
        exit 0
    fi
done

src=${YAF_SRC:-}
[[ -z $src && -d $MIRROR ]] && src=$MIRROR
if [[ -z $src || ! -e $src ]]; then
    echo "yaf: not built and no source on this machine (set YAF_SRC to yaf-project/yaf 2.16.x, or YAF to a binary)" >&2
    exit 1
fi
for pc in libfixbuf glib-2.0 libpcap; do
    pkg-config --exists "$pc" || {
        echo "yaf: $pc missing (apt-get install -y libfixbuf-dev libglib2.0-dev libpcap-dev)" >&2
        exit 1
    }
done

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
if [[ -f $src && $src == *.tar.gz ]]; then
    tar -xzf "$src" -C "$work" --strip-components=1 || exit 1
elif [[ -x $src/configure ]]; then
    cp -a "$src/." "$work/"
elif git -C "$src" rev-parse --git-dir > /dev/null 2>&1; then
    git -C "$src" archive HEAD | tar -x -C "$work" || exit 1
else
    echo "yaf: $src is neither a source tree, a .tar.gz nor a git directory" >&2
    exit 1
fi
echo "yaf: building from $src into $PREFIX (a few minutes) ..." >&2
(cd "$work" && ./configure --prefix="$PREFIX" --disable-doxygen-doc && make -j"$(nproc)" && make install) \
    > "$work/build.log" 2>&1 || {
    echo "yaf: build failed; the end of its log:" >&2
    tail -n 15 "$work/build.log" >&2
    exit 1
}
echo "$PREFIX/bin/yaf"
