#!/usr/bin/python3
"""check.py - check every netprofile layer against the lab's captures.

For each capture NAME.pcap in the lab's output directory, with the ground
truth NAME.truth that tests/lab/run.sh wrote beside it:

  decode   `netprofile decode -# -n -r CAP OPTS` equals `tcpdump -# -n -r CAP
           OPTS` (both with TZ=GMT0), for OPTS "", "-v", "-S": the text and
           the exit status;
  argus    `netprofile flows` agrees with Argus per conversation and
           direction on packets, and on bytes after the link-layer
           conversion (the comparer of tests/argus.sh, taken from that file);
  flows    every `flow` line of the truth has a matching flow record (FTP
           data and GRE as flows of their own, NTP 123<->123 and the ICMP
           port unreachable with dPort 771 as the seed article shows them);
  servers  `netprofile servers --format csv` finds exactly the truth's
           servers (address, protocol, port, service), each with exactly its
           ties (FTP data, PPTP GRE), and nothing for the `host` lines; once
           with the TCP flags and once with --no-flags;
  validate `netprofile servers --validate`: precision and recall of the
           flagless answer, per conversation and as a server list, >= 99%;
  size     all.pcap stays under 300 KB, so that it could be the demo capture.

One line per check, PASS or FAIL (details of a failure on indented lines
after it), then "lab: N passed, N failed". Exit status 1 on any failure.

Usage: tests/lab/check.py [--record FILE] [NAME...]
  NAME      captures to check (default: every *.pcap with a .truth in the output dir)
  --record  a file of PASS/FAIL lines from the recording, counted in the total
Environment: NETPROFILE (default build/netprofile), LAB_OUT (default tests/lab/out).
Needs no root.
"""
import concurrent.futures
import csv
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NP = os.environ.get("NETPROFILE", os.path.join(REPO, "build", "netprofile"))
OUT = os.environ.get("LAB_OUT", os.path.join(HERE, "out"))
DECODE_OPTIONS = ["", "-v", "-S"]
VALIDATE_MIN = 99.0
SHIP_MAX = 300 * 1000  # all.pcap could replace data/demo.pcap
IDLE, ACTIVE = 300, 3600  # as tests/argus.sh: same idle timeout, no active timeout in range

results = []  # (ok, line, details)


def report(ok, line, details=()):
    results.append((ok, line, list(details)))


def run(cmd, **kw):
    env = dict(os.environ, TZ="GMT0")
    try:
        return subprocess.run(cmd, capture_output=True, env=env, **kw)
    except OSError as e:  # not installed, not built
        return subprocess.CompletedProcess(cmd, 127, b"", ("%s: %s" % (cmd[0], e)).encode())


# ---- ground truth -----------------------------------------------------------------
def read_truth(path):
    servers, hosts, flows = {}, [], []
    for line in open(path):
        w = shlex.split(line, comments=True)
        if not w:
            continue
        if w[0] == "server":
            ties = []
            for x in w[5:]:
                if x.startswith("ties="):
                    ties = [t for t in x[5:].split(",") if t]
            servers[(w[1], w[2], w[3], w[4])] = ties
        elif w[0] == "host":
            hosts.append(w[1])
        elif w[0] == "flow":
            flows.append(dict(x.split("=", 1) for x in w[1:]))
    return servers, hosts, flows


def in_range(spec, value):
    """'80' exact, '1024-65535' a range, '2-' at least, '' or '*' anything."""
    if spec in ("", "*"):
        return True
    lo, dash, hi = spec.partition("-")
    v = int(value or 0)
    if not dash:
        return v == int(lo)
    return v >= int(lo) and (not hi or v <= int(hi))


def tie_matches(want, got):
    """A tie of the truth ('ftp-data:passive/10090-10099') against one of
    netprofile's ('ftp-data:passive/10093')."""
    wname, _, wport = want.partition("/")
    gname, _, gport = got.partition("/")
    if wname != gname:
        return False
    if not wport:
        return not gport
    return gport.isdigit() and in_range(wport, gport)


