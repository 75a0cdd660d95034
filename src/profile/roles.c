/*
 * roles.c - the server of a conversation (see roles.h).
 *
 * The score is the log-odds that the reverse endpoint (the destination of
 * the first packet) is the server; negative means the forward endpoint.
 * Weights are round numbers chosen so that the handshake outweighs
 * everything else, payload outweighs ports, and ports plus fan-in outweigh
 * who-sent-first (which breaks on captures that start mid-connection).
 *
 * A score too close to zero is no answer: "undecided", no server. Who sent
 * first alone never names a server (a capture that starts mid-connection
 * makes it a coin toss), nor does a UDP port's place in the ephemeral
 * ranges alone (RTP and games pick ports from 1024-65535 on both sides).
 * Measured on the hard cases of bench/gen_hardcases.py by tests/roles.sh.
 */
#include "roles.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../decode/services.h"

enum { TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10 };

/* Below these |score|s there is no server to name (see above). */
#define MIN_SCORE_TCP 1.0
#define MIN_SCORE_UDP 1.5

struct score {
	double s;
	char *ev; /* empty at first */
	size_t room;
	size_t used; /* strlen(ev), kept as notes are added */
};

/* n bytes of s at d, as many as *left allows; the end. */
static char *put_cut(char *d, const char *s, size_t n, size_t *left)
{
	if (n > *left)
		n = *left;
	memcpy(d, s, n);
	*left -= n;
	return d + n;
}

/* Inlined where it is called: each format is a literal there, and the
 * compiler works out its '%' and lengths once, not at every note. */
static inline __attribute__((always_inline)) void note(struct score *sc, double w, const char *fmt, const char *arg)
{
	sc->s += w;
	size_t used = sc->used;
	if (used + 2 >= sc->room)
		return;
	if (used)
		sc->ev[used++] = ',';
	/* snprintf(ev + used, room - used, fmt, arg) for the one "%s" the
	 * formats hold, without stdio: a note per conversation a commit
	 * decides, and watch decides every active flow at each commit. */
	char *d = sc->ev + used;
	size_t left = sc->room - used - 1;
	const char *spec = strchr(fmt, '%');
	while (spec && spec[1] != 's')
		spec = strchr(spec + 1, '%');
	d = put_cut(d, fmt, spec ? (size_t)(spec - fmt) : strlen(fmt), &left);
	if (spec) {
		const char *a = arg ? arg : "";
		d = put_cut(d, a, strlen(a), &left);
		d = put_cut(d, spec + 2, strlen(spec + 2), &left);
	}
	*d = '\0';
	sc->used = (size_t)(d - sc->ev);
}

/* v in decimal, as "%u" (a fan-in count per conversation decided). */
static const char *u32_text(uint32_t v, char buf[static 12])
{
	char *p = buf + 11;
	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	return p;
}

static bool is_syn(uint8_t f)
{
	return (f & (TH_SYN | TH_ACK)) == TH_SYN;
}

static bool is_synack(uint8_t f)
{
	return (f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK);
}

/* A SYN, then the same side's ACKs (no second SYN): TCP acknowledges
 * nothing before the peer's SYN+ACK came, so the port answered, by a path
 * this capture does not see -- a client that went on (a request, or a
 * connect scan's ACK and reset). A SYN scanner that got a SYN+ACK resets
 * without ACK; a closed or filtered port gets no ACK at all. A lone
 * reset-with-ACK after the SYN is not enough: three packets at least, or
 * no reset. */
static bool syn_then_ack(const np_flow *f)
{
	uint8_t fs = f->fwd.session_flags;
	return is_syn(f->fwd.initial_flags) && (fs & TH_ACK) && !(fs & TH_SYN) &&
	       (!(fs & TH_RST) || f->fwd.packets >= 3);
}

