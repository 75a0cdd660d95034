/*
 * slip.c - the SLIP link type (DLT_SLIP: a 16-byte pseudo-header of
 * direction and the compressed TCP/IP header, then the packet) as tcpdump
 * 4.99's print-sl.c writes it: with -e the direction and the Van Jacobson
 * header (ip, utcp with its connection, ctcp with the changes it carries),
 * then IPv4 or IPv6 by the version nibble.
 *
 * Like tcpdump, the data length of the last packet of each connection and
 * direction is remembered across packets (the "*SA+n" forms print it);
 * that state lives in the printer (pr->slip), not in globals.
 *
 * Not for: decompressing the TCP/IP headers (tcpdump does not either).
 */
#include "print.h"

#include <stdlib.h>

#define SLIP_HDRLEN 16
#define SLX_DIR 0
#define SLX_CHDR 1

#define TYPE_IP 0x40
#define TYPE_UNCOMPRESSED_TCP 0x70
#define TYPE_COMPRESSED_TCP 0x80
#define NEW_C 0x40
#define NEW_I 0x20
#define NEW_S 0x08
#define NEW_A 0x04
#define NEW_W 0x02
#define NEW_U 0x01
#define SPECIAL_I (NEW_S | NEW_W | NEW_U)
#define SPECIAL_D (NEW_S | NEW_A | NEW_W | NEW_U)
#define SPECIALS_MASK (NEW_S | NEW_A | NEW_W | NEW_U)

struct slip_state {
	uint32_t lastlen[2][256];
	uint8_t lastconn;
};

static struct slip_state *slip_state(np_printer *pr)
{
	if (!pr->slip) {
		pr->slip = calloc(1, sizeof(*pr->slip));
		if (pr->slip)
			pr->slip->lastconn = 255;
	}
	return pr->slip;
}

void slip_state_free(struct slip_state *s)
{
	free(s);
}

/* The data length after the IPv4 and TCP headers at ip; false when they
 * are not captured. */
static bool tcpip_data_len(np_printer *pr, const uint8_t *ip, uint32_t length, uint32_t *out)
{
	uint8_t vhl, off;
	if (!np_has(ip, pr->snapend, 20))
		return false;
	vhl = ip[0] & 0x0f;
	const uint8_t *th = ip + 4u * vhl;
	if (!np_has(th, pr->snapend, 20))
		return false;
	off = th[12] >> 4;
	*out = length - ((uint32_t)(vhl + off) << 2);
	return true;
}

/* One "U=n"-style change: a byte, or 0 then two bytes. As in tcpdump, a
 * one-byte change does not move cp on (the next change reads it again). */
static const uint8_t *print_sl_change(np_printer *pr, const char *str, const uint8_t *cp)
{
	uint8_t b;
	uint16_t v;
	if (!np_get_u8(cp, pr->snapend, &b))
		return NULL;
	uint32_t i = b;
	if (b == 0) {
		cp++;
		if (!np_get_be16(cp, pr->snapend, &v))
			return NULL;
		i = v;
		cp += 2;
	}
	out_fmt(pr->out, " %s%u", str, i);
	return cp;
}

static const uint8_t *print_sl_winchange(np_printer *pr, const uint8_t *cp)
{
	uint8_t b;
	uint16_t v;
	if (!np_get_u8(cp, pr->snapend, &b))
		return NULL;
	int i = b;
	if (b == 0) {
		cp++;
		if (!np_get_be16(cp, pr->snapend, &v))
			return NULL;
		i = (int16_t)v;
		cp += 2;
	}
	out_fmt(pr->out, i >= 0 ? " W+%d" : " W%d", i);
	return cp;
}

static bool compressed_sl_print(np_printer *pr, struct slip_state *s, const uint8_t *chdr, const uint8_t *ip,
				uint32_t length, int dir)
{
	const uint8_t *cp = chdr;
	uint8_t flags;
	if (!np_get_u8(cp, pr->snapend, &flags))
		return false;
	cp++;
	if (flags & NEW_C) {
		if (!np_get_u8(cp, pr->snapend, &s->lastconn))
			return false;
		cp++;
		out_fmt(pr->out, "ctcp %u", s->lastconn);
	} else {
		out_str(pr->out, "ctcp *");
	}
	cp += 2; /* the TCP checksum */
	switch (flags & SPECIALS_MASK) {
	case SPECIAL_I: out_fmt(pr->out, " *SA+%u", s->lastlen[dir][s->lastconn]); break;
	case SPECIAL_D: out_fmt(pr->out, " *S+%u", s->lastlen[dir][s->lastconn]); break;
	default:
		if (cp && (flags & NEW_U))
			cp = print_sl_change(pr, "U=", cp);
		if (cp && (flags & NEW_W))
			cp = print_sl_winchange(pr, cp);
		if (cp && (flags & NEW_A))
			cp = print_sl_change(pr, "A+", cp);
		if (cp && (flags & NEW_S))
			cp = print_sl_change(pr, "S+", cp);
		break;
	}
	if (cp && (flags & NEW_I))
		cp = print_sl_change(pr, "I+", cp);
	if (!cp || !tcpip_data_len(pr, ip, length, &s->lastlen[dir][s->lastconn]))
		return false;
	out_fmt(pr->out, " %u (%ld)", s->lastlen[dir][s->lastconn], (long)(cp - chdr));
	return true;
}

/* The -e header; false when the packet stopped. */
static bool sliplink_print(np_printer *pr, struct slip_state *s, const uint8_t *p, const uint8_t *ip, uint32_t length)
{
	int dir = p[SLX_DIR];
	uint8_t chdr = p[SLX_CHDR];
	switch (dir) {
	case 0: out_str(pr->out, "I "); break;
	case 1: out_str(pr->out, "O "); break;
	default:
		out_fmt(pr->out, "Invalid direction %d ", dir);
		dir = -1;
		break;
	}
	switch (chdr & 0xf0) {
	case TYPE_IP: out_fmt(pr->out, "ip %u: ", length + SLIP_HDRLEN); return true;
	case TYPE_UNCOMPRESSED_TCP:
		s->lastconn = p[SLX_CHDR + 9]; /* the connection, in the copied header's protocol field */
		out_fmt(pr->out, "utcp %u: ", s->lastconn);
		if (dir == -1)
			return true;
		return tcpip_data_len(pr, ip, length, &s->lastlen[dir][s->lastconn]);
	default:
		if (dir == -1)
			return true;
		if (chdr & TYPE_COMPRESSED_TCP) {
			if (!compressed_sl_print(pr, s, p + SLX_CHDR, ip, length, dir))
				return false;
			out_str(pr->out, ": ");
		} else {
			out_fmt(pr->out, "slip-%u!: ", chdr);
		}
		return true;
	}
}

uint32_t print_slip_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)caplen;
	pr->protocol = "slip";
	struct slip_state *s = slip_state(pr);
	uint8_t v;
	if (!s || !np_has(p, pr->snapend, SLIP_HDRLEN))
		goto trunc;
	length -= SLIP_HDRLEN;
	const uint8_t *ip = p + SLIP_HDRLEN;
	if (pr->o.eflag && !sliplink_print(pr, s, p, ip, length))
		goto trunc;
	NP_GET_U8(v, ip, pr->snapend);
	switch (v >> 4) {
	case 4: print_ip(pr, ip, length); break;
	case 6: print_ip6(pr, ip, length); break;
	default: out_fmt(pr->out, "ip v%u", v >> 4); break;
	}
	return SLIP_HDRLEN;
trunc:
	print_trunc_stop(pr);
	return 0;
}