# ---- decode ---------------------------------------------------------------------------
def check_decode(name, cap):
    for opts in DECODE_OPTIONS:
        o = opts.split()
        want = run(["tcpdump", "-#", "-n", "-r", cap] + o)
        got = run([NP, "decode", "-#", "-n", "-r", cap] + o)
        label = "%s: decode -# -n%s = tcpdump" % (name, " " + opts if opts else "")
        # (tcpdump printing nothing is no agreement: an empty capture, or an
        # option it refused, would pass whatever netprofile does)
        if want.stdout and want.stdout == got.stdout and want.returncode == got.returncode:
            report(True, label, ())
            continue
        w = want.stdout.decode(errors="replace").splitlines()
        g = got.stdout.decode(errors="replace").splitlines()
        diffs = [i for i in range(max(len(w), len(g)))
                 if (w[i] if i < len(w) else None) != (g[i] if i < len(g) else None)]
        det = ["%d of %d lines differ (tcpdump %d lines, netprofile %d; exit %d vs %d)"
               % (len(diffs), len(w), len(w), len(g), want.returncode, got.returncode)]
        for i in diffs[:2]:
            det.append("line %d tcpdump:    %s" % (i + 1, w[i] if i < len(w) else "(none)"))
            det.append("line %d netprofile: %s" % (i + 1, g[i] if i < len(g) else "(none)"))
        if got.stderr and not got.stderr.startswith(b"reading from file"):
            det.append("netprofile stderr: " + got.stderr.decode(errors="replace").strip()[:200])
        report(False, label, det)


# ---- flows against Argus -----------------------------------------------------------------
ARGUS_CONF = """ARGUS_FLOW_TYPE="Bidirectional"
ARGUS_FLOW_KEY="CLASSIC_5_TUPLE"
ARGUS_FLOW_STATUS_INTERVAL=%(a)d
ARGUS_MAR_STATUS_INTERVAL=%(a)d
ARGUS_IP_TIMEOUT=%(i)d
ARGUS_TCP_TIMEOUT=%(i)d
ARGUS_ICMP_TIMEOUT=%(i)d
ARGUS_IGMP_TIMEOUT=%(i)d
ARGUS_FRAG_TIMEOUT=%(i)d
ARGUS_ARP_TIMEOUT=%(i)d
ARGUS_OTHER_TIMEOUT=%(i)d
ARGUS_GENERATE_MAC_DATA=no
ARGUS_TRACK_DUPLICATES=no
""" % {"a": ACTIVE, "i": IDLE}


def argus_comparer(tmp):
    """tests/argus.sh's comparer (its compare.py heredoc), written to tmp."""
    text = open(os.path.join(REPO, "tests", "argus.sh")).read()
    m = re.search(r"^cat >\"\$tmp/compare\.py\" <<'PY'\n(.*?)^PY$", text, re.S | re.M)
    if not m:
        return None
    path = os.path.join(tmp, "compare.py")
    open(path, "w").write(m.group(1))
    return path


def flows_and_argus(name, cap, tmp):
    """Both tools on one capture; returns (np_csv, argus_csv) or an error text."""
    npcsv = os.path.join(tmp, name + ".np.csv")
    r = run([NP, "flows", "-r", cap, "--format", "csv", "--idle-timeout", str(IDLE),
             "--active-timeout", str(ACTIVE), "--fields", "sIP,dIP,sPort,dPort,protocol,packets,bytes,vlan"])
    if r.returncode != 0:
        return "netprofile flows failed: " + r.stderr.decode(errors="replace")[:300]
    open(npcsv, "wb").write(r.stdout)
    arg = os.path.join(tmp, name + ".argus")
    r = run(["argus", "-X", "-F", os.path.join(tmp, "argus.conf"), "-r", cap, "-w", arg])
    if r.returncode != 0:
        return "argus failed: " + r.stderr.decode(errors="replace")[:300]
    r = run(["ra", "-nn", "-r", arg, "-c", ",", "-s", "proto", "saddr", "sport", "daddr", "dport",
             "spkts", "dpkts", "sbytes", "dbytes", "state"])
    if r.returncode != 0:
        return "ra failed: " + r.stderr.decode(errors="replace")[:300]
    arcsv = os.path.join(tmp, name + ".argus.csv")
    open(arcsv, "wb").write(r.stdout)
    return npcsv, arcsv


