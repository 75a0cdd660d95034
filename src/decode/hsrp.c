/*
 * hsrp.c - an HSRP version 0/1 message (RFC 2281, UDP 1985): group, state,
 * priority and virtual address, for the device list.
 * Not for: HSRPv2's TLVs, or printing (print/hsrp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_hsrp_parse(const uint8_t *p, const uint8_t *end, np_hsrp_info *out)
{
	*out = (np_hsrp_info){0};
	if (!np_has(p, end, 20))
		return false;
	out->version = p[0];
	out->opcode = p[1];
	out->state = p[2];
	out->priority = p[5];
	out->group = p[6];
	for (int i = 0; i < 4; i++)
		out->vip[i] = p[16 + i];
	return out->version == 0 && out->opcode <= 2;
}

const char *np_hsrp_state_name(uint8_t state)
{
	switch (state) {
	case 0: return "initial";
	case 1: return "learn";
	case 2: return "listen";
	case 4: return "speak";
	case 8: return "standby";
	case 16: return "active";
	default: return "unknown";
	}
}
