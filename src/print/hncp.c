/*
 * hncp.c - the Home Networking Control Protocol (RFC 7788) over DNCP
 * (RFC 7787), UDP 8231, as tcpdump 4.99's print-hncp.c writes it: the
 * length, then the TLVs. Below -vvv, the TLVs nested deeper than the
 * verbosity are summarised in line by type and count; the others are
 * printed one a line with their fields (node and endpoint IDs, hashes,
 * intervals, prefixes with IPv4-mapped ones as IPv4, DHCPv4/DHCPv6 option
 * data, DNS zones and names, PSKs) and their nested TLVs.
 *
 * Not for: DHCP itself (bootp.c, dhcp6.c) or DNS messages (dns.c).
 */
#include <string.h>

#include "print.h"

enum {
	RANGE_RESERVED = 0x10000,
	RANGE_UNASSIGNED = 0x10001,
	RANGE_PRIVATE_USE = 0x10002,
	RANGE_FUTURE_USE = 0x10003,
};

static const np_tok hncp_type_names[] = {
	{1, "Request network state"},
	{2, "Request node state"},
	{3, "Node endpoint"},
	{4, "Network state"},
	{5, "Node state"},
	{8, "Peer"},
	{9, "Keep-alive interval"},
	{10, "Trust-Verdict"},
	{32, "HNCP-Version"},
	{33, "External-Connection"},
	{34, "Delegated-Prefix"},
	{43, "Prefix-Policy"},
	{37, "DHCPv4-Data"},
	{38, "DHCPv6-Data"},
	{35, "Assigned-Prefix"},
	{36, "Node-Address"},
	{39, "DNS-Delegated-Zone"},
	{40, "Domain-Name"},
	{41, "Node-Name"},
	{42, "Managed-PSK"},
	{RANGE_RESERVED, "Reserved"},
	{RANGE_UNASSIGNED, "Unassigned"},
	{RANGE_PRIVATE_USE, "Private use"},
	{RANGE_FUTURE_USE, "Future use"},
	{0, NULL},
};

static const np_tok dh4opt_names[] = {{6, "DNS-server"}, {42, "NTP-server"}, {119, "DNS-search"}, {0, NULL}};
static const np_tok dh6opt_names[] = {{23, "DNS-server"}, {24, "DNS-search-list"}, {31, "SNTP-servers"}, {0, NULL}};

static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static void hncp_rec(np_printer *pr, const uint8_t *cp, uint32_t length, int indent);

static void newline_indent(np_printer *pr, int indent)
{
	out_char(pr->out, '\n');
	for (int t = indent; t > 0; t--)
		out_char(pr->out, '\t');
}