static void score_handshake(struct score *sc, const np_flow *f)
{
	uint8_t fi = f->fwd.initial_flags, ri = f->rev.initial_flags;
	if (is_syn(fi) && is_synack(ri))
		note(sc, 8, "handshake", NULL);
	else if (is_synack(fi) && is_syn(ri))
		note(sc, -8, "handshake", NULL);
	else if (is_synack(fi))
		note(sc, -6, "syn-ack-from-source", NULL);
	else if (is_synack(ri) || (is_syn(fi) && f->rev.packets && !(ri & TH_RST)))
		note(sc, 6, "syn-ack", NULL);
	/* One-way visibility: a SYN, then ACKs of data the other side sent
	 * by a path this capture does not see. */
	else if (is_syn(fi) && !f->rev.packets && (f->fwd.session_flags & TH_ACK))
		note(sc, 6, "syn-then-ack", NULL);
}

static void score_payload(struct score *sc, const np_flow *f)
{
	if (f->app_side == 1)
		note(sc, -5, "payload:%s", np_service_name(f->app));
	else if (f->app_side == 2)
		note(sc, 5, "payload:%s", np_service_name(f->app));
}

static void score_ports(struct score *sc, const np_flow *f)
{
	uint8_t proto = f->key.proto;
	uint16_t sp = f->key.sport, dp = f->key.dport;
	const char *ds = np_service_by_port(proto, dp), *ss = np_service_by_port(proto, sp);
	bool de = np_port_is_ephemeral(dp), se = np_port_is_ephemeral(sp);
	if (ds && !ss)
		note(sc, 3, "port:%s", ds);
	else if (ss && !ds)
		note(sc, -3, "port:%s", ss);
	else if (ds && ss && dp < sp)
		note(sc, 1, "port:%s", ds);
	else if (ds && ss && sp < dp)
		note(sc, -1, "port:%s", ss);
	/* Ephemeral ranges: the side in one is the client. Weaker for UDP,
	 * where media and games pick ports anywhere above 1024. */
	double ew = proto == 17 ? 0.75 : 1.5;
	if (se && !de && !(ss && !ds))
		note(sc, ew, "ephemeral-source", NULL);
	else if (de && !se && !(ds && !ss))
		note(sc, -ew, "ephemeral-destination", NULL);
	if (sp >= 1024 && dp < 1024 && !ds)
		note(sc, 1, "low-port", NULL);
	else if (dp >= 1024 && sp < 1024 && !ss)
		note(sc, -1, "low-port", NULL);
}

/* Many clients, or many client ports, meeting one endpoint. */
static double fanin_weight(const np_fanin *a)
{
	uint32_t n = a->peer_ports > a->peers ? a->peer_ports : a->peers;
	return n < 2 ? 0 : fmin(4.0, log2((double)n));
}

static void score_fanin(struct score *sc, const np_role_input *in)
{
	double w = fanin_weight(&in->rev_fanin) - fanin_weight(&in->fwd_fanin);
	char buf[12];
	if (w >= 1)
		note(sc, w, "fan-in:%s", u32_text(in->rev_fanin.peer_ports, buf));
	else if (w <= -1)
		note(sc, w, "fan-in:%s", u32_text(in->fwd_fanin.peer_ports, buf));
}

/* A first packet and its retries, no more: a SYN and the up to six
 * retransmissions Linux sends (tcp_syn_retries), none larger than a SYN
 * with every usual option. */
static bool probe_sized(const np_flow_dir *d, uint8_t family)
{
	uint32_t most = family == 4 ? 80 : 100;
	return d->packets <= 7 && d->bytes <= (uint64_t)most * d->packets;
}

