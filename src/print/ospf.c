/*
 * ospf.c - OSPF version 2 (IP protocol 89 over IPv4, RFC 2328) as
 * tcpdump 4.99's print-ospf.c writes it: "OSPFv2, Hello, length 44", and
 * with -v the router, area and authentication, hello and database
 * description fields, LS requests, updates (router, network, summary,
 * external and NSSA, group membership LSAs; opaque router information and
 * grace LSAs), acks and the RFC 5613 LLS block; -vv adds a hex dump of
 * each LSA.
 *
 * Traffic Engineering LSAs (RFC 3630, with the GMPLS sub-TLVs of RFC 4203
 * and the bandwidth constraints of RFC 4124) are decoded too.
 *
 * Not for: OSPFv3 (ospf6.c).
 */
#include <string.h>

#include "print.h"

#define OSPF_HDRLEN 24
#define LSA_HDRLEN 20

static const np_tok ospf_type_names[] = {
	{1, "Hello"}, {2, "Database Description"}, {3, "LS-Request"}, {4, "LS-Update"}, {5, "LS-Ack"}, {0, NULL},
};

static const np_tok ospf_option_names[] = {
	{0x01, "MultiTopology"},  {0x02, "External"}, {0x04, "Multicast"}, {0x08, "NSSA"}, {0x10, "LLS"},
	{0x20, "Demand Circuit"}, {0x40, "Opaque"},   {0x80, "Up/Down"},   {0, NULL},
};

static const np_tok ospf_auth_names[] = {{0, "none"}, {1, "simple"}, {2, "MD5"}, {0, NULL}};

static const np_tok ospf_rla_flag_names[] = {
	{0x01, "ABR"}, {0x02, "ASBR"}, {0x04, "Virtual"}, {0x08, "Wildcard"}, {0x10, "Nt"}, {0x80, "Host"}, {0, NULL},
};

static const np_tok ospf_lsa_names[] = {
	{1, "Router"},
	{2, "Network"},
	{3, "Summary"},
	{4, "ASBR Summary"},
	{5, "External"},
	{6, "Multicast Group"},
	{7, "NSSA"},
	{9, "Link Local Opaque"},
	{10, "Area Local Opaque"},
	{11, "Domain Wide Opaque"},
	{0, NULL},
};

static const np_tok ospf_dd_flag_names[] = {
	{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x08, "OOBResync"}, {0, NULL}};

static const np_tok ospf_opaque_names[] = {
	{1, "Traffic Engineering"},
	{3, "Graceful restart"},
	{4, "Router Information"},
	{0, NULL},
};

static const np_tok ospf_topology_names[] = {{0, "default"}, {1, "multicast"}, {2, "management"}, {0, NULL}};

static const np_tok ospf_grace_tlv_names[] = {
	{1, "Grace Period"},
	{2, "Graceful restart Reason"},
	{3, "IPv4 interface address"},
	{0, NULL},
};

static const np_tok ospf_grace_reason_names[] = {
	{0, "Unknown"}, {1, "Software Restart"}, {2, "Software Reload/Upgrade"}, {3, "Control Processor Switch"},
	{0, NULL},
};

static const np_tok ospf_ri_tlv_names[] = {{1, "Router Capabilities"}, {0, NULL}};

static const np_tok ospf_ri_cap_names[] = {
	{1, "Reserved"},
	{2, "Reserved"},
	{4, "Reserved"},
	{8, "Reserved"},
	{16, "graceful restart capable"},
	{32, "graceful restart helper"},
	{64, "Stub router support"},
	{128, "Traffic engineering"},
	{256, "p2p over LAN"},
	{512, "path computation server"},
	{0, NULL},
};

static const np_tok ospf_te_tlv_names[] = {{1, "Router Address"}, {2, "Link"}, {0, NULL}};

static const np_tok ospf_te_subtlv_names[] = {
	{1, "Link Type"},
	{2, "Link ID"},
	{3, "Local Interface IP address"},
	{4, "Remote Interface IP address"},
	{5, "Traffic Engineering Metric"},
	{6, "Maximum Bandwidth"},
	{7, "Maximum Reservable Bandwidth"},
	{8, "Unreserved Bandwidth"},
	{9, "Administrative Group"},
	{11, "Link Local/Remote Identifier"},
	{14, "Link Protection Type"},
	{15, "Interface Switching Capability"},
	{16, "Shared Risk Link Group"},
	{17, "Bandwidth Constraints"},
	{0, NULL},
};

