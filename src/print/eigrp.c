/*
 * eigrp.c - Cisco's Enhanced Interior Gateway Routing Protocol (IP
 * protocol 88, RFC 7868) as tcpdump 4.99's print-eigrp.c writes it:
 * "EIGRP Hello, length: 40", and with -v the common header and every TLV
 * (parameters, software version, IPv4 and AppleTalk routes); -vv adds a
 * hex dump of each TLV.
 *
 * Not for: EIGRP's IPv6 and multi-topology TLVs, which tcpdump shows as
 * unknown (hex) too.
 */
#include <stdio.h>

#include "print.h"

#define EIGRP_HDRLEN 20
#define EIGRP_TLV_HDRLEN 4

static const np_tok eigrp_opcode_names[] = {
	{1, "Update"}, {3, "Query"}, {4, "Reply"}, {5, "Hello"}, {6, "IPX SAP"}, {7, "Probe"}, {0, NULL},
};

static const np_tok eigrp_flag_names[] = {
	{0x01, "Init"}, {0x02, "Conditionally Received"}, {0x04, "Restart"}, {0x08, "End-of-Table"}, {0, NULL},
};

enum {
	TLV_GENERAL_PARM = 0x0001,
	TLV_SW_VERSION = 0x0004,
	TLV_IP_INT = 0x0102,
	TLV_IP_EXT = 0x0103,
	TLV_AT_INT = 0x0202,
	TLV_AT_EXT = 0x0203,
	TLV_AT_CABLE_SETUP = 0x0204,
};

static const np_tok eigrp_tlv_names[] = {
	{0x0001, "General Parameters"},
	{0x0002, "Authentication"},
	{0x0003, "Sequence"},
	{0x0004, "Software Version"},
	{0x0005, "Next Multicast Sequence"},
	{0x0102, "IP Internal routes"},
	{0x0103, "IP External routes"},
	{0x0202, "AppleTalk Internal routes"},
	{0x0203, "AppleTalk External routes"},
	{0x0204, "AppleTalk Cable setup"},
	{0x0302, "IPX Internal routes"},
	{0x0303, "IPX External routes"},
	{0, NULL},
};

static const np_tok eigrp_ext_proto_names[] = {
	{0x01, "IGRP"},  {0x02, "EIGRP"}, {0x03, "Static"}, {0x04, "RIP"},  {0x05, "Hello"},     {0x06, "OSPF"},
	{0x07, "IS-IS"}, {0x08, "EGP"},   {0x09, "BGP"},    {0x0a, "IDRP"}, {0x0b, "Connected"}, {0, NULL},
};

/* The smallest body (after the TLV header) each decoded TLV needs. */
static uint32_t eigrp_tlv_min(uint16_t type)
{
	switch (type) {
	case TLV_GENERAL_PARM: return 8;
	case TLV_SW_VERSION: return 4;
	case TLV_IP_INT: return 22;
	case TLV_IP_EXT: return 42;
	case TLV_AT_INT: return 24;
	case TLV_AT_EXT: return 40;
	case TLV_AT_CABLE_SETUP: return 8;
	default: return 0;
	}
}

/* "delay ... load N" from the metric block at m (17 bytes, captured). */
static void print_eigrp_metric(np_printer *pr, const uint8_t *m)
{
	uint32_t delay = 0, bw = 0, mtu = 0;
	(void)np_get_be32(m, pr->snapend, &delay);
	(void)np_get_be32(m + 4, pr->snapend, &bw);
	(void)np_get_be24(m + 8, pr->snapend, &mtu);
	out_fmt(pr->out, "\n\t      delay %u ms, bandwidth %u Kbps, mtu %u, hop %u, reliability %u, load %u",
		delay / 100, bw, mtu, m[11], m[12], m[13]);
}

