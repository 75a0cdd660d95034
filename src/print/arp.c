/*
 * arp.c - ARP, RARP, InARP and ATM ARP text (tcpdump's print-arp.c).
 *
 * The short form "Request who-has A tell B" is kept for Ethernet-style
 * IPv4 ARP; anything else, and every packet with -v, first names the
 * hardware and protocol types with their address lengths. Unknown
 * operations get a hex dump of the whole ARP packet.
 *
 * Not for: the Ethernet header (ether.c). Field values come from the
 * decoded layer (decode/arp.c); this file only turns them into text.
 */
#include "print.h"

#include <stdio.h>

#define ARP_FIXED_LEN 8
#define ATMARP_FIXED_LEN 12
#define ATMARP_LEN_MASK 0x3f

enum {
	ARPHRD_FRELAY = 15,
	ARPHRD_ATM2225 = 19,
	ETHERTYPE_IP = 0x0800,
	ETHERTYPE_TRAIL = 0x1000,
};

enum {
	ARPOP_REQUEST = 1,
	ARPOP_REPLY = 2,
	ARPOP_REVREQUEST = 3,
	ARPOP_REVREPLY = 4,
	ARPOP_INVREQUEST = 8,
	ARPOP_INVREPLY = 9,
	ARPOP_NAK = 10,
};

static const np_tok arpop_values[] = {
	{ARPOP_REQUEST, "Request"},
	{ARPOP_REPLY, "Reply"},
	{ARPOP_REVREQUEST, "Reverse Request"},
	{ARPOP_REVREPLY, "Reverse Reply"},
	{ARPOP_INVREQUEST, "Inverse Request"},
	{ARPOP_INVREPLY, "Inverse Reply"},
	{ARPOP_NAK, "NACK Reply"},
	{0, NULL},
};

static const np_tok arphrd_values[] = {
	{1, "Ethernet"},   {6, "TokenRing"}, {7, "ArcNet"},      {15, "FrameRelay"}, {23, "Strip"},
	{24, "IEEE 1394"}, {19, "ATM"},      {32, "InfiniBand"}, {0, NULL},
};

/* How a hardware address is spelled: tcpdump's LINKADDR_* kinds. */
enum linkaddr_kind { LINKADDR_ETHER, LINKADDR_FRELAY, LINKADDR_ATM };

static bool is_ip_proto(uint16_t pro)
{
	return pro == ETHERTYPE_IP || pro == ETHERTYPE_TRAIL;
}

static const char *proto_name(uint16_t pro)
{
	const char *name = ethertype_name(pro);
	if (name)
		return name;
	static char buf[sizeof("Unknown Protocol (0xffff)")];
	snprintf(buf, sizeof(buf), "Unknown Protocol (0x%04x)", pro);
	return buf;
}

/* Frame Relay addresses are Q.922 headers: print the DLCI in them. */
static void print_q922(np_printer *pr, const uint8_t *a, uint32_t len)
{
	const uint8_t *end = a + len; /* the caller checked these are captured */
	uint8_t b0, b1, b2;
	if (!np_get_u8(a, end, &b0)) {
		out_str(pr->out, "<Truncated>");
		return;
	}
	if (b0 & 1) {
		out_str(pr->out, "<Invalid DLCI>");
		return;
	}
	if (!np_get_u8(a + 1, end, &b1)) {
		out_str(pr->out, "<Truncated>");
		return;
	}
	uint32_t dlci = ((uint32_t)(b0 & 0xfc) << 2) | ((b1 & 0xf0) >> 4);
	if (!(b1 & 1)) {
		const uint8_t *q = a + 2;
		if (!np_get_u8(q, end, &b2)) {
			out_str(pr->out, "<Truncated>");
			return;
		}
		if (!(b2 & 1)) { /* a 4-byte address: one more DLCI octet */
			dlci = (dlci << 7) | (b2 >> 1);
			q++;
		}
		if (!np_get_u8(q, end, &b2)) {
			out_str(pr->out, "<Truncated>");
			return;
		}
		if (!(b2 & 1)) {
			out_str(pr->out, "<Invalid DLCI>");
			return;
		}
		dlci = (dlci << 6) | (b2 >> 2);
	}
	out_str(pr->out, "DLCI ");
	out_u32(pr->out, dlci);
}

