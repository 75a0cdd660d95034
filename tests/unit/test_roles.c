/*
 * test_roles.c - np_role_decide (src/profile/roles.c) on flows built by
 * hand, one evidence kind at a time: the handshake (both ways, one-way,
 * ignored without flags), the payload, fan-in, the port table, the
 * ephemeral ranges, low ports, who sent first, the same port on both
 * sides; and every way of deciding there is no server: no answer, a reset
 * (by flags, by size), a probe seen one way, ICMP, a media stream, too
 * little evidence ("undecided"). Also the payload tests the roles rely on
 * (SIP, RTP, strict NTP) and np_role_answered on its own. Last, the
 * profiler's hand-over of FTP announcements between batches (watch).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/services.h"
#include "../../src/profile/profiler.h"
#include "../../src/profile/roles.h"
#include "check.h"

enum { FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10 };

/* A conversation from 10.0.0.1:sport to 10.0.0.2:dport. */
static np_flow flow(uint8_t proto, uint16_t sport, uint16_t dport)
{
	np_flow f;
	memset(&f, 0, sizeof(f));
	f.key.family = 4;
	f.key.proto = proto;
	f.key.src[0] = 10, f.key.src[3] = 1;
	f.key.dst[0] = 10, f.key.dst[3] = 2;
	f.key.sport = sport;
	f.key.dport = dport;
	f.fwd.first_us = 1000000;
	f.fwd.last_us = 2000000;
	f.rev.first_us = 1000500;
	f.rev.last_us = 2000000;
	return f;
}

/* A TCP session: SYN from the source, SYN+ACK back, some data. */
static np_flow tcp_session(uint16_t sport, uint16_t dport)
{
	np_flow f = flow(6, sport, dport);
	f.fwd.packets = 10, f.fwd.bytes = 1200, f.fwd.initial_flags = SYN, f.fwd.session_flags = ACK | PSH | FIN;
	f.rev.packets = 8, f.rev.bytes = 6000, f.rev.initial_flags = SYN | ACK, f.rev.session_flags = ACK | PSH | FIN;
	return f;
}

static np_flow udp_exchange(uint16_t sport, uint16_t dport)
{
	np_flow f = flow(17, sport, dport);
	f.fwd.packets = 4, f.fwd.bytes = 300;
	f.rev.packets = 4, f.rev.bytes = 500;
	return f;
}

static np_role decide_fanin(const np_flow *f, bool use_flags, np_fanin fwd, np_fanin rev)
{
	np_role_input in = {f, use_flags, fwd, rev, {0, 0, false, false, false, 0, 0}};
	np_role r;
	np_role_decide(&in, &r);
	return r;
}

static np_role decide(const np_flow *f, bool use_flags)
{
	np_fanin none = {0, 0, 0};
	return decide_fanin(f, use_flags, none, none);
}

static bool has(const np_role *r, const char *ev)
{
	return strstr(r->evidence, ev) != NULL;
}

static bool confidence_ok(const np_role *r)
{
	return r->confidence >= 0.5 && r->confidence <= 1.0;
}

/* ---- the handshake -------------------------------------------------------------- */

static void test_handshake(void)
{
	/* Both ends on ephemeral-range ports: only the handshake tells. */
	np_flow f = tcp_session(51000, 40000);
	np_role r = decide(&f, true);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "handshake"));
	CHECK(r.confidence > 0.99);

	/* The first packet was the SYN+ACK (the capture missed the SYN). */
	np_flow g = flow(6, 40000, 51000);
	g.fwd.packets = 8, g.fwd.bytes = 6000, g.fwd.initial_flags = SYN | ACK, g.fwd.session_flags = ACK | PSH;
	g.rev.packets = 10, g.rev.bytes = 1200, g.rev.initial_flags = ACK, g.rev.session_flags = ACK | PSH;
	r = decide(&g, true);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "syn-ack-from-source"));

	/* The handshake outweighs a port that says the opposite. */
	np_flow h = tcp_session(443, 51000);
	r = decide(&h, true);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "handshake") && has(&r, "port:https"));

	/* Without flags the handshake is not evidence: the same session on two
	 * ephemeral-range ports is undecided, not a guess. */
	r = decide(&f, false);
	CHECK(r.server == NP_SIDE_NONE);
	CHECK(!has(&r, "handshake"));
	CHECK(has(&r, "undecided"));
	CHECK(r.confidence == 0.5);
}

