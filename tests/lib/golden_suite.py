#!/usr/bin/env python3
"""golden_suite.py - run tcpdump 4.99.3's own regression suite against netprofile decode.

Reads ../shared/corpus/tcpdump-suite/index.tsv (name, pcap, options, expected),
runs `TZ=GMT0 NETPROFILE decode -# -n -r PCAP OPTIONS` from inside
tcpdump-suite/ (options split as a shell splits them) and compares stdout
byte for byte with EXPECTED, the text Debian 12's tcpdump 4.99.3 printed.

Verdicts: pass; differ (output differs); crash (killed by a signal, a
sanitizer report, or no answer within the timeout) - a crash is always a
failure, listed or not. A test listed in the pass list that does not pass
is a regression (failure). An unlisted test that differs is "not yet".

Usage: golden_suite.py CORPUS_DIR NETPROFILE PASS_LIST [--update] [--verbose NAME_REGEX]
Prints a line per protocol and, last, "golden_suite: N passed, N failed".
Not for: the curated corpus (tests/golden.sh reads that one).
"""
import os
import re
import shlex
import subprocess
import sys

# Test name -> protocol: the first keyword found in the name, else the
# name's first word. Longer keywords first where one contains another.
KEYWORDS = [
    "ospf3", "ospf6", "ospf", "mpbgp", "bgp", "isis", "isoclns", "esis", "lldp", "cdp", "udld", "dtp",
    "hsrp", "vrrp", "ripng", "rip", "pimv1", "pim", "eigrp", "lacp", "mpls", "lspping", "lsp-ping",
    "ldp", "pppoe", "ppp", "radius", "syslog", "tftp", "isakmp", "ikev1", "ikev2", "espudp", "esp",
    "sflow", "nfs", "bfd", "macsec", "babel", "rsvp", "lmp", "forces", "of10", "of13", "pgm", "zmtp",
    "dccp", "nsh", "vxlan", "geneve", "lisp", "hncp", "ahcp", "resp", "rx", "juniper", "slip", "vtp",
    "ptp", "aoe", "dcb", "evb", "stp", "mstp", "rstp", "spb", "dns", "edns", "dhcpv6", "dhcp6", "dhcp",
    "bootp", "ntp", "icmpv6", "icmp6", "icmp", "igmp", "ipv6", "ip6", "mptcp", "tcp", "snmp", "smb",
    "arp", "gre", "atm", "llc", "802.11", "ieee802.11", "802_15_4", "radiotap", "pptp", "whois",
    "olsr", "geonet", "calm-fast", "m3ua", "hdlc", "chdlc", "frf", "q933", "atalk", "decnet", "ipx",
    "igrp", "tipc", "e1000g", "l2tp", "tok2str", "kh-timed", "802.3", "someip", "lwres", "vsock", "ipoib", "arista", "print-",
]


def protocol_of(name):
    low = name.lower()
    best = None
    for k in KEYWORDS:
        i = low.find(k)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, k)
    if best:
        k = best[1]
        return {"ospf6": "ospf3", "lsp-ping": "lspping", "icmp6": "icmpv6", "dhcp6": "dhcpv6",
                "ip6": "ipv6", "print-": "print-flags", "ieee802.11": "802.11"}.get(k, k)
    return re.split(r"[-_0-9]", low)[0] or low


def main():
    corpus, np, pass_list = sys.argv[1:4]
    update = "--update" in sys.argv
    verbose = None
    if "--verbose" in sys.argv:
        verbose = re.compile(sys.argv[sys.argv.index("--verbose") + 1])
    listed = set()
    if os.path.exists(pass_list):
        with open(pass_list) as f:
            listed = {ln.split("#")[0].strip() for ln in f} - {""}
    env = dict(os.environ, TZ="GMT0")
    timeout = float(os.environ.get("GOLDEN_TIMEOUT", "20"))
    rows = []
    with open(os.path.join(corpus, "index.tsv")) as f:
        for ln in f.read().splitlines()[1:]:
            name, pcap, options, expected = ln.split("\t")[:4]
            rows.append((name, pcap, options, expected))
    stats = {}
    passing = []
    failures = []
    crashes = []
    for name, pcap, options, expected in rows:
        argv = [np, "decode", "-#", "-n", "-r", pcap] + shlex.split(options)
        try:
            r = subprocess.run(argv, cwd=corpus, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=timeout)
            out, err, rc = r.stdout, r.stderr, r.returncode
            crashed = rc < 0 or b"Sanitizer" in err or b"runtime error:" in err
            why = "signal %d" % -rc if rc < 0 else "sanitizer report"
        except subprocess.TimeoutExpired as e:
            out, err, crashed, why = e.stdout or b"", b"", True, "no answer in %gs" % timeout
        with open(os.path.join(corpus, expected), "rb") as f:
            want = f.read()
        proto = protocol_of(name)
        s = stats.setdefault(proto, [0, 0, 0])  # passed, regressed/crashed, not yet
        if crashed:
            s[1] += 1
            crashes.append(name)
            print("FAIL: %s crashed (%s): %s" % (name, why, " ".join(argv[1:])))
            for line in err.decode(errors="replace").splitlines()[:12]:
                print("    " + line)
        elif out == want:
            s[0] += 1
            passing.append(name)
        elif name in listed:
            s[1] += 1
            failures.append(name)
            print("FAIL: %s regressed (it is in %s): %s" % (name, os.path.basename(pass_list), " ".join(argv[1:])))
        else:
            s[2] += 1
        if verbose and verbose.search(name) and out != want:
            print("--- %s (%s)" % (name, " ".join(argv[1:])))
            wl, ol = want.decode(errors="replace").splitlines(), out.decode(errors="replace").splitlines()
            import difflib
            for d in list(difflib.unified_diff(wl, ol, "expected", "netprofile", lineterm="", n=0))[:40]:
                print("    " + d)
    for proto in sorted(stats):
        p, f, n = stats[proto]
        print("golden_suite: %-14s %3d passed, %3d failed, not yet: %d" % (proto, p, f, n))
    new = [n for n in passing if n not in listed]
    if new and not update:
        print("golden_suite: %d pass but are not in %s yet: %s" % (len(new), os.path.basename(pass_list), " ".join(new)))
    if update:
        with open(pass_list, "w") as f:
            f.write("# tests of tcpdump 4.99.3's suite that netprofile decode passes byte for byte;\n")
            f.write("# tests/golden_suite.sh fails when one of these stops passing.\n")
            for n in sorted(passing):
                f.write(n + "\n")
        print("golden_suite: wrote %d names to %s" % (len(passing), pass_list))
    total_fail = len(failures) + len(crashes)
    print("golden_suite: %d of %d tcpdump tests pass byte for byte" % (len(passing), len(rows)))
    print("golden_suite: %d passed, %d failed" % (len(passing), total_fail))
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