bool np_role_answered(const np_flow *f, bool use_flags, const char **why)
{
	uint8_t fflags = f->fwd.initial_flags | f->fwd.session_flags;
	if (f->rev.packets == 0) {
		/* One direction only: unanswered, or the other direction took
		 * another path. A UDP answer is known by what it says (a DNS
		 * response, NTP mode 4); a TCP session by its size, or by ACKs
		 * of data this capture never saw. */
		*why = "no-answer";
		if (f->key.proto == 17)
			return f->app_side == 1;
		/* A SYN+ACK is a listening port's answer, alone or not. */
		if (f->key.proto == 6 && use_flags && is_synack(f->fwd.initial_flags))
			return true;
		/* A bare ACK and a reset from one side (a connect scan's close,
		 * or a client's abort, seen from mid-stream): the ACK
		 * acknowledged what the other side sent. A lone ACK is not (an
		 * ACK scan sends them), nor resets alone (a closed port's). The
		 * order is not asked: YAF's records of such a pair name the
		 * reset as the first packet. */
		uint8_t fi = f->fwd.initial_flags, fs = f->fwd.session_flags, hs = TH_SYN | TH_RST | TH_FIN | TH_ACK;
		bool bare_ack = (fi & hs) == TH_ACK || (f->fwd.packets == 2 && (fs & hs) == TH_ACK);
		if (f->key.proto == 6 && use_flags && bare_ack && (fflags & TH_RST) && !(fflags & TH_SYN))
			return true;
		if (f->key.proto == 6 && use_flags && syn_then_ack(f))
			return true;
		if (f->key.proto != 6 || probe_sized(&f->fwd, f->key.family))
			return false;
		return !use_flags || (fflags & TH_ACK);
	}
	if (f->key.proto != 6)
		return true;
	uint8_t rflags = f->rev.initial_flags | f->rev.session_flags;
	if (use_flags) {
		/* A SYN answered only by RST: a closed port. (A SYN+ACK the
		 * other side reset is an open port's answer to a scanner, seen
		 * from mid-stream.) */
		if ((fflags & TH_SYN) && !is_synack(f->fwd.initial_flags) && (rflags & TH_RST) && !(rflags & TH_SYN)) {
			*why = "reset";
			return false;
		}
		return true;
	}
	/* Without flags: a single bare TCP header (no options, no data) answering
	 * a short attempt is what a reset looks like; a SYN+ACK carries options. */
	uint32_t bare = f->key.family == 4 ? 40 : 60;
	if (f->rev.packets == 1 && f->rev.bytes == bare && f->fwd.packets <= 3) {
		*why = "reset-like";
		return false;
	}
	return true;
}

/* Media (RTP, RTCP): peers sending to each other, nobody serving. */
static bool is_media(const np_flow *f)
{
	const char *app = np_service_name(f->app);
	return app && !f->app_side && (!strcmp(app, "rtp") || !strcmp(app, "rtcp"));
}

/* A UDP flow sent one way and never answered. Toward the receiver: a
 * request in the payload (a syslog <PRI>, NTP mode 3, a DNS query, a trap,
 * flow export), or a payload of the port's own protocol (QUIC to 443); a
 * receive-only port, or any service port the sender is not on; sending
 * repeated over time (a probe is sent once, and its retries within a
 * second); several senders. For a request/response service (NTP, DNS,
 * QUIC) only when the sender is seen one way (nothing sent to it is in
 * the capture: otherwise its answer would be there) and so is every other
 * sender to it (one heard sender unanswered is a service that does not
 * answer), and never for one lone request (a probe's shape). Toward the sender: a service port sending
 * repeatedly to an ephemeral one is a server whose clients' packets took
 * another path. Below RECEIVE_MIN, no server: a lone packet to 514 or a
 * lone QUIC Initial is a probe. */
#define RECEIVE_MIN 3.0
/* Hosts one fixed UDP port keeps sending to, one way, to be a server. */
#define FANOUT_MIN 4

