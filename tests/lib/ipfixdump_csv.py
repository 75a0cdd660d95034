#!/usr/bin/env python3
"""ipfixdump_csv.py - the flow records of `ipfixDump -y -d` (libfixbuf-tools) as the CSV
`netprofile flows --format csv --fields sIP,dIP,sPort,dPort,protocol,packets,bytes,
initialFlags,sessionFlags,sTime,eTime,endReason` writes, so tests compare netprofile's
reading of an IPFIX file with what ipfixDump reads in it.

Records without an address (options, statistics) are left out; TCP flags come from the
record or from YAF's nested subTemplateMultiList record. Reverse columns come only when
the file has reverse elements (biflows); reverseETime is left empty (YAF has no such
element: tests drop that column). Usage: ipfixDump -y -d --in F | ipfixdump_csv.py [--uniflow]
"""
import ipaddress
import re
import sys
from datetime import datetime, timedelta, timezone

FIELD = re.compile(r"^\t+\((?:\d+/)?\d+\)\s+(\S+) : ?(.*)$")


def flags(v):
    if v is None or v == "":
        return ""
    n = int(v)
    return "".join(c for i, c in enumerate("FSRPAUEC") if n & (1 << i))


def when(v):
    return v.replace(" ", "T") + "Z"


def shift_ms(v, ms):
    t = datetime.strptime(v, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc)
    t += timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def end_reason(r, allflags):
    # IANA flowEndReason: 1 idle, 2 active, 3 end detected (FIN or RST), 4 forced end, 5 lack of resources
    v = int(r.get("flowEndReason", "0"))
    if v == 3:
        return "rst" if allflags & 4 else "fin"
    return {1: "idle", 2: "active", 4: "eof", 5: "evicted"}.get(v, "unknown")


def records(lines):
    rec = None
    for line in lines:
        if line.startswith("--- data record"):
            if rec is not None:
                yield rec
            rec = {}
            continue
        if line.startswith("--- ") or line.startswith("*** "):
            if rec is not None:
                yield rec
            rec = None
            continue
        m = FIELD.match(line.rstrip("\n"))
        if m and rec is not None:
            rec.setdefault(m.group(1), m.group(2).strip())
    if rec is not None:
        yield rec


def allflags(f):
    n = 0
    for v in f.values():
        n |= v
    return n


def row(r, uniflow):
    sip = str(ipaddress.ip_address(r.get("sourceIPv4Address") or r.get("sourceIPv6Address")))
    dip = str(ipaddress.ip_address(r.get("destinationIPv4Address") or r.get("destinationIPv6Address")))
    proto = int(r["protocolIdentifier"])
    tcp = proto == 6
    f = {k: int(r.get(k, "0") or 0) for k in
         ("initialTCPFlags", "unionTCPFlags", "reverseInitialTCPFlags", "reverseUnionTCPFlags")}
    out = [sip, dip, r.get("sourceTransportPort", "0"), r.get("destinationTransportPort", "0"), str(proto),
           r["packetTotalCount"], r["octetTotalCount"],
           flags(f["initialTCPFlags"]) if tcp else "", flags(f["unionTCPFlags"]) if tcp else "",
           when(r["flowStartMilliseconds"]), when(r["flowEndMilliseconds"]),
           end_reason(r, allflags(f) if tcp else 0)]
    if uniflow:
        return out
    rp = int(r.get("reversePacketTotalCount", "0") or 0)
    if rp == 0:
        return out + [""] * 6
    if "reverseFlowStartMilliseconds" in r:
        rstart = when(r["reverseFlowStartMilliseconds"])
    else:
        rstart = shift_ms(r["flowStartMilliseconds"], int(r.get("reverseFlowDeltaMilliseconds", "0")))
    return out + [str(rp), r["reverseOctetTotalCount"], flags(f["reverseInitialTCPFlags"]) if tcp else "",
                  flags(f["reverseUnionTCPFlags"]) if tcp else "", rstart, ""]


def main():
    uniflow = "--uniflow" in sys.argv
    head = "sIP,dIP,sPort,dPort,protocol,packets,bytes,initialFlags,sessionFlags,sTime,eTime,endReason"
    if not uniflow:
        head += ",reversePackets,reverseBytes,reverseInitialFlags,reverseSessionFlags,reverseSTime,reverseETime"
    print(head)
    for r in records(sys.stdin):
        if ("sourceIPv4Address" in r or "sourceIPv6Address" in r) and "packetTotalCount" in r:
            print(",".join(row(r, uniflow)))


main()