static void print_nid(np_printer *pr, const uint8_t *p)
{
	out_fmt(pr->out, "%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3]);
}

static void print_interval(np_printer *pr, uint32_t n)
{
	out_fmt(pr->out, "%u.%03us", n / 1000, n % 1000);
}

static void print_256(np_printer *pr, const uint8_t *p)
{
	for (int i = 0; i < 4; i++)
		out_fmt(pr->out, "%016llx", (unsigned long long)np_load_be64(p + 8 * i));
}

/* An IPv6 address, or the IPv4 one it maps. */
static void print_addr6(np_printer *pr, const uint8_t *p)
{
	if (memcmp(p, v4mapped, sizeof(v4mapped)) == 0)
		out_ipv4(pr->out, p + 12);
	else
		out_ipv6(pr->out, p);
}

/* A length-prefixed prefix (IPv4-mapped lengths 96..128 as IPv4) within
 * max bytes: the bytes it took, or -1 (bad length), -2/-3 (runs past max);
 * nothing is printed then. All of max is captured. */
static int print_prefix(np_printer *pr, const uint8_t *p, uint32_t max)
{
	if (max < 1)
		return -2;
	uint32_t plen = p[0];
	if (plen >= 96 && max >= 13 && memcmp(p + 1, v4mapped, sizeof(v4mapped)) == 0) {
		uint8_t a[4] = {0};
		plen -= 96;
		if (plen > 32)
			return -1;
		uint32_t nb = (plen + 7) / 8;
		if (max - 1 < nb + 12)
			return -3;
		memcpy(a, p + 13, nb);
		if (plen % 8)
			a[nb - 1] &= (uint8_t)(0xff00 >> (plen % 8));
		out_ipv4(pr->out, a);
		out_fmt(pr->out, "/%u", plen);
		return (int)(nb + 13);
	}
	return print_bgp_prefix(pr, "", true, p, max); /* as BGP's decode_prefix6 */
}

/* DNS labels within max bytes, "[|DNS]" when no root label ends them:
 * the bytes taken or -1. */
static int print_dns_label(np_printer *pr, const uint8_t *p, uint32_t max)
{
	uint32_t len = 0;
	while (len < max) {
		uint32_t lab = p[len++];
		if (lab == 0)
			return (int)len;
		if (len > 1)
			out_char(pr->out, '.');
		if (len + lab > max) {
			print_text_nul(pr, p + len, max - len);
			break;
		}
		print_text_nul(pr, p + len, lab);
		len += lab;
	}
	out_str(pr->out, "[|DNS]");
	return -1;
}

/* DHCPv4 (v6 false: 1-byte type and length) or DHCPv6 options; -1 when
 * they do not fit, with pr->stopped when the capture ended in a name. */
static int print_dhcp_opts(np_printer *pr, const uint8_t *cp, uint32_t length, int indent, bool v6)
{
	uint32_t hl = v6 ? 4 : 2, alen = v6 ? 16 : 4;
	for (uint32_t i = 0; i < length;) {
		if (i + hl > length)
			return -1;
		const uint8_t *tlv = cp + i, *value = tlv + hl;
		uint32_t type = v6 ? np_load_be16(tlv) : tlv[0], optlen = v6 ? np_load_be16(tlv + 2) : tlv[1];
		newline_indent(pr, indent);
		out_fmt(pr->out, "%s (%u)", tok2str(v6 ? dh6opt_names : dh4opt_names, "Unknown", type), optlen + hl);
		if (i + hl + optlen > length)
			return -1;
		bool addrs = v6 ? type == 23 || type == 31 : type == 6 || type == 42;
		bool names = v6 ? type == 24 : type == 119;
		if (addrs) {
			if (v6 ? optlen % 16 != 0 : optlen < 4 || optlen % 4 != 0) {
				if (v6)
					print_invalid(pr);
				return -1;
			}
			for (uint32_t t = 0; t < optlen; t += alen) {
				out_char(pr->out, ' ');
				if (v6)
					out_ipv6(pr->out, value + t);
				else
					out_ipv4(pr->out, value + t);
			}
		} else if (names) {
			const uint8_t *tp = value;
			while (tp < value + optlen) {
				out_char(pr->out, ' ');
				if ((tp = print_dns_name(pr, tp, value + optlen)) == NULL)
					return -1;
			}
		}
		i += hl + optlen;
	}
	return 0;
}

static void print_type_in_line(np_printer *pr, uint32_t type, int count, int indent, bool *first)
{
	if (count <= 0)
		return;
	if (*first) {
		*first = false;
		if (indent > 1)
			newline_indent(pr, indent);
		else
			out_char(pr->out, ' ');
	} else {
		out_str(pr->out, ", ");
	}
	out_str(pr->out, tok2str(hncp_type_names, "Easter Egg", type));
	if (count > 1)
		out_fmt(pr->out, " (x%d)", count);
}

static uint32_t type_class(uint16_t type)
{
	if (tok_name(hncp_type_names, type) && type != 0)
		return type;
	if (type == 0)
		return RANGE_RESERVED;
	if (type == 6 || type == 7)
		return RANGE_FUTURE_USE;
	if (type >= 44 && type <= 511)
		return RANGE_UNASSIGNED;
	if (type >= 768 && type <= 1023)
		return RANGE_PRIVATE_USE;
	return RANGE_FUTURE_USE;
}

/* Nested TLVs from byte l of a body of bodylen, after l is padded to 4. */
static void nested(np_printer *pr, const uint8_t *value, uint32_t bodylen, uint32_t l, int indent)
{
	l += -l & 3;
	if (bodylen >= l)
		hncp_rec(pr, value + l, bodylen - l, indent + 1);
}

/* One TLV's body (all captured); false to stop this level as invalid. */
static bool print_tlv(np_printer *pr, uint32_t tm, const uint8_t *value, uint32_t bodylen, int indent)
{
	np_out *o = pr->out;
	int l;
	switch (tm) {
	case 1:
		if (bodylen != 0)
			print_invalid(pr);
		break;
	case 2:
		if (bodylen != 4) {
			print_invalid(pr);
			break;
		}
		out_str(o, " NID: ");
		print_nid(pr, value);
		break;
	case 3:
		if (bodylen != 8) {
			print_invalid(pr);
			break;
		}
		out_str(o, " NID: ");
		print_nid(pr, value);
		out_fmt(o, " EPID: %08x", np_load_be32(value + 4));
		break;
	case 4:
		if (bodylen != 8) {
			print_invalid(pr);
			break;
		}
		out_fmt(o, " hash: %016llx", (unsigned long long)np_load_be64(value));
		break;
	case 5:
		if (bodylen < 20) {
			print_invalid(pr);
			break;
		}
		out_str(o, " NID: ");
		print_nid(pr, value);
		out_fmt(o, " seqno: %u ", np_load_be32(value + 4));
		print_interval(pr, np_load_be32(value + 8));
		out_fmt(o, " hash: %016llx", (unsigned long long)np_load_be64(value + 12));
		hncp_rec(pr, value + 20, bodylen - 20, indent + 1);
		break;
	case 8:
		if (bodylen != 12) {
			print_invalid(pr);
			break;
		}
		out_str(o, " Peer-NID: ");
		print_nid(pr, value);
		out_fmt(o, " Peer-EPID: %08x Local-EPID: %08x", np_load_be32(value + 4), np_load_be32(value + 8));
		break;
	case 9:
		if (bodylen < 8) {
			print_invalid(pr);
			break;
		}
		out_fmt(o, " EPID: %08x Interval: ", np_load_be32(value));
		print_interval(pr, np_load_be32(value + 4));
		break;
	case 10:
		if (bodylen <= 36) {
			print_invalid(pr);
			break;
		}
		out_fmt(o, " Verdict: %u Fingerprint: ", value[0]);
		print_256(pr, value + 4);
		out_str(o, " Common Name: ");
		print_text_nul(pr, value + 36, bodylen - 36);
		break;
	case 32: {
		if (bodylen < 5) {
			print_invalid(pr);
			break;
		}
		uint16_t c = np_load_be16(value + 2);
		out_fmt(o, " M: %u P: %u H: %u L: %u User-agent: ", (c >> 12) & 0xf, (c >> 8) & 0xf, (c >> 4) & 0xf,
			c & 0xf);
		print_text_nul(pr, value + 4, bodylen - 4);
		break;
	}
	case 33: hncp_rec(pr, value, bodylen, indent + 1); break;
	case 34:
		if (bodylen < 9 || bodylen < 9 + (value[8] + 7u) / 8) {
			print_invalid(pr);
			break;
		}
		out_str(o, " VLSO: ");
		print_interval(pr, np_load_be32(value));
		out_str(o, " PLSO: ");
		print_interval(pr, np_load_be32(value + 4));
		out_str(o, " Prefix: ");
		l = print_prefix(pr, value + 8, bodylen - 8);
		if (l == -1) {
			out_str(o, "(length is invalid)");
			break;
		}
		if (l < 0) {
			print_invalid(pr);
			break;
		}
		nested(pr, value, bodylen, (uint32_t)l + 8, indent);
		break;
	case 43: {
		if (bodylen < 1) {
			print_invalid(pr);
			break;
		}
		uint8_t policy = value[0];
		out_str(o, " type: ");
		if (policy == 0) {
			if (bodylen != 1)
				print_invalid(pr);
			else
				out_str(o, "Internet connectivity");
		} else if (policy <= 128) {
			out_str(o, "Dest-Prefix: ");
			l = print_prefix(pr, value, bodylen);
			if (l == -1)
				out_str(o, "(length is invalid)");
			else if (l < 0)
				print_invalid(pr);
		} else if (policy == 129) {
			out_str(o, "DNS domain: ");
			print_dns_label(pr, value + 1, bodylen - 1);
		} else if (policy == 130) {
			out_str(o, "Opaque UTF-8: ");
			print_text_nul(pr, value + 1, bodylen - 1);
		} else if (policy == 131) {
			if (bodylen != 1)
				print_invalid(pr);
			else
				out_str(o, "Restrictive assignment");
		} else {
			out_fmt(o, "Unknown (%u)", policy);
		}
		break;
	}
	case 37:
	case 38:
		if (bodylen == 0) {
			print_invalid(pr);
			break;
		}
		if (print_dhcp_opts(pr, value, bodylen, indent + 1, tm == 38) != 0) {
			if (pr->stopped)
				break;
			if (tm == 37)
				return false;
			print_invalid(pr);
		}
		break;
	case 35:
		if (bodylen < 6 || bodylen < 6 + (value[5] + 7u) / 8) {
			print_invalid(pr);
			break;
		}
		out_fmt(o, " EPID: %08x Prty: %u Prefix: ", np_load_be32(value), value[4] & 0xf);
		if ((l = print_prefix(pr, value + 5, bodylen - 5)) < 0) {
			print_invalid(pr);
			break;
		}
		nested(pr, value, bodylen, (uint32_t)l + 5, indent);
		break;
	case 36:
		if (bodylen < 20) {
			print_invalid(pr);
			break;
		}
		out_fmt(o, " EPID: %08x IP Address: ", np_load_be32(value));
		print_addr6(pr, value + 4);
		hncp_rec(pr, value + 20, bodylen - 20, indent + 1);
		break;
	case 39: {
		if (bodylen < 17) {
			print_invalid(pr);
			break;
		}
		uint8_t f = value[16];
		out_str(o, " IP-Address: ");
		print_addr6(pr, value);
		out_fmt(o, " %c%c%c ", (f & 4) ? 'l' : '-', (f & 2) ? 'b' : '-', (f & 1) ? 's' : '-');
		l = print_dns_label(pr, value + 17, bodylen - 17);
		if (l < 0) {
			print_invalid(pr);
			break;
		}
		nested(pr, value, bodylen, (uint32_t)l + 17, indent);
		break;
	}
	case 40:
		if (bodylen == 0) {
			print_invalid(pr);
			break;
		}
		out_str(o, " Domain: ");
		print_dns_label(pr, value, bodylen);
		break;
	case 41: {
		if (bodylen < 17 || bodylen < 17u + value[16]) {
			print_invalid(pr);
			break;
		}
		uint32_t n = value[16];
		out_str(o, " IP-Address: ");
		print_addr6(pr, value);
		out_str(o, " Name: ");
		if (n < 64) {
			out_char(o, '"');
			print_text_nul(pr, value + 17, n);
			out_char(o, '"');
		} else {
			print_invalid(pr);
		}
		nested(pr, value, bodylen, n + 17, indent);
		break;
	}
	case 42:
		if (bodylen < 32) {
			print_invalid(pr);
			break;
		}
		out_str(o, " PSK: ");
		print_256(pr, value);
		hncp_rec(pr, value + 32, bodylen - 32, indent + 1);
		break;
	default: break;
	}
	return true;
}

static void hncp_rec(np_printer *pr, const uint8_t *cp, uint32_t length, int indent)
{
	bool in_line = indent - 1 >= pr->o.vflag && pr->o.vflag < 3;
	bool first = true;
	uint32_t last_mask = 0xffffffffu;
	int last_count = -1;
	for (uint32_t i = 0; i < length;) {
		const uint8_t *tlv = cp + i;
		if (!in_line)
			newline_indent(pr, indent);
		/* tcpdump's ND_TCHECK here ends this level only */
		if (!np_has(tlv, pr->snapend, 4)) {
			print_trunc(pr);
			return;
		}
		if (i + 4 > length) {
			print_invalid(pr);
			return;
		}
		uint16_t type = np_load_be16(tlv), bodylen = np_load_be16(tlv + 2);
		const uint8_t *value = tlv + 4;
		if (!np_has(value, pr->snapend, bodylen)) {
			print_trunc(pr);
			return;
		}
		if (i + bodylen + 4 > length) {
			print_invalid(pr);
			return;
		}
		uint32_t tm = type_class(type);
		if (in_line) {
			if (last_mask == tm) {
				last_count++;
			} else {
				print_type_in_line(pr, last_mask, last_count, indent, &first);
				last_mask = tm;
				last_count = 1;
			}
		} else {
			out_str(pr->out, tok2str(hncp_type_names, "Easter Egg (42)", tm));
			if (tm > 0xffff)
				out_fmt(pr->out, ": type=%u", type);
			out_fmt(pr->out, " (%u)", bodylen + 4u);
			if (!print_tlv(pr, tm, value, bodylen, indent)) {
				print_invalid(pr);
				return;
			}
			if (pr->stopped)
				return;
		}
		i += 4 + ((bodylen + 3u) & ~3u);
	}
	print_type_in_line(pr, last_mask, last_count, indent, &first);
}

void print_hncp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "hncp";
	out_fmt(pr->out, "hncp (%u)", length);
	hncp_rec(pr, p, length, 1);
}
