/*
 * pppoe.c - PPP over Ethernet text (RFC 2516; ethertypes 0x8863 discovery
 * and 0x8864 session) as tcpdump 4.99's print-pppoe.c writes it: the
 * discovery code and its tags ("PPPoE PADI [Service-Name] [Host-Uniq
 * 0x16372C16]"), or the session ID and the PPP frame (ppp.c).
 *
 * Not for: DLT_PPP_ETHER captures (no link header printer for them yet).
 */
#include "print.h"

#define PPPOE_HDRLEN 6
#define PPPOE_PADI 0x09
#define MAXTAGPRINT 80

static const np_tok pppoe_code_names[] = {
	{PPPOE_PADI, "PADI"}, {0x07, "PADO"}, {0x19, "PADR"}, {0x65, "PADS"}, {0xa7, "PADT"}, {0, ""}, {0, NULL},
};

static const np_tok pppoe_tag_names[] = {
	{0x0000, "EOL"},
	{0x0101, "Service-Name"},
	{0x0102, "AC-Name"},
	{0x0103, "Host-Uniq"},
	{0x0104, "AC-Cookie"},
	{0x0105, "Vendor-Specific"},
	{0x0110, "Relay-Session-ID"},
	{0x0120, "PPP-Max-Payload"},
	{0x0201, "Service-Name-Error"},
	{0x0202, "AC-System-Error"},
	{0x0203, "Generic-Error"},
	{0, NULL},
};

/* One tag's value (len bytes, captured): as text when most of its first
 * 79 bytes are printable, else in hex. */
static void print_pppoe_tag_value(np_printer *pr, const char *name, const uint8_t *v, uint32_t len)
{
	char text[MAXTAGPRINT];
	uint32_t n = 0, ascii = 0, garbage = 0;
	for (; n < len && n < MAXTAGPRINT - 1; n++) {
		bool printable = v[n] >= 0x20 && v[n] <= 0x7e;
		text[n] = printable ? (char)v[n] : '.';
		ascii += printable;
		garbage += !printable;
	}
	text[n] = '\0';
	if (ascii > garbage) {
		out_fmt(pr->out, " [%s \"%s\"]", name, text);
		return;
	}
	out_fmt(pr->out, " [%s 0x", name);
	for (uint32_t i = 0; i < len; i++)
		out_fmt(pr->out, "%02X", v[i]);
	out_char(pr->out, ']');
}

void print_pppoe(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "pppoe";
	if (length < PPPOE_HDRLEN) {
		out_fmt(o, " (length %u < %u)", length, PPPOE_HDRLEN);
		print_invalid(pr);
		return;
	}
	length -= PPPOE_HDRLEN;
	NP_CHECK(p, pr->snapend, PPPOE_HDRLEN);
	uint8_t ver = p[0] >> 4, type = p[0] & 0x0f, code = p[1];
	uint16_t session = (uint16_t)(p[2] << 8 | p[3]);
	uint32_t plen = (uint32_t)(p[4] << 8 | p[5]);
	const uint8_t *payload = p + PPPOE_HDRLEN;
	if (ver != 1)
		out_fmt(o, " [ver %u]", ver);
	if (type != 1)
		out_fmt(o, " [type %u]", type);
	out_fmt(o, "PPPoE %s", tok2str(pppoe_code_names, "PAD-%x", code));
	if (code == PPPOE_PADI && plen > 1484 - PPPOE_HDRLEN)
		out_fmt(o, " [len %u!]", plen);
	if (plen > length) {
		out_fmt(o, " [len %u > %u!]", plen, length);
		plen = length;
	}
	if (session)
		out_fmt(o, " [ses 0x%x]", session);
	if (code == 0) { /* session data: a PPP frame */
		out_char(o, ' ');
		print_ppp(pr, payload, plen);
		return;
	}
	/* discovery tags, up to and including an EOL tag */
	uint16_t tag_type = 0xffff, tag_len;
	const uint8_t *t = payload;
	while (tag_type && t < payload + plen) {
		NP_GET_BE16(tag_type, t, pr->snapend);
		NP_GET_BE16(tag_len, t + 2, pr->snapend);
		t += 4;
		const char *name = tok2str(pppoe_tag_names, "TAG-0x%x", tag_type);
		if (tag_len) {
			NP_CHECK(t, pr->snapend, tag_len);
			print_pppoe_tag_value(pr, name, t, tag_len);
		} else {
			out_fmt(o, " [%s]", name);
		}
		t += tag_len;
	}
	return;
trunc:
	print_trunc_stop(pr);
}