static void decide_one_way_udp(const np_role_input *in, np_role *out)
{
	const np_flow *f = in->flow;
	struct score sc = {0, out->evidence, sizeof(out->evidence)};
	uint16_t sp = f->key.sport, dp = f->key.dport;
	const char *ds = np_service_by_port(17, dp), *ss = np_service_by_port(17, sp);
	/* Repeated: within this flow, or in other flows (new source ports). */
	bool repeated = (f->fwd.packets >= 2 && f->fwd.last_us - f->fwd.first_us >= 1000000) ||
			in->rev_oneway.flows > in->rev_oneway.senders;
	const char *app = np_service_name(f->app);
	/* The sender serves, its clients' packets unseen: a service port
	 * sending repeatedly to an ephemeral one; or fan-out from one fixed
	 * port (a client picks a new port for each server it asks; one port
	 * that keeps sending to FANOUT_MIN hosts' client ports is a listening
	 * socket answering them). */
	bool service_out = ss && repeated;
	bool fan_out = in->rev_oneway.fwd_fanout >= FANOUT_MIN;
	if ((service_out || fan_out) && !ds && np_port_is_ephemeral(dp) && f->app_side != 2) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%u", in->rev_oneway.fwd_fanout);
		if (service_out)
			note(&sc, 0, "port:%s", ss);
		else
			note(&sc, 0, "fan-out:%s,fixed-port", buf);
		note(&sc, 0, "ephemeral-destination,repeated,one-way", NULL);
		out->server = NP_SIDE_FORWARD;
		out->confirmed = true;
		out->confidence = 0.8;
		return;
	}
	if (f->app_side == 2)
		note(&sc, 2, "payload:%s", app);
	else if (app && !f->app_side)
		note(&sc, 1, "payload:%s", app);
	if (np_port_is_receive_only(17, dp))
		note(&sc, 2, "receive-port:%s", ds);
	else if (ds && (!ss || sp == dp))
		note(&sc, 1, "port:%s", ds);
	if (repeated)
		note(&sc, 1, "repeated", NULL);
	if (repeated && f->fwd.packets >= 10 && f->fwd.last_us - f->fwd.first_us >= 2000000)
		note(&sc, 0.5, "sustained", NULL);
	if (np_port_is_ephemeral(sp) && !ss)
		note(&sc, 0.5, "ephemeral-source", NULL);
	if (in->rev_oneway.senders >= 2) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%u", in->rev_oneway.senders);
		note(&sc, fmin(3.0, log2((double)in->rev_oneway.senders)), "senders:%s", buf);
	}
	note(&sc, 0, "no-answer-seen", NULL);
	/* A request/response service whose client the capture hears from
	 * others: its answer would have been seen too, so none came. Only a
	 * receive-only service is a server without answering then. */
	bool receive_only = np_port_is_receive_only(17, dp) ||
			    (app && (!strcmp(app, "syslog") || !strcmp(app, "snmptrap") || !strcmp(app, "netflow") ||
				     !strcmp(app, "ipfix") || !strcmp(app, "sflow")));
	if (!receive_only &&
	    (in->rev_oneway.sender_heard || in->rev_oneway.heard_senders || (!repeated && in->rev_oneway.senders < 2)))
		sc.s = 0;
	if (sc.s < RECEIVE_MIN) {
		out->server = NP_SIDE_NONE;
		out->confidence = 1;
		snprintf(out->evidence, sizeof(out->evidence), "no-answer");
		return;
	}
	out->server = NP_SIDE_REVERSE;
	out->confirmed = false;
	out->confidence = fmin(NP_UNCONFIRMED_MAX, 1.0 / (1.0 + exp(-sc.s / 2)));
}

static void decide_none(np_role *out, double confidence, const char *why)
{
	out->server = NP_SIDE_NONE;
	out->confidence = confidence;
	struct score sc = {0, out->evidence, sizeof(out->evidence)};
	note(&sc, 0, "%s", why);
}

