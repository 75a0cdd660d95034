/*
 * vrrp.c - a VRRP advertisement (RFC 3768 v2, RFC 5798 v3, IP protocol
 * 112): virtual router ID, priority and first virtual address, for the
 * device list. Only the master advertises.
 * Not for: authentication, or printing (print/vrrp.c).
 */
#include "../util/bytes.h"
#include "ctlproto.h"

bool np_vrrp_parse(const uint8_t *p, const uint8_t *end, bool ip6, np_vrrp_info *out)
{
	*out = (np_vrrp_info){0};
	uint8_t vt;
	if (!np_get_u8(p, end, &vt) || !np_has(p, end, 8))
		return false;
	out->version = vt >> 4;
	out->type = vt & 0x0f;
	out->vrid = p[1];
	out->priority = p[2];
	out->naddr = p[3];
	if ((out->version != 2 && out->version != 3) || out->type != 1)
		return false;
	size_t asz = ip6 ? 16 : 4;
	if (out->naddr && np_has(p + 8, end, asz))
		out->addr = p + 8;
	return true;
}
