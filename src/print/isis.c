/*
 * isis.c - IS-IS (ISO 10589, RFC 1195), NLPID 0x83, as tcpdump 4.99's
 * isis_print writes it: "IS-IS, L1 Lan IIH, src-id ..., length N", and
 * with -v the common header, the hello, LSP, CSNP and PSNP headers (the
 * LSP checksum verified) and every TLV tcpdump decodes: area addresses,
 * neighbours, padding, LSP entries, authentication, protocols, IPv4/IPv6
 * interface addresses, hostname, restart signalling, point-to-point
 * adjacency, purge originator, instance ID, checksum, SRLG, router
 * capability, multi-topology, vendor private...; -vv adds hex dumps.
 *
 * Not for: the reachability TLVs and sub-TLVs (isis_tlv.c), the NLPID
 * dispatch (isoclns.c).
 */
#include "osi.h"

#define ISIS_COMMON_LEN 8
#define IIH_LAN_LEN 19
#define IIH_PTP_LEN 12
#define LSP_HDR_LEN 19
#define CSNP_HDR_LEN 25
#define PSNP_HDR_LEN 9

static const np_tok isis_pdu_names[] = {
	{15, "L1 Lan IIH"}, {16, "L2 Lan IIH"}, {17, "p2p IIH"}, {18, "L1 LSP"},  {20, "L2 LSP"},
	{24, "L1 CSNP"},    {25, "L2 CSNP"},    {26, "L1 PSNP"}, {27, "L2 PSNP"}, {0, NULL},
};

static const np_tok isis_tlv_names[] = {
	{1, "Area address(es)"},
	{2, "IS Reachability"},
	{3, "ES Neighbor(s)"},
	{4, "Partition DIS"},
	{5, "Prefix Neighbors"},
	{6, "IS Neighbor(s)"},
	{7, "Instance Identifier"},
	{8, "Padding"},
	{9, "LSP entries"},
	{10, "Authentication"},
	{12, "Checksum"},
	{13, "Purge Originator Identifier"},
	{14, "LSP Buffersize"},
	{22, "Extended IS Reachability"},
	{24, "IS Alias ID"},
	{42, "DECnet Phase IV"},
	{66, "Lucent Proprietary"},
	{128, "IPv4 Internal Reachability"},
	{129, "Protocols supported"},
	{130, "IPv4 External Reachability"},
	{131, "Inter-Domain Information Type"},
	{132, "IPv4 Interface address(es)"},
	{133, "IPv4 authentication (deprecated)"},
	{134, "Traffic Engineering Router ID"},
	{135, "Extended IPv4 Reachability"},
	{138, "Shared Risk Link Group"},
	{143, "Multi-Topology-Aware Port Capability"},
	{144, "Multi-Topology Capability"},
	{176, "Nortel Proprietary"},
	{177, "Nortel Proprietary"},
	{137, "Hostname"},
	{211, "Restart Signaling"},
	{222, "Multi Topology IS Reachability"},
	{229, "Multi Topology"},
	{232, "IPv6 Interface address(es)"},
	{235, "Multi-Topology IPv4 Reachability"},
	{236, "IPv6 reachability"},
	{237, "Multi-Topology IP6 Reachability"},
	{240, "Point-to-point Adjacency State"},
	{241, "Hello PDU Sequence Number"},
	{242, "IS-IS Router Capability"},
	{250, "Vendor Private"},
	{0, NULL},
};

static const np_tok isis_circuit_type_names[] = {
	{1, "Level 1 only"}, {2, "Level 2 only"}, {3, "Level 1, Level 2"}, {0, NULL}};

static const np_tok isis_lsp_istype_names[] = {
	{0, "Unused 0x0 (invalid)"}, {1, "L1 IS"}, {2, "Unused 0x2 (invalid)"}, {3, "L2 IS"}, {0, NULL}};

static const np_tok isis_ptp_adj_names[] = {{0, "Up"}, {1, "Initializing"}, {2, "Down"}, {0, NULL}};

static const np_tok isis_restart_flag_names[] = {{0x1, "Restart Request"},
						 {0x2, "Restart Acknowledgement"},
						 {0x4, "Suppress adjacency advertisement"},
						 {0, NULL}};

static const np_tok isis_virtual_names[] = {{0, "IsNotVirtual"}, {1, "IsVirtual"}, {0, NULL}};

static const np_tok isis_auth_names[] = {
	{1, "simple text password"},
	{3, "Generic Crypto key-id"},
	{54, "HMAC-MD5 password"},
	{255, "Routing Domain private password"},
	{0, NULL},
};

