/*
 * roles.h - who is the server of one conversation, with a confidence and
 * the evidence that decided it.
 *
 * Evidence, strongest first: the TCP handshake (who sent SYN, who SYN+ACK);
 * what the payload says (a request line, a greeting, an NTP mode); fan-in
 * (one endpoint met by many clients or client ports); the port (a service
 * port against an ephemeral one); who sent first; and whether the
 * responder answered at all (a UDP "server" that never replies, a SYN
 * answered by RST, a scan: no server). They are added as log-odds into one
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

/* What the rest of the run knows about an endpoint (address, proto, port). */
typedef struct np_fanin {
	uint32_t peers;      /* distinct peer addresses that talked with it */
	uint32_t peer_ports; /* distinct (peer, peer port) pairs */
	uint32_t flows;
} np_fanin;

enum np_server_side { NP_SIDE_NONE = 0, NP_SIDE_FORWARD = 1, NP_SIDE_REVERSE = 2 };

typedef struct np_role {
	uint8_t server;    /* enum np_server_side: which endpoint of the flow key serves */
	double confidence; /* 0.5 .. 1 */
	char evidence[192];
} np_role;

typedef struct np_role_input {
	const np_flow *flow;
	bool use_flags;         /* the handshake may be used */
	np_fanin fwd_fanin;     /* of the forward endpoint (src, sport) */
	np_fanin rev_fanin;     /* of the reverse endpoint (dst, dport) */
} np_role_input;

void np_role_decide(const np_role_input *in, np_role *out);

#endif
