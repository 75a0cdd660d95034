#!/usr/bin/env bash
# aaa_printers.sh - the printers of security and AAA protocols (ISAKMP/IKEv1
# and IKEv2 on UDP 500, 4500 and 7500, RADIUS with EAP-Message, 802.1X
# EAPOL; issue 19) against Debian's tcpdump on randomised packets.
#
# A seeded generator (python3, struct, tests/lib/netpkt.py) writes, per
# protocol, a capture of Ethernet/IPv4 and IPv6 frames carrying messages
# with typical, random and malformed field values (payload and attribute
# lengths too short, too long and past the packet, unknown payload,
# attribute and notify types, IKEv1 payloads in IKEv2 chains and the
# reverse, conversations whose later messages come back from the
# responder), and a second capture of the same frames cut at every length
# past the IP header, so each truncation mark must land where tcpdump's
# does. Every capture is decoded by tcpdump and by `netprofile decode` with
# each option set; the texts must be byte-identical (one check per capture
# and option set).
#
#   NETPROFILE  binary to test (default build/netprofile; also run it with
#               build/asan/netprofile)
#   KEEP=1      keep the generated captures
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" aaa_printers
# shellcheck source=tests/lib/tcpdump_compare.sh
. "$(dirname "$0")/lib/tcpdump_compare.sh"

PYTHONPATH="$here/tests/lib" python3 - "$tmp" ${AAA_SEED:-} <<'EOF2' || abort "generator failed"
import random
import struct
import sys

from netpkt import eth, rand_helpers, udp, write_pcap

out = sys.argv[1]
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1919)


rbytes, u8 = rand_helpers(rng)


def pick(*choices):
    return rng.choice(choices)


def maybe_cut(body):
    """Now and then a body shorter than its header says."""
    if body and rng.random() < 0.06:
        return body[:rng.randrange(0, len(body))]
    return body


def length_of(n, lo=0):
    """The right length mostly; sometimes short, long or zero."""
    return rng.choice([n] * 14 + [lo, max(lo, n - 1), n + 1, n + 9, 0, 0xffff])


# ---- ISAKMP / IKE ----

def gen(np, body, ln=None):
    n = len(body) + 4 if ln is None else ln
    return struct.pack(">BBH", np, pick(0, 0, 0, 0x80, 1), n & 0xffff) + body


def attrs(tmax):
    a = b""
    for _ in range(rng.randrange(0, 7)):
        t = rng.choice(list(range(1, tmax + 1)) + [rng.getrandbits(15)])
        if rng.random() < 0.7:
            a += struct.pack(">HH", 0x8000 | t, pick(0, 1, 2, 3, 5, 7, 14, 18, rng.getrandbits(16)))
        else:
            v = rbytes(pick(0, 1, 2, 4, 4, 8))
            a += struct.pack(">HH", t, length_of(len(v))) + v
    return a


def chain(items):
    """items: (type, body); each payload's np names the next one."""
    outp = b""
    for i, (t, body) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else pick(0, 0, 0, 0, 0, 13, 99)
        ln = len(body) + 4
        outp += gen(nxt, body, length_of(ln, 4) if rng.random() < 0.15 else ln)
    return outp


def v1_transforms(proto):
    items = []
    for i in range(rng.randrange(1, 4)):
        items.append((3, bytes([i + 1, pick(1, 2, 3, 5, 12, 0, u8())]) + b"\0\0" +
                      attrs(16 if proto == 1 else 9)))
    return items


def v1_sa():
    sit = pick(1, 1, 1, 2, 3, 7, 0)
    doi = pick(1, 1, 1, 1, 0, 2)
    body = struct.pack(">II", doi, sit)
    if sit != 1:
        body += struct.pack(">I", 0)
    props = []
    for i in range(rng.randrange(1, 3)):
        proto = pick(1, 1, 2, 3, 4, 9)
        spi = rbytes(pick(0, 0, 4, 8))
        ts = v1_transforms(proto)
        props.append((2, bytes([i + 1, proto, len(spi), len(ts)]) + spi + chain(ts)))
    return body + chain(props)


