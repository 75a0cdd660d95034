#!/usr/bin/env python3
"""score_roles.py - score a `netprofile servers --format csv` list against
the truth bench/gen_hardcases.py wrote: per case (class) and overall,
precision (right / listed), recall (right / truth servers) and "knowable"
recall (leaving out the servers whose evidence, the truth's need=, is not
in the input), services named right, FTP data ties. An endpoint the truth
calls "either" (a non-server whose ICMP refusal the view dropped: the same
packets as a server's lone request) is counted neither right nor wrong. tests/roles.sh asserts
on the last line ("assert PRECISION KNOWABLE-RECALL SERVICES TIES-OK TIES").

Usage: score_roles.py TRUTH AVAILABLE LABEL SERVERS.CSV [CLASSES]
  AVAILABLE: the evidence the input holds, of structure,payload,flags
  CLASSES: cases (comma-separated) whose lowest precision and lowest
           knowable recall are added to the assert line
"""
import csv, ipaddress, sys
truth_path, available, label, csv_path = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3], sys.argv[4]
classes = sys.argv[5].split(",") if len(sys.argv) > 5 else []

def norm(a):
    return str(ipaddress.ip_address(a))

def case_of(a):
    ip = ipaddress.ip_address(a)
    if ip.version == 4:
        return ip.packed[1]
    return int.from_bytes(ip.packed[2:4], "big")

cases, truth, either = {}, {}, set()
for line in open(truth_path):
    w = line.split()
    if not w or w[0].startswith("#"):
        continue
    if w[0] == "case":
        cases[int(w[1])] = w[2]
    elif w[0] == "either":  # the view removed what tells it from a server
        b = w[3].rsplit(":", 1)
        either.add((norm(b[0]), w[1], int(b[1])))
    elif w[0] == "server":
        kv = dict(x.split("=", 1) for x in w[5:])
        truth[(norm(w[1]), w[2], int(w[3]))] = {
            "service": "" if w[4] == "-" else w[4], "case": kv["case"], "need": set(kv["need"].split("|")),
            "svc_need": kv["service-need"], "ties": kv.get("ties", ""), "note": kv.get("note", "")}

got = {}
for r in csv.DictReader(open(csv_path)):
    got[(norm(r["address"]), r["protocol"], int(r["port"]))] = r

names = [cases[c] for c in sorted(cases)]
rows = {n: dict(truth=0, listed=0, right=0, wrong=0, miss_k=0, miss_u=0, found_u=0, svc_ok=0, svc_n=0,
                tie_ok=0, tie_n=0) for n in names + ["(outside the cases)"]}
notes = []
for k, t in truth.items():
    r = rows[t["case"]]
    r["truth"] += 1
    knowable = bool(t["need"] & available)
    if k in got:
        r["right"] += 1
        if not knowable:
            r["found_u"] += 1
        svc_knowable = t["svc_need"] == "port" or t["svc_need"] in available
        if svc_knowable:
            r["svc_n"] += 1
            if got[k]["service"] == t["service"]:
                r["svc_ok"] += 1
            else:
                notes.append("  service %s %s/%d: %r, truth %r (%s)" % (k[0], k[1], k[2], got[k]["service"],
                                                                      t["service"], t["case"]))
        for kind in filter(None, t["ties"].split(",")):
            r["tie_n"] += 1
            if kind in got[k]["ties"]:
                r["tie_ok"] += 1
            else:
                notes.append("  tie %s %s/%d: %r lacks %s" % (k[0], k[1], k[2], got[k]["ties"], kind))
    elif knowable:
        r["miss_k"] += 1
        notes.append("  missed %s %s/%d (%s, need=%s): %s" % (k[0], k[1], k[2], t["case"], "|".join(sorted(t["need"])),
                                                              t["note"]))
    else:
        r["miss_u"] += 1
for k, g in got.items():
    try:
        c = cases.get(case_of(k[0]), "(outside the cases)")
    except ValueError:
        c = "(outside the cases)"
    if k in either:
        notes.append("  either %s %s/%d (%s): listed; nothing in this view tells it from a server" % (k[0], k[1],
                                                                                                 k[2], c))
        continue
    rows[c]["listed"] += 1
    if k not in truth:
        rows[c]["wrong"] += 1
        notes.append("  wrong  %s %s/%d (%s): confidence %s, evidence %s" % (k[0], k[1], k[2], c, g["confidence"],
                                                                           g["evidence"]))

def pct(a, b):
    return "%6.1f%%" % (100.0 * a / b) if b else "     - "

print("%s (evidence: %s)" % (label, ",".join(sorted(available))))
print("  %-20s %5s %6s %5s %5s %6s %6s %9s %7s %9s %7s" % ("case", "truth", "listed", "right", "wrong", "missed",
      "unknow", "precision", "recall", "knowable", "service"))
tot = {k: 0 for k in rows[names[0]]}
for n in names + ["(outside the cases)"]:
    r = rows[n]
    if n.startswith("(") and not r["listed"]:
        continue
    for k in tot:
        tot[k] += r[k]
    kn = r["truth"] - r["miss_u"] - r["found_u"]
    print("  %-20s %5d %6d %5d %5d %6d %6s %9s %7s %9s %7s" % (
        n, r["truth"], r["listed"], r["right"], r["wrong"], r["miss_k"],
        "%d/%d" % (r["found_u"], r["found_u"] + r["miss_u"]) if r["found_u"] + r["miss_u"] else "-",
        pct(r["right"], r["listed"]), pct(r["right"], r["truth"]),
        pct(r["right"] - r["found_u"], kn), "%d/%d" % (r["svc_ok"], r["svc_n"])))
r = tot
kn = r["truth"] - r["miss_u"] - r["found_u"]
print("  %-20s %5d %6d %5d %5d %6d %6s %9s %7s %9s %7s" % (
    "overall", r["truth"], r["listed"], r["right"], r["wrong"], r["miss_k"],
    "%d/%d" % (r["found_u"], r["found_u"] + r["miss_u"]), pct(r["right"], r["listed"]), pct(r["right"], r["truth"]),
    pct(r["right"] - r["found_u"], kn), "%d/%d" % (r["svc_ok"], r["svc_n"])))
print("  (missed: knowable servers not listed; unknow: servers this input cannot show, found/all)")
for n in notes:
    print(n)
prec = 100.0 * r["right"] / r["listed"] if r["listed"] else 100.0
krec = 100.0 * (r["right"] - r["found_u"]) / kn if kn else 100.0
svc = 100.0 * r["svc_ok"] / r["svc_n"] if r["svc_n"] else 100.0
ties = "%d %d" % (r["tie_ok"], r["tie_n"])
low_p = min([100.0 * rows[c]["right"] / rows[c]["listed"] for c in classes if rows[c]["listed"]] or [100.0])
def knowable_recall(r):
    kn = r["truth"] - r["miss_u"] - r["found_u"]
    return 100.0 * (r["right"] - r["found_u"]) / kn if kn else 100.0
low_r = min([knowable_recall(rows[c]) for c in classes] or [100.0])
print("assert %.3f %.3f %.3f %s %.3f %.3f" % (prec, krec, svc, ties, low_p, low_r))
