/*
 * lldp.c - an LLDPDU's system name, system description, port and enabled
 * capabilities (IEEE 802.1AB), for the device list.
 * Not for: the organisational TLVs, or printing (print/lldp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_lldp_parse(const uint8_t *p, const uint8_t *end, np_neighbor_info *out)
{
	*out = (np_neighbor_info){0};
	bool chassis = false;
	while (np_has(p, end, 2)) {
		uint16_t tl = 0;
		np_get_be16(p, end, &tl);
		uint8_t type = (uint8_t)(tl >> 9);
		uint16_t len = tl & 0x1ff;
		const uint8_t *v = p + 2;
		if (!np_has(v, end, len))
			break;
		switch (type) {
		case 0: return chassis; /* end of LLDPDU */
		case 1: chassis = true; break;
		case 2: /* port ID: a subtype, then the ID; text for most subtypes */
			if (len > 1 && !out->port[0])
				np_ctl_text(out->port, sizeof(out->port), v + 1, end, len - 1u);
			break;
		case 4: /* port description: preferred over a MAC-style port ID */
			np_ctl_text(out->port, sizeof(out->port), v, end, len);
			break;
		case 5: np_ctl_text(out->name, sizeof(out->name), v, end, len); break;
		case 6: np_ctl_text(out->platform, sizeof(out->platform), v, end, len); break;
		case 7: {
			uint16_t en;
			if (len >= 4 && np_get_be16(v + 2, end, &en)) {
				out->has_caps = true;
				if (en & 0x0010)
					out->caps |= NP_CAP_ROUTER;
				if (en & 0x0004)
					out->caps |= NP_CAP_BRIDGE;
				if (en & 0x0080)
					out->caps |= NP_CAP_STATION;
			}
			break;
		}
		default: break;
		}
		p = v + len;
	}
	return chassis;
}