static void test_one_way_handshake(void)
{
	/* Only the client's direction: its SYN, then ACKs of data it got. */
	np_flow f = flow(6, 51000, 40002);
	f.fwd.packets = 19, f.fwd.bytes = 2500, f.fwd.initial_flags = SYN, f.fwd.session_flags = ACK | PSH | FIN;
	np_role r = decide(&f, true);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "syn-then-ack"));
	CHECK(has(&r, "one-way"));
	/* Without flags nothing tells: undecided. */
	r = decide(&f, false);
	CHECK(r.server == NP_SIDE_NONE && has(&r, "undecided"));

	/* Only the server's direction, from its SYN+ACK. */
	np_flow g = flow(6, 40003, 51000);
	g.fwd.packets = 12, g.fwd.bytes = 16000, g.fwd.initial_flags = SYN | ACK, g.fwd.session_flags = ACK | PSH;
	r = decide(&g, true);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "syn-ack-from-source"));

	/* One way on a service port: the port tells, with or without flags. */
	np_flow h = flow(6, 51000, 443);
	h.fwd.packets = 30, h.fwd.bytes = 4000, h.fwd.initial_flags = SYN, h.fwd.session_flags = ACK | PSH;
	r = decide(&h, false);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "port:https") && has(&r, "one-way"));
}

/* One way, probe-sized: a SYN then ACKs is a port that answered (a short
 * request, a connect scan's ACK and reset); a SYN then a reset alone, or
 * SYN retries, are not. */
static void test_one_way_syn_then_ack(void)
{
	const char *why = NULL;
	np_flow c = flow(6, 51000, 8080); /* SYN, ACK, RST+ACK */
	c.fwd.packets = 3, c.fwd.bytes = 60 + 52 + 40, c.fwd.initial_flags = SYN, c.fwd.session_flags = ACK | RST;
	CHECK(np_role_answered(&c, true, &why));
	np_role r = decide(&c, true);
	CHECK(r.server == NP_SIDE_REVERSE && has(&r, "syn-then-ack"));
	CHECK(!r.confirmed && r.confidence <= NP_UNCONFIRMED_MAX);
	CHECK(!np_role_answered(&c, false, &why)); /* without flags: a probe's size */
	np_flow g = flow(6, 51000, 80);            /* SYN, ACK, a short GET, FIN */
	g.fwd.packets = 5, g.fwd.bytes = 60 + 52 + 120 + 52 + 52, g.fwd.initial_flags = SYN;
	g.fwd.session_flags = ACK | PSH | FIN;
	CHECK(np_role_answered(&g, true, &why));
	np_flow s = flow(6, 51000, 22); /* a SYN scanner's SYN and reset */
	s.fwd.packets = 2, s.fwd.bytes = 44 + 40, s.fwd.initial_flags = SYN, s.fwd.session_flags = RST;
	CHECK(!np_role_answered(&s, true, &why));
	s.fwd.session_flags = RST | ACK; /* two packets: a reset with ACK is no more */
	CHECK(!np_role_answered(&s, true, &why));
	np_flow t = flow(6, 51000, 22); /* SYN retries, then an ACK: not told apart from a scan */
	t.fwd.packets = 3, t.fwd.bytes = 60 * 2 + 52, t.fwd.initial_flags = SYN, t.fwd.session_flags = SYN | ACK;
	CHECK(!np_role_answered(&t, true, &why));
}

/* Seen one way, who sent first is no evidence: the only side seen is the
 * first. A fixed port meeting two peers' ephemeral ports decides alone. */
static void test_one_way_first_sender(void)
{
	np_flow f = flow(6, 40000, 39834);
	f.fwd.packets = 14, f.fwd.bytes = 2100, f.fwd.initial_flags = ACK | PSH, f.fwd.session_flags = ACK | PSH | FIN;
	np_fanin two = {2, 2, 2}, none = {0, 0, 0};
	np_role r = decide_fanin(&f, true, two, none);
	CHECK(r.server == NP_SIDE_FORWARD && has(&r, "fan-in:2") && !has(&r, "first-sender"));
	/* Both ways, the client speaking first outweighs so little fan-in. */
	f.rev.packets = 10, f.rev.bytes = 900, f.rev.initial_flags = ACK, f.rev.session_flags = ACK | PSH;
	f.fwd.initial_flags = ACK;
	r = decide_fanin(&f, true, none, two);
	CHECK(r.server == NP_SIDE_REVERSE);
	r = decide_fanin(&f, true, two, none);
	CHECK(r.server == NP_SIDE_NONE && has(&r, "undecided"));
}

