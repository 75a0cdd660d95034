/*
 * isis_tlv.c - the IS-IS TLVs that carry sub-TLVs or repeated records, as
 * tcpdump 4.99's print-isoclns.c writes them: extended IS reachability
 * (RFC 5305 TE sub-TLVs, GMPLS, SPB metric, RFC 8667 LAN adjacency SIDs),
 * extended and multi-topology IPv4/IPv6 reachability with their sub-TLVs
 * (admin tags, prefix SIDs), the old-style IPv4 reachability, the router
 * capability's SR sub-TLVs, and SPB's MT port and MT capability sub-TLVs.
 *
 * tcpdump's length bookkeeping is kept as it is, quirks included (the
 * byte counts that run past a TLV, the sub-TLV lengths that wrap), since
 * the output must match.
 *
 * Not for: the PDU headers and the TLV loop (isis.c).
 */
#include <stdio.h>
#include <string.h>

#include "osi.h"

static const np_tok ext_is_subtlv_names[] = {
	{3, "Administrative groups"},
	{4, "Link Local/Remote Identifier"},
	{5, "Link Remote Identifier"},
	{6, "IPv4 interface address"},
	{8, "IPv4 neighbor address"},
	{9, "Maximum link bandwidth"},
	{10, "Reservable link bandwidth"},
	{11, "Unreserved bandwidth"},
	{18, "Traffic Engineering Metric"},
	{19, "Link Attribute"},
	{20, "Link Protection Type"},
	{21, "Interface Switching Capability"},
	{12, "Bandwidth Constraints (old)"},
	{22, "Bandwidth Constraints"},
	{32, "LAN Adjacency Segment Identifier"},
	{29, "SPB Metric"},
	{250, "Reserved for cisco specific extensions"},
	{251, "Reserved for cisco specific extensions"},
	{252, "Reserved for cisco specific extensions"},
	{253, "Reserved for cisco specific extensions"},
	{254, "Reserved for cisco specific extensions"},
	{255, "Reserved for future expansion"},
	{0, NULL},
};

static const np_tok ext_ip_subtlv_names[] = {
	{1, "32-Bit Administrative tag"},
	{2, "64-Bit Administrative tag"},
	{3, "Prefix SID"},
	{117, "Management Prefix Color"},
	{0, NULL},
};

static const np_tok prefix_sid_flag_names[] = {
	{0x80, "Readvertisement"}, {0x40, "Node"},  {0x20, "No-PHP"}, {0x10, "Explicit NULL"},
	{0x08, "Value"},           {0x04, "Local"}, {0, NULL},
};

static const np_tok prefix_sid_algo_names[] = {{0, "SPF"}, {1, "strict-SPF"}, {0, NULL}};

static const np_tok link_attribute_names[] = {
	{0x01, "Local Protection Available"},
	{0x02, "Link excluded from local protection path"},
	{0x04, "Local maintenance required"},
	{0, NULL},
};

static const np_tok lan_adj_sid_flag_names[] = {
	{0x80, "Address family IPv6"}, {0x40, "Backup"},     {0x20, "Value"}, {0x10, "Local significance"},
	{0x08, "Set of adjacencies"},  {0x04, "Persistent"}, {0, NULL},
};

static const np_tok mt_names[] = {
	{0, "IPv4 unicast"},
	{1, "In-Band Management"},
	{2, "IPv6 unicast"},
	{3, "Multicast"},
	{4095, "Development, Experimental or Proprietary"},
	{0, NULL},
};

static const np_tok mt_flag_names[] = {{0x4000, "ATT bit set"}, {0x8000, "Overload bit set"}, {0, NULL}};

static const np_tok router_cap_subtlv_names[] = {{2, "SR-Capabilities"}, {0, NULL}};
static const np_tok router_cap_sr_flag_names[] = {{0x80, "ipv4"}, {0x40, "ipv6"}, {0, NULL}};

