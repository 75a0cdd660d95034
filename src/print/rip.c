/*
 * rip.c - Routing Information Protocol text (RFC 1058 v1, RFC 2453 v2,
 * RFC 2082 and RFC 4822 authentication) as tcpdump 4.99's print-rip.c
 * writes it: "RIPv2, Response, length: N", and with -v every route entry
 * (address, prefix length, tag, metric, next hop) and authentication
 * entry; -vv adds a hex dump.
 *
 * Not for: RIPng (UDP 521, IPv6), which tcpdump prints elsewhere.
 */
#include <stdio.h>

#include "print.h"

#define RIP_HDRLEN 4
#define RIP_ROUTELEN 20
#define RIP_AUTHLEN 16
#define BSD_AF_INET 2

static const np_tok rip_cmd_names[] = {
	{1, "Request"}, {2, "Response"}, {3, "Trace on"}, {4, "Trace off"}, {5, "Poll"}, {6, "Poll Entry"}, {0, NULL},
};

/* A netmask's prefix length, -1 when its ones are not contiguous. */
static int mask_to_plen(uint32_t mask)
{
	int plen = 0;
	while (plen < 32 && (mask & (0x80000000u >> plen)))
		plen++;
	if (plen < 32 && (mask << plen) != 0)
		return -1;
	return plen;
}

/* One v1 entry: its size, 0 when it is short or not captured. */
static uint32_t print_rip_entry_v1(np_printer *pr, const uint8_t *p, uint32_t remaining)
{
	np_out *o = pr->out;
	if (remaining < RIP_ROUTELEN || !np_has(p, pr->snapend, RIP_ROUTELEN))
		return 0;
	uint16_t family = (uint16_t)(p[0] << 8 | p[1]);
	if (family != BSD_AF_INET && family != 0) {
		out_fmt(o, "\n\t AFI %s, ", tok2str(bsd_af_names, "Unknown (%u)", family));
		print_unknown_data(pr, p + 4, "\n\t  ", RIP_ROUTELEN - 4);
		return RIP_ROUTELEN;
	}
	if (p[2] || p[3] || np_load_be32(p + 8) || np_load_be32(p + 12)) { /* must-be-zero fields are not */
		print_unknown_data(pr, p, "\n\t  ", RIP_ROUTELEN);
		return RIP_ROUTELEN;
	}
	out_str(o, family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
	out_ipv4(o, p + 4);
	out_fmt(o, ", metric: %u", np_load_be32(p + 16));
	return RIP_ROUTELEN;
}

/* A v2 authentication entry (family 0xffff) after its 4-byte header. */
static uint32_t print_rip_auth_v2(np_printer *pr, const uint8_t *p, uint32_t remaining, uint16_t auth_type)
{
	np_out *o = pr->out;
	if (auth_type == 2) {
		out_str(o, "\n\t  Simple Text Authentication data: ");
		if (!print_text_nul(pr, p, RIP_AUTHLEN))
			print_trunc_stop(pr);
		return RIP_ROUTELEN;
	}
	if (auth_type == 3) { /* RFC 4822 cryptographic header */
		if (!np_has(p, pr->snapend, 16) || remaining < 16)
			return 0;
		out_fmt(o, "\n\t  Auth header: Packet Len %u,", (unsigned)(p[0] << 8 | p[1]));
		out_fmt(o, " Key-ID %u, Auth Data Len %u,", p[2], p[3]);
		out_fmt(o, " SeqNo %u, MBZ %u, MBZ %u", np_load_be32(p + 4), np_load_be32(p + 8), np_load_be32(p + 12));
		return RIP_ROUTELEN;
	}
	if (auth_type == 1)
		out_str(o, "\n\t  Auth trailer:");
	else
		out_fmt(o, "\n\t  Unknown (%u) Authentication data:", auth_type);
	print_unknown_data(pr, p, "\n\t  ", remaining);
	return 4 + remaining; /* to the end of the packet */
}

/* One v2 entry: its size, 0 when it is short or not captured. */
static uint32_t print_rip_entry_v2(np_printer *pr, const uint8_t *p, uint32_t remaining)
{
	np_out *o = pr->out;
	if (remaining < 4 || !np_has(p, pr->snapend, 4))
		return 0;
	uint16_t family = (uint16_t)(p[0] << 8 | p[1]), tag = (uint16_t)(p[2] << 8 | p[3]);
	if (family == 0xffff)
		return print_rip_auth_v2(pr, p + 4, remaining - 4, tag);
	if (family != BSD_AF_INET && family != 0) {
		out_fmt(o, "\n\t  AFI %s", tok2str(bsd_af_names, "Unknown (%u)", family));
		print_unknown_data(pr, p + 4, "\n\t  ", RIP_ROUTELEN - 4);
		return RIP_ROUTELEN;
	}
	if (!np_has(p, pr->snapend, RIP_ROUTELEN) || remaining < RIP_ROUTELEN)
		return 0;
	char dest[16];
	snprintf(dest, sizeof(dest), "%u.%u.%u.%u", p[4], p[5], p[6], p[7]);
	out_fmt(o, "\n\t  AFI %s, %15s/%-2d, tag 0x%04x, metric: %u, next-hop: ", tok2str(bsd_af_names, "%u", family),
		dest, mask_to_plen(np_load_be32(p + 8)), tag, np_load_be32(p + 16));
	if (np_load_be32(p + 12))
		out_ipv4(o, p + 12);
	else
		out_str(o, "self");
	return RIP_ROUTELEN;
}

static void print_rip_routes(np_printer *pr, const uint8_t *p, uint32_t len, uint32_t length, uint8_t vers)
{
	out_fmt(pr->out, vers == 1 ? ", routes: %u" : ", routes: %u or less", length / RIP_ROUTELEN);
	while (len != 0) {
		uint32_t size = vers == 1 ? print_rip_entry_v1(pr, p, len) : print_rip_entry_v2(pr, p, len);
		if (pr->stopped)
			return;
		if (size == 0) {
			print_trunc(pr);
			return;
		}
		if (len < size) {
			out_fmt(pr->out, " [remaining entries length %u < %u]", len, size);
			print_invalid(pr);
			return;
		}
		p += size;
		len -= size;
	}
}

void print_rip(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "rip";
	uint32_t len = print_caplen_from(pr, p);
	if (len > length)
		len = length;
	if (p > pr->snapend || len < RIP_HDRLEN) {
		print_trunc(pr);
		return;
	}
	len -= RIP_HDRLEN;
	uint8_t cmd = p[0], vers = p[1];
	out_fmt(o, "%sRIPv%u", pr->o.vflag >= 1 ? "\n\t" : "", vers);
	if (vers == 0) { /* RFC 1058: to be ignored; shown in hex */
		print_unknown_data(pr, p, "\n\t", length);
		return;
	}
	out_fmt(o, ", %s, length: %u", tok2str(rip_cmd_names, "unknown command (%u)", cmd), length);
	if (pr->o.vflag < 1)
		return;
	switch (cmd) {
	case 1:
	case 2:
		if (vers == 1 || vers == 2)
			print_rip_routes(pr, p + RIP_HDRLEN, len, length, vers);
		else
			out_str(o, ", unknown version");
		if (pr->stopped)
			return;
		break;
	case 4:
	case 5:
	case 6: break;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, p, "\n\t", length);
		break;
	}
	if (pr->o.vflag > 1)
		print_unknown_data(pr, p, "\n\t", length);
}