static const np_tok ospf_te_link_type_names[] = {{1, "Point-to-point"}, {2, "Multi-Access"}, {0, NULL}};

/* GMPLS (RFC 4203, RFC 3471) and Diffserv-TE (RFC 4124) values. */
static const np_tok gmpls_link_prot_names[] = {
	{0x01, "Extra Traffic"}, {0x02, "Unprotected"},   {0x04, "Shared"},
	{0x08, "Dedicated 1:1"}, {0x10, "Dedicated 1+1"}, {0x20, "Enhanced"},
	{0x40, "Reserved"},      {0x80, "Reserved"},      {0, NULL},
};

const np_tok gmpls_switch_cap_names[] = {
	{1, "Packet-Switch Capable-1"}, {2, "Packet-Switch Capable-2"}, {3, "Packet-Switch Capable-3"},
	{4, "Packet-Switch Capable-4"}, {51, "Layer-2 Switch Capable"}, {100, "Time-Division-Multiplex"},
	{150, "Lambda-Switch Capable"}, {200, "Fiber-Switch Capable"},  {0, NULL},
};

const np_tok gmpls_encoding_names[] = {
	{1, "Packet"},
	{2, "Ethernet V2/DIX"},
	{3, "ANSI/ETSI PDH"},
	{4, "Reserved"},
	{5, "SDH ITU-T G.707/SONET ANSI T1.105"},
	{6, "Reserved"},
	{7, "Digital Wrapper"},
	{8, "Lambda (photonic)"},
	{9, "Fiber"},
	{10, "Reserved"},
	{11, "FiberChannel"},
	{0, NULL},
};

static const np_tok diffserv_bc_names[] = {
	{0, "Russian dolls"},
	{1, "Maximum allocation"},
	{254, "Maximum allocation with E-LSP support"},
	{0, NULL},
};

static const np_tok ospf_lls_tlv_names[] = {{1, "Extended Options"}, {2, "MD5 Authentication"}, {0, NULL}};
static const np_tok ospf_lls_eo_names[] = {{1, "LSDB resync"}, {2, "Restart"}, {0, NULL}};

/* lead, then the bits of v in brackets (bittok2str). */
static void print_ospf_bits(np_printer *pr, const char *lead, const np_tok *t, uint32_t v, const char *none)
{
	out_str(pr->out, lead);
	print_bits(pr, t, v, ", ", none);
	out_char(pr->out, ']');
}

/* lead and the address at p; false when it is not captured. */
static bool print_ospf_addr(np_printer *pr, const char *lead, const uint8_t *p)
{
	if (!np_has(p, pr->snapend, 4))
		return false;
	out_str(pr->out, lead);
	out_ipv4(pr->out, p);
	return true;
}

/* An LSA header: its length, -1 when bogus (printed), -2 when the packet
 * stopped. */
static int print_ospf_lshdr(np_printer *pr, const uint8_t *h)
{
	np_out *o = pr->out;
	if (!np_has(h + 18, pr->snapend, 2))
		goto trunc;
	uint16_t len = np_load_be16(h + 18);
	if (len < LSA_HDRLEN) {
		out_fmt(o, "\n\t    Bogus length %u < header (%u)", len, LSA_HDRLEN);
		return -1;
	}
	if (!np_has(h, pr->snapend, LSA_HDRLEN))
		goto trunc;
	out_str(o, "\n\t  Advertising Router ");
	out_ipv4(o, h + 8);
	out_fmt(o, ", seq 0x%08x, age %us, length %u", np_load_be32(h + 12), np_load_be16(h), len - LSA_HDRLEN);
	uint8_t type = h[3];
	if (type >= 9 && type <= 11) {
		out_fmt(o, "\n\t    %s LSA (%u), Opaque-Type %s LSA (%u), Opaque-ID %u",
			tok2str(ospf_lsa_names, "unknown", type), type, tok2str(ospf_opaque_names, "unknown", h[4]),
			h[4], np_load_be32(h + 4) & 0xffffffu);
	} else {
		out_fmt(o, "\n\t    %s LSA (%u), LSA-ID: ", tok2str(ospf_lsa_names, "unknown", type), type);
		out_ipv4(o, h + 4);
	}
	print_ospf_bits(pr, "\n\t    Options: [", ospf_option_names, h[2], "none");
	return len;
trunc:
	print_trunc_stop(pr);
	return -2;
}