def check_argus(names, caps, tmp):
    comparer = argus_comparer(tmp)
    if comparer is None:
        report(False, "flows vs Argus: the comparer could not be taken from tests/argus.sh", ())
        return
    open(os.path.join(tmp, "argus.conf"), "w").write(ARGUS_CONF)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        outs = list(ex.map(lambda nc: flows_and_argus(nc[0], nc[1], tmp), zip(names, caps)))
    args = []
    for name, cap, o in zip(names, caps, outs):
        if isinstance(o, str):
            report(False, "%s: flows vs Argus" % name, [o])
        else:
            args += [name, cap, o[0], o[1]]
    if not args:
        return
    r = run([sys.executable, comparer] + args)
    for line in r.stdout.decode(errors="replace").splitlines():
        m = re.match(r"^(PASS|FAIL) ([^:]+): (.*)$", line)
        if m:
            check, _, detail = m.group(3).partition(": ")
            report(m.group(1) == "PASS", "%s: flows vs Argus: %s" % (m.group(2), check),
                   [] if m.group(1) == "PASS" else [detail])
    if r.returncode != 0:
        report(False, "flows vs Argus: the comparer failed", r.stderr.decode(errors="replace").splitlines()[-3:])


# ---- flows: the truth's flow lines ---------------------------------------------------------
FLOW_FIELDS = "sIP,dIP,sPort,dPort,protocol,packets,bytes,flags,endReason"


def check_flows(name, cap, flows):
    if not flows:
        return
    r = run([NP, "flows", "-r", cap, "--format", "csv", "--fields", FLOW_FIELDS])
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode(errors="replace"))))
    text = run([NP, "flows", "-r", cap]).stdout.decode(errors="replace")
    keys = {"sip": "sIP", "dip": "dIP", "sport": "sPort", "dport": "dPort", "proto": "protocol",
            "packets": "packets", "bytes": "bytes", "rpackets": "reversePackets", "rbytes": "reverseBytes"}
    for want in flows:
        label = "%s: flows: %s (%s)" % (name, want.get("note", "").replace("-", " "),
                                       " ".join("%s=%s" % kv for kv in want.items() if kv[0] != "note"))
        found = None
        for row in rows:
            ok = True
            for k, col in keys.items():
                if k not in want:
                    continue
                v = row.get(col, "") or "0"
                if k in ("sip", "dip"):
                    ok = v == want[k]
                else:
                    ok = in_range(want[k], v)
                if not ok:
                    break
            if ok:
                found = row
                break
        if found:
            # The text table shows it as the seed article does: one line per
            # direction, SIP DIP SPORT DPORT PROTOCOL PACKETS BYTES ...
            lines = [[found[c] for c in ("sIP", "dIP", "sPort", "dPort", "protocol", "packets", "bytes")]]
            if int(found.get("reversePackets") or 0):
                lines.append([found[c] for c in ("dIP", "sIP", "dPort", "sPort", "protocol",
                                                 "reversePackets", "reverseBytes")])
            missing = [" ".join(w) for w in lines
                       if not re.search(r"^" + r"\s+".join(map(re.escape, w)) + r"\s", text, re.M)]
            report(not missing, label, ["text output lacks the line: " + m for m in missing])
        else:
            near = [row for row in rows if row.get("protocol") == want.get("proto")]
            report(False, label, ["no such record; records of protocol %s:" % want.get("proto")] +
                   [",".join("%s=%s" % (c, row.get(c, "")) for c in
                             ("sIP", "dIP", "sPort", "dPort", "packets", "bytes", "reversePackets",
                              "reverseBytes")) for row in near[:6]])


# ---- servers -------------------------------------------------------------------------------
def servers_csv(cap, tmp, extra):
    db = tempfile.mktemp(suffix=".db", dir=tmp)
    r = run([NP, "servers", "-r", cap, "--db", db, "--format", "csv", "--alerts", os.devnull] + extra)
    return r, list(csv.DictReader(io.StringIO(r.stdout.decode(errors="replace"))))


