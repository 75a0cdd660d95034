/*
 * llc.c - IEEE 802.2 LLC text after an 802.3 length field (tcpdump's
 * llc_print): the SAPs, the I/S/U control field, Spanning Tree BPDUs
 * (handed to stp.c), SNAP (snap.c), RFC 948 IP and IPX (ipx.c, SAP 0xe0
 * and Novell's raw 802.3). Links without MAC addresses (Linux cooked
 * captures) pass NULL ones and get the SAP names only.
 *
 * OSI (SAP 0xfe) goes to isoclns.c.
 *
 * Not for: NetBEUI payloads; that SAP prints like any other unknown SAP
 * pair followed by the hex dump.
 */
#include "print.h"

#define LLC_U_FMT 3
#define LLC_GSAP 1
#define LLC_IG 1
#define LLC_S_FMT 1
#define LLC_U_POLL 0x10
#define LLC_IS_POLL 0x0100
#define LLC_XID_FI 0x81
#define LLC_UI 0x03
#define LLC_XID 0xaf
#define LLCSAP_IP 0x06
#define LLCSAP_SNAP 0xaa
#define LLCSAP_8021D 0x42
#define LLCSAP_IPX 0xe0
#define LLCSAP_GLOBAL 0xff
#define LLCSAP_ISONS 0xfe

static const np_tok llc_sap_names[] = {
	{0x00, "Null"},  {0xff, "Global"},  {0x02, "802.1B I"},  {0x03, "802.1B G"},
	{0x06, "IP"},    {0x04, "SNA"},     {0x0e, "ProWay NM"}, {0x42, "STP"},
	{0x4e, "RS511"}, {0x7e, "ISO8208"}, {0x8e, "ProWay"},    {0xaa, "SNAP"},
	{0xe0, "IPX"},   {0xf0, "NetBeui"}, {0xfe, "OSI"},       {0, NULL},
};

static const np_tok llc_cmd_names[] = {
	{0x03, "ui"}, {0xe3, "test"},  {0xaf, "xid"},  {0x63, "ua"}, {0x43, "disc"},
	{0x0f, "dm"}, {0x6f, "sabme"}, {0x87, "frmr"}, {0, NULL},
};

static const np_tok llc_flag_names[] = {
	{0, "Command"},
	{LLC_GSAP, "Response"},
	{LLC_U_POLL, "Poll"},
	{LLC_GSAP | LLC_U_POLL, "Final"},
	{LLC_IS_POLL, "Poll"},
	{LLC_GSAP | LLC_IS_POLL, "Final"},
	{0, NULL},
};

static const np_tok llc_ig_names[] = {{0, "Individual"}, {LLC_IG, "Group"}, {0, NULL}};

static const np_tok llc_supervisory_names[] = {
	{0, "Receiver Ready"},
	{1, "Receiver not Ready"},
	{2, "Reject"},
	{0, NULL},
};

typedef struct llc_hdr {
	uint8_t dsap_field, ssap_field, dsap, ssap;
	uint16_t control;
	bool is_u;
	uint32_t hdrlen;
} llc_hdr;

