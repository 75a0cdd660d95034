/*
 * brcmtag.c - Broadcom switch tags (link types DSA_TAG_BRCM, the tag after
 * the MAC addresses, and DSA_TAG_BRCM_PREPEND, the tag before the frame)
 * as tcpdump 4.99's print-brcmtag.c writes them: "BRCM tag OP: IG, TC: 0,
 * TE: None, TS: 0, DST map: 0x0001, " (ingress) or the egress fields.
 *
 * Not for: other switch tags (dsa.c has Marvell's).
 */
#include "print.h"

#define BRCM_TAG_LEN 4

static const np_tok brcm_te_names[] = {{0, "None"}, {1, "Untag"}, {2, "Header"}, {3, "Reserved"}, {0, NULL}};

static const np_tok brcm_rc_names[] = {
	{1, "mirror"},      {2, "MAC learning"}, {4, "switching"}, {8, "prot term"},
	{16, "prot snoop"}, {32, "exception"},   {0, NULL},
};

/* The 4-byte tag at t (captured: the callers checked). */
static void print_brcm_tag(np_printer *pr, const uint8_t *t)
{
	np_out *o = pr->out;
	out_fmt(o, "BRCM tag OP: %s", t[0] ? "IG" : "EG");
	if (t[0] & 0x20) {
		out_fmt(o, ", TC: %d", (t[1] >> 2) & 7);
		out_fmt(o, ", TE: %s", tok2str(brcm_te_names, "unknown", t[1] & 3));
		out_fmt(o, ", TS: %d", t[1] >> 7);
		out_fmt(o, ", DST map: 0x%04x", ((unsigned)t[2] << 8 | t[3]) & 0x1ff);
	} else {
		out_fmt(o, ", CID: %d", t[1]);
		out_fmt(o, ", RC: %s", tok2str(brcm_rc_names, "reserved", t[2]));
		out_fmt(o, ", TC: %d", (t[3] >> 5) & 7);
		out_fmt(o, ", port: %d", t[3] & 0x1f);
	}
	out_str(o, ", ");
}

uint32_t print_brcm_tag_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "brcm-tag";
	return print_ether_tagged(pr, p, length, caplen, print_brcm_tag, BRCM_TAG_LEN);
}

uint32_t print_brcm_tag_prepend(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "brcm-tag-prepend";
	if (!np_has(p, pr->snapend, BRCM_TAG_LEN)) {
		print_trunc_stop(pr);
		return caplen;
	}
	if (pr->o.eflag)
		print_brcm_tag(pr, p);
	return BRCM_TAG_LEN + print_ether(pr, p + BRCM_TAG_LEN, length - BRCM_TAG_LEN, caplen - BRCM_TAG_LEN);
}