def v1_id():
    t = pick(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 0, 13)
    n = {1: 4, 4: 8, 5: 16, 6: 32, 7: 8, 8: 32}.get(t, rng.randrange(0, 24))
    data = rbytes(rng.choice([n] * 6 + [n - 1 if n else 0, n + 3, 0]))
    if t in (2, 3):
        data = bytes(rng.choice(b"abcdefgh.example\0\x7f\xc3") for _ in range(len(data)))
    return bytes([t, pick(0, 6, 17, u8())]) + struct.pack(">H", pick(0, 500, u8())) + data


def v1_n():
    doi = pick(1, 1, 1, 0, 3)
    t = pick(1, 5, 14, 24, 30, 31, 8192, 8193, 16384, 16385, 24576, 24577, 24578, 24579, 40000, rng.getrandbits(16))
    spi = rbytes(pick(0, 4, 8, 16))
    data = attrs(16) if t == 24576 else rbytes(pick(0, 4, 4, 12, 40))
    return struct.pack(">IBBH", doi, pick(1, 2, 3, 4, 9), len(spi), t) + spi + data


def v1_d():
    spis = rng.randrange(0, 4)
    size = pick(0, 4, 8, 16)
    return (struct.pack(">IBBH", pick(1, 1, 2), pick(1, 2, 3, 7), size, length_of(spis)) + rbytes(size * spis))


def v2_sa():
    props = []
    for i in range(rng.randrange(1, 4)):
        spi = rbytes(pick(0, 0, 4, 8))
        ts = []
        for _ in range(rng.randrange(1, 5)):
            tt = pick(1, 2, 3, 4, 5, 1, 9)
            a = struct.pack(">HH", 0x800e, pick(128, 192, 256)) if tt == 1 and rng.random() < 0.7 else attrs(16)
            ts.append((3 if rng.random() < 0.95 else 7, bytes([tt, 0]) + struct.pack(">H", pick(0, 1, 2, 3, 5, 12, 14, 20, u8())) + a))
        body = bytes([i + 1, pick(1, 2, 3, 4), len(spi), len(ts)]) + spi + chain(ts)
        props.append((2 if rng.random() < 0.95 else 4, body))
    return chain(props)


def v2_id():
    t = pick(1, 2, 3, 5, 9, 10, 11, 4)
    d = rbytes({1: 4, 5: 16}.get(t, rng.randrange(0, 20)))
    if t in (2, 3):
        d = b"vpn.example.org"[:rng.randrange(0, 16)]
    return bytes([t, 0, 0, 0]) + d


def v2_n():
    t = pick(1, 4, 5, 7, 9, 11, 14, 17, 24, 34, 35, 36, 37, 39, 16384, 16385, 16386, 16387, 16388, 16389, 16390,
             16390, 16391, 16392, 16393, 16394, 16395, 8000, 9000, 30000, 50000)
    spi = rbytes(pick(0, 0, 4, 8))
    return bytes([pick(0, 1, 2, 3, 9), len(spi)]) + struct.pack(">H", t) + spi + rbytes(pick(0, 4, 20, 29, 40))


def payload(v2):
    if v2 and rng.random() < 0.9:
        t = pick(33, 34, 35, 36, 37, 38, 39, 40, 41, 41, 42, 43, 44, 45, 47, 48, 1, 13, 60)
    else:
        t = pick(1, 1, 4, 5, 5, 6, 7, 8, 9, 10, 11, 11, 12, 13, 14, 20, 33, 41)
    body = {
        1: v1_sa, 5: v1_id, 11: v1_n, 12: v1_d, 33: v2_sa, 35: v2_id, 36: v2_id, 41: v2_n,
        4: lambda: rbytes(pick(4, 96)),
        6: lambda: bytes([pick(1, 4, 11, 12)]) + rbytes(pick(0, 8)),
        7: lambda: bytes([pick(1, 4, 11)]) + rbytes(pick(0, 8)),
        10: lambda: rbytes(pick(1, 16, 20, 40)),
        34: lambda: struct.pack(">HH", pick(1, 2, 5, 14, 19, 30), 0) + rbytes(pick(0, 8, 64)),
        39: lambda: bytes([pick(0, 1, 2, 3, 9), 0, 0, 0]) + rbytes(pick(0, 3, 20, 40)),
        40: lambda: rbytes(pick(1, 16, 32)),
        43: lambda: b"strongSwan\x00\x01"[:rng.randrange(1, 13)],
    }.get(t, lambda: rbytes(rng.randrange(0, 24)))()
    return t, maybe_cut(body)