static const np_tok isis_idrp_names[] = {
	{0, "Reserved"}, {1, "Routing-Domain Specific"}, {2, "AS Number Tag"}, {0, NULL}};

static const np_tok isis_router_cap_flag_names[] = {{0x01, "S bit"}, {0x02, "D bit"}, {0, NULL}};

/* What a TLV printer tells the TLV loop, in tcpdump's terms: carry on
 * (break / goto tlv_trunc), goto trunc, return 1, return 0. A stopped
 * packet (pr->stopped) ends everything whatever is returned. */
enum tlv_next { TLV_ON, TLV_TRUNC, TLV_RET1, TLV_RET0 };

/* The PDU being walked: its start (for the checksum and authentication
 * TLVs) and length as far as the TLVs go. */
struct isis_pdu {
	const uint8_t *start;
	uint32_t length;
};

static const char *const TLV_IDENT = "\n\t      ";

/* ---- the common and PDU headers ---- */

/* The common header's checks (tcpdump's order); false when it returns 0. */
static bool isis_common_ok(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	if (p[2] != 1) {
		out_fmt(o, "version %u packet not supported", p[2]);
		return false;
	}
	if (p[3] != OSI_SYSTEM_ID_LEN && p[3] != 0) {
		out_fmt(o, "system ID length of %u is not supported", p[3]);
		return false;
	}
	if (p[5] != 1) {
		out_fmt(o, "version %u packet not supported", p[5]);
		return false;
	}
	if (length < p[1]) {
		out_fmt(o, "fixed header length %u > packet length %u", p[1], length);
		return false;
	}
	if (p[1] < ISIS_COMMON_LEN) {
		out_fmt(o, "fixed header length %u < minimum header size %u", p[1], ISIS_COMMON_LEN);
		return false;
	}
	if (p[7] == 255) {
		out_str(o, "bad packet -- 255 areas");
		return false;
	}
	return true;
}

/* The fixed header of a PDU type: its length, and what a bogus fixed
 * length says; 0 for an unknown type. */
static uint32_t isis_fixed_len(uint8_t type, const char **bogus)
{
	*bogus = ", bogus fixed header length %u should be %u";
	switch (type) {
	case 15:
	case 16: return ISIS_COMMON_LEN + IIH_LAN_LEN;
	case 17: return ISIS_COMMON_LEN + IIH_PTP_LEN;
	case 18:
	case 20: return ISIS_COMMON_LEN + LSP_HDR_LEN;
	case 24:
	case 25: return ISIS_COMMON_LEN + CSNP_HDR_LEN;
	case 26:
	case 27: *bogus = "- bogus fixed header length %u should be %u"; return ISIS_COMMON_LEN + PSNP_HDR_LEN;
	default: return 0;
	}
}

/* The one-line (no -v) summary of a PDU header h (captured). */
static void isis_brief(np_printer *pr, uint8_t type, const uint8_t *h, uint32_t length)
{
	char a[24], b[24];
	switch (type) {
	case 15:
	case 16:
		osi_format_id(pr, h + 1, OSI_SYSTEM_ID_LEN, a);
		osi_format_id(pr, h + 12, OSI_NODE_ID_LEN, b);
		out_fmt(pr->out, ", src-id %s, lan-id %s, prio %u", a, b, h[11]);
		break;
	case 17:
		osi_format_id(pr, h + 1, OSI_SYSTEM_ID_LEN, a);
		out_fmt(pr->out, ", src-id %s", a);
		break;
	case 18:
	case 20:
		osi_format_id(pr, h + 4, OSI_LSP_ID_LEN, a);
		out_fmt(pr->out, ", lsp-id %s, seq 0x%08x, lifetime %5us", a, np_load_be32(h + 12),
			np_load_be16(h + 2));
		break;
	default:
		osi_format_id(pr, h + 2, OSI_NODE_ID_LEN, a);
		out_fmt(pr->out, ", src-id %s", a);
		break;
	}
	out_fmt(pr->out, ", length %u", length);
}

static void isis_lsp_flags(np_printer *pr, uint8_t tb)
{
	np_out *o = pr->out;
	out_str(o, tb & 0x04 ? "Overload bit set, " : "");
	if (tb & 0x78) {
		if (tb & 0x08)
			out_str(o, "default ");
		if (tb & 0x10)
			out_str(o, "delay ");
		if (tb & 0x20)
			out_str(o, "expense ");
		if (tb & 0x40)
			out_str(o, "error ");
		out_str(o, "ATT bit set, ");
	}
	out_str(o, tb & 0x80 ? "P bit set, " : "");
	out_fmt(o, "%s ]", tok2str(isis_lsp_istype_names, "Unknown(0x%x)", tb & 3));
}