/* A DNS query from port 53 to port 53: the asker is a DNS server too; NTP
 * from 123 is not (ntpd polls from there as a client). */
static void test_peer_serves(void)
{
	np_flow d = udp_exchange(53, 53);
	d.app = np_service_id("dns"), d.app_side = 2;
	np_role r = decide(&d, true), peer;
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(np_role_peer_serves(&d, &r, &peer));
	CHECK(peer.server == NP_SIDE_FORWARD && !peer.confirmed && peer.confidence <= NP_UNCONFIRMED_MAX);
	CHECK(strstr(peer.evidence, "asks-from-port:dns") != NULL);
	np_flow n = udp_exchange(123, 123);
	r = decide(&n, true);
	CHECK(!np_role_peer_serves(&n, &r, &peer));
	np_flow q = udp_exchange(51000, 53);
	r = decide(&q, true);
	CHECK(!np_role_peer_serves(&q, &r, &peer));
	/* Through the profiler: both listed, the asker with no client. */
	np_profile_config cfg = {false};
	np_profiler *p = np_profiler_new(&cfg);
	np_profiler_add_flow(p, &d, true);
	np_profiler_finish(p);
	size_t ns;
	const np_server *s = np_profiler_servers(p, &ns);
	CHECK(ns == 2);
	for (size_t i = 0; i < ns; i++) {
		bool asker = s[i].key.addr[3] == 1;
		CHECK(s[i].key.port == 53 && s[i].confirmed == !asker && s[i].nclients == (asker ? 0 : 1));
		CHECK(s[i].service && !strcmp(s[i].service, "dns"));
	}
	np_profiler_free(p);
}

/* ---- payload, fan-in, ports, first sender ------------------------------------------ */

static void test_payload(void)
{
	/* SSH on port 80, the server's banner came from the reverse side... */
	np_flow f = tcp_session(51000, 80);
	f.app = np_service_id("ssh");
	f.app_side = 2;
	np_role r = decide(&f, false);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "payload:ssh"));

	/* ...and a request from the reverse side makes the forward side the
	 * server, against who sent first (two ephemeral-range ports). */
	np_flow g = tcp_session(40000, 45000);
	g.fwd.initial_flags = ACK, g.rev.initial_flags = ACK;
	g.app = np_service_id("http");
	g.app_side = 1;
	r = decide(&g, false);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "payload:http"));

	/* NTP 123 <-> 123: the mode-4 answer came from the forward side
	 * (a capture that began between request and answer). */
	np_flow n = udp_exchange(123, 123);
	n.app = np_service_id("ntp");
	n.app_side = 1;
	r = decide(&n, false);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "payload:ntp") && has(&r, "same-port"));
}

static void test_fanin(void)
{
	/* Two ephemeral-range ports; the reverse endpoint met 16 clients. */
	np_flow f = tcp_session(51000, 40000);
	np_fanin many = {16, 20, 20}, one = {1, 1, 1};
	np_role r = decide_fanin(&f, false, one, many);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "fan-in:20"));
	/* The forward endpoint is the busy one: it serves. */
	r = decide_fanin(&f, false, many, one);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "fan-in:20"));
	/* Equal fan-in says nothing. */
	r = decide_fanin(&f, false, many, many);
	CHECK(!has(&r, "fan-in"));
	/* Same port on both sides: fan-in from other conversations is left
	 * out (a DNS forwarder serving many clients asks upstream from 53). */
	np_flow d = udp_exchange(53, 53);
	r = decide_fanin(&d, false, many, one);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(!has(&r, "fan-in") && has(&r, "same-port") && has(&r, "first-sender"));
}

