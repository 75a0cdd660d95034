/*
 * aodv.c - Ad hoc On-Demand Distance Vector routing (RFC 3561, UDP 654) as
 * tcpdump 4.99's print-aodv.c writes it: route requests, replies, errors
 * and acknowledgements over IPv4 and IPv6 (RFC layout and the IPv6
 * draft-01 message types 16-19), and the HELLO extension after a request
 * or reply. Kept from tcpdump: the request and reply flags are read from
 * the type byte, not the flags byte.
 *
 * Not for: AODV's routing state (nothing is kept between packets).
 */
#include "print.h"

enum {
	AODV_RREQ = 1,
	AODV_RREP = 2,
	AODV_RERR = 3,
	AODV_RREP_ACK = 4,
	AODV_V6_DRAFT_RREQ = 16,
	AODV_V6_DRAFT_RREP = 17,
	AODV_V6_DRAFT_RERR = 18,
	AODV_V6_DRAFT_RREP_ACK = 19,
	AODV_EXT_HELLO = 1,
	AODV_RERR_HDRLEN = 4,
	AODV_EXT_HDRLEN = 2,
	AODV_HELLO_LEN = 6,
};

/* Where the fields of a request or reply sit for one of the three layouts
 * (addresses of alen bytes). */
struct aodv_layout {
	uint32_t alen, size;
	uint32_t da, ds, oa, os; /* request: id at 4; reply: os is the lifetime */
};

static void aodv_addr(np_printer *pr, const uint8_t *a, uint32_t alen)
{
	if (alen == 4)
		out_ipv4(pr->out, a);
	else
		out_ipv6(pr->out, a);
}

static void aodv_extension(np_printer *pr, const uint8_t *ep, uint32_t length)
{
	const uint8_t *end = pr->snapend;
	if (!np_has(ep, end, AODV_EXT_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t type = ep[0], len = ep[1];
	if (type != AODV_EXT_HELLO) {
		out_fmt(pr->out, "\n\text %u %u", type, len);
		return;
	}
	if (!np_has(ep, end, AODV_HELLO_LEN) || length < AODV_HELLO_LEN) {
		print_trunc(pr);
		return;
	}
	if (len < 4)
		out_fmt(pr->out, "\n\text HELLO - bad length %u", len);
	else
		out_fmt(pr->out, "\n\text HELLO %u ms", np_load_be32(ep + 2));
}

static void aodv_tail(np_printer *pr, const uint8_t *dat, uint32_t length, uint32_t size)
{
	if (length - size >= AODV_EXT_HDRLEN)
		aodv_extension(pr, dat + size, length - size);
}

static void aodv_rreq(np_printer *pr, const uint8_t *dat, uint32_t length, const struct aodv_layout *l,
		      const char *lead)
{
	if (!np_has(dat, pr->snapend, l->size) || length < l->size) {
		print_trunc(pr);
		return;
	}
	uint8_t t = dat[0];
	out_fmt(pr->out, "%s %u %s%s%s%s%shops %u id 0x%08x\n\tdst ", lead, length, t & 0x80 ? "[J]" : "",
		t & 0x40 ? "[R]" : "", t & 0x20 ? "[G]" : "", t & 0x10 ? "[D]" : "", t & 0x08 ? "[U] " : " ", dat[3],
		np_load_be32(dat + 4));
	aodv_addr(pr, dat + l->da, l->alen);
	out_fmt(pr->out, " seq %u src ", np_load_be32(dat + l->ds));
	aodv_addr(pr, dat + l->oa, l->alen);
	out_fmt(pr->out, " seq %u", np_load_be32(dat + l->os));
	aodv_tail(pr, dat, length, l->size);
}

static void aodv_rrep(np_printer *pr, const uint8_t *dat, uint32_t length, const struct aodv_layout *l)
{
	if (!np_has(dat, pr->snapend, l->size) || length < l->size) {
		print_trunc(pr);
		return;
	}
	uint8_t t = dat[0];
	out_fmt(pr->out, " rrep %u %s%sprefix %u hops %u\n\tdst ", length, t & 0x80 ? "[R]" : "",
		t & 0x40 ? "[A] " : " ", dat[2] & 0x1f, dat[3]);
	aodv_addr(pr, dat + l->da, l->alen);
	out_fmt(pr->out, " dseq %u src ", np_load_be32(dat + l->ds));
	aodv_addr(pr, dat + l->oa, l->alen);
	out_fmt(pr->out, " %u ms", np_load_be32(dat + l->os));
	aodv_tail(pr, dat, length, l->size);
}

static void aodv_rerr(np_printer *pr, const uint8_t *dat, uint32_t length, uint32_t alen)
{
	if (!np_has(dat, pr->snapend, AODV_RERR_HDRLEN) || length < AODV_RERR_HDRLEN) {
		print_trunc(pr);
		return;
	}
	out_fmt(pr->out, " rerr %s [items %u] [%u]:", dat[1] & 0x80 ? "[D]" : "", dat[3], length);
	const uint8_t *dp = dat + AODV_RERR_HDRLEN;
	uint32_t left = length - AODV_RERR_HDRLEN;
	for (uint32_t dc = dat[3]; dc != 0; dc--) {
		if (!np_has(dp, pr->snapend, alen + 4) || left < alen + 4) {
			print_trunc(pr);
			return;
		}
		out_str(pr->out, " {");
		aodv_addr(pr, dp, alen);
		out_fmt(pr->out, "}(%u)", np_load_be32(dp + alen));
		dp += alen + 4;
		left -= alen + 4;
	}
}

static const struct aodv_layout rreq4 = {4, 24, 8, 12, 16, 20};
static const struct aodv_layout rreq6 = {16, 48, 8, 24, 28, 44};
static const struct aodv_layout rreq6_draft = {16, 48, 16, 8, 32, 12};
static const struct aodv_layout rrep4 = {4, 20, 4, 8, 12, 16};
static const struct aodv_layout rrep6 = {16, 44, 4, 20, 24, 40};
static const struct aodv_layout rrep6_draft = {16, 44, 8, 4, 24, 40};

void print_aodv(np_printer *pr, const uint8_t *dat, uint32_t length, bool ip6)
{
	uint8_t type;
	pr->protocol = "aodv";
	if (!np_get_u8(dat, pr->snapend, &type)) {
		print_trunc_stop(pr);
		return;
	}
	out_str(pr->out, " aodv");
	switch (type) {
	case AODV_RREQ:
		if (ip6)
			aodv_rreq(pr, dat, length, &rreq6, " v6 rreq");
		else
			aodv_rreq(pr, dat, length, &rreq4, " rreq");
		break;
	case AODV_RREP: aodv_rrep(pr, dat, length, ip6 ? &rrep6 : &rrep4); break;
	case AODV_RERR: aodv_rerr(pr, dat, length, ip6 ? 16 : 4); break;
	case AODV_V6_DRAFT_RREQ: aodv_rreq(pr, dat, length, &rreq6_draft, " rreq"); break;
	case AODV_V6_DRAFT_RREP: aodv_rrep(pr, dat, length, &rrep6_draft); break;
	case AODV_V6_DRAFT_RERR: aodv_rerr(pr, dat, length, 16); break;
	case AODV_RREP_ACK:
	case AODV_V6_DRAFT_RREP_ACK: out_fmt(pr->out, " rrep-ack %u", length); break;
	default: out_fmt(pr->out, " type %u %u", type, length); break;
	}
}
