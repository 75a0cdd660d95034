#!/usr/bin/env bash
# classic.sh - `netprofile decode --style=classic` against the lines of the
# first seed article (../shared/seeds/studying-normal-traffic-part1.txt),
# which WinDump 2.1 (tcpdump 3.x) printed in 2001.
#
# Each example packet of the article is rebuilt from the values the article
# shows (ports, sequence and acknowledgement numbers, windows, flags, sizes,
# IP ids and TTLs, DNS ids, names and counts, the BOOTP xid, WinDump's
# 68-byte snapshot length) into small captures, decoded with the article's
# options (-n -S, and -v for the traceroute), and every output line must be
# the article's line with its host names replaced by these addresses:
#
#   mypc.xx.yy.zz       10.0.0.5         sshserver.xx.yy.zz  10.0.0.2
#   dnsserver.xx.yy.zz  10.0.0.53        gateway.xx.yy.zz    24.167.235.1
#   0:xx:xx:xx:xx:xx    0:a0:c9:1:2:3 (the gateway's MAC)
#
# Then lines the article does not show but tcpdump 3.x printed the same way
# (relative sequence numbers without -S, -vv, -e, -x, -q, ICMP without -v),
# and a robustness pass: every article packet cut at every length, and the
# tcpdump corpus (when ../shared is there), decoded in the classic style
# with -v/-vv/-e/-x must end normally with nothing on stderr but the
# "reading from file" line (the ASan+UBSan run makes that a memory check).
#
#   NETPROFILE  binary to test (default build/netprofile)
#   VERBOSE=1   show each check
set -u
# shellcheck source=tests/lib/suite.sh
. "$(dirname "$0")/lib/suite.sh" classic
corpus=${NP_CORPUS:-$here/../shared/corpus/tcpdump}
[ -x "$np" ] || abort "$np is not built"

NP="$np" TMPD="$tmp" CORPUS="$corpus" VERBOSE="${VERBOSE:-}" PYTHONPATH="$here/tests/lib" python3 - <<'PYEOF'
import calendar, glob, os, struct, subprocess, sys
from netpkt import csum

NP, TMP, CORPUS = os.environ["NP"], os.environ["TMPD"], os.environ["CORPUS"]
VERBOSE = bool(os.environ.get("VERBOSE"))
passed = failed = skipped = 0

# ---- the article's hosts, as addresses ----------------------------------
MYPC, SSH, DNS, GW = "10.0.0.5", "10.0.0.2", "10.0.0.53", "24.167.235.1"
HOP, TARGET, FAR = "24.95.80.133", "64.208.34.100", "208.148.96.68"
MYPC_MAC = bytes.fromhex("00104b050607")
GW_MAC = bytes.fromhex("00a0c9010203")   # printed 0:a0:c9:1:2:3
BCAST = b"\xff" * 6

def ip(a):
    return bytes(int(x) for x in a.split("."))


def eth(dst, src, etype, payload):
    f = dst + src + struct.pack("!H", etype) + payload
    return f + b"\0" * max(0, 60 - len(f))   # Ethernet pads to 60

def ip4(src, dst, proto, payload, ttl=128, ident=0, df=False):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if df else 0,
                    ttl, proto, 0, ip(src), ip(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload

def tcp(src, dst, sport, dport, seq, ack, flags, win, dlen, ttl, ident):
    data = bytes((i * 7 + 3) & 0xff for i in range(dlen))
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, win, 0, 0)
    ph = ip(src) + ip(dst) + struct.pack("!BBH", 0, 6, len(h) + dlen)
    h = h[:16] + struct.pack("!H", csum(ph + h + data)) + h[18:]
    return eth(GW_MAC if dst != MYPC else MYPC_MAC, MYPC_MAC if src == MYPC else GW_MAC, 0x0800,
               ip4(src, dst, 6, h + data, ttl, ident, df=True))