static const np_tok mt_port_cap_subtlv_names[] = {{4, "SPB MCID"}, {5, "SPB Digest"}, {6, "SPB BVID"}, {0, NULL}};
static const np_tok mt_cap_subtlv_names[] = {
	{1, "SPB Instance"}, {3, "SPBM Service Identifier and Unicast Address"}, {0, NULL}};

/* lead, the bit names in brackets, tail (tcpdump's bittok2str). */
static void print_flags(np_printer *pr, const char *lead, const np_tok *t, uint32_t v, const char *none,
			const char *tail)
{
	out_str(pr->out, lead);
	print_bits(pr, t, v, ", ", none);
	out_str(pr->out, tail);
}

static const char *ie(uint8_t m)
{
	return m & 0x40 ? "External" : "Internal";
}

void isis_metric_block(np_printer *pr, const uint8_t *m)
{
	static const char *const names[] = {"Delay", "Expense", "Error"};
	out_fmt(pr->out, ", Default Metric: %u, %s", m[0] & 0x3f, ie(m[0]));
	for (int i = 1; i < 4; i++)
		if (!(m[i] & 0x80))
			out_fmt(pr->out, "\n\t\t  %s Metric: %u, %s", names[i - 1], m[i] & 0x3f, ie(m[i]));
}

/* tcpdump's mask2plen: the prefix length of a contiguous mask, else -1. */
static int mask_plen(uint32_t mask)
{
	for (int plen = 32; plen >= 0; plen--)
		if ((plen == 0 ? 0u : 0xffffffffu << (32 - plen)) == mask)
			return plen;
	return -1;
}