/* The metrics of a router link at l (its tos count + 1 of them). */
static bool print_ospf_tos_metrics(np_printer *pr, const uint8_t *l)
{
	const uint8_t *t = l + 8;
	uint32_t n = (uint32_t)l[9] + 1;
	for (uint32_t i = 0; i < n; i++, t += 4) {
		if (!np_has(t, pr->snapend, 4))
			return false;
		uint8_t topo = i ? t[0] : 0;
		out_fmt(pr->out, "\n\t\ttopology %s (%u), metric %u", tok2str(ospf_topology_names, "Unknown", topo),
			topo, np_load_be16(t + 2));
	}
	return true;
}

/* Graceful restart TLVs (RFC 3623): false when they do not fit. */
static bool print_ospf_grace(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	while (len > 0) {
		if (!np_has(t, pr->snapend, 4))
			return false;
		if (len < 4) {
			out_fmt(o, "\n\t    Remaining LS length %u < 4", len);
			return false;
		}
		uint16_t type = np_load_be16(t), tlen = np_load_be16(t + 2);
		t += 4;
		len -= 4;
		out_fmt(o, "\n\t    %s TLV (%u), length %u, value: ", tok2str(ospf_grace_tlv_names, "unknown", type),
			type, tlen);
		if (tlen > len) {
			out_fmt(o, "\n\t    Bogus length %u > %u", tlen, len);
			return false;
		}
		if (type == 0 || tlen == 0)
			return false;
		if (!np_has(t, pr->snapend, tlen))
			return false;
		uint32_t want = type == 2 ? 1 : 4;
		if (type >= 1 && type <= 3 && tlen != want) {
			out_fmt(o, "\n\t    Bogus length %u != %u", tlen, want);
			return false;
		}
		if (type == 1)
			out_fmt(o, "%us", np_load_be32(t));
		else if (type == 2)
			out_fmt(o, "%s (%u)", tok2str(ospf_grace_reason_names, "Unknown", t[0]), t[0]);
		else if (type == 3)
			out_ipv4(o, t);
		else if (pr->o.vflag <= 1)
			print_unknown_data(pr, t, "\n\t      ", tlen);
		uint32_t padded = (tlen + 3u) & ~3u;
		len -= padded; /* wraps like tcpdump's when the padding runs past the LSA */
		t += padded;
	}
	return true;
}

/* An IEEE float bandwidth in bytes/s as tcpdump's "%.3f Mbps" (computed
 * in float as it does). */
static void print_ospf_bw(np_printer *pr, const char *lead, uint32_t bits)
{
	float f;
	memcpy(&f, &bits, sizeof(f));
	f = f * 8 / 1000000;
	out_fmt(pr->out, "%s%.3f Mbps", lead, (double)f);
}

/* One sub-TLV of a TE Link TLV (len bytes at t, captured): false when it
 * is invalid (" (invalid)" printed). */