def udp(src, dst, sport, dport, payload, ttl=128, ident=0, df=False, dmac=None, smac=None):
    h = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    ph = ip(src) + ip(dst) + struct.pack("!BBH", 0, 17, len(h) + len(payload))
    c = csum(ph + h + payload) or 0xffff
    h = h[:6] + struct.pack("!H", c)
    return eth(dmac or (GW_MAC if dst != MYPC else MYPC_MAC), smac or (MYPC_MAC if src == MYPC else GW_MAC),
               0x0800, ip4(src, dst, 17, h + payload, ttl, ident, df))

def icmp(src, dst, typ, code, rest, payload, ttl, ident):
    m = struct.pack("!BBH", typ, code, 0) + rest + payload
    m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
    return eth(GW_MAC if dst != MYPC else MYPC_MAC, MYPC_MAC if src == MYPC else GW_MAC, 0x0800,
               ip4(src, dst, 1, m, ttl, ident))

def arp(edst, esrc, op, sha, spa, tha, tpa):
    return eth(edst, esrc, 0x0806, struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + ip(spa) + tha + ip(tpa))

def dns_name(n):
    out = b""
    for label in n.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"

def ts(hms):
    """2001-01-20 HH:MM:SS.ffffff UTC as (sec, usec); the test runs with TZ=GMT0."""
    h, m, s = hms.split(":")
    sec, usec = s.split(".")
    return calendar.timegm((2001, 1, 20, int(h), int(m), int(sec))), int(usec)

def write_pcap(path, packets, snaplen=65535):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, 1))
        for (sec, usec), frame in packets:
            cap = frame[:snaplen]
            f.write(struct.pack("<IIII", sec, usec, len(cap), len(frame)) + cap)

def decode(path, *opts):
    r = subprocess.run([NP, "decode", "--style=classic", "-n", *opts, "-r", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, TZ="GMT0"))
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        if VERBOSE:
            print("ok:", name)
    else:
        failed += 1
        print("FAIL:", name + (("\n" + detail) if detail else ""))

def compare(label, path, opts, want):
    rc, out, err = decode(path, *opts)
    got = out.split("\n")[:-1] if out.endswith("\n") else out.split("\n")
    check("%s: exit status 0" % label, rc == 0, err)
    for i, w in enumerate(want):
        g = got[i] if i < len(got) else "<no line>"
        check("%s %s: %s" % (label, " ".join(opts), w), g == w, "  want: %r\n  got:  %r" % (w, g))
    check("%s: %d lines" % (label, len(want)), len(got) == len(want), out)

# ---- capture 1: the SSH session (ARP, DNS, handshake, data, teardown) ----
# Lines of "Examining an SSH Session" (the ARP pair also opens "WinDump Basics",
# and its P line is the one "WinDump Basics" explains field by field).
session = []   # (timestamp, frame, article line)

session.append((ts("13:45:13.836036"),
                arp(BCAST, MYPC_MAC, 1, MYPC_MAC, MYPC, b"\0" * 6, GW),
                "13:45:13.836036 arp who-has 24.167.235.1 tell 10.0.0.5"))
session.append((ts("13:45:13.841823"),
                arp(MYPC_MAC, GW_MAC, 2, GW_MAC, GW, MYPC_MAC, MYPC),
                "13:45:13.841823 arp reply 24.167.235.1 is-at 0:a0:c9:1:2:3"))

# The query is 32 bytes as the article says; the real name was longer than the
# "sshserver." the article kept, so the 27-byte message is followed by 5 bytes.
query = struct.pack("!HHHHHH", 1, 0x0100, 1, 0, 0, 0) + dns_name("sshserver.") + struct.pack("!HH", 1, 1)
query += b"\0" * (32 - len(query))
session.append((ts("13:45:13.841920"), udp(MYPC, DNS, 3163, 53, query, ident=0x0101),
                "13:45:13.841920 10.0.0.5.3163 > 10.0.0.53.53: 1+ A? sshserver. (32)"))