static void test_ports(void)
{
	np_flow f = udp_exchange(51000, 53);
	np_role r = decide(&f, false);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "port:dns") && has(&r, "ephemeral-source"));

	/* Named on the source side: the source serves. */
	np_flow g = tcp_session(22, 51000);
	g.fwd.initial_flags = ACK, g.rev.initial_flags = ACK; /* mid-connection */
	r = decide(&g, true);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "port:ssh"));

	/* Both named: the lower port serves, weakly. */
	np_flow h = tcp_session(3306, 443);
	h.fwd.initial_flags = ACK, h.rev.initial_flags = ACK;
	r = decide(&h, true);
	CHECK(has(&r, "port:https"));

	/* An unnamed service port against an ephemeral one (TCP). */
	np_flow e = tcp_session(9999, 51000);
	e.fwd.initial_flags = ACK, e.rev.initial_flags = ACK;
	r = decide(&e, true);
	CHECK(r.server == NP_SIDE_FORWARD);
	CHECK(has(&r, "ephemeral-destination"));

	/* A low port nobody named. */
	np_flow l = tcp_session(40000, 999);
	l.fwd.initial_flags = ACK, l.rev.initial_flags = ACK;
	r = decide(&l, true);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "low-port"));

	/* UDP: the ephemeral ranges alone name no server (RTP, games pick
	 * such ports on both sides); TCP: they do. */
	np_flow u = udp_exchange(40002, 10100);
	r = decide(&u, false);
	CHECK(r.server == NP_SIDE_NONE && has(&r, "undecided") && has(&r, "ephemeral-source"));
	np_flow t = tcp_session(40002, 10100);
	r = decide(&t, false);
	CHECK(r.server == NP_SIDE_REVERSE && has(&r, "ephemeral-source"));
}

static void test_first_sender(void)
{
	/* Alone it decides nothing. */
	np_flow f = tcp_session(45336, 45000);
	f.fwd.initial_flags = ACK, f.rev.initial_flags = ACK;
	np_role r = decide(&f, true);
	CHECK(r.server == NP_SIDE_NONE);
	CHECK(has(&r, "undecided,first-sender"));

	/* On the same registered port both sides (NTP, DNS, SIP with no
	 * payload seen, as in flow records), the one who asked first is the
	 * client. */
	np_flow n = udp_exchange(123, 123);
	r = decide(&n, false);
	CHECK(r.server == NP_SIDE_REVERSE);
	CHECK(has(&r, "same-port") && has(&r, "first-sender"));
	np_flow s = udp_exchange(5060, 5060);
	r = decide(&s, false);
	CHECK(r.server == NP_SIDE_REVERSE);

	/* The same unregistered port (RTP 5004 <-> 5004): undecided. */
	np_flow m = udp_exchange(5004, 5004);
	r = decide(&m, false);
	CHECK(r.server == NP_SIDE_NONE && has(&r, "undecided"));
}

/* ---- no server ------------------------------------------------------------------------ */

