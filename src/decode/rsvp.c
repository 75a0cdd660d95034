/*
 * rsvp.c - an RSVP message header (RFC 2205, IP protocol 46): version and
 * message type, for the device list (RSVP-TE is spoken by routers).
 * Not for: the objects, or printing (print/rsvp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_rsvp_parse(const uint8_t *p, const uint8_t *end, uint8_t *msg_type)
{
	*msg_type = 0;
	if (!np_has(p, end, 8))
		return false;
	uint8_t t = p[1];
	uint16_t len = np_load_be16(p + 6);
	*msg_type = t;
	bool known = (t >= 1 && t <= 7) || (t >= 12 && t <= 15) || t == 20;
	return p[0] >> 4 == 1 && known && len >= 8;
}
