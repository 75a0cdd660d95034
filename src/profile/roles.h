/*
 * roles.h - who is the server of one conversation, with a confidence and
 * the evidence that decided it.
 *
 * Evidence, strongest first: the TCP handshake (who sent SYN, who SYN+ACK);
 * what the payload says (a request line, a greeting, an NTP mode); fan-in
 * (one endpoint met by many clients or client ports); the port (a service
 * port against an ephemeral one); who sent first; and whether the
 * responder answered at all (a SYN answered by RST, a scan, a probe that
 * got an ICMP unreachable: no server). A UDP endpoint that is only sent
 * to is a server when the evidence says so -- a receive-only port (syslog,
 * SNMP traps, flow collectors), a request in the payload, repeated sending
 * over time, many senders -- listed as not confirmed, with a lower
 * confidence; a lone probe is not. They are added as log-odds into one
 * score, never one rule deciding alone. Without TCP flags (NetFlow/sFlow
 * records, or --no-flags) the handshake is left out.
 *
 * Not for: naming services (services.h), or storing anything (inventory.h).
 */
#ifndef NP_ROLES_H
#define NP_ROLES_H

#include <stdbool.h>
#include <stdint.h>

#include "../flow/flow.h"

/* What the rest of the run knows about an endpoint (address, proto, port):
 * its peers in answered conversations (np_role_answered), leaving out
 * peers on the same port number or on a registered service port (a scanner
 * meeting many services, an NTP client polling four servers from 123 is
 * fan-out, not fan-in). */
typedef struct np_fanin {
	uint32_t peers;      /* distinct peer addresses that talked with it */
	uint32_t peer_ports; /* distinct (peer, peer port) pairs */
	uint32_t flows;
} np_fanin;

/* What the run knows about an endpoint that was sent to and never
 * answered (a UDP receiver): receive-only services (syslog, SNMP traps,
 * flow collectors) and captures that see one direction only. */
typedef struct np_oneway {
	uint32_t senders;       /* distinct addresses sending to it unanswered (scanners left out) */
	uint32_t flows;         /* their unanswered flows to it (more than senders: someone came back) */
	bool refused;           /* its host sent this sender an ICMP unreachable */
	bool scanner;           /* this sender sent lone unanswered packets to many endpoints */
	bool sender_heard;      /* the capture sees packets sent to this sender (from anyone) */
	uint32_t heard_senders; /* of its senders, those the capture sees packets sent to */
	uint32_t fwd_fanout;    /* hosts the sender keeps sending to one way from this port (client ports) */
} np_oneway;

enum np_server_side { NP_SIDE_NONE = 0, NP_SIDE_FORWARD = 1, NP_SIDE_REVERSE = 2 };

typedef struct np_role {
	uint8_t server;    /* enum np_server_side: which endpoint of the flow key serves */
	bool confirmed;    /* the server was seen sending (an answer); false: only sent to */
	double confidence; /* 0.5 .. 1; at most NP_UNCONFIRMED_MAX when not confirmed */
	char evidence[192];
} np_role;

typedef struct np_role_input {
	const np_flow *flow;
	bool use_flags;       /* the handshake may be used */
	np_fanin fwd_fanin;   /* of the forward endpoint (src, sport) */
	np_fanin rev_fanin;   /* of the reverse endpoint (dst, dport) */
	np_oneway rev_oneway; /* of the reverse endpoint, for an unanswered UDP flow */
} np_role_input;

/* The highest confidence of a server no answer of which was seen. */
#define NP_UNCONFIRMED_MAX 0.85

/* server = NP_SIDE_NONE when nobody serves: no answer, a reset, a probe,
 * ICMP, a media stream (RTP), or evidence too weak to tell ("undecided",
 * confidence 0.5) -- "no server" rather than a guess. */
void np_role_decide(const np_role_input *in, np_role *out);

/* The client of a decided conversation serves too, on the port it asked
 * from: a DNS query sent from port 53 (only a DNS server -- a resolver or
 * forwarder with BIND's query-source port 53 -- asks from there; a stub
 * resolver asks from a random port). Fills *peer (server NP_SIDE_FORWARD
 * or NP_SIDE_REVERSE: the client's side, not confirmed) and returns true;
 * false for any other conversation. */
bool np_role_peer_serves(const np_flow *f, const np_role *role, np_role *peer);

/* Whether the conversation shows a responder at all (both directions, or
 * one direction that is a session rather than a probe); false with the
 * reason in *why ("no-answer", "reset", "reset-like", "probe"). */
bool np_role_answered(const np_flow *f, bool use_flags, const char **why);

#endif