/* A hardware address of len captured bytes, as tcpdump's linkaddr_string. */
static void print_linkaddr(np_printer *pr, const uint8_t *a, uint32_t len, enum linkaddr_kind kind)
{
	if (len == 0) {
		out_str(pr->out, "<empty>");
		return;
	}
	if (kind == LINKADDR_ETHER && len == 6) {
		out_mac(pr->out, a);
		return;
	}
	if (kind == LINKADDR_FRELAY) {
		print_q922(pr, a, len);
		return;
	}
	for (uint32_t i = 0; i < len; i++) {
		if (i)
			out_char(pr->out, ':');
		out_hex(pr->out, a[i], 2);
	}
}

/* A protocol address, if it is an IPv4 one of the right length. */
static void print_proto_addr(np_printer *pr, uint16_t pro, const uint8_t *a, uint32_t len, const char *wrong_len)
{
	if (!is_ip_proto(pro))
		out_str(pr->out, "<wrong proto type>");
	else if (len != 4)
		out_str(pr->out, wrong_len);
	else
		out_ipv4(pr->out, a);
}

static bool is_nonzero(const uint8_t *a, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (a[i])
			return true;
	return false;
}

/* An ATM address: the number, then ",subaddress" when there is one. */
static void print_atm_addr(np_printer *pr, const uint8_t *num, uint32_t num_len, const uint8_t *sub, uint32_t sub_len)
{
	if (num_len == 0) {
		out_str(pr->out, "<No address>");
		return;
	}
	print_linkaddr(pr, num, num_len, LINKADDR_ATM);
	if (sub_len != 0) {
		out_char(pr->out, ',');
		print_linkaddr(pr, sub, sub_len, LINKADDR_ATM);
	}
}

static void print_op(np_printer *pr, uint16_t op)
{
	if (pr->o.vflag)
		out_str(pr->out, ", ");
	out_str(pr->out, tok2str(arpop_values, "Unknown (%u)", op));
	out_char(pr->out, ' ');
}

static void print_length(np_printer *pr, uint32_t length)
{
	out_str(pr->out, ", length ");
	out_u32(pr->out, length);
}