/* An IPv4 route (internal or external): false when its prefix ran off the capture. */
static bool print_eigrp_ip_route(np_printer *pr, const uint8_t *b, bool ext)
{
	np_out *o = pr->out;
	const uint8_t *metric = b + (ext ? 24 : 4);
	uint8_t plen = metric[16];
	if (plen > 32) {
		out_fmt(o, "\n\t    illegal prefix length %u", plen);
		return true;
	}
	uint8_t prefix[4] = {0, 0, 0, 0};
	uint32_t nbytes = (plen + 7u) / 8u;
	if (!np_has(metric + 17, pr->snapend, nbytes))
		return false;
	for (uint32_t i = 0; i < nbytes; i++)
		prefix[i] = metric[17 + i];
	char dest[16];
	snprintf(dest, sizeof(dest), "%u.%u.%u.%u", prefix[0], prefix[1], prefix[2], prefix[3]);
	out_fmt(o, "\n\t    IPv4 prefix: %15s/%u, nexthop: ", dest, plen);
	if (b[0] | b[1] | b[2] | b[3])
		out_ipv4(o, b);
	else
		out_str(o, "self");
	if (ext) {
		uint32_t as = 0, tag = 0, met = 0;
		(void)np_get_be32(b + 8, pr->snapend, &as);
		(void)np_get_be32(b + 12, pr->snapend, &tag);
		(void)np_get_be32(b + 16, pr->snapend, &met);
		out_str(o, "\n\t      origin-router ");
		out_ipv4(o, b + 4);
		out_fmt(o, ", origin-as %u, origin-proto %s, flags [0x%02x], tag 0x%08x, metric %u", as,
			tok2str(eigrp_ext_proto_names, "unknown", b[22]), b[23], tag, met);
	}
	print_eigrp_metric(pr, metric);
	return true;
}

/* An AppleTalk route; b is captured for the TLV's minimum size. */
static void print_eigrp_at_route(np_printer *pr, const uint8_t *b, bool ext)
{
	np_out *o = pr->out;
	const uint8_t *metric = b + (ext ? 20 : 4), *cable = metric + 16;
	out_fmt(o, "\n\t     Cable-Range: %u-%u, nexthop: ", (unsigned)(cable[0] << 8 | cable[1]),
		(unsigned)(cable[2] << 8 | cable[3]));
	if (b[0] | b[1] | b[2] | b[3])
		out_fmt(o, "%u.%u", (unsigned)(b[0] << 8 | b[1]), (unsigned)(b[2] << 8 | b[3]));
	else
		out_str(o, "self");
	if (ext) {
		uint32_t router = 0, as = 0, tag = 0;
		(void)np_get_be32(b + 4, pr->snapend, &router);
		(void)np_get_be32(b + 8, pr->snapend, &as);
		(void)np_get_be32(b + 12, pr->snapend, &tag);
		out_fmt(o,
			"\n\t      origin-router %u, origin-as %u, origin-proto %s, flags [0x%02x], tag 0x%08x, metric %u",
			router, as, tok2str(eigrp_ext_proto_names, "unknown", b[16]), b[17], tag,
			(unsigned)(b[18] << 8 | b[19]));
	}
	print_eigrp_metric(pr, metric);
}

