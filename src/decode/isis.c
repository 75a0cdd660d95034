/*
 * isis.c - what an IS-IS PDU (ISO 10589) says about the router that sent
 * it: its system ID (a hello's or SNP's source ID, or an LSP's
 * originator), the levels it runs, the first area address and the
 * hostname (RFC 5301) of the TLVs. Fills np_isis_info (ctlproto.h).
 *
 * Not for: printing IS-IS (print/isis.c), or deciding roles
 * (profile/devices.c).
 */
#include <string.h>

#include "../util/bytes.h"
#include "ctlproto.h"

#define ISIS_COMMON_LEN 8

/* The fixed header length of a PDU type, 0 when unknown; *levels the
 * levels the type itself names (a hello's circuit type adds to it). */
static uint32_t isis_fixed(uint8_t type, uint8_t *levels)
{
	switch (type) {
	case 15: *levels = 1; return 27; /* L1 LAN hello */
	case 16: *levels = 2; return 27; /* L2 LAN hello */
	case 17: *levels = 0; return 20; /* point-to-point hello */
	case 18: *levels = 1; return 27; /* L1 LSP */
	case 20: *levels = 2; return 27; /* L2 LSP */
	case 24: *levels = 1; return 33; /* L1 CSNP */
	case 25: *levels = 2; return 33; /* L2 CSNP */
	case 26: *levels = 1; return 17; /* L1 PSNP */
	case 27: *levels = 2; return 17; /* L2 PSNP */
	default: return 0;
	}
}

/* Area address (TLV 1) and hostname (TLV 137) from the TLVs in [t, end). */
static void isis_names(const uint8_t *t, const uint8_t *end, np_isis_info *out)
{
	while (np_has(t, end, 2)) {
		uint8_t type = t[0], len = t[1];
		const uint8_t *v = t + 2;
		if (!np_has(v, end, len))
			return;
		if (type == 137 && !out->hostname[0])
			np_ctl_text(out->hostname, sizeof(out->hostname), v, v + len, len);
		if (type == 1 && out->area_len == 0 && len >= 1 && v[0] >= 1 && v[0] <= sizeof(out->area) &&
		    v[0] < len) {
			out->area_len = v[0];
			memcpy(out->area, v + 1, v[0]);
		}
		t = v + len;
	}
}

bool np_isis_parse(const uint8_t *p, const uint8_t *end, np_isis_info *out)
{
	memset(out, 0, sizeof(*out));
	if (!np_has(p, end, ISIS_COMMON_LEN) || p[0] != 0x83 || p[2] != 1 || (p[3] != 0 && p[3] != 6) || p[5] != 1)
		return false;
	uint8_t type = p[4] & 0x1f, levels;
	uint32_t fixed = isis_fixed(type, &levels);
	if (fixed == 0 || p[1] != fixed || !np_has(p, end, fixed))
		return false;
	const uint8_t *h = p + ISIS_COMMON_LEN;
	uint16_t pdu_len;
	out->pdu_type = type;
	switch (type) {
	case 15:
	case 16:
	case 17:
		memcpy(out->system_id, h + 1, 6);
		out->levels = (uint8_t)(levels | (h[0] & 3));
		pdu_len = np_load_be16(h + 9);
		break;
	case 18:
	case 20:
		memcpy(out->system_id, h + 4, 6);
		out->from_lsp = true;
		out->pseudonode = h[10] != 0;
		out->levels = levels;
		pdu_len = np_load_be16(h);
		break;
	default:
		memcpy(out->system_id, h + 2, 6);
		out->levels = levels;
		pdu_len = np_load_be16(h);
		break;
	}
	const uint8_t *tend = pdu_len >= fixed && np_has(p, end, pdu_len) ? p + pdu_len : end;
	isis_names(p + fixed, tend, out);
	return true;
}