static void ipv4_text(const uint8_t *a, char *buf, size_t n)
{
	snprintf(buf, n, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

bool isis_ip_reach(np_printer *pr, const uint8_t *t, const char *ident, uint32_t length)
{
	static const char *const names[] = {"Delay", "Expense", "Error"};
	np_out *o = pr->out;
	while (length > 0) {
		if (length < 12) {
			out_fmt(o, "short IPv4 Reachability (%u vs 12)", length);
			return false;
		}
		if (!np_has(t, pr->snapend, 12))
			return false;
		char pfx[16];
		ipv4_text(t + 4, pfx, sizeof(pfx));
		int plen = mask_plen(np_load_be32(t + 8));
		if (plen == -1) {
			out_fmt(o, "%sIPv4 prefix: %s mask ", ident, pfx);
			out_ipv4(o, t + 8);
		} else {
			out_fmt(o, "%sIPv4 prefix: %15s/%u", ident, pfx, plen);
		}
		out_fmt(o, ", Distribution: %s, Metric: %u, %s", t[0] & 0x80 ? "down" : "up", t[0] & 0x3f, ie(t[0]));
		for (int i = 1; i < 4; i++)
			if (!(t[i] & 0x80))
				out_fmt(o, "%s  %s Metric: %u, %s", ident, names[i - 1], t[i] & 0x3f, ie(t[i]));
		length -= 12;
		t += 12;
	}
	return true;
}

/* The walk over one extended IS reachability's sub-TLVs, in tcpdump's
 * variables (it moves some counters and not others, and so does this). */
struct is_walk {
	const uint8_t *t;
	uint32_t remaining, sum, len, proc;
};

static void walk_skip(struct is_walk *w, uint32_t n)
{
	w->t += n;
	w->len -= n;
	w->sum -= n;
	w->proc += n;
}

/* Interface switching capability (RFC 4205), len >= 36 and captured. */
static bool print_intf_sw_cap(np_printer *pr, struct is_walk *w, const char *ident)
{
	np_out *o = pr->out;
	uint8_t cap = w->t[0];
	out_fmt(o, "%s  Interface Switching Capability:%s", ident, tok2str(gmpls_switch_cap_names, "Unknown", cap));
	out_fmt(o, ", LSP Encoding: %s", tok2str(gmpls_encoding_names, "Unknown", w->t[1]));
	walk_skip(w, 4);
	out_fmt(o, "%s  Max LSP Bandwidth:", ident);
	for (unsigned prio = 0; prio < 8; prio++) {
		char lead[96];
		snprintf(lead, sizeof(lead), "%s    priority level %u: ", ident, prio);
		print_te_bw(pr, lead, np_load_be32(w->t));
		walk_skip(w, 4);
	}
	char lead[96];
	switch (cap) {
	case 1:
	case 2:
	case 3:
	case 4:
		if (w->len < 6)
			break;
		snprintf(lead, sizeof(lead), "%s  Min LSP Bandwidth: ", ident);
		print_te_bw(pr, lead, np_load_be32(w->t));
		out_fmt(o, "%s  Interface MTU: %u", ident, np_load_be16(w->t + 4));
		break;
	case 100:
		if (w->len < 8)
			break;
		snprintf(lead, sizeof(lead), "%s  Min LSP Bandwidth: ", ident);
		print_te_bw(pr, lead, np_load_be32(w->t));
		out_fmt(o, "%s  Indication %s", ident, tok2str(gmpls_tsc_indication_names, "Unknown (%u)", w->t[4]));
		break;
	default:
		if (w->len != 0 && !print_osi_unknown(pr, w->t, "\n\t\t    ", w->len))
			return false;
	}
	return true;
}

/* LAN adjacency SID (RFC 8667), len >= 8 and captured; false when the
 * packet stopped. */
static bool print_lan_adj_sid(np_printer *pr, struct is_walk *w, const char *ident)
{
	np_out *o = pr->out;
	uint8_t flags = w->t[0];
	char lead[64];
	snprintf(lead, sizeof(lead), "%s  Flags: [", ident);
	print_flags(pr, lead, lan_adj_sid_flag_names, flags, "none", "]");
	bool v = flags & 0x20, l = flags & 0x10;
	walk_skip(w, 1);
	out_fmt(o, "%s  Weight: %u", ident, w->t[0]);
	walk_skip(w, 1);
	char id[24];
	if (w->len >= OSI_SYSTEM_ID_LEN) {
		if (!osi_format_id(pr, w->t, OSI_SYSTEM_ID_LEN, id))
			return false;
		out_fmt(o, "%s  Neighbor System-ID: %s", ident, id);
	}
	uint32_t sid;
	if (v && l) {
		if (!np_get_be24(w->t + OSI_SYSTEM_ID_LEN, pr->snapend, &sid))
			return false;
		out_fmt(o, "%s  Label: %u", ident, sid);
	} else if (!v && !l) {
		if (!np_get_be32(w->t + OSI_SYSTEM_ID_LEN, pr->snapend, &sid))
			return false;
		out_fmt(o, "%s  Index: %u", ident, sid);
	} else {
		print_invalid(pr);
	}
	return true;
}

/* One sub-TLV's value, w->len bytes captured at w->t. False when tcpdump
 * gives up on the TLV (pr->stopped if the packet stopped). */
static bool print_ext_is_subtlv(np_printer *pr, uint8_t type, struct is_walk *w, const char *ident)
{
	np_out *o = pr->out;
	const uint8_t *t = w->t;
	char lead[96];
	switch (type) {
	case 3:
	case 4:
	case 5:
		if (w->len >= 4) {
			out_fmt(o, ", 0x%08x", np_load_be32(t));
			if (w->len == 8)
				out_fmt(o, ", 0x%08x", np_load_be32(t + 4));
		}
		return true;
	case 6:
	case 8:
		if (w->len >= 4) {
			out_str(o, ", ");
			out_ipv4(o, t);
		}
		return true;
	case 9:
	case 10:
		if (w->len >= 4)
			print_te_bw(pr, ", ", np_load_be32(t));
		return true;
	case 11:
		if (w->len >= 32)
			for (unsigned c = 0; c < 8; c++) {
				snprintf(lead, sizeof(lead), "%s  TE-Class %u: ", ident, c);
				print_te_bw(pr, lead, np_load_be32(w->t));
				walk_skip(w, 4);
			}
		return true;
	case 22:
	case 12:
		if (w->len == 0)
			return true;
		out_fmt(o, "%sBandwidth Constraints Model ID: %s (%u)", ident,
			tok2str(diffserv_bc_names, "unknown", t[0]), t[0]);
		walk_skip(w, 1);
		for (unsigned c = 0; w->len != 0 && w->len >= 4; c++) {
			snprintf(lead, sizeof(lead), "%s  Bandwidth constraint CT%u: ", ident, c);
			print_te_bw(pr, lead, np_load_be32(w->t));
			walk_skip(w, 4);
		}
		return true;
	case 18:
		if (w->len >= 3)
			out_fmt(o, ", %u", (uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2]);
		return true;
	case 19:
		if (w->len == 2) {
			uint16_t v = np_load_be16(t);
			print_flags(pr, ", [ ", link_attribute_names, v, "Unknown", "");
			out_fmt(o, " ] (0x%04x)", v);
		}
		return true;
	case 20:
		if (w->len >= 2) {
			print_flags(pr, ", ", gmpls_link_prot_names, t[0], "none", "");
			out_fmt(o, ", Priority %u", t[1]);
		}
		return true;
	case 29:
		if (w->len >= 6) {
			out_fmt(o, ", LM: %u", (uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2]);
			walk_skip(w, 3);
			out_fmt(o, ", P: %u", w->t[0]);
			walk_skip(w, 1);
			out_fmt(o, ", P-ID: %u", np_load_be16(w->t));
		}
		return true;
	case 21: return w->len < 36 || print_intf_sw_cap(pr, w, ident);
	case 32:
		if (w->len >= 8 && !print_lan_adj_sid(pr, w, ident)) {
			print_trunc_stop(pr);
			return false;
		}
		return true;
	default: return print_osi_unknown(pr, t, "\n\t\t    ", w->len);
	}
}

uint32_t isis_ext_is_reach(np_printer *pr, const uint8_t *t, const char *ident, uint8_t tlv_type, uint32_t remaining)
{
	np_out *o = pr->out;
	char id[24];
	if (!np_has(t, pr->snapend, OSI_NODE_ID_LEN) || remaining < OSI_NODE_ID_LEN)
		return 0;
	osi_format_id(pr, t, OSI_NODE_ID_LEN, id);
	out_fmt(o, "%sIS Neighbor: %s", ident, id);
	struct is_walk w = {t + OSI_NODE_ID_LEN, remaining - OSI_NODE_ID_LEN, 0, 0, OSI_NODE_ID_LEN};
	if (tlv_type != 24) { /* the alias TLV's metric is an implicit 0 */
		if (!np_has(w.t, pr->snapend, 3) || w.remaining < 3)
			return 0;
		out_fmt(o, ", Metric: %u", (uint32_t)w.t[0] << 16 | (uint32_t)w.t[1] << 8 | w.t[2]);
		w.t += 3;
		w.remaining -= 3;
		w.proc += 3;
	}
	if (!np_has(w.t, pr->snapend, 1) || w.remaining < 1)
		return 0;
	w.sum = w.t[0];
	w.t++;
	w.remaining--;
	w.proc++;
	out_fmt(o, ", %ssub-TLVs present", w.sum ? "" : "no ");
	if (!w.sum)
		return w.proc;
	out_fmt(o, " (%u)", w.sum);
	char sub[24];
	snprintf(sub, sizeof(sub), "%s  ", ident);
	while (w.sum != 0) {
		if (!np_has(w.t, pr->snapend, 2))
			return 0;
		if (w.remaining < 2) {
			out_fmt(o, "%sRemaining data in TLV shorter than a subTLV header", sub);
			w.proc += w.remaining;
			break;
		}
		if (w.sum < 2) {
			out_fmt(o, "%sRemaining data in subTLVs shorter than a subTLV header", sub);
			w.proc += w.sum;
			break;
		}
		uint8_t type = w.t[0];
		w.len = w.t[1];
		w.t += 2;
		w.remaining -= 2;
		w.sum -= 2;
		w.proc += 2;
		out_fmt(o, "%s%s subTLV #%u, length: %u", sub, tok2str(ext_is_subtlv_names, "unknown", type), type,
			w.len);
		if (w.sum < w.len) {
			out_str(o, " (remaining data in subTLVs shorter than the current subTLV)");
			w.proc += w.sum;
			break;
		}
		if (w.remaining < w.len) {
			out_str(o, " (> remaining tlv length)");
			w.proc += w.remaining;
			break;
		}
		if (!np_has(w.t, pr->snapend, w.len))
			return 0;
		if (!print_ext_is_subtlv(pr, type, &w, sub))
			return 0;
		w.t += w.len;
		w.remaining -= w.len;
		w.sum -= w.len;
		w.proc += w.len;
	}
	return w.proc;
}

uint32_t isis_mtid(np_printer *pr, const uint8_t *t, const char *ident, uint32_t remaining)
{
	uint16_t v;
	if (remaining < 2)
		return 0;
	if (!np_get_be16(t, pr->snapend, &v)) {
		print_trunc_stop(pr);
		return 0;
	}
	out_fmt(pr->out, "%s%s Topology (0x%03x), Flags: [", ident,
		tok2str(mt_names, "Reserved for IETF Consensus", v & 0xfff), v & 0xfff);
	print_bits(pr, mt_flag_names, v & 0xf000, ", ", "none");
	out_char(pr->out, ']');
	return 2;
}

/* One sub-TLV of an extended IP reachability; false when tcpdump's
 * returns 0 (after its truncation note, or stopped). */
static bool print_ip_reach_subtlv(np_printer *pr, const uint8_t *t, uint8_t type, uint8_t len, const char *ident)
{
	np_out *o = pr->out;
	out_fmt(o, "%s%s subTLV #%u, length: %u", ident, tok2str(ext_ip_subtlv_names, "unknown", type), type, len);
	if (!np_has(t, pr->snapend, len))
		goto trunc;
	switch (type) {
	case 117:
	case 1:
		for (; len >= 4; len -= 4, t += 4)
			out_fmt(o, ", 0x%08x (=%u)", np_load_be32(t), np_load_be32(t));
		return true;
	case 2:
		for (; len >= 8; len -= 8, t += 8)
			out_fmt(o, ", 0x%08x%08x", np_load_be32(t), np_load_be32(t + 4));
		return true;
	case 3: {
		uint8_t flags, algo;
		uint32_t sid;
		if (!np_get_u8(t, pr->snapend, &flags) || !np_get_u8(t + 1, pr->snapend, &algo)) {
			print_trunc_stop(pr);
			return false;
		}
		if (flags & 0x08) {
			if (len < 5)
				goto trunc;
			sid = (uint32_t)t[2] << 16 | (uint32_t)t[3] << 8 | t[4];
		} else {
			if (len < 6)
				goto trunc;
			sid = np_load_be32(t + 2);
		}
		print_flags(pr, ", Flags [", prefix_sid_flag_names, flags, "None", "]");
		out_fmt(o, ", Algo %s (%u), %s %u", tok2str(prefix_sid_algo_names, "Unknown", algo), algo,
			flags & 0x08 ? "label" : "index", sid);
		return true;
	}
	default: return print_osi_unknown(pr, t, "\n\t\t    ", len);
	}
trunc:
	print_trunc(pr);
	return false;
}

uint32_t isis_extd_ip_reach(np_printer *pr, const uint8_t *t, const char *ident, bool v6)
{
	np_out *o = pr->out;
	uint32_t metric, bits, processed = 4;
	uint8_t status, b;
	NP_GET_BE32(metric, t, pr->snapend);
	t += 4;
	NP_GET_U8(status, t, pr->snapend);
	if (!v6) {
		t++;
		bits = status & 0x3f;
		if (bits > 32) {
			out_fmt(o, "%sIPv4 prefix: bad bit length %u", ident, bits);
			return 0;
		}
		processed++;
	} else {
		NP_GET_U8(b, t + 1, pr->snapend);
		bits = b;
		if (bits > 128) {
			out_fmt(o, "%sIPv6 prefix: bad bit length %u", ident, bits);
			return 0;
		}
		t += 2;
		processed += 2;
	}
	uint32_t bytes = (bits + 7) / 8;
	uint8_t prefix[16] = {0};
	NP_CHECK(t, pr->snapend, bytes);
	memcpy(prefix, t, bytes);
	t += bytes;
	processed += bytes;
	if (!v6) {
		char text[16];
		ipv4_text(prefix, text, sizeof(text));
		out_fmt(o, "%sIPv4 prefix: %15s/%u", ident, text, bits);
	} else {
		out_fmt(o, "%sIPv6 prefix: ", ident);
		out_ipv6(o, prefix);
		out_fmt(o, "/%u", bits);
	}
	out_fmt(o, ", Distribution: %s, Metric: %u", status & 0x80 ? "down" : "up", metric);
	bool subtlvs = v6 ? status & 0x20 : status & 0x40;
	if (!v6 && subtlvs)
		out_str(o, ", sub-TLVs present");
	else if (v6)
		out_fmt(o, ", %s%s", status & 0x40 ? "External" : "Internal", subtlvs ? ", sub-TLVs present" : "");
	if (!subtlvs)
		return processed;
	uint8_t s;
	NP_GET_U8(s, t, pr->snapend);
	uint32_t sublen = s;
	t++;
	processed += sublen + 1;
	out_fmt(o, " (%u)", sublen);
	char sub[24];
	snprintf(sub, sizeof(sub), "%s  ", ident);
	while (sublen > 0) {
		uint8_t type, len;
		NP_GET_U8(type, t, pr->snapend);
		NP_GET_U8(len, t + 1, pr->snapend);
		t += 2;
		if (!print_ip_reach_subtlv(pr, t, type, len, sub))
			return 0;
		t += len;
		sublen -= (uint32_t)len + 2; /* wraps as tcpdump's does */
	}
	return processed;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* The SR capabilities sub-TLV (RFC 8667) of len bytes at t, captured. */
static void print_sr_cap(np_printer *pr, const uint8_t *t, uint8_t len)
{
	uint8_t flags;
	uint32_t range;
	if (!np_get_u8(t, pr->snapend, &flags) || !np_get_be24(t + 1, pr->snapend, &range))
		goto trunc;
	print_flags(pr, ", Flags [", router_cap_sr_flag_names, flags, "None", "]");
	out_fmt(pr->out, ", Range %u", range);
	const uint8_t *s = t + 4;
	uint8_t slen = (uint8_t)(len - 4); /* wraps as tcpdump's uint8_t does */
	while (slen >= 5) {
		uint8_t type, l;
		if (!np_get_u8(s, pr->snapend, &type) || !np_get_u8(s + 1, pr->snapend, &l))
			goto trunc;
		slen -= 2;
		s += 2;
		if (l > slen)
			break;
		if (type == 1) {
			uint32_t v;
			if (l == 3) {
				if (!np_get_be24(s, pr->snapend, &v))
					goto trunc;
				out_fmt(pr->out, ", SID value %u", v);
			} else if (l == 4) {
				if (!np_get_be32(s, pr->snapend, &v))
					goto trunc;
				out_fmt(pr->out, ", SID value %u", v);
			} else {
				out_fmt(pr->out, ", Unknown SID length%u", l);
			}
		} else {
			print_unknown_data(pr, s, "\n\t\t  ", l);
		}
		s += l;
		slen -= l;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

void isis_router_cap_subtlvs(np_printer *pr, const uint8_t *t, uint8_t len)
{
	while (len >= 2) {
		uint8_t type, l;
		if (!np_get_u8(t, pr->snapend, &type) || !np_get_u8(t + 1, pr->snapend, &l)) {
			print_trunc_stop(pr);
			return;
		}
		len -= 2;
		t += 2;
		out_fmt(pr->out, "\n\t\t%s subTLV #%u, length: %u", tok2str(router_cap_subtlv_names, "unknown", type),
			type, l);
		if (l > len || !np_has(t, pr->snapend, l))
			return;
		if (type == 2)
			print_sr_cap(pr, t, l);
		else
			print_unknown_data(pr, t, "\n\t\t", l);
		if (pr->stopped)
			return;
		len -= l;
		t += l;
	}
}

/* An SPB MCID (51 bytes, captured): format, name, revision, digest. */
static void print_mcid(np_printer *pr, const uint8_t *m)
{
	out_fmt(pr->out, "ID: %u, Name: ", m[0]);
	print_text_nul(pr, m + 1, 32);
	out_fmt(pr->out, "\n\t              Lvl: %u, Digest: ", np_load_be16(m + 33));
	for (int i = 0; i < 16; i++)
		out_fmt(pr->out, "%.2x ", m[35 + i]);
}

/* Which way a sub-TLV walk ended: too long, too short, truncated, on. */
enum stlv_end { STLV_ON, STLV_TOO_LONG, STLV_TOO_SHORT, STLV_TRUNC };

static void stlv_note(np_printer *pr, enum stlv_end e)
{
	if (e == STLV_TOO_LONG)
		out_str(pr->out, " (> containing TLV length)");
	else if (e == STLV_TOO_SHORT)
		out_str(pr->out, " (too short)");
	else if (e == STLV_TRUNC)
		print_trunc(pr);
}

static enum stlv_end print_spb_digest(np_printer *pr, const uint8_t **tp, uint32_t *len, uint32_t *slen)
{
	const uint8_t *t = *tp;
	if (*slen < 33)
		return STLV_TOO_SHORT;
	out_fmt(pr->out, "\n\t        RES: %u V: %u A: %u D: %u", t[0] >> 5, (t[0] >> 4) & 1, (t[0] >> 2) & 3,
		t[0] & 3);
	t++;
	out_str(pr->out, "\n\t         Digest: ");
	for (int i = 1; i <= 8; i++, t += 4) {
		out_fmt(pr->out, "%08x ", np_load_be32(t));
		if (i % 4 == 0 && i != 8)
			out_str(pr->out, "\n\t                 ");
	}
	*tp = t;
	*len -= 33;
	*slen -= 33;
	return STLV_ON;
}

static enum stlv_end print_spb_bvids(np_printer *pr, const uint8_t **tp, uint32_t *len, uint32_t *slen)
{
	const uint8_t *t = *tp;
	while (*slen != 0) {
		if (*slen < 4)
			return STLV_TOO_SHORT;
		out_fmt(pr->out, "\n\t           ECT: %08x", np_load_be32(t));
		t += 4;
		*len -= 4;
		*slen -= 4;
		if (*slen < 2)
			return STLV_TOO_SHORT;
		uint16_t v = np_load_be16(t);
		out_fmt(pr->out, " BVID: %u, U:%01x M:%01x ", v >> 4, (v >> 3) & 1, (v >> 2) & 1);
		t += 2;
		*len -= 2;
		*slen -= 2;
	}
	*tp = t;
	return STLV_ON;
}

void isis_mt_port_cap_subtlvs(np_printer *pr, const uint8_t *t, uint32_t len)
{
	enum stlv_end e = STLV_ON;
	while (len > 2 && e == STLV_ON) {
		uint8_t type, l;
		if (!np_get_u8(t, pr->snapend, &type) || !np_get_u8(t + 1, pr->snapend, &l)) {
			print_trunc_stop(pr);
			return;
		}
		uint32_t slen = l;
		out_fmt(pr->out, "\n\t       %s subTLV #%u, length: %u",
			tok2str(mt_port_cap_subtlv_names, "unknown", type), type, slen);
		t += 2;
		len -= 2;
		if (len < slen) {
			e = STLV_TOO_LONG;
			break;
		}
		if (!np_has(t, pr->snapend, slen)) {
			e = STLV_TRUNC;
			break;
		}
		if (type == 4) {
			if (slen < 102) {
				e = STLV_TOO_SHORT;
				break;
			}
			out_str(pr->out, "\n\t         MCID: ");
			print_mcid(pr, t);
			out_str(pr->out, "\n\t         AUX-MCID: ");
			print_mcid(pr, t + 51);
			t += 102;
			len -= 102;
			slen -= 102;
		} else if (type == 5) {
			e = print_spb_digest(pr, &t, &len, &slen);
		} else if (type == 6) {
			e = print_spb_bvids(pr, &t, &len, &slen);
		}
		if (e != STLV_ON)
			break;
		t += slen;
		len -= slen;
	}
	stlv_note(pr, e);
}

static enum stlv_end print_spb_instance(np_printer *pr, const uint8_t *t, uint32_t *len, uint32_t *slen)
{
	np_out *o = pr->out;
	if (*slen < 19)
		return STLV_TOO_SHORT;
	out_fmt(o, "\n\t        CIST Root-ID: %08x %08x, Path Cost: %08x, Prio: %u", np_load_be32(t),
		np_load_be32(t + 4), np_load_be32(t + 8), np_load_be16(t + 12));
	out_fmt(o, "\n\t        RES: %u, V: %u, SPSource-ID: %u, No of Trees: %x", np_load_be16(t + 14) >> 5,
		(np_load_be16(t + 14) >> 4) & 1, np_load_be32(t + 14) & 0xfffff, t[18]);
	uint8_t trees = t[18];
	t += 19;
	*len -= 19;
	*slen -= 19;
	for (; trees; trees--) {
		if (*slen < 8)
			return STLV_TRUNC;
		out_fmt(o, "\n\t         U:%u, M:%u, A:%u, RES:%u", t[0] >> 7, (t[0] >> 6) & 1, (t[0] >> 5) & 1,
			t[0] & 0x1f);
		uint32_t v = (uint32_t)t[5] << 16 | (uint32_t)t[6] << 8 | t[7];
		out_fmt(o, ", ECT: %08x, BVID: %u, SPVID: %u", np_load_be32(t + 1), (v >> 12) & 0xfff, v & 0xfff);
		t += 8;
		*len -= 8;
		*slen -= 8;
	}
	return STLV_ON;
}

static enum stlv_end print_spbm_si(np_printer *pr, const uint8_t *t, uint32_t *len, uint32_t *slen)
{
	np_out *o = pr->out;
	if (*slen < 8)
		return STLV_TRUNC;
	out_fmt(o, "\n\t        BMAC: %08x%04x, RES: %u, VID: %u", np_load_be32(t), np_load_be16(t + 4),
		np_load_be16(t + 6) >> 12, np_load_be16(t + 6) & 0xfff);
	t += 8;
	*len -= 8;
	*slen -= 8;
	for (; *slen >= 4; t += 4, *len -= 4, *slen -= 4) {
		uint32_t v = np_load_be32(t);
		out_fmt(o, "\n\t        T: %u, R: %u, RES: %u, ISID: %u", v >> 31, (v >> 30) & 1, (v >> 24) & 0x3f,
			v & 0xffffff);
	}
	return STLV_ON;
}

void isis_mt_cap_subtlvs(np_printer *pr, const uint8_t *t, uint32_t len)
{
	enum stlv_end e = STLV_ON;
	while (len > 2) {
		uint8_t type, l;
		if (!np_get_u8(t, pr->snapend, &type) || !np_get_u8(t + 1, pr->snapend, &l)) {
			print_trunc_stop(pr);
			return;
		}
		uint32_t slen = l;
		t += 2;
		len -= 2;
		out_fmt(pr->out, "\n\t      %s subTLV #%u, length: %u", tok2str(mt_cap_subtlv_names, "unknown", type),
			type, slen);
		if (len < slen) {
			e = STLV_TOO_LONG;
			break;
		}
		if (!np_has(t, pr->snapend, slen)) {
			e = STLV_TRUNC;
			break;
		}
		/* the fixed parts consumed move t with the lengths */
		uint32_t before = slen;
		if (type == 1)
			e = print_spb_instance(pr, t, &len, &slen);
		else if (type == 3)
			e = print_spbm_si(pr, t, &len, &slen);
		if (e != STLV_ON)
			break;
		t += before - slen;
		t += slen;
		len -= slen;
	}
	stlv_note(pr, e);
}