static bool print_ospf_te_subtlv(np_printer *pr, uint16_t type, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	switch (type) {
	case 9:
	case 5:
		if (len != 4) {
			out_str(o, " != 4");
			goto invalid;
		}
		out_fmt(o, type == 9 ? ", 0x%08x" : ", Metric %u", np_load_be32(t));
		break;
	case 2:
	case 11:
		if (len != 4 && len != 8) {
			out_str(o, " != 4 && != 8");
			goto invalid;
		}
		for (uint32_t i = 0; i < len; i += 4) {
			out_str(o, ", ");
			out_ipv4(o, t + i);
			out_fmt(o, " (0x%08x)", np_load_be32(t + i));
		}
		break;
	case 3:
	case 4:
		if (len != 4) {
			out_str(o, " != 4");
			goto invalid;
		}
		out_str(o, ", ");
		out_ipv4(o, t);
		break;
	case 6:
	case 7:
		if (len != 4) {
			out_str(o, " != 4");
			goto invalid;
		}
		print_ospf_bw(pr, ", ", np_load_be32(t));
		break;
	case 8:
		if (len != 32) {
			out_str(o, " != 32");
			goto invalid;
		}
		for (unsigned c = 0; c < 8; c++) {
			out_fmt(o, "\n\t\tTE-Class %u: ", c);
			print_ospf_bw(pr, "", np_load_be32(t + c * 4));
		}
		break;
	case 17:
		if (len < 4) {
			out_str(o, " < 4");
			goto invalid;
		}
		out_fmt(o, "\n\t\tBandwidth Constraints Model ID: %s (%u)", tok2str(diffserv_bc_names, "unknown", t[0]),
			t[0]);
		if (len % 4 != 0) {
			out_fmt(o, "\n\t\tlength %u != N x 4", len);
			goto invalid;
		}
		if (len > 36) {
			out_fmt(o, "\n\t\tlength %u > 36", len);
			goto invalid;
		}
		for (unsigned c = 0; c < (len - 4) / 4; c++) {
			out_fmt(o, "\n\t\t  Bandwidth constraint CT%u: ", c);
			print_ospf_bw(pr, "", np_load_be32(t + 4 + c * 4));
		}
		break;
	case 14:
		if (len != 4) {
			out_str(o, " != 4");
			goto invalid;
		}
		out_str(o, ", ");
		print_bits(pr, gmpls_link_prot_names, t[0], ", ", "none");
		break;
	case 15:
		if (len < 36) {
			out_str(o, " < 36");
			goto invalid;
		}
		out_fmt(o, "\n\t\tInterface Switching Capability: %s",
			tok2str(gmpls_switch_cap_names, "Unknown", t[0]));
		out_fmt(o, "\n\t\tLSP Encoding: %s\n\t\tMax LSP Bandwidth:",
			tok2str(gmpls_encoding_names, "Unknown", t[1]));
		for (unsigned l = 0; l < 8; l++) {
			out_fmt(o, "\n\t\t  priority level %u: ", l);
			print_ospf_bw(pr, "", np_load_be32(t + 4 + l * 4));
		}
		break;
	case 1:
		if (len != 1) {
			out_str(o, " != 1");
			goto invalid;
		}
		out_fmt(o, ", %s (%u)", tok2str(ospf_te_link_type_names, "unknown", t[0]), t[0]);
		break;
	case 16:
		if (len % 4 != 0) {
			out_str(o, " != N x 4");
			goto invalid;
		}
		if (len != 0)
			out_str(o, "\n\t\t  Shared risk group: ");
		for (uint32_t i = 0; i < len; i += 4)
			out_fmt(o, "%u%s", np_load_be32(t + i), i + 4 < len ? ", " : "");
		break;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, t, "\n\t\t", len);
		break;
	}
	return true;
invalid:
	print_invalid(pr);
	return false;
}

/* Traffic Engineering TLVs (RFC 3630): false when they do not fit or the
 * packet stopped (*stopped then). */
