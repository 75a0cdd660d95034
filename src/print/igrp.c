/*
 * igrp.c - Cisco IGRP (IP protocol 9) as tcpdump's igrp_print writes it:
 * the opcode, version, edition, AS and the three route counts, then each
 * interior, system and exterior route with its delay, bandwidth,
 * reliability, load, composite metric, MTU and hop count.
 *
 * Not for: checking the checksum (tcpdump prints it with -v only).
 */
#include "print.h"

#define IGRP_HDR_LEN 12
#define IGRP_RTE_SIZE 14

static const np_tok igrp_ops[] = {{1, "update"}, {2, "request"}, {0, NULL}};

/* One route's metrics (r: the 14-byte entry, captured). */
static void print_igrp_entry(np_printer *pr, const uint8_t *r)
{
	uint32_t delay = (uint32_t)r[3] << 16 | (uint32_t)r[4] << 8 | r[5];
	uint32_t bw = (uint32_t)r[6] << 16 | (uint32_t)r[7] << 8 | r[8];
	uint32_t metric = bw + delay > 0xffffff ? 0xffffff : bw + delay;
	out_fmt(pr->out, " d=%u b=%u r=%u l=%u M=%u mtu=%u in %u hops", 10 * delay, bw == 0 ? 0 : 10000000 / bw, r[11],
		r[12], metric, np_load_be16(r + 9), r[13]);
}

void print_igrp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "igrp";
	out_str(o, "igrp:");
	NP_CHECK(p, pr->snapend, IGRP_HDR_LEN - 2);
	uint32_t nint = np_load_be16(p + 4), nsys = np_load_be16(p + 6), next = np_load_be16(p + 8);
	out_fmt(o, " %s V%u edit=%u AS=%u (%u/%u/%u)", tok2str(igrp_ops, "op-#%u", p[0] & 0x0f), p[0] >> 4, p[1],
		np_load_be16(p + 2), nint, nsys, next);
	uint16_t cksum;
	NP_GET_BE16(cksum, p + 10, pr->snapend);
	if (pr->o.vflag)
		out_fmt(o, " checksum=0x%04x", cksum);
	length -= IGRP_HDR_LEN; /* wraps as tcpdump's does: then the capture ends the walk */
	const uint8_t *r = p + IGRP_HDR_LEN;
	while (length >= IGRP_RTE_SIZE) {
		NP_CHECK(r, pr->snapend, 3);
		if (nint == 0 && nsys == 0 && next == 0) {
			out_fmt(o, " [extra bytes %u]", length);
			break;
		}
		if (nint > 0) {
			out_fmt(o, " *.%u.%u.%u", r[0], r[1], r[2]);
			nint--;
		} else if (nsys > 0) {
			out_fmt(o, " %u.%u.%u.0", r[0], r[1], r[2]);
			nsys--;
		} else {
			out_fmt(o, " X%u.%u.%u.0", r[0], r[1], r[2]);
			next--;
		}
		NP_CHECK(r, pr->snapend, IGRP_RTE_SIZE);
		print_igrp_entry(pr, r);
		r += IGRP_RTE_SIZE;
		length -= IGRP_RTE_SIZE;
	}
	if (nint || nsys || next || length)
		print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