def isakmp_msg(v2, ck_i, ck_r, msgid):
    items = [payload(v2) for _ in range(rng.randrange(0, 5))]
    if v2 and rng.random() < 0.15:
        items.append((46, rbytes(pick(8, 40))))
    body = chain(items)
    np = items[0][0] if items else pick(0, 13)
    etype = pick(34, 35, 36, 37, 1, 99) if v2 else pick(1, 2, 4, 5, 5, 32, 33, 34, 0, 99)
    flags = pick(0, 0x08, 0x20, 0x28, 0x10, 0x09) if v2 else pick(0, 0, 1, 2, 3, 4)
    vers = pick(0x20, 0x20, 0x21) if v2 else pick(0x10, 0x10, 0x10, 0x11, 0x30)
    ln = 28 + len(body)
    hdr = ck_i + ck_r + struct.pack(">BBBB", np, vers, etype, flags) + msgid + struct.pack(">I", length_of(ln))
    return hdr + body


def isakmp_frames(n):
    frames = []
    hosts = [("10.1.0.1", "10.1.0.2"), ("192.0.2.7", "198.51.100.9"), ("2001:db8::1", "2001:db8::2")]
    for _ in range(n):
        v2 = rng.random() < 0.5
        a, b = rng.choice(hosts)
        ck_i = rbytes(8) if rng.random() < 0.5 else bytes([1, 2, 3, 4, 5, 6, 7, u8() & 3])
        # an exchange: the first message with a zero responder cookie, then
        # replies and requests both ways
        for step in range(rng.randrange(1, 4)):
            ck_r = bytes(8) if step == 0 else pick(bytes(8), b"\x99" * 8, rbytes(8))
            msgid = pick(bytes(4), bytes(4), rbytes(4))
            src, dst = (a, b) if step % 2 == 0 else (b, a)
            msg = isakmp_msg(v2, ck_i, ck_r, msgid)
            port = pick(500, 500, 500, 4500, 7500)
            if port == 4500:
                msg = pick(b"\0\0\0\0" + msg, b"\0\0\0\0" + msg, b"\xff", rbytes(12) + rbytes(40), b"\0\0")
            sport = pick(port, port, rng.randrange(40000, 41000))
            frames.append(eth(udp(src, sport, dst, port, msg)))
    return frames


# ---- EAP ----

def eap_packet():
    code = pick(1, 2, 2, 3, 4, 9)
    t = pick(1, 1, 2, 3, 4, 13, 21, 43, 18, 23, 254, 255, 0, 99)
    if t in (1, 2):
        data = b"alice@example.org\0x"[:rng.randrange(0, 20)]
    elif t == 3:
        data = bytes(pick(4, 13, 21, 25, 200) for _ in range(rng.randrange(0, 4)))
    elif t in (13, 21, 43):
        data = bytes([pick(0x80, 0xa0, 0x40, 0x20, 0x00, 0xc1, 0x03)]) + rbytes(pick(0, 2, 4, 10))
    else:
        data = rbytes(pick(0, 1, 3, 12))
    body = bytes([t]) + data if code in (1, 2, 9) and rng.random() < 0.95 else b""
    n = 4 + len(body)
    return struct.pack(">BBH", code, u8(), length_of(n)) + body


def eapol_frames(n):
    frames = []
    for _ in range(n):
        t = pick(0, 0, 0, 0, 1, 2, 3, 4, 7)
        body = eap_packet() if t == 0 else rbytes(pick(0, 0, 8, 95))
        hdr = struct.pack(">BBH", pick(1, 2, 3), t, length_of(len(body)))
        frames.append(eth(hdr + body, 0x888e))
    return frames


# ---- RADIUS ----