/* One TLV's body (blen bytes, all captured): false when the packet stops. */
static bool print_eigrp_tlv(np_printer *pr, uint16_t type, const uint8_t *b, uint32_t blen)
{
	np_out *o = pr->out;
	uint32_t min = eigrp_tlv_min(type);
	if (min != 0 && blen < min) {
		out_fmt(o, " (too short, < %u)", min + EIGRP_TLV_HDRLEN);
		return true;
	}
	switch (type) {
	case TLV_GENERAL_PARM:
		out_fmt(o, "\n\t    holdtime: %us, k1 %u, k2 %u, k3 %u, k4 %u, k5 %u", (unsigned)(b[6] << 8 | b[7]),
			b[0], b[1], b[2], b[3], b[4]);
		break;
	case TLV_SW_VERSION:
		out_fmt(o, "\n\t    IOS version: %u.%u, EIGRP version %u.%u", b[0], b[1], b[2], b[3]);
		break;
	case TLV_IP_INT:
	case TLV_IP_EXT: return print_eigrp_ip_route(pr, b, type == TLV_IP_EXT);
	case TLV_AT_CABLE_SETUP: {
		uint32_t router = 0;
		(void)np_get_be32(b + 4, pr->snapend, &router);
		out_fmt(o, "\n\t    Cable-range: %u-%u, Router-ID %u", (unsigned)(b[0] << 8 | b[1]),
			(unsigned)(b[2] << 8 | b[3]), router);
		break;
	}
	case TLV_AT_INT:
	case TLV_AT_EXT: print_eigrp_at_route(pr, b, type == TLV_AT_EXT); break;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, b, "\n\t    ", blen);
		break;
	}
	return true;
}

void print_eigrp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	pr->protocol = "eigrp";
	if (!np_has(p, end, EIGRP_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t version = p[0], opcode = p[1];
	if (version != 2) {
		out_fmt(o, "EIGRP version %u packet not supported", version);
		return;
	}
	if (pr->o.vflag < 1) {
		out_fmt(o, "EIGRP %s, length: %u", tok2str(eigrp_opcode_names, "unknown (%u)", opcode), length);
		return;
	}
	if (length < EIGRP_HDRLEN) {
		out_fmt(o, "EIGRP %s, length: %u (too short, < %u)",
			tok2str(eigrp_opcode_names, "unknown (%u)", opcode), length, EIGRP_HDRLEN);
		return;
	}
	uint32_t tlen = length - EIGRP_HDRLEN, flags = 0, seq = 0, ack = 0;
	(void)np_get_be32(p + 4, end, &flags);
	(void)np_get_be32(p + 8, end, &seq);
	(void)np_get_be32(p + 12, end, &ack);
	out_fmt(o, "\n\tEIGRP v%u, opcode: %s (%u), chksum: 0x%04x, Flags: [", version,
		tok2str(eigrp_opcode_names, "unknown, type: %u", opcode), opcode, (unsigned)(p[2] << 8 | p[3]));
	print_bits(pr, eigrp_flag_names, flags, ", ", "none");
	out_fmt(o, "]\n\tseq: 0x%08x, ack: 0x%08x, VRID: %u, AS: %u, length: %u", seq, ack,
		(unsigned)(p[16] << 8 | p[17]), (unsigned)(p[18] << 8 | p[19]), tlen);
	const uint8_t *t = p + EIGRP_HDRLEN;
	while (tlen > 0) {
		uint16_t type, tlv_len;
		if (!np_has(t, end, EIGRP_TLV_HDRLEN)) {
			print_trunc(pr);
			return;
		}
		type = (uint16_t)(t[0] << 8 | t[1]);
		tlv_len = (uint16_t)(t[2] << 8 | t[3]);
		if (tlv_len < EIGRP_TLV_HDRLEN || tlv_len > tlen) {
			print_unknown_data(pr, t + EIGRP_TLV_HDRLEN, "\n\t    ", tlen);
			return;
		}
		out_fmt(o, "\n\t  %s TLV (0x%04x), length: %u", tok2str(eigrp_tlv_names, "Unknown", type), type,
			tlv_len);
		if (!np_has(t, end, tlv_len)) {
			print_trunc(pr);
			return;
		}
		if (!print_eigrp_tlv(pr, type, t + EIGRP_TLV_HDRLEN, tlv_len - EIGRP_TLV_HDRLEN)) {
			print_trunc_stop(pr);
			return;
		}
		if (pr->o.vflag > 1)
			print_unknown_data(pr, t + EIGRP_TLV_HDRLEN, "\n\t    ", tlv_len - EIGRP_TLV_HDRLEN);
		t += tlv_len;
		tlen -= tlv_len;
	}
}
