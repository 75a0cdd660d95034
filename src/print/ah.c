/*
 * ah.c - IPsec Authentication Header text (RFC 4302, tcpdump's print-ah.c):
 * "AH(spi=..,seq=..,icv=..): " before the protected protocol.
 *
 * Not for: checking the ICV, or the chain to the next header (ip.c's
 * demux loop follows AH's next-header byte).
 */
#include "print.h"

#define AH_FIXED_LEN 12 /* next header, length, reserved, SPI, sequence */

uint32_t print_ah(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	uint8_t ah_len;
	uint16_t reserved;
	uint32_t spi, seq;
	pr->protocol = "ah";
	out_str(o, "AH");
	NP_GET_U8(ah_len, p + 1, pr->snapend);
	/* The length field counts 32-bit words, minus 2. */
	uint32_t hdr_len = ((uint32_t)ah_len + 2) * 4;
	out_char(o, '(');
	if (pr->o.vflag)
		out_fmt(o, "length=%u(%u-bytes),", ah_len, hdr_len);
	NP_GET_BE16(reserved, p + 2, pr->snapend);
	if (reserved)
		out_fmt(o, "reserved=0x%x[MustBeZero],", reserved);
	NP_GET_BE32(spi, p + 4, pr->snapend);
	out_fmt(o, "spi=0x%08x,", spi);
	NP_GET_BE32(seq, p + 8, pr->snapend);
	out_fmt(o, "seq=0x%x,", seq);
	out_str(o, "icv=0x");
	for (uint32_t i = AH_FIXED_LEN; i < hdr_len; i++) {
		uint8_t b;
		NP_GET_U8(b, p + i, pr->snapend);
		out_hex(o, b, 2);
	}
	out_str(o, "): ");
	return hdr_len;
trunc:
	print_trunc_stop(pr);
	return 0;
}