static void test_no_server(void)
{
	/* A UDP probe nobody answered. */
	np_flow u = flow(17, 45000, 161);
	u.fwd.packets = 1, u.fwd.bytes = 28;
	np_role r = decide(&u, true);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "no-answer") && r.confidence == 1);
	/* Many one-way datagrams (queries seen without their answers) are no
	 * answer either: nothing shows a server. */
	u.fwd.packets = 50, u.fwd.bytes = 3500;
	r = decide(&u, false);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "no-answer"));
	/* Unless what was seen is an answer (a DNS response one way). */
	np_flow d = flow(17, 53, 51000);
	d.fwd.packets = 3, d.fwd.bytes = 300;
	d.app = np_service_id("dns");
	d.app_side = 1;
	r = decide(&d, false);
	CHECK(r.server == NP_SIDE_FORWARD && has(&r, "payload:dns") && has(&r, "one-way"));

	/* A SYN answered by RST+ACK: a closed port. */
	np_flow c = flow(6, 51000, 8080);
	c.fwd.packets = 1, c.fwd.bytes = 60, c.fwd.initial_flags = SYN;
	c.rev.packets = 1, c.rev.bytes = 40, c.rev.initial_flags = RST | ACK;
	r = decide(&c, true);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "reset"));
	/* The same without flags: a bare 40-byte header is what a reset is. */
	r = decide(&c, false);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "reset-like"));
	/* IPv6: 60 bytes. */
	np_flow c6 = c;
	c6.key.family = 6;
	c6.fwd.bytes = 80, c6.rev.bytes = 60;
	r = decide(&c6, false);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "reset-like"));

	/* An open port of a SYN scan (SYN 44, SYN+ACK 44 with MSS, the
	 * scanner's RST 40): answered, by size too. */
	np_flow o = flow(6, 43039, 3306);
	o.fwd.packets = 2, o.fwd.bytes = 84, o.fwd.initial_flags = SYN, o.fwd.session_flags = RST;
	o.rev.packets = 1, o.rev.bytes = 44, o.rev.initial_flags = SYN | ACK;
	r = decide(&o, false);
	CHECK(r.server == NP_SIDE_REVERSE && has(&r, "port:mysql"));
	r = decide(&o, true);
	CHECK(r.server == NP_SIDE_REVERSE && has(&r, "handshake"));

	/* A filtered port: SYN and its retries, nothing back. */
	np_flow s = flow(6, 51000, 445);
	s.fwd.packets = 4, s.fwd.bytes = 4 * 52, s.fwd.initial_flags = SYN, s.fwd.session_flags = SYN;
	r = decide(&s, false);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "no-answer"));
	r = decide(&s, true);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "no-answer"));
	/* One way, larger, but with flags and no ACK ever: no session. */
	np_flow x = flow(6, 51000, 80);
	x.fwd.packets = 20, x.fwd.bytes = 20000, x.fwd.initial_flags = SYN, x.fwd.session_flags = SYN | PSH;
	r = decide(&x, true);
	CHECK(r.server == NP_SIDE_NONE);

	/* ICMP and protocols without ports. */
	np_flow i = flow(1, 0, 2048);
	i.fwd.packets = 4, i.rev.packets = 4;
	r = decide(&i, true);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "icmp"));
	np_flow i6 = flow(58, 0, 128 * 256);
	r = decide(&i6, false);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "icmp"));
	np_flow gre = flow(47, 0, 0);
	gre.fwd.packets = 3, gre.rev.packets = 3;
	r = decide(&gre, true);
	CHECK(r.server == NP_SIDE_NONE && !strcmp(r.evidence, "no-ports"));

	/* RTP: media between peers, whatever the ports say. */
	np_flow m = udp_exchange(51000, 10000);
	m.fwd.packets = m.rev.packets = 1500;
	m.app = np_service_id("rtp");
	r = decide(&m, false);
	CHECK(r.server == NP_SIDE_NONE && has(&r, "media") && has(&r, "payload:rtp"));
	m.app = np_service_id("rtcp");
	r = decide(&m, true);
	CHECK(r.server == NP_SIDE_NONE && has(&r, "media"));
}

static void test_answered(void)
{
	const char *why = NULL;
	np_flow f = tcp_session(51000, 443);
	CHECK(np_role_answered(&f, true, &why));
	CHECK(np_role_answered(&f, false, &why));
	np_flow u = flow(17, 51000, 53);
	u.fwd.packets = 1, u.fwd.bytes = 60;
	CHECK(!np_role_answered(&u, false, &why) && !strcmp(why, "no-answer"));
	/* A one-way TCP session without flags: many packets, larger than SYNs. */
	np_flow t = flow(6, 51000, 443);
	t.fwd.packets = 30, t.fwd.bytes = 30 * 200;
	CHECK(np_role_answered(&t, false, &why));
	/* The same with flags needs an ACK. */
	CHECK(!np_role_answered(&t, true, &why));
	t.fwd.session_flags = ACK;
	CHECK(np_role_answered(&t, true, &why));
}

/* Every decision keeps its confidence in 0.5..1 and its evidence bounded. */
static void test_bounds(void)
{
	np_fanin big = {1000, 100000, 100000}, none = {0, 0, 0};
	uint16_t ports[] = {0, 20, 53, 123, 443, 1023, 1024, 5060, 9999, 32768, 40000, 65535};
	uint8_t protos[] = {6, 17};
	int bad = 0;
	for (size_t a = 0; a < sizeof(ports) / sizeof(ports[0]); a++)
		for (size_t b = 0; b < sizeof(ports) / sizeof(ports[0]); b++)
			for (size_t p = 0; p < 2; p++)
				for (int fl = 0; fl < 2; fl++) {
					np_flow f = tcp_session(ports[a], ports[b]);
					f.key.proto = protos[p];
					f.app = np_service_id("http");
					f.app_side = (uint8_t)((a + b) % 3);
					np_role r = decide_fanin(&f, fl, big, (a & 1) ? big : none);
					if (!confidence_ok(&r) || !memchr(r.evidence, '\0', sizeof(r.evidence)) ||
					    r.server > NP_SIDE_REVERSE)
						bad++;
				}
	CHECK(bad == 0);
}

