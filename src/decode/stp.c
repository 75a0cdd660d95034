/*
 * stp.c - the bridge and root IDs of an IEEE 802.1D/w/s BPDU (also as
 * Cisco's PVST+ sends it), for the device list.
 * For MSTP the bridge ID is the CIST bridge ID.
 * Not for: MSTI records, or printing (print/stp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_stp_parse(const uint8_t *p, const uint8_t *end, np_stp_info *out)
{
	uint16_t proto;
	*out = (np_stp_info){0};
	if (!np_get_be16(p, end, &proto) || proto != 0 || !np_get_u8(p + 2, end, &out->version) ||
	    !np_get_u8(p + 3, end, &out->type))
		return false;
	if (out->type == 0x80) /* topology change notification: no IDs */
		return true;
	if (out->type != 0x00 && out->type != 0x02)
		return false;
	if (!np_get_be64(p + 5, end, &out->root_id) || !np_get_be32(p + 13, end, &out->root_cost) ||
	    !np_get_be64(p + 17, end, &out->bridge_id) || !np_get_be16(p + 25, end, &out->port_id))
		return false;
	/* MSTP: offset 17 is the CIST regional root; the bridge's own ID
	 * follows the MST configuration identifier (802.1Q 14.6). */
	if (out->version >= 3 && out->type == 0x02)
		return np_get_be64(p + 93, end, &out->bridge_id);
	return true;
}
