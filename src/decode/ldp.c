/*
 * ldp.c - an LDP PDU (RFC 5036, UDP and TCP 646): the LSR ID, label space
 * and first message type, for the device list (an LDP speaker is a label
 * switching router).
 * Not for: the messages' TLVs, or printing (print/ldp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_ldp_parse(const uint8_t *p, const uint8_t *end, np_ldp_info *out)
{
	*out = (np_ldp_info){0};
	if (!np_has(p, end, 14))
		return false;
	uint16_t version = np_load_be16(p), pdu_len = np_load_be16(p + 2);
	for (int i = 0; i < 4; i++)
		out->lsr_id[i] = p[4 + i];
	out->label_space = np_load_be16(p + 8);
	out->msg_type = np_load_be16(p + 10) & 0x7fff;
	/* a PDU holds at least one message header (4 of the 10 header
	 * bytes are not counted in its length) */
	return version == 1 && pdu_len >= 6 + 4 && (out->lsr_id[0] | out->lsr_id[1] | out->lsr_id[2] | out->lsr_id[3]);
}
