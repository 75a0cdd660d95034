/*
 * ripng.c - RIPng (RFC 2080, UDP port 521) as tcpdump 4.99's
 * print-ripng.c writes it: " ripng-resp 2: 2001:db8::/32 [7] (1) ...", a
 * request for the whole table as " ripng-req dump"; with -vv each route
 * entry on its own line.
 *
 * Not for: RIP v1/v2 over IPv4 (rip.c).
 */
#include "print.h"

#define RIPNG_HDRLEN 4
#define RIPNG_ENTRYLEN 20
#define RIPNG_INFINITY 16

/* One route entry: prefix/length, [tag], (metric); false when the packet
 * stopped (mark printed). */
static bool print_ripng_entry(np_printer *pr, const uint8_t *e, bool metric)
{
	np_out *o = pr->out;
	if (!np_has(e, pr->snapend, 19)) /* the prefix, tag and length */
		goto trunc;
	out_ipv6(o, e);
	out_fmt(o, "/%u", e[18]);
	uint16_t tag = (uint16_t)(e[16] << 8 | e[17]);
	if (tag)
		out_fmt(o, " [%u]", tag);
	if (!np_has(e + 19, pr->snapend, 1))
		goto trunc;
	if (e[19] && metric)
		out_fmt(o, " (%u)", e[19]);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static bool is_zero16(const uint8_t *p)
{
	for (int i = 0; i < 16; i++)
		if (p[i])
			return false;
	return true;
}

void print_ripng(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t vers, cmd;
	pr->protocol = "ripng";
	NP_GET_U8(vers, p + 1, end);
	if (vers != 1) {
		out_fmt(o, " [vers %u]", vers);
		print_invalid(pr);
		return;
	}
	NP_GET_U8(cmd, p, end);
	if (cmd != 1 && cmd != 2) {
		out_fmt(o, " ripng-%u ?? %u", cmd, length);
		print_invalid(pr);
		return;
	}
	if (length < RIPNG_HDRLEN) {
		print_invalid(pr);
		return;
	}
	uint32_t left = length - RIPNG_HDRLEN, n = left / RIPNG_ENTRYLEN;
	const uint8_t *e = p + RIPNG_HDRLEN;
	if (cmd == 1 && n == 1) {
		uint8_t metric;
		NP_GET_U8(metric, e + 19, end);
		if (metric == RIPNG_INFINITY && is_zero16(e)) {
			out_str(o, " ripng-req dump");
			return;
		}
	}
	const char *what = cmd == 1 ? "req" : "resp";
	if (n * RIPNG_ENTRYLEN != left)
		out_fmt(o, " ripng-%s %u[%u]:", what, n, length);
	else
		out_fmt(o, " ripng-%s %u:", what, n);
	for (; left >= RIPNG_ENTRYLEN; left -= RIPNG_ENTRYLEN, e += RIPNG_ENTRYLEN) {
		out_str(o, pr->o.vflag > 1 ? "\n\t" : " ");
		if (!print_ripng_entry(pr, e, cmd == 2))
			return;
	}
	if (left != 0)
		print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