/* ---- the payload tests the roles rely on -------------------------------------------------- */

static void test_payload_ids(void)
{
	const char *reg = "REGISTER sip:10.9.0.5 SIP/2.0\r\nVia: SIP/2.0/UDP 10.9.1.1:5060\r\n\r\n";
	np_payload_id id = np_identify_payload(17, (const uint8_t *)reg, (uint32_t)strlen(reg));
	CHECK(id.service && !strcmp(id.service, "sip") && id.role == NP_PAYLOAD_FROM_CLIENT);
	const char *ok = "SIP/2.0 200 OK\r\n\r\n";
	id = np_identify_payload(17, (const uint8_t *)ok, (uint32_t)strlen(ok));
	CHECK(id.service && !strcmp(id.service, "sip") && id.role == NP_PAYLOAD_FROM_SERVER);
	/* HTTP's OPTIONS is not SIP's. */
	const char *opt = "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n";
	id = np_identify_payload(6, (const uint8_t *)opt, (uint32_t)strlen(opt));
	CHECK(id.service && !strcmp(id.service, "http"));

	uint8_t rtp[172] = {0x80, 0x00, 0x12, 0x34, 0, 0, 0x10, 0, 0xde, 0xad, 0xbe, 0xef};
	id = np_identify_payload(17, rtp, sizeof(rtp));
	CHECK(id.service && !strcmp(id.service, "rtp") && id.role == NP_PAYLOAD_UNKNOWN);
	rtp[8] = rtp[9] = rtp[10] = rtp[11] = 0; /* SSRC 0: not RTP */
	id = np_identify_payload(17, rtp, sizeof(rtp));
	CHECK(!id.service);
	uint8_t rtcp[28] = {0x80, 200, 0x00, 0x06, 1, 2, 3, 4};
	id = np_identify_payload(17, rtcp, sizeof(rtcp));
	CHECK(id.service && !strcmp(id.service, "rtcp"));

	/* NTP: chrony's client request (stratum 0, poll 6, precision 32). */
	uint8_t ntp[48] = {0x23, 0, 6, 0x20};
	ntp[40] = 0x12, ntp[47] = 0x34;
	id = np_identify_payload(17, ntp, sizeof(ntp));
	CHECK(id.service && !strcmp(id.service, "ntp") && id.role == NP_PAYLOAD_FROM_CLIENT);
	/* A server's answer: stratum 2, precision -23. */
	ntp[0] = 0x24, ntp[1] = 2, ntp[3] = (uint8_t)-23;
	id = np_identify_payload(17, ntp, sizeof(ntp));
	CHECK(id.service && !strcmp(id.service, "ntp") && id.role == NP_PAYLOAD_FROM_SERVER);
	/* Mode 4 with stratum 200 or poll 99 or no transmit time: not NTP. */
	ntp[1] = 200;
	CHECK(!np_identify_payload(17, ntp, sizeof(ntp)).service);
	ntp[1] = 2, ntp[2] = 99;
	CHECK(!np_identify_payload(17, ntp, sizeof(ntp)).service);
	ntp[2] = 6;
	memset(ntp + 40, 0, 8);
	CHECK(!np_identify_payload(17, ntp, sizeof(ntp)).service);

	/* Random bytes of 48-68 are rarely NTP, RTP or SIP any more. */
	uint32_t x = 12345, hits = 0;
	for (int n = 0; n < 20000; n++) {
		uint8_t b[60];
		for (size_t i = 0; i < sizeof(b); i++) {
			x = x * 1103515245u + 12345u;
			b[i] = (uint8_t)(x >> 16);
		}
		np_payload_id r = np_identify_payload(17, b, 48 + (uint32_t)(n % 13));
		if (r.service && (!strcmp(r.service, "ntp") || !strcmp(r.service, "sip")))
			hits++;
	}
	CHECK(hits < 20); /* one in a thousand at most; the mode alone gave one in sixteen */
}

/* Is there a server at port `port`, and what ties does 10.0.0.2:21 list? */
static bool lists_port(np_profiler *p, uint16_t port, const char **ftp_ties)
{
	size_t n;
	const np_server *s = np_profiler_servers(p, &n);
	bool found = false;
	*ftp_ties = "";
	for (size_t i = 0; i < n; i++) {
		if (s[i].key.port == port)
			found = true;
		if (s[i].key.port == 21)
			*ftp_ties = s[i].ties;
	}
	return found;
}