STRING_TYPES = [1, 11, 18, 19, 20, 22, 24, 25, 30, 31, 32, 33, 34, 35, 36, 39, 44, 50, 58, 60, 63, 66, 67, 68, 69,
                73, 74, 77, 78, 80, 81, 82, 87, 88, 89, 90, 91, 92, 99, 100, 103, 110, 119, 122]
NUM_TYPES = [5, 6, 7, 10, 12, 13, 15, 16, 23, 27, 28, 29, 37, 38, 40, 41, 42, 43, 45, 46, 47, 48, 49, 51, 52, 53,
             56, 57, 61, 62, 64, 65, 72, 75, 76, 83, 85, 86]


def rad_value(t):
    if t in NUM_TYPES:
        v = rng.choice([rng.randrange(0, 45), rng.getrandbits(32), 0xfffffffe, 59, 3599, 3600, 86399])
        b = struct.pack(">I", v)
        if t in (56, 64, 65, 83) and rng.random() < 0.5:
            b = bytes([pick(0, 1, 0x1f, 0x31, 0x32)]) + b[1:]
        return b if rng.random() < 0.9 else b[:pick(0, 3)] + rbytes(pick(0, 2))
    if t in (4, 8, 9, 14):
        return pick(bytes([10, 0, 0, 1]), b"\xff" * 4, b"\xff\xff\xff\xfe", rbytes(pick(3, 5)))
    if t in (95, 98):
        return rbytes(pick(16, 16, 15))
    if t in (97, 123):
        plen = pick(0, 48, 64, 128, 129, 200)
        return bytes([0, plen]) + rbytes(pick(0, 6, 8, 16, 17))
    if t == 125:
        return bytes([pick(64, 128, 200)]) + rbytes(pick(16, 15))
    if t == 55:
        return struct.pack(">I", pick(0, 1700000000, rng.getrandbits(32)))[:pick(4, 4, 4, 3)]
    if t == 124:
        return rbytes(pick(8, 8, 7))
    if t == 126:
        return bytes([pick(0x30, 0x31, 0x32, 0x33, 0x40)]) + b"example.net"[:rng.randrange(0, 12)]
    if t == 127:
        return rbytes(pick(21, 25, 20, 30))
    if t == 128:
        return rbytes(pick(3, 2, 20))
    if t == 129:
        return rbytes(pick(10, 9, 16))
    if t == 70:
        return rbytes(pick(16, 15))
    if t == 71:
        return rbytes(pick(14, 13))
    if t == 84:
        return rbytes(pick(8, 7, 10))
    if t == 101:
        return struct.pack(">I", pick(201, 202, 401, 404, 506, 509, 999))[:pick(4, 4, 3)]
    if t == 79:
        return eap_packet()
    if t == 26:
        v = struct.pack(">I", pick(9, 311, 2636, 14122, 12345, 0))
        for _ in range(rng.randrange(0, 4)):
            d = b"vendor-value\0\x7f"[:rng.randrange(0, 14)]
            v += bytes([u8(), length_of(len(d) + 2) & 0xff]) + d
        return v[:pick(len(v), len(v), len(v), 3)]
    if t in STRING_TYPES:
        s = b"user\x01name-\xe9\0x"[:rng.randrange(0, 14)]
        if t in (66, 67, 69, 81, 82, 90, 91) and rng.random() < 0.6:
            s = bytes([pick(0, 1, 5, 0x1f, 0x20)]) + (b"\x12\x34" if t == 69 else b"") + s
        if t == 58:
            s = bytes([pick(0x31, 0x32, 0x33)]) + s
        return s
    return rbytes(rng.randrange(0, 12))


def radius_msg():
    attrs = b""
    for _ in range(rng.randrange(0, 7)):
        t = rng.choice(STRING_TYPES + NUM_TYPES + [4, 8, 9, 14, 26, 26, 55, 70, 71, 79, 79, 84, 95, 97, 98, 101,
                                                   123, 124, 125, 126, 127, 128, 129, 2, 3, 17, 0, 130, 200, 255])
        v = rad_value(t)
        attrs += bytes([t, length_of(len(v) + 2) & 0xff]) + v
    n = 20 + len(attrs)
    code = pick(1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45, 255, 99)
    return struct.pack(">BBH", code, u8(), length_of(n)) + rbytes(16) + attrs