static bool print_ospf_te(np_printer *pr, const uint8_t *t, uint32_t len, bool *stopped)
{
	np_out *o = pr->out;
	while (len != 0) {
		if (!np_has(t, pr->snapend, 4))
			return false;
		if (len < 4) {
			out_fmt(o, "\n\t    Remaining LS length %u < 4", len);
			return false;
		}
		uint16_t type = np_load_be16(t);
		uint32_t tlen = np_load_be16(t + 2);
		t += 4;
		len -= 4;
		out_fmt(o, "\n\t    %s TLV (%u), length: %u", tok2str(ospf_te_tlv_names, "unknown", type), type, tlen);
		if (tlen > len) {
			out_fmt(o, "\n\t    Bogus length %u > %u", tlen, len);
			return false;
		}
		if (type == 0 || tlen == 0)
			return false;
		if (type == 2) {
			const uint8_t *s = t;
			for (uint32_t left = tlen; left != 0;) {
				if (left < 4) {
					out_fmt(o, "\n\t    Remaining TLV length %u < 4", left);
					return false;
				}
				if (!np_has(s, pr->snapend, 4))
					goto trunc;
				uint16_t st = np_load_be16(s);
				uint32_t sl = np_load_be16(s + 2);
				s += 4;
				left -= 4;
				if (st == 0 || sl == 0) {
					print_invalid(pr);
					return false;
				}
				out_fmt(o, "\n\t      %s subTLV (%u), length: %u",
					tok2str(ospf_te_subtlv_names, "unknown", st), st, sl);
				if (left < sl) {
					out_fmt(o, "\n\t    Remaining TLV length %u < %u", left + 4, sl + 4);
					return false;
				}
				if (!np_has(s, pr->snapend, sl))
					return false;
				if (!print_ospf_te_subtlv(pr, st, s, sl))
					return false;
				if (st == 16 && sl % 4 == 0)
					s += sl; /* tcpdump steps over the groups twice */
				uint32_t padded = (sl + 3u) & ~3u;
				if (left < padded) {
					out_fmt(o, "\n\t    Remaining TLV length %u < %u", left + 4, padded + 4);
					return false;
				}
				left -= padded;
				s += padded;
			}
			/* tcpdump consumed the TLV's length here: the LS length
			 * left is not reduced by it, the pointer is past it */
			t = s;
			tlen = 0;
		} else if (type == 1) {
			if (tlen < 4) {
				out_fmt(o, "\n\t    TLV length %u < 4", tlen);
				return false;
			}
			if (!print_ospf_addr(pr, ", ", t))
				goto trunc;
		} else if (pr->o.vflag <= 1) {
			print_unknown_data(pr, t, "\n\t      ", tlen);
			if (t > pr->snapend)
				return false;
		}
		uint32_t padded = (tlen + 3u) & ~3u;
		if (padded > len) {
			out_fmt(o, "\n\t    Bogus padded length %u > %u", padded, len);
			return false;
		}
		len -= padded;
		t += padded;
	}
	return true;
trunc:
	*stopped = true;
	return false;
}

bool print_ospf_grace_tlvs(np_printer *pr, const uint8_t *t, uint32_t len)
{
	return print_ospf_grace(pr, t, len);
}

bool print_ospf_te_tlvs(np_printer *pr, const uint8_t *t, uint32_t len)
{
	bool stopped = false;
	if (print_ospf_te(pr, t, len, &stopped))
		return true;
	if (stopped)
		print_trunc_stop(pr);
	return false;
}

/* Router information TLVs: false when they do not fit. */
static bool print_ospf_ri(np_printer *pr, const uint8_t *t, uint32_t len, bool *stopped)
{
	np_out *o = pr->out;
	while (len != 0) {
		if (!np_has(t, pr->snapend, 4))
			goto trunc;
		if (len < 4) {
			out_fmt(o, "\n\t    Remaining LS length %u < 4", len);
			return false;
		}
		uint16_t type = np_load_be16(t), tlen = np_load_be16(t + 2);
		t += 4;
		len -= 4;
		out_fmt(o, "\n\t    %s TLV (%u), length: %u, value: ", tok2str(ospf_ri_tlv_names, "unknown", type),
			type, tlen);
		if (tlen > len) {
			out_fmt(o, "\n\t    Bogus length %u > remaining LS length %u", tlen, len);
			return false;
		}
		if (!np_has(t, pr->snapend, tlen))
			goto trunc;
		if (type == 1) {
			if (tlen != 4) {
				out_fmt(o, "\n\t    Bogus length %u != 4", tlen);
				return false;
			}
			out_str(o, "Capabilities: ");
			print_bits(pr, ospf_ri_cap_names, np_load_be32(t), ", ", "Unknown");
		} else if (pr->o.vflag <= 1) {
			print_unknown_data(pr, t, "\n\t      ", tlen);
		}
		t += tlen;
		len -= tlen;
	}
	return true;
trunc:
	*stopped = true;
	return false;
}