/* watch names services on one profiler and decides batches on others: the
 * FTP data connections announced on the control channel reach the batch,
 * and only the recent ones stay for the next. The data port is 8080, a
 * named service, so only the announcement ties it (the shape rule would
 * not). */
static void test_ftp_announcements(void)
{
	static const char pasv[] = "227 Entering Passive Mode (10,0,0,2,31,144)\r\n"; /* port 8080 */
	static const char pasv2[] = "227 Entering Passive Mode (10,0,0,2,31,145)\r\n";
	np_profile_config cfg = {false};
	np_profiler *naming = np_profiler_new(&cfg);
	np_flow ctrl = tcp_session(40000, 21), data = tcp_session(40001, 8080);
	np_flow at = ctrl;
	at.rev.last_us = 1000000; /* said at 1 s */
	np_profiler_payload(naming, &at, true, (const uint8_t *)pasv, sizeof(pasv) - 1);
	at.rev.last_us = 900000000; /* another at 900 s */
	np_profiler_payload(naming, &at, true, (const uint8_t *)pasv2, sizeof(pasv2) - 1);

	const char *ties;
	np_profiler *first = np_profiler_new(&cfg);
	np_profiler_add_flow(first, &ctrl, true);
	np_profiler_add_flow(first, &data, true);
	np_profiler_take_announcements(naming, first, 600000000); /* keep what was said since 600 s */
	np_profiler_finish(first);
	CHECK(!lists_port(first, 8080, &ties));
	CHECK(strstr(ties, "ftp-data:passive/8080") != NULL);

	/* The next batch: the announcement of 8080 (1 s) was dropped. */
	np_profiler *next = np_profiler_new(&cfg);
	np_profiler_add_flow(next, &ctrl, true);
	np_profiler_add_flow(next, &data, true);
	np_profiler_take_announcements(naming, next, 600000000);
	np_profiler_finish(next);
	CHECK(lists_port(next, 8080, &ties));
	CHECK(strstr(ties, "passive") == NULL);

	/* A long transfer on a high port whose announcement was let go, while
	 * a newer one between the same hosts is held: judged by its shape
	 * (passive data), not taken for a server. */
	np_flow longdata = tcp_session(40002, 50000);
	np_profiler *later = np_profiler_new(&cfg);
	np_profiler_add_flow(later, &ctrl, true);
	np_profiler_add_flow(later, &longdata, true);
	np_profiler_take_announcements(naming, later, 600000000);
	np_profiler_finish(later);
	CHECK(!lists_port(later, 50000, &ties));
	CHECK(strstr(ties, "ftp-data:passive/50000") != NULL);
	np_profiler_free(later);

	/* Without the hand-over, as before: 8080 is taken for a server. */
	np_profiler *none = np_profiler_new(&cfg);
	np_profiler_add_flow(none, &ctrl, true);
	np_profiler_add_flow(none, &data, true);
	np_profiler_finish(none);
	CHECK(lists_port(none, 8080, &ties));
	np_profiler_free(none);
	np_profiler_free(next);
	np_profiler_free(first);
	np_profiler_free(naming);
}

/* Peers that sent SYN and never acknowledged (a spoofed flood, a SYN
 * scan) count in the server's flows but are not its clients; without
 * flags every peer is a client. */
static void test_half_open_peers(void)
{
	for (int flags = 1; flags >= 0; flags--) {
		np_profile_config cfg = {false};
		np_profiler *p = np_profiler_new(&cfg);
		np_flow real = tcp_session(40000, 80);
		np_profiler_add_flow(p, &real, flags);
		for (int i = 0; i < 5; i++) {
			np_flow syn = flow(6, (uint16_t)(50000 + i), 80);
			syn.key.src[2] = (uint8_t)(i + 1); /* another source each time */
			syn.fwd.packets = 1, syn.fwd.bytes = 60, syn.fwd.initial_flags = SYN;
			syn.rev.packets = 1, syn.rev.bytes = 60, syn.rev.initial_flags = SYN | ACK;
			np_profiler_add_flow(p, &syn, flags);
		}
		np_profiler_finish(p);
		size_t n;
		const np_server *s = np_profiler_servers(p, &n);
		const np_server *web = NULL;
		for (size_t i = 0; i < n; i++)
			if (s[i].key.port == 80)
				web = &s[i];
		CHECK(web != NULL);
		if (web) {
			CHECK(web->flows == 6);
			/* the real peer alone, or all six distinct sources */
			CHECK(web->nclients == (flags ? 1 : 6));
		}
		np_profiler_free(p);
	}
}