def radius_frames(n):
    frames = []
    for _ in range(n):
        port = pick(1812, 1813, 1645, 1646, 1700, 3799)
        src, dst = pick(("10.0.0.1", "10.0.0.100"), ("2001:db8::5", "2001:db8::6"))
        sport = rng.randrange(40000, 41000)  # a client port no other printer claims
        ports = (sport, port) if rng.random() < 0.5 else (port, sport)
        frames.append(eth(udp(src, ports[0], dst, ports[1], radius_msg())))
    return frames


for name, frames, step in (("isakmp", isakmp_frames(300), 4), ("radius", radius_frames(300), 5),
                           ("eapol", eapol_frames(120), 3)):
    write_pcap(f"{out}/{name}.pcap", [(f, len(f)) for f in frames])
    # every cut past the IP (or EAPOL) header
    write_pcap(f"{out}/{name}_cut.pcap", [(f[:n], len(f)) for f in frames[::step]
                         for n in range(14 + (4 if name == "eapol" else 20), len(f))])
EOF2

# ESP decryption (-E): frames encrypted by the openssl command with known
# keys (3DES and AES, tunnel and transport mode, IPv4 and IPv6 outer
# headers, UDP 4500 encapsulation, right and bogus pad lengths, ciphertext
# not a whole number of blocks), decoded with the right secrets, a default
# SA, wrong keys and a secrets file; and the same frames cut at every
# length. Warnings about block sizes go to stderr, as tcpdump's do.
esp_secrets="0x1000@10.9.0.2 3des-cbc-hmac96:0x0123456789abcdef0123456789abcdef0123456789abcdef"
esp_secrets="$esp_secrets,0x2000@10.9.0.2 aes128-cbc-hmac96:0x00112233445566778899aabbccddeeff"
esp_secrets="$esp_secrets,0x3000@2001:db8::9 aes256-cbc:0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
if command -v openssl >/dev/null; then
	PYTHONPATH="$here/tests/lib" python3 - "$tmp" <<'EOF3' || abort "ESP generator failed"
import random
import struct
import subprocess
import sys

from netpkt import eth, ip4, udp, ipv, write_pcap

out = sys.argv[1]
rng = random.Random(1950)
SAS = [(0x1000, "10.9.0.2", "des-ede3-cbc", "0123456789abcdef0123456789abcdef0123456789abcdef", 8, 12),
       (0x2000, "10.9.0.2", "aes-128-cbc", "00112233445566778899aabbccddeeff", 16, 12),
       (0x3000, "2001:db8::9", "aes-256-cbc", "00112233445566778899aabbccddeeff" * 2, 16, 0)]


def encrypt(cipher, key, iv, data):
    return subprocess.run(["openssl", "enc", "-" + cipher, "-K", key, "-iv", iv.hex(),
                           "-nopad"], input=data, capture_output=True, check=True).stdout


def inner(nh):
    if nh == 4:
        return ip4("192.0.2.1", "192.0.2.99", 1, struct.pack(">BBHHH", 8, 0, 0, 7, rng.randrange(100)) + bytes(32))
    if nh == 17:
        return struct.pack(">HHHH", 40000, 53, 8 + 12, 0) + bytes(12)
    return bytes(rng.randrange(0, 40))


frames = []
for _ in range(60):
    spi, dst, cipher, key, block, icv = rng.choice(SAS)
    nh = rng.choice([4, 4, 17, 1, 99])
    body = inner(nh)
    pad = (-(len(body) + 2)) % block
    padlen = rng.choice([pad] * 6 + [250])
    plain = body + bytes(range(1, pad + 1)) + bytes([padlen, nh])
    iv = bytes(rng.getrandbits(8) for _ in range(block))
    ct = encrypt(cipher, key, iv, plain)
    if rng.random() < 0.1:
        ct = ct[:-3]
    esp = struct.pack(">II", rng.choice([spi, spi, spi, 0x4000]), rng.randrange(1, 99)) + iv + ct + bytes(icv)
    src = "10.9.0.1" if ":" not in dst else "2001:db8::1"
    if rng.random() < 0.3:
        frames.append(eth(udp(src, 4500, dst, 4500, esp)))
    else:
        frames.append(eth(ipv(src, dst, 50, esp)))