/* The -e form: "LLC, dsap X (0x..) Group, ssap Y (0x..) Command, ctrl 0x..: ". */
static void print_llc_e(np_printer *pr, const llc_hdr *h)
{
	out_str(pr->out, "LLC, dsap ");
	out_str(pr->out, tok2str(llc_sap_names, "Unknown", h->dsap));
	out_fmt(pr->out, " (0x%02x) %s, ssap ", h->dsap, tok2str(llc_ig_names, "Unknown", h->dsap_field & LLC_IG));
	out_str(pr->out, tok2str(llc_sap_names, "Unknown", h->ssap));
	out_fmt(pr->out, " (0x%02x) %s", h->ssap, tok2str(llc_flag_names, "Unknown", h->ssap_field & LLC_GSAP));
	out_fmt(pr->out, h->is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", h->control);
}

/* Without -e: "src SSAP > dst DSAP " (one SAP name when they match); with
 * no link addresses (src or dst NULL) "SSAP > DSAP ", or just "SAP ". */
static void print_llc_addrs(np_printer *pr, const llc_hdr *h, const uint8_t *src, const uint8_t *dst)
{
	np_out *o = pr->out;
	bool macs = src != NULL && dst != NULL;
	if (h->ssap != h->dsap) {
		if (macs) {
			out_mac(o, src);
			out_char(o, ' ');
		}
		out_str(o, tok2str(llc_sap_names, "Unknown SSAP 0x%02x", h->ssap));
		out_str(o, " > ");
	} else if (macs) {
		out_mac(o, src);
		out_str(o, " > ");
	}
	if (macs) {
		out_mac(o, dst);
		out_char(o, ' ');
	}
	out_str(o, tok2str(llc_sap_names, "Unknown DSAP 0x%02x", h->dsap));
	out_char(o, ' ');
}

/* The U frame line, and an XID's format bytes. Returns tcpdump's result. */
static int print_llc_u(np_printer *pr, const llc_hdr *h, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	uint8_t fi, b1, b2;
	out_fmt(pr->out, "Unnumbered, %s, Flags [%s], length %u", tok2str(llc_cmd_names, "%02x", h->control & 0xef),
		tok2str(llc_flag_names, "?", (h->ssap_field & LLC_GSAP) | (h->control & LLC_U_POLL)),
		length + h->hdrlen);
	if ((h->control & ~LLC_U_POLL) != LLC_XID)
		return -(int)h->hdrlen;
	if (length == 0)
		return (int)h->hdrlen;
	if (caplen < 1) {
		print_trunc(pr);
		return (int)h->hdrlen;
	}
	NP_GET_U8(fi, p, pr->snapend);
	if (fi != LLC_XID_FI)
		return -(int)h->hdrlen;
	if (caplen < 3 || length < 3) {
		print_trunc(pr);
		print_default(pr, p, caplen);
		return (int)h->hdrlen;
	}
	NP_GET_U8(b1, p + 1, pr->snapend);
	NP_GET_U8(b2, p + 2, pr->snapend);
	out_fmt(pr->out, ": %02x %02x", b1, b2);
	return (int)h->hdrlen;
trunc:
	print_trunc_stop(pr);
	return (int)h->hdrlen;
}

/* Reads the SAPs and control field; false after the truncation note. */
static bool read_llc(np_printer *pr, llc_hdr *h, const uint8_t *p, uint32_t length, uint32_t caplen, int *ret)
{
	uint8_t c = 0;
	if (caplen < 3 || length < 3) {
		print_trunc(pr);
		print_default(pr, p, caplen);
		*ret = (int)(caplen < 3 ? caplen : length);
		return false;
	}
	np_get_u8(p, pr->snapend, &h->dsap_field);
	np_get_u8(p + 1, pr->snapend, &h->ssap_field);
	np_get_u8(p + 2, pr->snapend, &c);
	h->control = c;
	h->is_u = (c & LLC_U_FMT) == LLC_U_FMT;
	h->hdrlen = 3;
	if (!h->is_u) {
		/* I and S frames have a two-byte, little-endian control field. */
		if (caplen < 4 || length < 4) {
			print_trunc(pr);
			print_default(pr, p, caplen);
			*ret = (int)(caplen < 4 ? caplen : length);
			return false;
		}
		np_get_le16(p + 2, pr->snapend, &h->control);
		h->hdrlen = 4;
	}
	h->dsap = h->dsap_field & (uint8_t)~LLC_IG;
	h->ssap = h->ssap_field & (uint8_t)~LLC_GSAP;
	return true;
}

int print_llc(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen, const uint8_t *src,
	      const uint8_t *dst)
{
	llc_hdr h = {0};
	int ret = 0;
	pr->protocol = "llc";
	if (!read_llc(pr, &h, p, length, caplen, &ret))
		return ret;
	if (h.ssap_field == LLCSAP_GLOBAL && h.dsap_field == LLCSAP_GLOBAL) {
		/* Novell's raw 802.3: IPX right after the length, no LLC header */
		if (pr->o.eflag)
			out_str(pr->out, "IPX 802.3: ");
		print_ipx(pr, p, length);
		return 0;
	}
	if (pr->o.eflag)
		print_llc_e(pr, &h);
	p += h.hdrlen;
	length -= h.hdrlen;
	caplen -= h.hdrlen;
	if (h.ssap == LLCSAP_8021D && h.dsap == LLCSAP_8021D && h.control == LLC_UI) {
		print_stp(pr, p, length);
		return (int)h.hdrlen;
	}
	if (h.ssap == LLCSAP_IP && h.dsap == LLCSAP_IP && h.control == LLC_UI) {
		print_ip(pr, p, length); /* RFC 948 */
		return (int)h.hdrlen;
	}
	if (h.ssap == LLCSAP_IPX && h.dsap == LLCSAP_IPX && h.control == LLC_UI) {
		if (pr->o.eflag)
			out_str(pr->out, "IPX 802.2: ");
		print_ipx(pr, p, length);
		return (int)h.hdrlen;
	}
	if (h.ssap == LLCSAP_SNAP && h.dsap == LLCSAP_SNAP && h.control == LLC_UI) {
		/* a negative length: the caller dumps the unknown payload */
		int printed = print_snap(pr, p, length, caplen, src, dst, 2);
		return printed ? (int)h.hdrlen + 5 : -((int)h.hdrlen + 5);
	}
	if (h.ssap == LLCSAP_ISONS && h.dsap == LLCSAP_ISONS && h.control == LLC_UI) {
		print_isoclns(pr, p, length);
		return (int)h.hdrlen;
	}
	if (!pr->o.eflag)
		print_llc_addrs(pr, &h, src, dst);
	if (h.is_u)
		return print_llc_u(pr, &h, p, length, caplen);
	const char *flags = tok2str(llc_flag_names, "?", (h.ssap_field & LLC_GSAP) | (h.control & LLC_IS_POLL));
	if ((h.control & LLC_S_FMT) == LLC_S_FMT) {
		out_fmt(pr->out, "Supervisory, %s, rcv seq %u, Flags [%s], length %u",
			tok2str(llc_supervisory_names, "?", (h.control >> 2) & 3), (h.control >> 9) & 0x7f, flags,
			length + h.hdrlen);
		return (int)h.hdrlen;
	}
	out_fmt(pr->out, "Information, send seq %u, rcv seq %u, Flags [%s], length %u", (h.control >> 1) & 0x7f,
		(h.control >> 9) & 0x7f, flags, length + h.hdrlen);
	return -(int)h.hdrlen;
}