/* The -v lines of a PDU header h (captured); pdu->length is cut to the
 * PDU length field where that is shorter. */
static void isis_header_verbose(np_printer *pr, uint8_t type, const uint8_t *h, struct isis_pdu *pdu)
{
	np_out *o = pr->out;
	char a[24], b[24], c[24];
	uint16_t pdu_len = np_load_be16(h + (type == 15 || type == 16 || type == 17 ? 9 : 0));
	if (pdu->length > pdu_len)
		pdu->length = pdu_len;
	switch (type) {
	case 15:
	case 16:
		osi_format_id(pr, h + 1, OSI_SYSTEM_ID_LEN, a);
		osi_format_id(pr, h + 12, OSI_NODE_ID_LEN, b);
		out_fmt(o, "\n\t  source-id: %s,  holding time: %us, Flags: [%s]", a, np_load_be16(h + 7),
			tok2str(isis_circuit_type_names, "unknown circuit type 0x%02x", h[0]));
		out_fmt(o, "\n\t  lan-id:    %s, Priority: %u, PDU length: %u", b, h[11] & 0x7f, pdu_len);
		break;
	case 17:
		osi_format_id(pr, h + 1, OSI_SYSTEM_ID_LEN, a);
		out_fmt(o, "\n\t  source-id: %s, holding time: %us, Flags: [%s]", a, np_load_be16(h + 7),
			tok2str(isis_circuit_type_names, "unknown circuit type 0x%02x", h[0]));
		out_fmt(o, "\n\t  circuit-id: 0x%02x, PDU length: %u", h[11], pdu_len);
		break;
	case 18:
	case 20: {
		uint16_t cksum = np_load_be16(h + 16);
		osi_format_id(pr, h + 4, OSI_LSP_ID_LEN, a);
		out_fmt(o, "\n\t  lsp-id: %s, seq: 0x%08x, lifetime: %5us\n\t  chksum: 0x%04x", a, np_load_be32(h + 12),
			np_load_be16(h + 2), cksum);
		print_osi_cksum(pr, h + 4, cksum, 12, pdu->length - 12);
		out_fmt(o, ", PDU length: %u, Flags: [ ", pdu_len);
		isis_lsp_flags(pr, h[18]);
		break;
	}
	case 24:
	case 25:
		osi_format_id(pr, h + 2, OSI_NODE_ID_LEN, a);
		osi_format_id(pr, h + 9, OSI_LSP_ID_LEN, b);
		osi_format_id(pr, h + 17, OSI_LSP_ID_LEN, c);
		out_fmt(o, "\n\t  source-id:    %s, PDU length: %u", a, pdu_len);
		out_fmt(o, "\n\t  start lsp-id: %s", b);
		out_fmt(o, "\n\t  end lsp-id:   %s", c);
		break;
	default:
		osi_format_id(pr, h + 2, OSI_NODE_ID_LEN, a);
		out_fmt(o, "\n\t  source-id:    %s, PDU length: %u", a, pdu_len);
		break;
	}
}

/* ---- the TLVs ---- */

