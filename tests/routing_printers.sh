#!/usr/bin/env bash
# routing_printers.sh - the printers of routing protocols (EIGRP; issue 19)
# against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct) writes, per protocol, a capture of
# Ethernet/IPv4 frames carrying messages with typical, random and
# malformed field values (wrong versions, TLV lengths too short, too long
# and past the packet, prefix lengths past 32), and a second capture of the
# same frames cut at every length past the IP header, so each truncation
# mark must land where tcpdump's does. Every capture is decoded by tcpdump
# and by `netprofile decode` with each option set; the texts must be
# byte-identical (one check per capture and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" routing_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
command -v tcpdump >/dev/null || abort "tcpdump missing"
command -v python3 >/dev/null || abort "python3 missing"

python3 - "$tmp" <<'EOF2' || abort "generator failed"
import random
import struct
import sys

out = sys.argv[1]
rng = random.Random(1919)

def rbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))

def u8():
    return rng.getrandbits(8)

def ipv4(proto, payload, dst=b"\xe0\x00\x00\x0a"):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(payload), u8(), 0, rng.choice([1, 2, 255]), proto, 0,
                     bytes([10, 0, 0, u8()]), dst) + payload
    return b"\x01\x00\x5e\x00\x00\x0a" + b"\x00\x00\x0c" + rbytes(3) + b"\x08\x00" + ip

# EIGRP: version 2 and others, every opcode and flag, each TLV type with
# right, short and too long lengths, prefix lengths 0..40.
def eigrp_tlv():
    t = rng.choice([0x0001, 0x0004, 0x0102, 0x0102, 0x0103, 0x0103, 0x0202, 0x0203, 0x0204, 0x0002, 0x0003,
                    0x0005, 0x0302, 0x0402, 0x9999])
    base = {0x0001: 8, 0x0004: 4, 0x0102: 22, 0x0103: 42, 0x0202: 24, 0x0203: 40, 0x0204: 8}.get(t, rng.randrange(0, 20))
    body = bytearray(rbytes(base))
    if t in (0x0102, 0x0103):
        if rng.random() < 0.4:
            body[0:4] = bytes(4)
        plen = rng.choice([rng.randrange(0, 33)] * 5 + [rng.randrange(33, 256)])
        body[base - 2] = plen
        body = body[:base - 1] + rbytes((plen + 7) // 8 if plen <= 32 else 1)
        if t == 0x0103:
            body[22] = rng.choice([1, 2, 3, 6, 9, 11, 12, 0])
    if t in (0x0202, 0x0203) and rng.random() < 0.4:
        body[0:4] = bytes(4)
    if rng.random() < 0.1:
        body = body[:rng.randrange(0, len(body) + 1)]
    n = len(body) + 4
    n = rng.choice([n] * 12 + [0, 3, n + 8, n - 1 if n > 4 else 4])
    return struct.pack(">HH", t, n) + bytes(body)

def eigrp():
    ver = rng.choice([2] * 9 + [1])
    hdr = struct.pack(">BBHIIIHH", ver, rng.choice([1, 3, 4, 5, 6, 7, 9]), rng.getrandbits(16),
                      rng.choice([0, 1, 2, 8, 15, rng.getrandbits(32)]), rng.getrandbits(32), rng.getrandbits(32),
                      rng.choice([0, 1]), rng.getrandbits(16))
    body = b"".join(eigrp_tlv() for _ in range(rng.randrange(0, 5)))
    return (hdr + body)[:rng.choice([10**6] * 15 + [12])]

eigrp_frames = [ipv4(88, eigrp()) for _ in range(300)]

def pcap(name, frames):
    with open(f"{out}/{name}.pcap", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (data, orig) in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), orig))
            f.write(data)

IP_END = 14 + 20
for name, frames in (("eigrp", eigrp_frames),):
    pcap(name, [(f, len(f)) for f in frames])
    pcap(name + "_cut", [(f[:n], len(f)) for f in frames[::3] for n in range(IP_END, len(f))])
EOF2

option_sets=("-n" "-n -v" "-n -vv")
for cap in "$tmp"/*.pcap; do
	for opts in "${option_sets[@]}"; do
		# shellcheck disable=SC2086
		compare_with_tcpdump "$cap" $opts
	done
done
summary
