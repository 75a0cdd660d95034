#!/usr/bin/env bash
# osi_printers.sh - the OSI network layer printers (IS-IS, ES-IS, CLNP and
# the NLPID dispatch; issue 19) against Debian's tcpdump on randomised
# packets.
#
# tests/lib/gen_osi.py (seeded) writes, per protocol, a capture of
# Ethernet frames (802.3 with LLC SAP 0xfe, some with the OSI ethertype
# 0xfefe) carrying PDUs with typical, random and malformed field values:
# every IS-IS PDU type and TLV tcpdump decodes (extended reachability with
# TE, GMPLS, SPB and segment routing sub-TLVs, router capability,
# multi-topology, authentication, hostname, purge originator...), LSPs
# with right and wrong checksums, ES-IS hellos, redirects and options,
# CLNP PDUs with segmentation, every option and error reports that carry
# the original packet, bad versions and lengths that do not fit; and a
# second capture of the same frames cut at every length past the Ethernet
# header, so each truncation mark must land where tcpdump's does. Each is
# decoded by tcpdump and by `netprofile decode` with each option set; the
# texts must be byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   SEED        the generator's seed (default 1919)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" osi_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

python3 "$here/tests/lib/gen_osi.py" "$tmp" "${SEED:-1919}" || abort "generator failed"

compare_captures "$tmp" "-n" "-n -v" "-n -vv" "-n -vvv -e" "-n -e -q"
compare_with_tcpdump "$tmp/isis.pcap" -n -x
summary