void np_role_decide(const np_role_input *in, np_role *out)
{
	const np_flow *f = in->flow;
	memset(out, 0, sizeof(*out));
	const char *why = NULL;
	if (f->key.proto != 6 && f->key.proto != 17) {
		decide_none(out, 1, (f->key.proto == 1 || f->key.proto == 58) ? "icmp" : "no-ports");
		return;
	}
	bool answered = np_role_answered(f, in->use_flags, &why);
	bool one_way_udp = !answered && f->key.proto == 17 && !f->rev.packets;
	if (!answered && !one_way_udp) {
		decide_none(out, 1, why);
		return;
	}
	if (one_way_udp && (in->rev_oneway.refused || in->rev_oneway.scanner)) {
		decide_none(out, 1, in->rev_oneway.refused ? "refused" : "scan");
		return;
	}
	if (is_media(f)) {
		char buf[32];
		snprintf(buf, sizeof(buf), "media,payload:%s", np_service_name(f->app));
		decide_none(out, 0.9, buf);
		return;
	}
	if (one_way_udp) {
		decide_one_way_udp(in, out);
		return;
	}
	struct score sc = {0, out->evidence, sizeof(out->evidence)};
	if (in->use_flags && f->key.proto == 6)
		score_handshake(&sc, f);
	score_payload(&sc, f);
	/* The same port on both sides (NTP 123, DNS 53, SIP 5060): both ends
	 * may serve other peers, so fan-in says nothing of this conversation,
	 * and the ports cancel. These are request/response protocols: who
	 * asks first is the client. */
	bool same_port = f->key.sport == f->key.dport;
	const char *same_svc = same_port ? np_service_by_port(f->key.proto, f->key.dport) : NULL;
	if (same_port)
		note(&sc, 0, "same-port", NULL);
	else
		score_fanin(&sc, in);
	score_ports(&sc, f);
	/* Seen one way, the only side seen is the first: no evidence. */
	if (f->rev.packets)
		note(&sc, same_svc ? 2 : 0.5, "first-sender", NULL);
	else
		note(&sc, 0, "one-way", NULL);
	double floor = f->key.proto == 6 ? MIN_SCORE_TCP : MIN_SCORE_UDP;
	if (fabs(sc.s) < floor) {
		/* Too little to tell: say so rather than guess, keeping what
		 * little there was after "undecided". */
		static const char pre[] = "undecided,";
		size_t pl = sizeof(pre) - 1, n = strlen(out->evidence);
		if (n + pl >= sizeof(out->evidence))
			n = sizeof(out->evidence) - pl - 1;
		memmove(out->evidence + pl, out->evidence, n);
		memcpy(out->evidence, pre, pl);
		out->evidence[pl + n] = '\0';
		out->server = NP_SIDE_NONE;
		out->confidence = 0.5;
		return;
	}
	out->server = sc.s >= 0 ? NP_SIDE_REVERSE : NP_SIDE_FORWARD;
	out->confidence = 1.0 / (1.0 + exp(-fabs(sc.s)));
	/* Confirmed: the server was seen sending. A TCP server seen only
	 * through its client's ACKs was not. */
	out->confirmed = (out->server == NP_SIDE_REVERSE ? f->rev.packets : f->fwd.packets) != 0;
	if (!out->confirmed && out->confidence > NP_UNCONFIRMED_MAX)
		out->confidence = NP_UNCONFIRMED_MAX;
}

/* What a query from the service's own port says of its sender (roles.h).
 * Not NTP's 123: ntpd polls from 123 as a client, serving or not. */
#define PEER_SERVES_CONFIDENCE 0.7

bool np_role_peer_serves(const np_flow *f, const np_role *role, np_role *peer)
{
	const char *app = f->app ? np_service_name(f->app) : NULL;
	if (role->server == NP_SIDE_NONE || f->key.proto != 17 || f->key.sport != 53 || f->key.dport != 53 ||
	    (app && strcmp(app, "dns") != 0))
		return false;
	memset(peer, 0, sizeof(*peer));
	peer->server = role->server == NP_SIDE_REVERSE ? NP_SIDE_FORWARD : NP_SIDE_REVERSE;
	peer->confirmed = false;
	peer->confidence = PEER_SERVES_CONFIDENCE;
	snprintf(peer->evidence, sizeof(peer->evidence), "asks-from-port:dns,same-port");
	return true;
}