/* ---- receive-only services and one-way UDP ---------------------------------------------- */

static np_role decide_oneway(const np_flow *f, np_oneway ow)
{
	np_fanin none = {0, 0, 0};
	np_role_input in = {f, true, none, none, ow};
	np_role r;
	np_role_decide(&in, &r);
	return r;
}

static void test_receive_only(void)
{
	np_oneway lone = {1, 1, false, false, false, 0, 0};
	/* Syslog: <PRI> to 514, repeated: a server, not confirmed, confidence <= 0.85. */
	np_flow s = flow(17, 40000, 514);
	s.fwd.packets = 5, s.fwd.bytes = 500, s.fwd.last_us = 60000000;
	s.app = np_service_id("syslog"), s.app_side = 2;
	np_role r = decide_oneway(&s, lone);
	CHECK(r.server == NP_SIDE_REVERSE && !r.confirmed && r.confidence <= NP_UNCONFIRMED_MAX &&
	      has(&r, "receive-port:syslog") && has(&r, "payload:syslog"));
	/* One empty datagram to 514: a probe. */
	np_flow p = flow(17, 40000, 514);
	p.fwd.packets = 1, p.fwd.bytes = 28, p.fwd.last_us = p.fwd.first_us;
	r = decide_oneway(&p, lone);
	CHECK(r.server == NP_SIDE_NONE);
	/* Refused (an ICMP unreachable came back), or from a scanner: no server. */
	np_oneway refused = lone, scanner = lone;
	refused.refused = true, scanner.scanner = true;
	CHECK(decide_oneway(&s, refused).server == NP_SIDE_NONE);
	CHECK(decide_oneway(&s, scanner).server == NP_SIDE_NONE &&
	      !strcmp(decide_oneway(&s, scanner).evidence, "scan"));
	/* NTP mode 3, repeated, from a sender seen one way: a server; the same
	 * from a sender the capture hears (its answer would be there): none. */
	np_flow n = flow(17, 40000, 123);
	n.fwd.packets = 6, n.fwd.bytes = 456, n.fwd.last_us = 320000000;
	n.app = np_service_id("ntp"), n.app_side = 2;
	CHECK(decide_oneway(&n, lone).server == NP_SIDE_REVERSE);
	np_oneway heard = lone, other_heard = lone;
	heard.sender_heard = true;
	other_heard.senders = 3, other_heard.heard_senders = 1;
	CHECK(decide_oneway(&n, heard).server == NP_SIDE_NONE);
	CHECK(decide_oneway(&n, other_heard).server == NP_SIDE_NONE);
	/* One lone NTP request: a probe's shape. */
	n.fwd.packets = 1, n.fwd.last_us = n.fwd.first_us;
	CHECK(decide_oneway(&n, lone).server == NP_SIDE_NONE);
	/* ... unless it came back from new ports (more flows than senders). */
	np_oneway again = lone;
	again.flows = 3;
	CHECK(decide_oneway(&n, again).server == NP_SIDE_REVERSE);
	/* A service port sending on to an ephemeral one: the server, seen sending. */
	np_flow q = flow(17, 443, 51000);
	q.fwd.packets = 20, q.fwd.bytes = 20000, q.fwd.last_us = 8000000;
	r = decide_oneway(&q, lone);
	CHECK(r.server == NP_SIDE_FORWARD && r.confirmed);
	/* Answered: confirmed. */
	np_flow a = udp_exchange(51000, 53);
	r = decide(&a, true);
	CHECK(r.server == NP_SIDE_REVERSE && r.confirmed);
}

int main(void)
{
	test_handshake();
	test_one_way_handshake();
	test_one_way_syn_then_ack();
	test_one_way_first_sender();
	test_peer_serves();
	test_payload();
	test_fanin();
	test_ports();
	test_first_sender();
	test_no_server();
	test_receive_only();
	test_answered();
	test_bounds();
	test_payload_ids();
	test_ftp_announcements();
	test_half_open_peers();
	return check_summary("roles");
}