/* One LSA of an update: where the next starts, NULL when the packet stops. */
static const uint8_t *print_ospf_lsa(np_printer *pr, const uint8_t *lsa)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	int r = print_ospf_lshdr(pr, lsa);
	if (r < 0)
		return NULL;
	const uint8_t *ls_end = lsa + r, *b = lsa + LSA_HDRLEN;
	uint32_t len = (uint32_t)r - LSA_HDRLEN;
	bool stopped = false;
	switch (lsa[3]) {
	case 1: {
		if (!np_has(b, end, 1))
			goto trunc;
		print_ospf_bits(pr, "\n\t    Router LSA Options: [", ospf_rla_flag_names, b[0], "none");
		if (!np_has(b + 2, end, 2 + 12))
			goto trunc;
		const uint8_t *l = b + 4;
		for (uint32_t i = np_load_be16(b + 2); i != 0; i--) {
			if (!np_has(l, end, 12))
				goto trunc;
			const char *what = NULL, *sep = ", Interface Address: ";
			switch (l[8]) {
			case 4: what = "\n\t      Virtual Link: Neighbor Router-ID: "; break;
			case 1: what = "\n\t      Neighbor Router-ID: "; break;
			case 2: what = "\n\t      Neighbor Network-ID: "; break;
			case 3:
				what = "\n\t      Stub Network: ";
				sep = ", Mask: ";
				break;
			default: out_fmt(o, "\n\t      Unknown Router Link Type (%u)", l[8]); return ls_end;
			}
			out_str(o, what);
			out_ipv4(o, l);
			out_str(o, sep);
			out_ipv4(o, l + 4);
			if (!print_ospf_tos_metrics(pr, l))
				goto trunc;
			l += 12 + 4u * l[9];
		}
		break;
	}
	case 2:
		if (!print_ospf_addr(pr, "\n\t    Mask ", b))
			goto trunc;
		out_str(o, "\n\t    Connected Routers:");
		for (const uint8_t *a = b + 4; a < ls_end; a += 4)
			if (!print_ospf_addr(pr, "\n\t      ", a))
				goto trunc;
		break;
	case 3:
	case 4:
		if (lsa[3] == 3 && !print_ospf_addr(pr, "\n\t    Mask ", b))
			goto trunc;
		if (!np_has(b + 4, end, 4))
			goto trunc;
		for (const uint8_t *m = b + 4; m < ls_end; m += 4) {
			if (!np_has(m, end, 4))
				goto trunc;
			uint32_t v = np_load_be32(m), topo = (v & 0x7f000000u) >> 24;
			out_fmt(o, "\n\t\ttopology %s (%u) metric %u", tok2str(ospf_topology_names, "Unknown", topo),
				topo, v & 0x00ffffffu);
		}
		break;
	case 5:
	case 7:
		if (!print_ospf_addr(pr, "\n\t    Mask ", b) || !np_has(b + 4, end, 4))
			goto trunc;
		for (const uint8_t *m = b + 4; m < ls_end; m += 12) {
			if (!np_has(m, end, 4))
				goto trunc;
			uint32_t v = np_load_be32(m), topo = (v & 0x7f000000u) >> 24;
			out_fmt(o, "\n\t\ttopology %s (%u), type %u, metric",
				tok2str(ospf_topology_names, "Unknown", topo), topo, v & 0x80000000u ? 2 : 1);
			if ((v & 0x00ffffffu) == 0xffffff)
				out_str(o, " infinite");
			else
				out_fmt(o, " %u", v & 0x00ffffffu);
			if (!np_has(m + 4, end, 4))
				goto trunc;
			if (np_load_be32(m + 4) != 0)
				(void)print_ospf_addr(pr, ", forward ", m + 4);
			if (!np_has(m + 8, end, 4))
				goto trunc;
			if (np_load_be32(m + 8) != 0)
				(void)print_ospf_addr(pr, ", tag ", m + 8);
		}
		break;
	case 6:
		for (const uint8_t *m = b; m < ls_end; m += 8) {
			if (!np_has(m, end, 4))
				goto trunc;
			uint32_t vt = np_load_be32(m);
			if (vt == 1 || vt == 2) {
				if (!print_ospf_addr(pr,
						     vt == 1 ? "\n\t    Router Router-ID "
							     : "\n\t    Network Designated Router ",
						     m + 4))
					goto trunc;
			} else {
				out_fmt(o, "\n\t    unknown VertexType (%u)", vt);
			}
		}
		break;
	case 9:
	case 10:
	case 11:
		if (lsa[4] == 4) {
			if (!print_ospf_ri(pr, b, len, &stopped))
				goto done;
		} else if (lsa[4] == 3) {
			if (!print_ospf_grace(pr, b, len))
				goto done;
		} else if (lsa[4] == 1) {
			if (!print_ospf_te(pr, b, len, &stopped))
				goto done;
		} else if (pr->o.vflag <= 1) {
			print_unknown_data(pr, b, "\n\t    ", len);
			if (b > end)
				return ls_end;
		}
		break;
	default: break;
	}
	if (pr->o.vflag > 1) {
		print_unknown_data(pr, b, "\n\t    ", len);
	}
	return ls_end;