write_pcap(f"{out}/esp.pcap", [(f, len(f)) for f in frames])
write_pcap(f"{out}/esp_cut.pcap", [(f[:n], len(f)) for f in frames[::4] for n in range(34, len(f))])
EOF3
	printf '# secrets\n\n%s\n' "${esp_secrets//,/$'\n'}" >"$tmp/esp-secrets.txt"
	# tcpdump reads the file after it has dropped root to its own user
	chmod a+rx "$tmp" && chmod a+r "$tmp/esp-secrets.txt"
	COMPARE_STDERR_OK='^netprofile: decode: esp: ciphertext size'
	for cap in "$tmp/esp.pcap" "$tmp/esp_cut.pcap"; do
		compare_with_tcpdump "$cap" -n -E "$esp_secrets"
		compare_with_tcpdump "$cap" -n -v -E "file $tmp/esp-secrets.txt"
		compare_with_tcpdump "$cap" -n -E "aes128-cbc-hmac96:0x00112233445566778899aabbccddeeff"
		compare_with_tcpdump "$cap" -n -E "0x1000@10.9.0.2 3des-cbc-hmac96:0xfedcba9876543210fedcba9876543210fedcba9876543210"
	done
	unset COMPARE_STDERR_OK
	# libcrypto is not linked in but loaded at the first -E: where it cannot
	# be, one line says so and ESP is printed as without -E.
	check "libcrypto is not linked in (loaded when -E is used)" '! ldd "$np" | grep -q "libcrypto\.so"'
	mkdir -p "$tmp/badlib" && : >"$tmp/badlib/libcrypto.so.3" # found first, and no library
	LD_LIBRARY_PATH=$tmp/badlib "$np" decode -n -r "$tmp/esp.pcap" -E "$esp_secrets" >"$tmp/out" 2>"$tmp/err"
	st=$?
	"$np" decode -n -r "$tmp/esp.pcap" >"$tmp/plain" 2>/dev/null
	check "-E without a loadable libcrypto: exit 0, one line naming it, ESP undecrypted ($(grep -v ^reading "$tmp/err" | head -c 200))" \
		'[ $st -eq 0 ] && [ "$(grep -vc "^reading from" "$tmp/err")" -eq 1 ] &&
		grep -q "^netprofile: decode: -E: cannot load OpenSSL.s libcrypto.so.3 (Debian: apt-get install libssl3): .*; ESP is not decrypted$" "$tmp/err" &&
		cmp -s "$tmp/out" "$tmp/plain" && grep -q ESP "$tmp/out"'
else
	skip "ESP decryption: the openssl command is missing (it encrypts the test frames)"
fi
# Secrets stay out of the output: a bad one is named by what is wrong only.
"$np" decode -r "$tmp/isakmp.pcap" -c 1 -E "3des-cbc:0xSECRETSECRET,foo:SECRET2" >"$tmp/out" 2>"$tmp/err"
check "-E: a bad secret is not echoed" '! grep -q SECRET "$tmp/out" "$tmp/err" && grep -q "not hex" "$tmp/err"'
"$np" decode -r "$tmp/isakmp.pcap" -c 1 -E "file $tmp/no-such-file" >"$tmp/out" 2>"$tmp/err"
check "-E file: a missing file is named, packets still printed" \
	'grep -q "no-such-file: No such file" "$tmp/err" && [ "$(wc -l <"$tmp/out")" -eq 1 ]'

option_sets=("-n" "-n -v" "-n -vv" "-n -vvv" "-n -vvvv")
for cap in "$tmp"/{isakmp,radius,eapol}*.pcap; do
	for opts in "${option_sets[@]}"; do
		# shellcheck disable=SC2086
		compare_with_tcpdump "$cap" $opts
	done
done
# The -e header line before each message, once.
compare_with_tcpdump "$tmp/isakmp.pcap" -n -v -e
summary
