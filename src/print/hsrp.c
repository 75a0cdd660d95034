/*
 * hsrp.c - Cisco Hot Standby Router Protocol text (RFC 2281, versions 0
 * and 1 as tcpdump 4.99's print-hsrp.c writes them): "HSRPv0-hello 20:
 * state=active group=1 addr=10.0.0.1", and with -v the timers, priority and
 * the authentication string.
 *
 * Not for: HSRPv2's TLV format (tcpdump prints only "HSRPv2" for it too).
 */
#include "print.h"

#define HSRP_AUTH_LEN 8

/* RFC 2281 section 5 layout, byte offsets. */
enum {
	HSRP_VERSION = 0,
	HSRP_OPCODE = 1,
	HSRP_STATE = 2,
	HSRP_HELLOTIME = 3,
	HSRP_HOLDTIME = 4,
	HSRP_PRIORITY = 5,
	HSRP_GROUP = 6,
	HSRP_RESERVED = 7,
	HSRP_AUTHDATA = 8,
	HSRP_VIRTADDR = 16,
};

static const np_tok hsrp_opcode_names[] = {{0, "hello"}, {1, "coup"}, {2, "resign"}, {0, NULL}};

static const np_tok hsrp_state_names[] = {
	{0, "initial"}, {1, "learn"}, {2, "listen"}, {4, "speak"}, {8, "standby"}, {16, "active"}, {0, NULL},
};

void print_hsrp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t version, opcode, state, group, reserved, hello, hold, prio;
	pr->protocol = "hsrp";
	NP_GET_U8(version, p + HSRP_VERSION, end);
	out_fmt(o, "HSRPv%u", version);
	if (version != 0)
		return;
	out_char(o, '-');
	NP_GET_U8(opcode, p + HSRP_OPCODE, end);
	out_fmt(o, "%s ", tok2str(hsrp_opcode_names, "unknown (%u)", opcode));
	out_fmt(o, "%u: ", length);
	NP_GET_U8(state, p + HSRP_STATE, end);
	out_fmt(o, "state=%s ", tok2str(hsrp_state_names, "Unknown (%u)", state));
	NP_GET_U8(group, p + HSRP_GROUP, end);
	out_fmt(o, "group=%u ", group);
	NP_GET_U8(reserved, p + HSRP_RESERVED, end);
	if (reserved != 0)
		out_fmt(o, "[reserved=%u!] ", reserved);
	NP_CHECK(p + HSRP_VIRTADDR, end, 4);
	out_str(o, "addr=");
	out_ipv4(o, p + HSRP_VIRTADDR);
	if (!pr->o.vflag)
		return;
	NP_GET_U8(hello, p + HSRP_HELLOTIME, end);
	out_str(o, " hellotime=");
	print_relts(pr, hello);
	NP_GET_U8(hold, p + HSRP_HOLDTIME, end);
	out_str(o, " holdtime=");
	print_relts(pr, hold);
	NP_GET_U8(prio, p + HSRP_PRIORITY, end);
	out_fmt(o, " priority=%u", prio);
	out_str(o, " auth=\"");
	/* zero-padded text (RFC 2281 5.1): up to the first NUL */
	if (!print_text_nul(pr, p + HSRP_AUTHDATA, HSRP_AUTH_LEN))
		goto trunc;
	out_char(o, '"');
	return;
trunc:
	print_trunc_stop(pr);
}