static enum tlv_next tlv_area_addr(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	while (tlen != 0) {
		uint8_t alen;
		NP_GET_U8(alen, t, pr->snapend);
		t++;
		tlen--;
		if (tlen < alen)
			return TLV_ON;
		if (!np_has(t, pr->snapend, alen))
			goto trunc;
		out_fmt(pr->out, "\n\t      Area address (length: %u): ", alen);
		print_osi_nsap(pr, t, alen);
		t += alen;
		tlen -= alen;
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* Repeated system IDs (IS neighbours' SNPAs, partition DISs): lead before each. */
static enum tlv_next tlv_sysids(np_printer *pr, const uint8_t *t, uint8_t tlen, const char *lead)
{
	char id[24];
	for (; tlen != 0; t += 6, tlen -= 6) {
		if (tlen < 6)
			return TLV_ON;
		if (!osi_format_id(pr, t, OSI_SYSTEM_ID_LEN, id))
			return TLV_TRUNC;
		out_fmt(pr->out, "%s%s", lead, id);
	}
	return TLV_ON;
}

static enum tlv_next tlv_instance_id(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	if (tlen < 4)
		return TLV_ON;
	uint32_t n = (uint32_t)(tlen - 2) / 2;
	uint16_t v;
	NP_GET_BE16(v, t, pr->snapend);
	out_fmt(pr->out, "\n\t      Instance ID: %u, ITIDs(%u)%s ", v, n, n ? ":" : "");
	t += 2;
	for (uint32_t i = 0; i < n; i++, t += 2) {
		NP_GET_BE16(v, t, pr->snapend);
		out_fmt(pr->out, i + 1 < n ? "%u, " : "%u", v);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* TLVs 22, 24, 222 (extended IS reachability) and 135, 235, 236, 237
 * (extended IPv4/IPv6 reachability): entries one after the other, after
 * an MT ID for the multi-topology ones. */
static enum tlv_next tlv_reach(np_printer *pr, const uint8_t *t, uint8_t tlen, uint8_t type)
{
	if (type == 222 || type == 235 || type == 237) {
		uint32_t n = isis_mtid(pr, t, TLV_IDENT, tlen);
		if (n == 0)
			return TLV_TRUNC;
		t += n;
		tlen -= (uint8_t)n;
	}
	bool is = type == 22 || type == 24 || type == 222;
	while (tlen != 0) {
		uint32_t n = is ? isis_ext_is_reach(pr, t, TLV_IDENT, type, tlen)
				: isis_extd_ip_reach(pr, t, TLV_IDENT, type == 236 || type == 237);
		if (n == 0)
			return TLV_TRUNC;
		if (tlen < n) {
			out_fmt(pr->out, " [remaining tlv length %u < %u]", tlen, n);
			print_invalid(pr);
			break;
		}
		tlen -= (uint8_t)n;
		t += (uint8_t)n;
	}
	return TLV_ON;
}

/* TLVs 2 and 3: old-style IS and ES neighbours with their metric blocks. */
static enum tlv_next tlv_is_es_reach(np_printer *pr, const uint8_t *t, uint8_t tlen, bool is)
{
	uint32_t idlen = is ? OSI_NODE_ID_LEN : OSI_SYSTEM_ID_LEN, rec = 4 + idlen;
	char id[24];
	if (is) {
		uint8_t v;
		if (tlen < 1)
			return TLV_ON;
		NP_GET_U8(v, t, pr->snapend);
		out_fmt(pr->out, "\n\t      %s", tok2str(isis_virtual_names, "bogus virtual flag 0x%02x", v));
		t++;
		tlen--;
	}
	for (; tlen != 0; t += rec, tlen -= (uint8_t)rec) {
		if (tlen < rec)
			return TLV_ON;
		if (!np_has(t, pr->snapend, rec))
			return TLV_TRUNC;
		osi_format_id(pr, t + 4, idlen, id);
		out_fmt(pr->out, "\n\t      %s Neighbor: %s", is ? "IS" : "ES", id);
		isis_metric_block(pr, t);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* Addresses of size n (4 or 16) one a line. */
static enum tlv_next tlv_addrs(np_printer *pr, const uint8_t *t, uint8_t tlen, uint32_t n)
{
	for (; tlen != 0; t += n, tlen -= (uint8_t)n) {
		if (tlen < n)
			return TLV_ON;
		NP_CHECK(t, pr->snapend, n);
		out_fmt(pr->out, "\n\t      IPv%c interface address: ", n == 4 ? '4' : '6');
		if (n == 4)
			out_ipv4(pr->out, t);
		else
			out_ipv6(pr->out, t);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* Each captured byte as hex (the MD5 and generic crypto keys). */
static bool print_key_hex(np_printer *pr, const uint8_t *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t b;
		if (!np_get_u8(t + i, pr->snapend, &b))
			return false;
		out_fmt(pr->out, "%02x", b);
	}
	return true;
}

static enum tlv_next tlv_auth(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	uint8_t type;
	if (tlen < 1)
		return TLV_ON;
	NP_GET_U8(type, t, pr->snapend);
	t++;
	tlen--;
	out_fmt(pr->out, "\n\t      %s: ", tok2str(isis_auth_names, "unknown Authentication type 0x%02x", type));
	switch (type) {
	case 1:
		if (!print_text_nul(pr, t, tlen))
			goto trunc;
		break;
	case 54:
		if (!print_key_hex(pr, t, tlen))
			goto trunc;
		if (tlen != 16)
			out_str(pr->out, ", (invalid subTLV) ");
		out_str(pr->out, " (unchecked)"); /* no secret to check it with */
		break;
	case 3: {
		uint16_t key;
		if (tlen < 2)
			return TLV_ON;
		NP_GET_BE16(key, t, pr->snapend);
		out_fmt(pr->out, "%u, password: ", key);
		if (!print_key_hex(pr, t + 2, tlen - 2u))
			goto trunc;
		break;
	}
	default:
		if (!print_osi_unknown(pr, t, "\n\t\t  ", tlen))
			return TLV_RET0;
		break;
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* TLV 240: each field at its fixed place, printed when the length says it
 * is there (tcpdump's arithmetic). */
static enum tlv_next tlv_ptp_adj(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	np_out *o = pr->out;
	char id[24];
	uint32_t v;
	if (tlen >= 1) {
		uint8_t st;
		NP_GET_U8(st, t, pr->snapend);
		out_fmt(o, "\n\t      Adjacency State: %s (%u)", tok2str(isis_ptp_adj_names, "unknown", st), st);
		tlen--;
	}
	if (tlen > 4) {
		NP_GET_BE32(v, t + 1, pr->snapend);
		out_fmt(o, "\n\t      Extended Local circuit-ID: 0x%08x", v);
		tlen -= 4;
	}
	if (tlen >= 6) {
		if (!osi_format_id(pr, t + 5, OSI_SYSTEM_ID_LEN, id))
			return TLV_TRUNC;
		out_fmt(o, "\n\t      Neighbor System-ID: %s", id);
		tlen -= 6;
	}
	if (tlen >= 4) {
		NP_GET_BE32(v, t + 11, pr->snapend);
		out_fmt(o, "\n\t      Neighbor Extended Local circuit-ID: 0x%08x", v);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_protocols(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	out_str(pr->out, "\n\t      NLPID(s): ");
	for (; tlen != 0; t++, tlen--) {
		uint8_t n;
		NP_GET_U8(n, t, pr->snapend);
		out_fmt(pr->out, "%s (0x%02x)", tok2str(nlpid_names, "unknown", n), n);
		if (tlen > 1)
			out_str(pr->out, ", ");
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_mt_caps(np_printer *pr, const uint8_t *t, uint8_t tlen, bool port)
{
	uint16_t v;
	if (tlen < 2)
		return TLV_ON;
	NP_GET_BE16(v, t, pr->snapend);
	if (port) {
		out_fmt(pr->out, "\n\t       RES: %u, MTID(s): %u", v >> 12, v & 0xfff);
		if (tlen > 2)
			isis_mt_port_cap_subtlvs(pr, t + 2, tlen - 2u);
	} else {
		out_fmt(pr->out, "\n\t      O: %u, RES: %u, MTID(s): %u", (v >> 15) & 1, (v >> 12) & 7, v & 0xfff);
		if (tlen > 2)
			isis_mt_cap_subtlvs(pr, t + 2, tlen - 2u);
	}
	return pr->stopped ? TLV_RET1 : TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_srlg(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	np_out *o = pr->out;
	char id[24];
	uint8_t f;
	if (tlen < OSI_NODE_ID_LEN)
		return TLV_ON;
	if (!osi_format_id(pr, t, OSI_NODE_ID_LEN, id))
		return TLV_TRUNC;
	out_fmt(o, "\n\t      IS Neighbor: %s", id);
	t += OSI_NODE_ID_LEN;
	tlen -= OSI_NODE_ID_LEN;
	if (tlen < 1)
		return TLV_ON;
	NP_GET_U8(f, t, pr->snapend);
	out_fmt(o, ", Flags: [%s]", f & 1 ? "numbered" : "unnumbered");
	t++;
	tlen--;
	static const char *const names[] = {"interface", "neighbor"};
	for (int i = 0; i < 2; i++, t += 4, tlen -= 4) {
		if (tlen < 4)
			return TLV_ON;
		NP_CHECK(t, pr->snapend, 4);
		out_fmt(o, "\n\t      IPv4 %s address: ", names[i]);
		out_ipv4(o, t);
	}
	for (; tlen != 0; t += 4, tlen -= 4) {
		uint32_t v;
		if (tlen < 4)
			return TLV_ON;
		NP_GET_BE32(v, t, pr->snapend);
		out_fmt(o, "\n\t      Link-ID: 0x%08x", v);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* TLV 9: LSP entries, 16 bytes each. */
static enum tlv_next tlv_lsp_entries(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	np_out *o = pr->out;
	char id[24];
	for (; tlen != 0; t += 16, tlen -= 16) {
		uint32_t seq;
		uint16_t life, ck;
		if (tlen < 16)
			return TLV_ON;
		if (!osi_format_id(pr, t + 2, OSI_LSP_ID_LEN, id))
			return TLV_TRUNC;
		out_fmt(o, "\n\t      lsp-id: %s", id);
		NP_GET_BE32(seq, t + 10, pr->snapend);
		out_fmt(o, ", seq: 0x%08x", seq);
		NP_GET_BE16(life, t, pr->snapend);
		out_fmt(o, ", lifetime: %5ds", life);
		NP_GET_BE16(ck, t + 14, pr->snapend);
		out_fmt(o, ", chksum: 0x%04x", ck);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_poi(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	char id[24];
	uint8_t n;
	if (tlen < 1)
		return TLV_ON;
	NP_GET_U8(n, t, pr->snapend);
	t++;
	tlen--;
	if (n == 0) {
		out_str(pr->out, " No system IDs supplied");
		return TLV_ON;
	}
	if (tlen < 6)
		return TLV_ON;
	if (!osi_format_id(pr, t, OSI_SYSTEM_ID_LEN, id))
		return TLV_TRUNC;
	out_fmt(pr->out, "\n\t      Purge Originator System-ID: %s", id);
	t += 6;
	tlen -= 6;
	if (n > 1) {
		if (tlen < 6)
			return TLV_ON;
		if (!np_has(t, pr->snapend, 2 * OSI_SYSTEM_ID_LEN + 1))
			return TLV_TRUNC;
		osi_format_id(pr, t, OSI_SYSTEM_ID_LEN, id);
		out_fmt(pr->out, "\n\t      Received from System-ID: %s", id);
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_restart(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	char id[24];
	if (tlen < 1)
		return TLV_ON;
	if (!np_has(t, pr->snapend, 1))
		return TLV_TRUNC;
	out_str(pr->out, "\n\t      Flags [");
	print_bits(pr, isis_restart_flag_names, t[0], ", ", "none");
	out_char(pr->out, ']');
	t++;
	tlen--;
	if (tlen < 2)
		return TLV_ON;
	if (!np_has(t, pr->snapend, 2))
		return TLV_TRUNC;
	out_fmt(pr->out, ", Remaining holding time %us", np_load_be16(t));
	t += 2;
	tlen -= 2;
	if (tlen == OSI_SYSTEM_ID_LEN) {
		if (!osi_format_id(pr, t, OSI_SYSTEM_ID_LEN, id))
			return TLV_TRUNC;
		out_fmt(pr->out, ", for %s", id);
	}
	return TLV_ON;
}

static enum tlv_next tlv_idrp(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	uint8_t type;
	uint16_t as;
	if (tlen < 1)
		return TLV_ON;
	NP_GET_U8(type, t, pr->snapend);
	out_fmt(pr->out, "\n\t      Inter-Domain Information Type: %s",
		tok2str(isis_idrp_names, "Unknown (0x%02x)", type));
	t++;
	tlen--;
	if (type == 2) {
		if (tlen < 2)
			return TLV_ON;
		NP_GET_BE16(as, t, pr->snapend);
		out_fmt(pr->out, "AS Number: %u", as);
		return TLV_ON;
	}
	return print_osi_unknown(pr, t, TLV_IDENT, tlen) ? TLV_ON : TLV_RET0;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* TLV 5: a metric block, then ISO prefixes with their lengths in semi-octets. */
static enum tlv_next tlv_prefix_neigh(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	if (tlen < 4)
		return TLV_ON;
	if (!np_has(t, pr->snapend, 4))
		return TLV_TRUNC;
	out_str(pr->out, "\n\t      Metric Block");
	isis_metric_block(pr, t);
	t += 4;
	tlen -= 4;
	while (tlen != 0) {
		uint8_t plen;
		NP_GET_U8(plen, t, pr->snapend);
		t++;
		tlen--;
		if (plen < 2) {
			out_fmt(pr->out, "\n\t\tAddress: prefix length %u < 2", plen);
			break;
		}
		if (tlen < plen / 2)
			break;
		if (!np_has(t, pr->snapend, plen / 2u))
			goto trunc;
		out_str(pr->out, "\n\t\tAddress: ");
		print_osi_nsap(pr, t, plen / 2u);
		out_fmt(pr->out, "/%u", plen * 4u);
		t += plen / 2;
		tlen -= plen / 2;
	}
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_router_cap(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	if (tlen < 5) {
		out_fmt(pr->out, " [object length %u < 5]", tlen);
		print_invalid(pr);
		return TLV_ON;
	}
	uint8_t f;
	NP_CHECK(t, pr->snapend, 4);
	out_str(pr->out, "\n\t      Router-ID ");
	out_ipv4(pr->out, t);
	NP_GET_U8(f, t + 4, pr->snapend);
	out_str(pr->out, ", Flags [");
	print_bits(pr, isis_router_cap_flag_names, f, ", ", "none");
	out_char(pr->out, ']');
	if (tlen > 5)
		isis_router_cap_subtlvs(pr, t + 5, (uint8_t)(tlen - 5));
	return pr->stopped ? TLV_RET1 : TLV_ON;
trunc:
	/* tcpdump reads the address before printing the line */
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next tlv_vendor(np_printer *pr, const uint8_t *t, uint8_t tlen)
{
	uint32_t v;
	if (tlen < 3)
		return TLV_ON;
	NP_GET_BE24(v, t, pr->snapend);
	out_fmt(pr->out, "\n\t      Vendor: %s (%u)", tok2str(oui_names, "Unknown", v), v);
	if (tlen > 3 && !print_osi_unknown(pr, t + 3, "\n\t\t", tlen - 3u))
		return TLV_RET0;
	return TLV_ON;
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

/* A few small fixed TLVs: TE router ID, LSP buffer size, IIH sequence
 * number, the checksum TLV, the hostname. */
static enum tlv_next tlv_small(np_printer *pr, const uint8_t *t, uint8_t tlen, uint8_t type, const struct isis_pdu *pdu)
{
	uint16_t v16;
	uint32_t v32;
	switch (type) {
	case 134:
		if (tlen < 4)
			return TLV_ON;
		NP_CHECK(t, pr->snapend, 4);
		out_str(pr->out, "\n\t      Traffic Engineering Router ID: ");
		out_ipv4(pr->out, t);
		return TLV_ON;
	case 14:
		if (tlen < 2)
			return TLV_ON;
		NP_GET_BE16(v16, t, pr->snapend);
		out_fmt(pr->out, "\n\t      LSP Buffersize: %u", v16);
		return TLV_ON;
	case 241:
		if (tlen < 4)
			return TLV_ON;
		NP_GET_BE32(v32, t, pr->snapend);
		out_fmt(pr->out, "\n\t      Sequence number: %u", v32);
		return TLV_ON;
	case 12:
		if (tlen < 2)
			return TLV_ON;
		if (!np_has(t, pr->snapend, 2))
			return TLV_TRUNC;
		v16 = np_load_be16(t);
		out_fmt(pr->out, "\n\t      checksum: 0x%04x ", v16);
		print_osi_cksum(pr, pdu->start, v16, (int)(t - pdu->start), pdu->length);
		return TLV_ON;
	default: /* 137 */
		out_str(pr->out, "\n\t      Hostname: ");
		if (!print_text_nul(pr, t, tlen))
			goto trunc;
		return TLV_ON;
	}
trunc:
	print_trunc_stop(pr);
	return TLV_RET1;
}

static enum tlv_next isis_tlv(np_printer *pr, uint8_t type, const uint8_t *t, uint8_t tlen, const struct isis_pdu *pdu)
{
	switch (type) {
	case 1: return tlv_area_addr(pr, t, tlen);
	case 6: return tlv_sysids(pr, t, tlen, "\n\t      SNPA: ");
	case 4: return tlv_sysids(pr, t, tlen, TLV_IDENT);
	case 7: return tlv_instance_id(pr, t, tlen);
	case 8: return TLV_ON;
	case 2: return tlv_is_es_reach(pr, t, tlen, true);
	case 3: return tlv_is_es_reach(pr, t, tlen, false);
	case 128:
	case 130: return isis_ip_reach(pr, t, TLV_IDENT, tlen) ? TLV_ON : TLV_RET1;
	case 22:
	case 24:
	case 222:
	case 135:
	case 235:
	case 236:
	case 237: return tlv_reach(pr, t, tlen, type);
	case 232: return tlv_addrs(pr, t, tlen, 16);
	case 132: return tlv_addrs(pr, t, tlen, 4);
	case 10: return tlv_auth(pr, t, tlen);
	case 240: return tlv_ptp_adj(pr, t, tlen);
	case 129: return tlv_protocols(pr, t, tlen);
	case 143: return tlv_mt_caps(pr, t, tlen, true);
	case 144: return tlv_mt_caps(pr, t, tlen, false);
	case 138: return tlv_srlg(pr, t, tlen);
	case 9: return tlv_lsp_entries(pr, t, tlen);
	case 13: return tlv_poi(pr, t, tlen);
	case 229:
		while (tlen != 0) {
			if (tlen == 1) {
				out_str(pr->out, "\n\t      invalid MT-ID");
				break;
			}
			uint32_t n = isis_mtid(pr, t, TLV_IDENT, tlen);
			if (n == 0)
				return TLV_TRUNC;
			t += n;
			tlen -= (uint8_t)n;
		}
		return TLV_ON;
	case 211: return tlv_restart(pr, t, tlen);
	case 131: return tlv_idrp(pr, t, tlen);
	case 5: return tlv_prefix_neigh(pr, t, tlen);
	case 242: return tlv_router_cap(pr, t, tlen);
	case 250: return tlv_vendor(pr, t, tlen);
	case 134:
	case 14:
	case 241:
	case 12:
	case 137: return tlv_small(pr, t, tlen, type, pdu);
	default:
		if (pr->o.vflag <= 1 && !print_osi_unknown(pr, t, "\n\t\t", tlen))
			return TLV_RET0;
		return TLV_ON;
	}
}

/* The TLVs after the PDU header; tcpdump's isis_print result. */
static bool isis_tlvs(np_printer *pr, const uint8_t *p, uint32_t packet_len, const struct isis_pdu *pdu)
{
	while (packet_len > 0) {
		if (!np_has(p, pr->snapend, 2) || packet_len < 2)
			goto trunc;
		uint8_t type = p[0], len = p[1];
		p += 2;
		packet_len -= 2;
		out_fmt(pr->out, "\n\t    %s TLV #%u, length: %u", tok2str(isis_tlv_names, "unknown", type), type, len);
		if (packet_len < len)
			goto trunc;
		enum tlv_next n = isis_tlv(pr, type, p, len, pdu);
		if (pr->stopped || n == TLV_RET1)
			return true;
		if (n == TLV_RET0)
			return false;
		if (n == TLV_TRUNC)
			goto trunc;
		if (pr->o.vflag > 1 && !print_osi_unknown(pr, p, "\n\t      ", len))
			return false;
		p += len;
		packet_len -= len;
	}
	return true;
trunc:
	print_trunc(pr);
	return true;
}

bool print_isis(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "isis";
	if (!np_has(p, pr->snapend, ISIS_COMMON_LEN) || length < ISIS_COMMON_LEN) {
		print_trunc(pr);
		return true;
	}
	if (!pr->o.eflag)
		out_str(o, "IS-IS");
	if (!isis_common_ok(pr, p, length))
		return false;
	uint8_t type = p[4], fixed = p[1];
	uint32_t max_area = p[7] == 0 ? 3 : p[7];
	const char *sep = pr->o.eflag ? "" : ", ";
	if (pr->o.vflag == 0) {
		out_fmt(o, "%s%s", sep, tok2str(isis_pdu_names, "unknown PDU-Type %u", type));
	} else {
		out_fmt(o, "%slength %u", sep, length);
		out_fmt(o, "\n\t%s, hlen: %u, v: %u, pdu-v: %u, sys-id-len: %u (%u), max-area: %u (%u)",
			tok2str(isis_pdu_names, "unknown, type %u", type), fixed, p[2], p[5], OSI_SYSTEM_ID_LEN, p[3],
			max_area, p[7]);
		if (pr->o.vflag > 1 && !print_osi_unknown(pr, p, "\n\t", ISIS_COMMON_LEN))
			return false;
	}
	const char *bogus;
	uint32_t want = isis_fixed_len(type, &bogus);
	const uint8_t *h = p + ISIS_COMMON_LEN;
	if (want == 0) {
		if (pr->o.vflag == 0) {
			out_fmt(o, ", length %u", length);
			return true;
		}
		print_unknown_data(pr, h, "\n\t  ", length);
		return false;
	}
	if (fixed != want) {
		out_fmt(o, bogus, fixed, type == 18 || type == 20 ? LSP_HDR_LEN : want);
		return false;
	}
	if (!np_has(h, pr->snapend, want - ISIS_COMMON_LEN) || length < want) {
		print_trunc(pr);
		return true;
	}
	if (pr->o.vflag == 0) {
		isis_brief(pr, type, h, length);
		return true;
	}
	struct isis_pdu pdu = {p, length};
	isis_header_verbose(pr, type, h, &pdu);
	if (pr->o.vflag > 1 && !print_osi_unknown(pr, h, "\n\t  ", want - ISIS_COMMON_LEN))
		return false;
	if (pdu.length < want) {
		out_fmt(o, " [packet length %u < %u]", pdu.length, want);
		print_invalid(pr);
		return true;
	}
	return isis_tlvs(pr, p + want, pdu.length - want, &pdu);
}
