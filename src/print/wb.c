/*
 * wb.c - the LBL "wb" shared white board (UDP to 4567) as tcpdump 4.99's
 * print-wb.c writes it: the 12-byte header's flag mark and message type,
 * then the announcement (site, page, seq pointers, site name), repair
 * request/reply, drawing operation (with -v the ops named one by one),
 * page vector request and reply.
 *
 * Not for: the drawing operations' bodies (wb never documented them).
 */
#include "print.h"

#define WB_HDRLEN 12
#define WB_ID_LEN 28   /* mslot, mpage, pgstate */
#define WB_RREQ_LEN 20 /* id, page, sseq, eseq */
#define WB_DOP_LEN 16  /* page, sseq, eseq */
#define WB_RREP_LEN 20 /* id, dop */
#define WB_PREQ_LEN 16 /* page, low, high */
#define WB_PGSTATE_LEN 16
#define WB_IDOFF_LEN 8
#define WB_DOPHDR_LEN 8

static const np_tok wb_dop_names[] = {
	{2, "RECT"}, {3, "LINE"},    {4, "ML"},      {5, "DEL"},  {6, "XFORM"}, {7, "ELL"},   {8, "CHAR"}, {9, "STR"},
	{10, "NOP"}, {11, "PSCODE"}, {12, "PSCOMP"}, {13, "REF"}, {14, "SKIP"}, {15, "HOLE"}, {0, NULL},
};

/* "ADDR:N" of an (address, number) pair at p, both read before printing. */
static bool wb_addr_num(np_printer *pr, const char *before, const uint8_t *p)
{
	if (!np_has(p, pr->snapend, 8))
		return false;
	out_str(pr->out, before);
	out_ipv4(pr->out, p);
	out_fmt(pr->out, ":%u", np_load_be32(p + 4));
	return true;
}

