/*
 * tipc.c - TIPC, the Transparent Inter-Process Communication protocol
 * (ethertype 0x88ca), as tcpdump 4.99's print-tipc.c writes it: version,
 * addresses (zone.cluster.node) and ports, header and message sizes, the
 * user and message type; with -v the link-level fields of payload,
 * internal and neighbour-detection headers.
 *
 * Not for: TIPC over UDP or IB, the messages' contents.
 */
#include "print.h"

static const np_tok tipc_user_names[] = {
	{0, "Low Importance Data payload"},
	{1, "Medium Importance Data payload"},
	{2, "High Importance Data payload"},
	{3, "Critical Importance Data payload"},
	{5, "Broadcast Link Protocol internal"},
	{6, "Message Bundler Protocol internal"},
	{7, "Link State Protocol internal"},
	{8, "Connection Manager internal"},
	{10, "Link Changeover Protocol internal"},
	{11, "Name Table Update Protocol internal"},
	{12, "Message Fragmentation Protocol internal"},
	{13, "Neighbor Detection Protocol internal"},
	{0, NULL},
};

/* tcpdump's table has DIRECT and MCAST swapped; kept for its output. */
static const np_tok tipc_mtype_names[] = {
	{0, "CONN_MSG"}, {1, "MCAST_MSG"}, {2, "NAMED_MSG"}, {3, "DIRECT_MSG"}, {0, NULL},
};

static const np_tok tipc_linkconf_mtype_names[] = {{0, "Link request"}, {1, "Link response"}, {0, NULL}};

static uint32_t w(const uint8_t *p, int i)
{
	return np_load_be32(p + 4 * i);
}

/* zone.cluster.node */
static void tipc_addr(np_out *o, uint32_t a)
{
	out_fmt(o, "%u.%u.%u", a >> 24, (a >> 12) & 0xfff, a & 0xfff);
}

/* "TIPC vN.0 FROM > TO" of the node-level headers */
static void tipc_head(np_out *o, uint32_t w0, uint32_t from, uint32_t to)
{
	out_fmt(o, "TIPC v%u.0 ", w0 >> 29);
	tipc_addr(o, from);
	out_str(o, " > ");
	tipc_addr(o, to);
}

/* ", headerlength N bytes, MessageSize N bytes, USER, messageType TYPE" */
static void tipc_sizes(np_out *o, uint32_t w0, uint32_t mtype, const np_tok *mtypes)
{
	out_fmt(o, ", headerlength %u bytes, MessageSize %u bytes, %s, messageType %s", ((w0 >> 21) & 0xf) * 4,
		w0 & 0x1ffff, tok2str(tipc_user_names, "unknown", (w0 >> 25) & 0xf), tok2str(mtypes, "Unknown", mtype));
}

static void tipc_payload(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	NP_CHECK(p, pr->snapend, 24);
	uint32_t w0 = w(p, 0), w1 = w(p, 1), prev = w(p, 3);
	bool short_hdr = ((w0 >> 21) & 0xf) <= 6;
	if (!short_hdr)
		NP_CHECK(p, pr->snapend, 32);
	out_fmt(o, "TIPC v%u.0 ", w0 >> 29);
	tipc_addr(o, short_hdr ? prev : w(p, 6));
	out_fmt(o, ":%u > ", w(p, 4));
	if (!short_hdr) {
		tipc_addr(o, w(p, 7));
		out_char(o, ':');
	}
	out_u32(o, w(p, 5));
	tipc_sizes(o, w0, w1 >> 29, tipc_mtype_names);
	if (short_hdr || !pr->o.vflag)
		return;
	out_str(o, "\n\tPrevious Node ");
	tipc_addr(o, prev);
	out_fmt(o, ", Broadcast Ack %u, Link Ack %u, Link Sequence %u", w1 & 0xffff, w(p, 2) >> 16, w(p, 2) & 0xffff);
	return;
trunc:
	print_trunc_stop(pr);
}

static void tipc_internal(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	NP_CHECK(p, pr->snapend, 32);
	uint32_t w0 = w(p, 0), w1 = w(p, 1);
	tipc_head(o, w0, w(p, 6), w(p, 7));
	tipc_sizes(o, w0, w1 >> 29, tipc_mtype_names);
	out_fmt(o, " (0x%08x)", w1);
	if (!pr->o.vflag)
		return;
	NP_CHECK(p, pr->snapend, 40);
	uint32_t w2 = w(p, 2), w4 = w(p, 4), w9 = w(p, 9);
	out_str(o, "\n\tPrevious Node ");
	tipc_addr(o, w(p, 3));
	out_fmt(o,
		", Session No. %u, Broadcast Ack %u, Sequence Gap %u,  Broadcast Gap After %u, Broadcast Gap To %u, "
		"Last Sent Packet No. %u, Next sent Packet No. %u, Transport Sequence %u, msg_count %u, "
		"Link Tolerance %u",
		w(p, 5) >> 16, w1 & 0xffff, (w1 >> 16) & 0x1fff, w2 >> 16, w2 & 0xffff, w4 >> 16, w4 & 0xffff, w(p, 8),
		w9 >> 16, w9 & 0xffff);
	return;
trunc:
	print_trunc_stop(pr);
}

static void tipc_link_conf(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	NP_CHECK(p, pr->snapend, 16);
	uint32_t w0 = w(p, 0), w1 = w(p, 1);
	tipc_head(o, w0, w(p, 3), w(p, 2));
	tipc_sizes(o, w0, w1 >> 29, tipc_linkconf_mtype_names);
	if (!pr->o.vflag)
		return;
	NP_CHECK(p, pr->snapend, 24);
	out_fmt(o, "\n\tNodeSignature %u, network_id %u, media_id %u", w1 & 0xffff, w(p, 4), w(p, 5) & 0xff);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_tipc(np_printer *pr, const uint8_t *p)
{
	uint32_t w0;
	pr->protocol = "tipc";
	NP_GET_BE32(w0, p, pr->snapend);
	switch ((w0 >> 25) & 0xf) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 8:
	case 11: tipc_payload(pr, p); break;
	case 13: tipc_link_conf(pr, p); break;
	case 5:
	case 6:
	case 7:
	case 10:
	case 12: tipc_internal(pr, p); break;
	default: break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}
