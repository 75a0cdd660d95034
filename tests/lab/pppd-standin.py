#!/usr/bin/python3
"""pppd-standin.py - a stand-in for pppd, for the lab's PPTP scenario.

The PPTP programs (pptpd's pptpctrl and the pptp client) carry the control
channel on TCP 1723 themselves and move PPP frames between a pty and GRE in
user space. The PPP daemon on the other end of the pty needs the kernel's
PPP driver (/dev/ppp), which kernels built without CONFIG_PPP do not have.
This script takes pppd's place on the pty: it speaks PPP's Link Control
Protocol in async HDLC framing (RFC 1661, RFC 1662), so real LCP frames
cross the tunnel as GRE, then closes the link.

Server side (as pptpd's `ppp` program; pptpctrl runs it with the pty as
standard input and output and pppd's arguments, which are ignored):
    pppd-standin.py [pppd arguments...]
Client side (does what `pppd pty "pptp HOST --nolaunchpppd"` does: runs the
pptp client on a pty of its own):
    pppd-standin.py --client HOST [--echoes N]

Each side sends Configure-Request (magic number), acknowledges the peer's,
and once LCP is open the client sends N Echo-Requests (answered with
Echo-Replies), then Terminate-Request (answered with Terminate-Ack). Each
side then exits; the PPTP programs tear the call and the control connection
down. Everything is bounded in time (about 10 s at most).
"""
import os
import select
import signal
import struct
import subprocess
import sys
import time
import tty

LCP = 0xC021
CONF_REQ, CONF_ACK, TERM_REQ, TERM_ACK, ECHO_REQ, ECHO_REP = 1, 2, 5, 6, 9, 10
DEADLINE = 10.0


def log(msg):
    sys.stderr.write("pppd-standin[%d]: %s\n" % (os.getpid(), msg))
    sys.stderr.flush()


def _fcs_table():
    table = []
    for b in range(256):
        v = b
        for _ in range(8):
            v = (v >> 1) ^ 0x8408 if v & 1 else v >> 1
        table.append(v)
    return table


FCS_TABLE = _fcs_table()


def fcs16(data):
    fcs = 0xFFFF
    for b in data:
        fcs = (fcs >> 8) ^ FCS_TABLE[(fcs ^ b) & 0xFF]
    return fcs


def hdlc_frame(proto, payload):
    """One async-HDLC frame: flag, escaped (address, control, protocol,
    payload, FCS), flag. Every control character is escaped (default ACCM)."""
    body = b"\xff\x03" + struct.pack(">H", proto) + payload
    body += struct.pack("<H", fcs16(body) ^ 0xFFFF)
    out = bytearray(b"\x7e")
    for b in body:
        if b < 0x20 or b in (0x7D, 0x7E):
            out += bytes((0x7D, b ^ 0x20))
        else:
            out.append(b)
    out.append(0x7E)
    return bytes(out)


class Deframer:
    def __init__(self):
        self.buf = bytearray()

    def feed(self, data):
        """Complete frames in data, as (protocol, payload), good FCS only."""
        self.buf += data
        frames = []
        while True:
            try:
                end = self.buf.index(0x7E)
            except ValueError:
                return frames
            raw, self.buf = bytes(self.buf[:end]), self.buf[end + 1:]
            if not raw:
                continue
            body, esc = bytearray(), False
            for b in raw:
                if esc:
                    body.append(b ^ 0x20)
                    esc = False
                elif b == 0x7D:
                    esc = True
                else:
                    body.append(b)
            if len(body) < 6 or fcs16(body) != 0xF0B8:
                continue  # short or bad FCS: drop, as pppd does
            body = bytes(body[:-2])
            if body[:2] == b"\xff\x03":
                body = body[2:]
            if body[0] & 1:  # compressed one-byte protocol field
                proto, payload = body[0], body[1:]
            else:
                proto, payload = struct.unpack(">H", body[:2])[0], body[2:]
            frames.append((proto, payload))


def lcp(code, ident, data=b""):
    return hdlc_frame(LCP, struct.pack(">BBH", code, ident, 4 + len(data)) + data)


def run(rfd, wfd, client, echoes):
    magic = struct.pack(">I", int.from_bytes(os.urandom(4), "big") | 1)
    conf = b"\x05\x06" + magic  # option 5: magic number
    de = Deframer()
    start = time.monotonic()
    last_req = 0.0
    acked = ack_sent = False
    echo_sent = echo_got = 0
    term_sent = 0.0
    next_ident = 2

    def send(data):
        os.write(wfd, data)

    while time.monotonic() - start < DEADLINE:
        now = time.monotonic()
        if not acked and now - last_req >= 1.0:
            send(lcp(CONF_REQ, 1, conf))
            last_req = now
        opened = acked and ack_sent
        if client and opened:
            if echo_sent < echoes and echo_got == echo_sent:
                send(lcp(ECHO_REQ, next_ident, magic))
                next_ident += 1
                echo_sent += 1
            elif echo_got >= echoes and not term_sent:
                send(lcp(TERM_REQ, next_ident, b"netprofile lab: done"))
                next_ident += 1
                term_sent = now
            elif term_sent and now - term_sent > 3:
                log("no Terminate-Ack; giving up")
                return 1
        r, _, _ = select.select([rfd], [], [], 0.2)
        if not r:
            continue
        try:
            data = os.read(rfd, 4096)
        except OSError:
            data = b""
        if not data:
            log("peer closed the line")
            return 0 if term_sent else 1
        for proto, payload in de.feed(data):
            if proto != LCP or len(payload) < 4:
                continue
            code, ident = payload[0], payload[1]
            body = payload[4:struct.unpack(">H", payload[2:4])[0]]
            if code == CONF_REQ:
                send(lcp(CONF_ACK, ident, body))
                ack_sent = True
            elif code == CONF_ACK and ident == 1:
                acked = True
            elif code == ECHO_REQ:
                send(lcp(ECHO_REP, ident, magic + body[4:]))
            elif code == ECHO_REP:
                echo_got += 1
            elif code == TERM_REQ:
                send(lcp(TERM_ACK, ident))
                log("link terminated by peer")
                time.sleep(0.5)  # let the ack cross before the pty closes
                return 0
            elif code == TERM_ACK and term_sent:
                log("link terminated")
                return 0
    log("timed out")
    return 1


def main(argv):
    if len(argv) >= 2 and argv[0] == "--client":
        host = argv[1]
        echoes = int(argv[3]) if len(argv) >= 4 and argv[2] == "--echoes" else 2
        master, slave = os.openpty()
        tty.setraw(slave)
        tty.setraw(master)
        pptp = subprocess.Popen(["pptp", host, "--nolaunchpppd", "--nohostroute", "--loglevel", "0"],
                                stdin=slave, stdout=slave, close_fds=True)
        os.close(slave)
        try:
            rc = run(master, master, True, echoes)
        finally:
            os.close(master)  # pptp sees the line drop, clears the call
            try:
                pptp.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pptp.send_signal(signal.SIGTERM)
                pptp.wait(timeout=5)
        return rc
    # Server side: the pty from pptpctrl is standard input and output.
    if os.isatty(0):
        tty.setraw(0)
    return run(0, 1, False, 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
