/*
 * macsec.c - IEEE 802.1AE MACsec SecTAG text as tcpdump 4.99's
 * print-macsec.c writes it: with -e "an N, pn N, flags ECSBI, sl N, sci
 * HEX, " after the ethertype; an encrypted or changed payload (E or C set)
 * is left to the caller's hex dump, an integrity-only one loses its
 * 16-byte ICV and goes on to the inner ethertype.
 *
 * Not for: decrypting anything, or ICV lengths other than the default 16.
 */
#include "print.h"

#define MACSEC_ICV_LEN 16
#define MACSEC_TAG_NOSCI 6
#define MACSEC_TAG_SCI 14

enum {
	TCI_VERSION = 0x80,
	TCI_ES = 0x40,
	TCI_SC = 0x20,
	TCI_SCB = 0x10,
	TCI_E = 0x08,
	TCI_C = 0x04,
	AN_MASK = 0x03,
	SL_MASK = 0x3f,
};

static const np_tok macsec_flag_names[] = {
	{TCI_E, "E"}, {TCI_C, "C"}, {TCI_ES, "S"}, {TCI_SCB, "B"}, {TCI_SC, "I"}, {0, NULL},
};

/* The SecTAG fields; all of the tag is captured (the caller checked). */
static void print_macsec_tag(np_printer *pr, const uint8_t *p, uint32_t short_length)
{
	np_out *o = pr->out;
	out_fmt(o, "an %u, pn %u, flags ", p[0] & AN_MASK,
		((uint32_t)p[2] << 24) | ((uint32_t)p[3] << 16) | ((uint32_t)p[4] << 8) | p[5]);
	print_bits(pr, macsec_flag_names, p[0] & (TCI_ES | TCI_SC | TCI_SCB | TCI_E | TCI_C), "", "none");
	if (short_length != 0)
		out_fmt(o, ", sl %u", short_length);
	if (p[0] & TCI_SC) {
		out_str(o, ", sci ");
		for (int i = 6; i < 14; i++)
			out_hex(o, p[i], 2);
	}
	out_str(o, ", ");
}

int print_macsec(np_printer *pr, const uint8_t **bp, uint32_t *lengthp, uint32_t *caplenp, uint32_t *hdrlenp,
		 const uint8_t *src, const uint8_t *dst)
{
	const char *saved = pr->protocol;
	const uint8_t *p = *bp;
	uint32_t caplen = *caplenp, hdrlen = *hdrlenp, taglen = MACSEC_TAG_NOSCI;
	uint32_t short_length;
	int ret = (int)(hdrlen + caplen);
	pr->protocol = "macsec";
	if (caplen < MACSEC_TAG_NOSCI || *lengthp < MACSEC_TAG_NOSCI || !np_has(p, pr->snapend, MACSEC_TAG_NOSCI))
		goto trunc;
	if (p[0] & TCI_SC) {
		taglen = MACSEC_TAG_SCI;
		if (caplen < taglen || *lengthp < taglen || !np_has(p, pr->snapend, taglen))
			goto trunc;
	}
	if ((p[1] & ~SL_MASK) != 0 || (p[0] & TCI_VERSION)) {
		print_invalid(pr);
		goto done;
	}
	short_length = p[1] & SL_MASK;
	if (pr->o.eflag)
		print_macsec_tag(pr, p, short_length);
	*bp += taglen;
	*hdrlenp += taglen;
	*lengthp -= taglen;
	*caplenp -= taglen;
	if (p[0] & (TCI_E | TCI_C)) {
		/* encrypted: the caller dumps it; say what it is unless -e did */
		if (!pr->o.eflag) {
			if (src && dst) {
				out_mac(pr->out, src);
				out_str(pr->out, " > ");
				out_mac(pr->out, dst);
				out_char(pr->out, ' ');
			}
			out_str(pr->out, "802.1AE MACsec, ");
			print_macsec_tag(pr, p, short_length);
		}
		ret = 0;
		goto done;
	}
	if (*lengthp < MACSEC_ICV_LEN || *caplenp < MACSEC_ICV_LEN)
		goto trunc;
	*lengthp -= MACSEC_ICV_LEN;
	*caplenp -= MACSEC_ICV_LEN;
	/* the ICV ends the frame: it is not payload */
	pr->snapend -= MACSEC_ICV_LEN;
	if (short_length != 0) {
		if (short_length > *lengthp || short_length > *caplenp)
			goto trunc;
		if (*lengthp > short_length)
			*lengthp = short_length;
		if (*caplenp > short_length)
			*caplenp = short_length;
	}
	ret = -1;
	goto done;
trunc:
	print_trunc(pr);
done:
	pr->protocol = saved;
	return ret;
}