done:
	if (stopped)
		goto trunc;
	return ls_end;
trunc:
	print_trunc_stop(pr);
	return NULL;
}

/* The body after the 24-byte header: false when the packet stopped. */
static bool print_ospf_body(np_printer *pr, const uint8_t *op, const uint8_t *dataend)
{
	np_out *o = pr->out;
	const uint8_t *b = op + OSPF_HDRLEN, *end = pr->snapend;
	switch (op[1]) {
	case 1: /* Hello */
		if (!np_has(b + 6, end, 1))
			goto trunc;
		print_ospf_bits(pr, "\n\tOptions [", ospf_option_names, b[6], "none");
		if (!np_has(b, end, 12))
			goto trunc;
		out_fmt(o, "\n\t  Hello Timer %us, Dead Timer %us, Mask ", np_load_be16(b + 4), np_load_be32(b + 8));
		out_ipv4(o, b);
		out_fmt(o, ", Priority %u", b[7]);
		if (!np_has(b + 12, end, 4))
			goto trunc;
		if (np_load_be32(b + 12) != 0)
			(void)print_ospf_addr(pr, "\n\t  Designated Router ", b + 12);
		if (!np_has(b + 16, end, 4))
			goto trunc;
		if (np_load_be32(b + 16) != 0)
			(void)print_ospf_addr(pr, ", Backup Designated Router ", b + 16);
		if (b + 20 < dataend)
			out_str(o, "\n\t  Neighbor List:");
		for (const uint8_t *a = b + 20; a < dataend; a += 4)
			if (!print_ospf_addr(pr, "\n\t    ", a))
				goto trunc;
		return true;
	case 2: /* Database Description */
		if (!np_has(b, end, 3))
			goto trunc;
		print_ospf_bits(pr, "\n\tOptions [", ospf_option_names, b[2], "none");
		if (!np_has(b + 3, end, 1))
			goto trunc;
		print_ospf_bits(pr, ", DD Flags [", ospf_dd_flag_names, b[3], "none");
		if (np_load_be16(b))
			out_fmt(o, ", MTU: %u", np_load_be16(b));
		if (!np_has(b + 4, end, 4))
			goto trunc;
		out_fmt(o, ", Sequence: 0x%08x", np_load_be32(b + 4));
		for (const uint8_t *h = b + 8; h < dataend; h += LSA_HDRLEN) {
			int r = print_ospf_lshdr(pr, h);
			if (r == -2)
				return false;
			if (r == -1)
				break;
		}
		return true;
	case 3: /* LS-Request */
		for (const uint8_t *r = b; r < dataend; r += 12) {
			if (!np_has(r, end, 12))
				goto trunc;
			uint32_t type = np_load_be32(r);
			out_str(o, "\n\t  Advertising Router: ");
			out_ipv4(o, r + 8);
			out_fmt(o, ", %s LSA (%u)", tok2str(ospf_lsa_names, "unknown", type), type);
			if (type >= 9 && type <= 11) {
				out_fmt(o, ", Opaque-Type: %s LSA (%u), Opaque-ID: %u",
					tok2str(ospf_opaque_names, "unknown", r[4]), r[4],
					np_load_be32(r + 4) & 0xffffffu);
			} else {
				out_str(o, ", LSA-ID: ");
				out_ipv4(o, r + 4);
			}
		}
		return true;
	case 4: { /* LS-Update */
		if (!np_has(b, end, 4))
			goto trunc;
		uint32_t n = np_load_be32(b);
		out_fmt(o, ", %u LSA%s", n, n == 1 ? "" : "s");
		const uint8_t *l = b + 4;
		for (uint32_t i = 1; i <= n && i != 0; i++) {
			out_fmt(o, "\n\t  LSA #%u", i);
			l = print_ospf_lsa(pr, l);
			if (l == NULL) {
				if (!pr->stopped)
					print_trunc_stop(pr);
				return false;
			}
		}
		return true;
	}
	case 5: /* LS-Ack: headers until one is bogus or the capture ends */
		for (const uint8_t *h = b;; h += LSA_HDRLEN) {
			int r = print_ospf_lshdr(pr, h);
			if (r == -2)
				return false;
			if (r == -1)
				return true;
		}
	default: return true;
	}
trunc:
	print_trunc_stop(pr);
	return false;
}