# The answer: 3 answers, 4 authority and 6 additional records, 283 bytes.
resp = struct.pack("!HHHHHH", 1, 0x8180, 1, 3, 4, 6)
resp += dns_name("sshserver.") + struct.pack("!HH", 1, 1)                       # question at 12
rr = lambda owner, typ, rdata: owner + struct.pack("!HHIH", typ, 1, 3600, len(rdata)) + rdata
a1_rdata_at = len(resp) + 12
resp += rr(b"\xc0\x0c", 5, dns_name("ssh2server."))                              # sshserver. CNAME
a2_rdata_at = len(resp) + 12
resp += rr(struct.pack("!H", 0xc000 | a1_rdata_at), 5, dns_name("ssh3server."))  # ssh2server. CNAME
resp += rr(struct.pack("!H", 0xc000 | a2_rdata_at), 1, ip(SSH))                  # ssh3server. A
ns_at = []
for i in range(1, 5):
    ns_at.append(len(resp) + 1 + 10)
    resp += rr(b"\0", 2, dns_name("ns%d.example." % i))
for i, a in enumerate(["10.0.1.1", "10.0.1.2", "10.0.2.1", "10.0.2.2", "10.0.3.1", "10.0.4.1"]):
    resp += rr(struct.pack("!H", 0xc000 | ns_at[i // 2 if i < 4 else i - 2]), 1, ip(a))
assert len(resp) == 283, len(resp)
session.append((ts("13:45:13.947208"), udp(DNS, MYPC, 53, 3163, resp, ttl=63, ident=0x2a2a),
                "13:45:13.947208 10.0.0.53.53 > 10.0.0.5.3163: 1 q: sshserver. 3/4/6 sshserver. CNAME "
                "ssh2server., ssh2server. CNAME ssh3server., ssh3server. A 10.0.0.2 (283)"))

S, A, P, F = 0x02, 0x10, 0x08, 0x01
ident = {"c": 0x1000, "s": 0x4000}

def seg(when, frm, flags, seq, ack, win, dlen, line):
    ident[frm] += 1
    src, dst, sport, dport = (MYPC, SSH, 3164, 22) if frm == "c" else (SSH, MYPC, 22, 3164)
    session.append((ts(when), tcp(src, dst, sport, dport, seq, ack, flags, win, dlen,
                                  128 if frm == "c" else 64, ident[frm]), when + " " + line))

C2S = "10.0.0.5.3164 > 10.0.0.2.22: "
S2C = "10.0.0.2.22 > 10.0.0.5.3164: "
seg("13:45:13.956853", "c", S, 87334271, 0, 65535, 0, C2S + "S 87334271:87334271(0) win 65535 (DF)")
seg("13:45:14.059243", "s", S | A, 4138420249, 87334272, 32120, 0,
    S2C + "S 4138420249:4138420249(0) ack 87334272 win 32120 (DF)")
seg("13:45:14.059475", "c", A, 87334272, 4138420250, 65535, 0,
    C2S + ". 87334272:87334272(0) ack 4138420250 win 65535 (DF)")
seg("13:45:19.184932", "s", P | A, 4138420250, 87334272, 32120, 32,
    S2C + "P 4138420250:4138420282(32) ack 87334272 win 32120 (DF)")
seg("13:45:19.201814", "c", P | A, 87334272, 4138420282, 65503, 42,
    C2S + "P 87334272:87334314(42) ack 4138420282 win 65503 (DF)")
seg("13:45:19.300401", "s", A, 4138420282, 87334314, 32120, 0,
    S2C + ". 4138420282:4138420282(0) ack 87334314 win 32120 (DF)")
seg("13:45:19.300616", "c", P | A, 87334314, 4138420282, 65503, 376,
    C2S + "P 87334314:87334690(376) ack 4138420282 win 65503 (DF)")
seg("13:45:19.303977", "s", P | A, 4138420282, 87334314, 32120, 928,
    S2C + "P 4138420282:4138421210(928) ack 87334314 win 32120 (DF)")
seg("13:45:19.422141", "s", A, 4138421210, 87334690, 32120, 0,
    S2C + ". 4138421210:4138421210(0) ack 87334690 win 32120 (DF)")
seg("13:45:19.488282", "c", A, 87334690, 4138421210, 64575, 0,
    C2S + ". 87334690:87334690(0) ack 4138421210 win 64575 (DF)")
seg("13:45:33.791528", "c", P | A, 87335442, 4138426586, 64359, 32,
    C2S + "P 87335442:87335474(32) ack 4138426586 win 64359 (DF)")
seg("13:45:33.902690", "s", A, 4138426586, 87335474, 32120, 0,
    S2C + ". 4138426586:4138426586(0) ack 87335474 win 32120 (DF)")
seg("13:45:33.902909", "c", F | A, 87335474, 4138426586, 64359, 0,
    C2S + "F 87335474:87335474(0) ack 4138426586 win 64359 (DF)")
seg("13:45:34.002179", "s", A, 4138426586, 87335475, 32120, 0,
    S2C + ". 4138426586:4138426586(0) ack 87335475 win 32120 (DF)")
seg("13:45:34.003336", "s", F | A, 4138426586, 87335475, 32120, 0,
    S2C + "F 4138426586:4138426586(0) ack 87335475 win 32120 (DF)")
seg("13:45:34.003492", "c", A, 87335475, 4138426587, 64359, 0,
    C2S + ". 87335475:87335475(0) ack 4138426587 win 64359 (DF)")

ssh_pcap = os.path.join(TMP, "ssh.pcap")
write_pcap(ssh_pcap, [(t, f) for t, f, _ in session])
compare("article/ssh", ssh_pcap, ["-S"], [line for _, _, line in session])

# ---- capture 2: the UDP example of "WinDump Basics" ----------------------
udp_pcap = os.path.join(TMP, "udp.pcap")
write_pcap(udp_pcap, [(ts("15:19:14.490029"),
                       udp(FAR, MYPC, 23079, 6976, bytes(range(256)) + bytes(145), ttl=110, ident=7))])
compare("article/udp", udp_pcap, ["-S"], ["15:19:14.490029 208.148.96.68.23079 > 10.0.0.5.6976:  udp 401"])

# ---- capture 3: the DHCP renewal, cut at WinDump's 68-byte snaplen ---------
def bootp(op, xid, ciaddr, yiaddr):
    m = struct.pack("!BBBBIHH4s4s4s4s", op, 1, 6, 0, xid, 0, 0, ip(ciaddr), ip(yiaddr), ip("0.0.0.0"),
                    ip("0.0.0.0"))
    m += MYPC_MAC + b"\0" * 10 + b"\0" * 64 + b"\0" * 128
    m += bytes([99, 130, 83, 99, 53, 1, 3 if op == 1 else 5, 255])
    return m + b"\0" * (300 - len(m))

dhcp_pcap = os.path.join(TMP, "dhcp.pcap")
write_pcap(dhcp_pcap, [
    (ts("18:47:02.667860"), udp(MYPC, DNS, 68, 67, bootp(1, 0x8d716e0f, MYPC, "0.0.0.0"), ident=0x0202)),
    (ts("18:47:03.509471"), udp(DNS, MYPC, 67, 68, bootp(2, 0x8d716e0f, MYPC, MYPC), ttl=64, ident=0x0303)),
], snaplen=68)
compare("article/dhcp", dhcp_pcap, ["-S"], [
    "18:47:02.667860 10.0.0.5.68 > 10.0.0.53.67:  xid:0x8d716e0f C:10.0.0.5 [|bootp]",
    "18:47:03.509471 10.0.0.53.67 > 10.0.0.5.68:  xid:0x8d716e0f C:10.0.0.5 Y:10.0.0.5 [|bootp]",
])

# ---- capture 4: the traceroute, with -v ------------------------------------
def echo_request(ident_, seq):
    return icmp(MYPC, TARGET, 8, 0, struct.pack("!HH", 0x0200, seq), bytes(range(0x61, 0x61 + 32)), 4, ident_)

def time_exceeded(quoted_id, seq):
    quoted = ip4(MYPC, TARGET, 1, struct.pack("!BBHHH", 8, 0, 0, 0x0200, seq) + bytes(range(0x61, 0x61 + 32)),
                 ttl=1, ident=quoted_id)[:28]
    return icmp(HOP, MYPC, 11, 0, b"\0\0\0\0", quoted, 252, 0)

trace = [
    ("18:33:45.649204", echo_request(56693, 0x1a), "10.0.0.5 > 64.208.34.100: icmp: echo request (ttl 4, id 56693)"),
    ("18:33:45.668638", time_exceeded(56693, 0x1a),
     "24.95.80.133 > 10.0.0.5: icmp: time exceeded in-transit (ttl 252, id 0)"),
    ("18:33:45.669968", echo_request(56949, 0x1b), "10.0.0.5 > 64.208.34.100: icmp: echo request (ttl 4, id 56949)"),
    ("18:33:45.690719", time_exceeded(56949, 0x1b),
     "24.95.80.133 > 10.0.0.5: icmp: time exceeded in-transit (ttl 252, id 0)"),
    ("18:33:45.691863", echo_request(57205, 0x1c), "10.0.0.5 > 64.208.34.100: icmp: echo request (ttl 4, id 57205)"),
    ("18:33:45.710787", time_exceeded(57205, 0x1c),
     "24.95.80.133 > 10.0.0.5: icmp: time exceeded in-transit (ttl 252, id 0)"),
]
trace_pcap = os.path.join(TMP, "trace.pcap")
write_pcap(trace_pcap, [(ts(t), f) for t, f, _ in trace])
compare("article/traceroute", trace_pcap, ["-S", "-v"], [t + " " + l for t, _, l in trace])

# ---- what the article does not show, as tcpdump 3.x printed it -----------
# Relative sequence numbers without -S: only segments with ACK are made
# relative; the SYN-ACK records the initial numbers and prints them absolute.
rel = [
    C2S + "S 87334271:87334271(0) win 65535 (DF)",
    S2C + "S 4138420249:4138420249(0) ack 87334272 win 32120 (DF)",
    C2S + ". ack 1 win 65535 (DF)",
    S2C + "P 1:33(32) ack 1 win 32120 (DF)",
    C2S + "P 1:43(42) ack 33 win 65503 (DF)",
    S2C + ". ack 43 win 32120 (DF)",
    C2S + "P 43:419(376) ack 33 win 65503 (DF)",
    S2C + "P 33:961(928) ack 43 win 32120 (DF)",
    S2C + ". ack 419 win 32120 (DF)",
    C2S + ". ack 961 win 64575 (DF)",
    C2S + "P 1171:1203(32) ack 6337 win 64359 (DF)",
    S2C + ". ack 1203 win 32120 (DF)",
    C2S + "F 1203:1203(0) ack 6337 win 64359 (DF)",
    S2C + ". ack 1204 win 32120 (DF)",
    S2C + "F 6337:6337(0) ack 1204 win 32120 (DF)",
    C2S + ". ack 6338 win 64359 (DF)",
]
want = [line for _, _, line in session[:4]] + [line.split(" ", 1)[0] + " " + r for (_, _, line), r in zip(session[4:], rel)]
compare("3.x/relative", ssh_pcap, [], want)

# -vv: the sequence range on segments without data too, and the IP ttl/id.
rc, out, err = decode(ssh_pcap, "-vv")
lines = out.split("\n")
want = "13:45:14.059475 " + C2S + ". 1:1(0) ack 1 win 65535 (DF) (ttl 128, id 4098)"
check("3.x/-vv: " + want, len(lines) > 6 and lines[6] == want, "  got: %r" % lines[6:7])
want = session[3][2] + " (ttl 63, id 10794)"
check("3.x/-vv: " + want, len(lines) > 3 and lines[3] == want, "  got: %r" % lines[3:4])

# Without -v the ICMP lines have no (ttl, id); -vv prints what -v does.
compare("3.x/icmp", trace_pcap, [], [t + " " + l.split(" (ttl")[0] for t, _, l in trace])
compare("3.x/icmp", trace_pcap, ["-vv"], [t + " " + l for t, _, l in trace])

# -e: 3.x's "src dst type length: " before each packet.
rc, out, err = decode(ssh_pcap, "-e", "-c", "2")
check("3.x/-e ARP", out.split("\n")[:2] == [
    "13:45:13.836036 0:10:4b:5:6:7 ff:ff:ff:ff:ff:ff arp 60: arp who-has 24.167.235.1 tell 10.0.0.5",
    "13:45:13.841823 0:a0:c9:1:2:3 0:10:4b:5:6:7 arp 60: arp reply 24.167.235.1 is-at 0:a0:c9:1:2:3"], out)

# -x: 3.x's hex words, eight to a line after three tabs, from the link payload.
rc, out, err = decode(ssh_pcap, "-x", "-c", "1")
check("3.x/-x ARP", out == "13:45:13.836036 arp who-has 24.167.235.1 tell 10.0.0.5"
      "\n\t\t\t 0001 0800 0604 0001 0010 4b05 0607 0a00"
      "\n\t\t\t 0005 0000 0000 0000 18a7 eb01 0000 0000"
      "\n\t\t\t 0000 0000 0000 0000 0000 0000 0000\n", repr(out))

# -q: "tcp N" and " udp N".
rc, out, err = decode(ssh_pcap, "-q", "-S")
lines = out.split("\n")
check("3.x/-q", len(lines) > 7 and lines[2] == "13:45:13.841920 10.0.0.5.3163 > 10.0.0.53.53:  udp 32"
      and lines[7] == "13:45:19.184932 " + S2C + "tcp 32 (DF)", "  got: %r" % lines[:8])

# -X and -A did not exist in 3.x: refused.
r = subprocess.run([NP, "decode", "--style=classic", "-X", "-r", ssh_pcap], stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)
check("--style=classic -X is refused", r.returncode != 0 and r.stdout == b"", r.stderr.decode())
r = subprocess.run([NP, "decode", "--style=nonsense", "-r", ssh_pcap], stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)
check("an unknown style is refused", r.returncode != 0 and b"unknown style" in r.stderr, r.stderr.decode())

# ---- robustness: every article packet cut at every length -----------------
def clean_run(label, path, opts):
    rc, out, err = decode(path, *opts)
    err_lines = [l for l in err.split("\n") if l and not l.startswith("reading from file")]
    return rc, err_lines

frames = [f for _, f, _ in session] + [f for _, f, _ in trace]
frames.append(udp(MYPC, DNS, 68, 67, bootp(1, 0x8d716e0f, MYPC, "0.0.0.0")))
cuts = []
for f in frames:
    for n in range(1, len(f) + 1):
        cuts.append(((1, 0), f[:n], len(f)))
cut_pcap = os.path.join(TMP, "cuts.pcap")
with open(cut_pcap, "wb") as fh:
    fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for (sec, usec), cap, wire in cuts:
        fh.write(struct.pack("<IIII", sec, usec, len(cap), wire) + cap)
for opts in (["-S"], ["-v"], ["-vv", "-e"], ["-x", "-q"]):
    rc, errs = clean_run("cuts", cut_pcap, opts)
    check("every article packet cut at every length, %s: ends normally, no errors" % " ".join(opts),
          rc == 0 and not errs, "\n".join(errs[:5]))

# ---- robustness: the tcpdump corpus in the classic style -------------------
pcaps = sorted(set(glob.glob(os.path.join(CORPUS, "*", "*.pcap*")) + glob.glob(os.path.join(CORPUS, "*", "*", "*.pcap*"))))
if pcaps:
    bad = []
    for pc in pcaps:
        for opts in (["-v"], ["-vv", "-e", "-x"]):
            rc, out, err = decode(pc, *opts)
            r2 = subprocess.run([NP, "decode", "-n", *opts, "-r", pc], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=dict(os.environ, TZ="GMT0"))
            noise = [l for l in err.split("\n") if l and not l.startswith("reading from file")]
            noise2 = [l for l in r2.stderr.decode("utf-8", "replace").split("\n")
                      if l and not l.startswith("reading from file")]
            if rc != r2.returncode or noise != noise2:
                bad.append("%s %s: exit %d (tcpdump style %d) %s" % (os.path.basename(pc), " ".join(opts), rc,
                                                                   r2.returncode, noise[:2]))
    check("the %d corpus captures in the classic style end as the tcpdump style does" % len(pcaps), not bad,
          "\n".join(bad[:10]))
else:
    skipped += 1
    print("classic: SKIP robustness over the corpus: not found at %s (../shared is not beside this clone)" % CORPUS)

print("classic: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
PYEOF