static int wb_id(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	out_str(o, " wb-id:");
	if (len < WB_ID_LEN)
		return -1;
	len -= WB_ID_LEN;
	/* mslot(4) mpage(8) | slot(4) page(8) nid(2) rsvd(2) */
	NP_CHECK(p, pr->snapend, 24);
	out_fmt(o, " %u/", np_load_be32(p + 12));
	out_ipv4(o, p + 16);
	out_fmt(o, ":%u (max %u/", np_load_be32(p + 20), np_load_be32(p));
	out_ipv4(o, p + 4);
	out_fmt(o, ":%u) ", np_load_be32(p + 8));
	uint16_t nid;
	NP_CHECK(p, pr->snapend, WB_ID_LEN);
	nid = np_load_be16(p + 24);
	if (len < (uint32_t)WB_IDOFF_LEN * nid)
		return -1;
	len -= (uint32_t)WB_IDOFF_LEN * nid;
	const uint8_t *io = p + WB_ID_LEN;
	char c = '<';
	for (uint32_t i = 0; i < nid; i++, io += WB_IDOFF_LEN) {
		char sep[2] = {c, 0};
		if (!wb_addr_num(pr, sep, io))
			goto trunc;
		c = ',';
	}
	out_str(o, "> \"");
	if (!print_text_nul(pr, io, len))
		goto trunc;
	out_char(o, '"');
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static int wb_rreq(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	out_str(o, " wb-rreq:");
	if (len < WB_RREQ_LEN)
		return -1;
	NP_CHECK(p, pr->snapend, WB_RREQ_LEN);
	out_str(o, " please repair ");
	out_ipv4(o, p);
	out_char(o, ' ');
	out_ipv4(o, p + 4);
	out_fmt(o, ":%u<%u:%u>", np_load_be32(p + 8), np_load_be32(p + 12), np_load_be32(p + 16));
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static int wb_preq(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	out_str(o, " wb-preq:");
	if (len < WB_PREQ_LEN)
		return -1;
	NP_CHECK(p, pr->snapend, 12);
	out_fmt(o, " need %u/", np_load_be32(p + 8));
	out_ipv4(o, p);
	out_fmt(o, ":%u", np_load_be32(p + 4));
	NP_CHECK(p, pr->snapend, WB_PREQ_LEN);
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static int wb_prep(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t n;
	out_str(o, " wb-prep:");
	if (len < 4)
		return -1;
	NP_GET_BE32(n, p, pr->snapend);
	const uint8_t *ps = p + 4;
	while (n != 0) {
		NP_CHECK(ps, pr->snapend, 12);
		out_fmt(o, " %u/", np_load_be32(ps));
		out_ipv4(o, ps + 4);
		out_fmt(o, ":%u", np_load_be32(ps + 8));
		NP_CHECK(ps, pr->snapend, WB_PGSTATE_LEN);
		/* tcpdump takes the count from the first byte of the 16-bit nid */
		uint8_t nid = ps[12];
		const uint8_t *io = ps + WB_PGSTATE_LEN;
		char c = '<';
		for (uint32_t i = 0; i < nid; i++, io += WB_IDOFF_LEN) {
			char sep[2] = {c, 0};
			if (!wb_addr_num(pr, sep, io))
				goto trunc;
			c = ',';
		}
		out_char(o, '>');
		ps = io;
		n--;
	}
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* With -v: the names of the drawing ops from sequence ss to es. */
static void wb_dops(np_printer *pr, const uint8_t *dh, uint32_t ss, uint32_t es)
{
	np_out *o = pr->out;
	out_str(o, " <");
	for (; ss <= es; ++ss) {
		uint8_t t;
		NP_GET_U8(t, dh + 7, pr->snapend);
		out_char(o, ' ');
		out_str(o, tok2str(wb_dop_names, "dop-%u!", t));
		if (t == 14 || t == 15) {
			uint32_t ts;
			NP_GET_BE32(ts, dh, pr->snapend);
			out_u32(o, ts - ss + 1);
			if (ss > ts || ts > es) {
				out_str(o, "[|]");
				if (ts < ss)
					return;
			}
			ss = ts;
		}
		uint16_t dlen;
		NP_GET_BE16(dlen, dh + 4, pr->snapend);
		dh += ((uint32_t)dlen + WB_DOPHDR_LEN + 3) & ~3u;
	}
	out_str(o, " >");
	return;
trunc:
	print_trunc_stop(pr);
}

/* A drawing op header (page, sseq, eseq) after " for ID" of a repair
 * reply (id non-NULL), and with -v its ops. */
static int wb_dop_body(np_printer *pr, const uint8_t *id, const uint8_t *dop)
{
	NP_CHECK(dop, pr->snapend, WB_DOP_LEN);
	if (id) {
		out_str(pr->out, " for ");
		out_ipv4(pr->out, id);
	}
	out_char(pr->out, ' ');
	out_ipv4(pr->out, dop);
	uint32_t ss = np_load_be32(dop + 8), es = np_load_be32(dop + 12);
	out_fmt(pr->out, ":%u<%u:%u>", np_load_be32(dop + 4), ss, es);
	if (pr->o.vflag)
		wb_dops(pr, dop + WB_DOP_LEN, ss, es);
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static int wb_rrep(np_printer *pr, const uint8_t *p, uint32_t len)
{
	out_str(pr->out, " wb-rrep:");
	if (len < WB_RREP_LEN)
		return -1;
	return wb_dop_body(pr, p, p + 4);
}

static int wb_drawop(np_printer *pr, const uint8_t *p, uint32_t len)
{
	out_str(pr->out, " wb-dop:");
	if (len < WB_DOP_LEN)
		return -1;
	return wb_dop_body(pr, NULL, p);
}

void print_wb(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	int r;
	pr->protocol = "wb";
	if (len < WB_HDRLEN)
		goto invalid;
	NP_CHECK(p, pr->snapend, WB_HDRLEN);
	len -= WB_HDRLEN;
	if (p[11])
		out_char(o, '*');
	const uint8_t *b = p + WB_HDRLEN;
	switch (p[10]) {
	case 4: out_str(o, " wb-kill"); return;
	case 1: r = wb_id(pr, b, len); break;
	case 2: r = wb_rreq(pr, b, len); break;
	case 3: r = wb_rrep(pr, b, len); break;
	case 0: r = wb_drawop(pr, b, len); break;
	case 5: r = wb_preq(pr, b, len); break;
	case 7: r = wb_prep(pr, b, len); break;
	default: out_fmt(o, " wb-%u!", p[10]); r = -1;
	}
	if (r < 0)
		goto invalid;
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