/* RFC 5613 link-local signalling after the OSPF data. */
static void print_ospf_lls(np_printer *pr, const uint8_t *op, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t opts;
	if (op[1] == 1)
		NP_GET_U8(opts, op + OSPF_HDRLEN + 6, end);
	else if (op[1] == 2)
		NP_GET_U8(opts, op + OSPF_HDRLEN + 2, end);
	else
		return;
	if (!(opts & 0x10))
		return;
	uint32_t len2 = np_load_be16(op + 2);
	const uint8_t *d = op + len2, *dataend = op + length;
	if (np_load_be16(op + 14) == 2) {
		d += op[19];
		len2 += op[19];
	}
	if (len2 >= length) {
		out_str(o, "\n\t[LLS truncated]");
		return;
	}
	uint16_t v;
	NP_GET_BE16(v, d, end);
	out_fmt(o, "\n\t  LLS: checksum: 0x%04x", v);
	NP_GET_BE16(v, d + 2, end);
	out_fmt(o, ", length: %u", v);
	d += 4;
	while (d < dataend) {
		uint16_t type, len;
		uint32_t val;
		NP_GET_BE16(type, d, end);
		out_fmt(o, "\n\t    %s (%u)", tok2str(ospf_lls_tlv_names, "Unknown TLV", type), type);
		NP_GET_BE16(len, d + 2, end);
		out_fmt(o, ", length: %u", len);
		d += 4;
		if (type == 1) {
			if (len != 4) {
				out_str(o, " [should be 4]");
				len = 4;
			}
			NP_GET_BE32(val, d, end);
			out_fmt(o, "\n\t      Options: 0x%08x [", val);
			print_bits(pr, ospf_lls_eo_names, val, ", ", "?");
			out_char(o, ']');
		} else if (type == 2) {
			if (len != 20) {
				out_str(o, " [should be 20]");
				len = 20;
			}
			NP_GET_BE32(val, d, end);
			out_fmt(o, "\n\t      Sequence number: 0x%08x", val);
		}
		d += len;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_ospf_v(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t auth;
	uint8_t type, version;
	NP_GET_BE16(auth, p + 14, end);
	if (auth == 2) { /* the MD5 digest trails the packet: left out */
		length -= 16;
		pr->snapend = print_caplen_from(pr, p) >= 16 ? pr->snapend - 16 : p;
		end = pr->snapend;
	}
	NP_GET_U8(type, p + 1, end);
	NP_GET_U8(version, p, end);
	const char *name = tok2str(ospf_type_names, "unknown LS-type %u", type);
	out_fmt(o, "OSPFv%u, %s, length %u", version, name, length);
	if (name[0] == 'u' || !pr->o.vflag)
		return;
	uint16_t olen;
	NP_GET_BE16(olen, p + 2, end);
	if (length != olen)
		out_fmt(o, " [len %u]", olen);
	const uint8_t *dataend = p + (length > olen ? olen : length);
	if (!print_ospf_addr(pr, "\n\tRouter-ID ", p + 4))
		goto trunc;
	NP_CHECK(p + 8, end, 4);
	if (np_load_be32(p + 8) != 0)
		(void)print_ospf_addr(pr, ", Area ", p + 8);
	else
		out_str(o, ", Backbone Area");
	NP_CHECK(p + 16, end, 8);
	out_fmt(o, ", Authentication Type: %s (%u)", tok2str(ospf_auth_names, "unknown", auth), auth);
	switch (auth) {
	case 0: break;
	case 1:
		out_str(o, "\n\tSimple text password: ");
		if (!print_text_nul(pr, p + 16, 8))
			goto trunc;
		break;
	case 2:
		out_fmt(o, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x", p[18], p[19],
			np_load_be32(p + 20));
		break;
	default: return;
	}
	if (version != 2) {
		out_fmt(o, " ospf [version %u]", version);
		return;
	}
	if (!print_ospf_body(pr, p, dataend))
		return;
	if (length > olen)
		print_ospf_lls(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_ospf(np_printer *pr, const uint8_t *p, uint32_t length)
{
	const uint8_t *snapend = pr->snapend;
	pr->protocol = "ospf2";
	print_ospf_v(pr, p, length);
	pr->snapend = snapend;
}