/* ATM ARP (RFC 2225): each side has an ATM number and subaddress. */
static void print_atmarp(np_printer *pr, const np_layer *l, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	const struct np_arp_info *a = &l->u.arp;
	np_out *o = pr->out;
	NP_CHECK(p, pr->snapend, ATMARP_FIXED_LEN);
	NP_CHECK(p, pr->snapend, l->hdrlen);
	if (!a->sha || !a->spa || !a->tha || !a->tpa)
		goto trunc;
	uint32_t sha_len = p[4] & ATMARP_LEN_MASK, ssa_len = p[5] & ATMARP_LEN_MASK;
	uint32_t spa_len = p[8], tha_len = p[9] & ATMARP_LEN_MASK;
	uint32_t tsa_len = p[10] & ATMARP_LEN_MASK, tpa_len = p[11];
	const uint8_t *ssa = a->sha + sha_len, *tsa = a->tha + tha_len;

	if (!pr->o.eflag)
		out_str(o, "ARP, ");
	if (!is_ip_proto(a->pro) || spa_len != 4 || tpa_len != 4 || pr->o.vflag) {
		out_str(o, tok2str(arphrd_values, "Unknown Hardware (%u)", a->hrd));
		out_str(o, ", ");
		out_str(o, proto_name(a->pro));
		out_fmt(o, " (len %u/%u)", spa_len, tpa_len);
		if (!pr->o.vflag) {
			print_length(pr, length);
			return;
		}
	}
	print_op(pr, a->op);
	switch (a->op) {
	case ARPOP_REQUEST:
		out_str(o, "who-has ");
		print_proto_addr(pr, a->pro, a->tpa, tpa_len, "<wrong tplen>");
		if (tha_len != 0) {
			out_str(o, " (");
			print_atm_addr(pr, a->tha, tha_len, tsa, tsa_len);
			out_char(o, ')');
		}
		out_str(o, " tell ");
		print_proto_addr(pr, a->pro, a->spa, spa_len, "<wrong splen>");
		break;
	case ARPOP_REPLY:
		print_proto_addr(pr, a->pro, a->spa, spa_len, "<wrong splen>");
		out_str(o, " is-at ");
		print_atm_addr(pr, a->sha, sha_len, ssa, ssa_len);
		break;
	case ARPOP_INVREQUEST:
		out_str(o, "who-is ");
		print_atm_addr(pr, a->tha, tha_len, tsa, tsa_len);
		out_str(o, " tell ");
		print_atm_addr(pr, a->sha, sha_len, ssa, ssa_len);
		break;
	case ARPOP_INVREPLY:
		print_atm_addr(pr, a->sha, sha_len, ssa, ssa_len);
		out_str(o, "at "); /* sic: tcpdump prints no space before "at" here */
		print_proto_addr(pr, a->pro, a->spa, spa_len, "<wrong splen>");
		break;
	case ARPOP_NAK:
		out_str(o, "for ");
		print_proto_addr(pr, a->pro, a->spa, spa_len, "<wrong splen>");
		break;
	default: print_default(pr, p, caplen); return;
	}
	print_length(pr, length);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_arp(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	np_out *o = pr->out;
	pr->protocol = "arp";
	NP_CHECK(p, pr->snapend, ARP_FIXED_LEN);
	const np_layer *l = print_layer_at(pr, NP_LAYER_ARP, p, length);
	const struct np_arp_info *a = &l->u.arp;
	if (a->hrd == ARPHRD_ATM2225) {
		print_atmarp(pr, l, p, length, caplen);
		return;
	}
	enum linkaddr_kind kind = a->hrd == ARPHRD_FRELAY ? LINKADDR_FRELAY : LINKADDR_ETHER;
	NP_CHECK(p, pr->snapend, l->hdrlen); /* every address is captured from here on */
	if (!a->sha || !a->spa || !a->tha || !a->tpa)
		goto trunc;

	if (!pr->o.eflag)
		out_str(o, "ARP, ");
	if (!is_ip_proto(a->pro) || a->pln != 4 || a->hln == 0 || pr->o.vflag) {
		out_str(o, tok2str(arphrd_values, "Unknown Hardware (%u)", a->hrd));
		out_str(o, " (len ");
		out_u32(o, a->hln);
		out_str(o, "), ");
		out_str(o, proto_name(a->pro));
		out_str(o, " (len ");
		out_u32(o, a->pln);
		out_char(o, ')');
		if (!pr->o.vflag) {
			print_length(pr, length);
			return;
		}
	}
	print_op(pr, a->op);
	switch (a->op) {
	case ARPOP_REQUEST:
		out_str(o, "who-has ");
		print_proto_addr(pr, a->pro, a->tpa, a->pln, "<wrong len>");
		if (is_nonzero(a->tha, a->hln)) {
			out_str(o, " (");
			print_linkaddr(pr, a->tha, a->hln, kind);
			out_char(o, ')');
		}
		out_str(o, " tell ");
		print_proto_addr(pr, a->pro, a->spa, a->pln, "<wrong len>");
		break;
	case ARPOP_REPLY:
		print_proto_addr(pr, a->pro, a->spa, a->pln, "<wrong len>");
		out_str(o, " is-at ");
		print_linkaddr(pr, a->sha, a->hln, kind);
		break;
	case ARPOP_REVREQUEST:
	case ARPOP_INVREQUEST:
		out_str(o, "who-is ");
		print_linkaddr(pr, a->tha, a->hln, kind);
		out_str(o, " tell ");
		print_linkaddr(pr, a->sha, a->hln, kind);
		break;
	case ARPOP_REVREPLY:
		print_linkaddr(pr, a->tha, a->hln, kind);
		out_str(o, " at ");
		print_proto_addr(pr, a->pro, a->tpa, a->pln, "<wrong len>");
		break;
	case ARPOP_INVREPLY:
		print_linkaddr(pr, a->sha, a->hln, kind);
		out_str(o, " at ");
		print_proto_addr(pr, a->pro, a->spa, a->pln, "<wrong len>");
		break;
	default: print_default(pr, p, caplen); return;
	}
	print_length(pr, length);
	return;
trunc:
	print_trunc_stop(pr);
}
