/*
 * cdp.c - a CDP message's device ID, platform, port and capabilities, for
 * the device list.
 * Not for: addresses, VTP, power, or printing (print/cdp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_cdp_parse(const uint8_t *p, const uint8_t *end, np_neighbor_info *out)
{
	*out = (np_neighbor_info){0};
	uint8_t ver;
	if (!np_get_u8(p, end, &ver) || (ver != 1 && ver != 2) || !np_has(p, end, 4))
		return false;
	p += 4; /* version, TTL, checksum */
	while (np_has(p, end, 4)) {
		uint16_t type = 0, len = 0;
		np_get_be16(p, end, &type);
		np_get_be16(p + 2, end, &len);
		if (len < 4 || !np_has(p, end, len))
			break;
		const uint8_t *v = p + 4;
		size_t vlen = len - 4u;
		switch (type) {
		case 0x01: np_ctl_text(out->name, sizeof(out->name), v, end, vlen); break;
		case 0x03: np_ctl_text(out->port, sizeof(out->port), v, end, vlen); break;
		case 0x06: np_ctl_text(out->platform, sizeof(out->platform), v, end, vlen); break;
		case 0x04: {
			uint32_t c;
			if (np_get_be32(v, end, &c)) {
				out->has_caps = true;
				if (c & 0x01)
					out->caps |= NP_CAP_ROUTER;
				if (c & 0x0e) /* transparent bridge, source-route bridge, switch */
					out->caps |= NP_CAP_BRIDGE;
				if (c & 0x10)
					out->caps |= NP_CAP_STATION;
			}
			break;
		}
		default: break;
		}
		p += len;
	}
	return out->name[0] != 0;
}