def check_servers(name, cap, tmp, truth_servers, hosts):
    for mode, extra in (("with flags", []), ("--no-flags", ["--no-flags"])):
        r, rows = servers_csv(cap, tmp, extra)
        label = "%s: servers %s = ground truth" % (name, mode)
        if r.returncode != 0:
            report(False, label, ["netprofile servers exit %d: %s" %
                                  (r.returncode, r.stderr.decode(errors="replace").strip()[:300])])
            continue
        got = {(x["address"], x["protocol"], x["port"], x["service"]): x for x in rows}
        problems = []
        for k in sorted(set(truth_servers) - set(got)):
            problems.append("missed %s %s/%s %s" % k)
        for k in sorted(set(got) - set(truth_servers)):
            x = got[k]
            problems.append("extra %s %s/%s %s (evidence %s; ties %s)" %
                            (k[0], k[1], k[2], k[3], x.get("evidence", ""), x.get("ties", "") or "-"))
        for k in sorted(set(got) & set(truth_servers)):
            want = truth_servers[k]
            have = [t for t in (got[k].get("ties") or "").split(",") if t]
            unmatched_w = [w for w in want if not any(tie_matches(w, h) for h in have)]
            unmatched_h = [h for h in have if not any(tie_matches(w, h) for w in want)]
            if unmatched_w or unmatched_h:
                problems.append("%s %s/%s %s ties: want %s, got %s" %
                                (k[0], k[1], k[2], k[3], ",".join(want) or "-", ",".join(have) or "-"))
        for h in hosts:
            for k in got:
                if k[0] == h:
                    problems.append("%s is no server in this capture, but is listed as %s/%s %s" %
                                    (h, k[1], k[2], k[3]))
        if problems:
            report(False, label, problems)
        else:
            ties = sum(len(v) for v in truth_servers.values())
            report(True, label + " (%d servers, %d ties, %d hosts that serve nothing)" %
                   (len(truth_servers), ties, len(hosts)), ())


def check_validate(name, cap, tmp):
    db = tempfile.mktemp(suffix=".db", dir=tmp)
    r = run([NP, "servers", "-r", cap, "--db", db, "--validate", "--alerts", os.devnull])
    text = (r.stdout + r.stderr).decode(errors="replace")  # the verdict goes to stderr
    m = re.search(r"validate: (\d+) TCP conversations.*?precision ([\d.]+)%, recall ([\d.]+)% \(per conversation\); "
                  r"server list: precision ([\d.]+)%, recall ([\d.]+)%(.*)$", text, re.M)
    label = "%s: servers --validate: flagless precision and recall >= %g%%" % (name, VALIDATE_MIN)
    if not m or r.returncode != 0:
        report(False, label, ["no validate line (exit %d): %s" % (r.returncode, text.strip()[-300:])])
        return
    vals = [float(m.group(i)) for i in range(2, 6)]
    detail = "%s TCP conversations: per conversation %.2f%%/%.2f%%, server list %.2f%%/%.2f%%%s" % (
        m.group(1), vals[0], vals[1], vals[2], vals[3], m.group(6))
    report(all(v >= VALIDATE_MIN for v in vals), label + " (" + detail.strip() + ")",
           [] if all(v >= VALIDATE_MIN for v in vals) else [detail])


def main(argv):
    record = None
    names = []
    i = 0
    while i < len(argv):
        if argv[i] == "--record":
            record = argv[i + 1]
            i += 2
            continue
        names.append(argv[i])
        i += 1
    if not names:
        names = sorted(f[:-5] for f in os.listdir(OUT) if f.endswith(".pcap")
                       and os.path.exists(os.path.join(OUT, f[:-5] + ".truth")))
    if record:
        for line in open(record):
            line = line.rstrip("\n")
            if line.startswith("PASS ") or line.startswith("FAIL "):
                report(line.startswith("PASS"), line[5:], ())
    if not os.access(NP, os.X_OK):
        report(False, "netprofile is built (%s)" % NP, ["run make first"])
        names = []
    caps = []
    for n in names:
        cap = os.path.join(OUT, n + ".pcap")
        if not os.path.exists(cap) or not os.path.exists(os.path.join(OUT, n + ".truth")):
            report(False, "%s: capture and ground truth exist in %s" % (n, OUT), ())
        else:
            caps.append((n, cap))
    with tempfile.TemporaryDirectory() as tmp:
        for n, cap in caps:
            check_decode(n, cap)
        if caps:
            check_argus([n for n, _ in caps], [c for _, c in caps], tmp)
        for n, cap in caps:
            servers, hosts, flows = read_truth(os.path.join(OUT, n + ".truth"))
            check_flows(n, cap, flows)
            check_servers(n, cap, tmp, servers, hosts)
            check_validate(n, cap, tmp)
    if "all" in dict(caps):
        size = os.path.getsize(dict(caps)["all"])
        report(size < SHIP_MAX, "all: the capture of all scenarios is small enough to ship "
               "(%d bytes < %d)" % (size, SHIP_MAX), ())
    passed = failed = 0
    for ok, line, det in results:
        print(("PASS " if ok else "FAIL ") + line)
        for d in det:
            print("    " + d)
        passed += ok
        failed += not ok
    print("lab: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
