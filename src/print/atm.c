/*
 * atm.c - the ATM link types that carry LLC or IP without an ATM header,
 * as tcpdump prints them: RFC 1483 LLC-encapsulated frames (DLT_ATM_RFC1483,
 * tcpdump's atm_if_print) and Linux Classical IP over ATM (DLT_ATM_CLIP,
 * tcpdump's cip_if_print: LLC/SNAP when its header is there, else raw IP).
 *
 * Not for: cells with an ATM header (SunATM: VPI/VCI, OAM, signalling).
 */
#include <string.h>

#include "print.h"

/* LLC and what follows; tcpdump's atm_llc_print. */
static uint32_t print_atm_llc(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	int hdrlen = print_llc(pr, p, length, caplen, NULL, NULL);
	if (hdrlen < 0) {
		if (!pr->o.suppress_default && !pr->stopped)
			print_default(pr, p, caplen);
		return (uint32_t)-hdrlen;
	}
	return (uint32_t)hdrlen;
}

/* tcpdump's atm_if_print: a bare NLPID after a UI byte, an LLC header of
 * the SNAP, OSI or IP SAPs, or else (a Fore driver's 802.6 MAC header) 20
 * bytes skipped first. */
uint32_t print_atm_rfc1483_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "atm";
	uint8_t first;
	NP_GET_U8(first, p, pr->snapend);
	if (first == 0x03) {
		if (pr->o.eflag)
			out_str(pr->out, "CNLPID ");
		print_isoclns(pr, p + 1, length - 1);
		return 1;
	}
	uint32_t llchdr;
	NP_GET_BE24(llchdr, p, pr->snapend);
	uint32_t hdrlen = 0;
	if (llchdr != 0xaaaa03 && llchdr != 0xfefe03 && llchdr != 0x060603) {
		if (pr->o.eflag) {
			NP_CHECK(p, pr->snapend, 16);
			out_fmt(pr->out, "%08x%08x %08x%08x ", np_load_be32(p), np_load_be32(p + 4),
				np_load_be32(p + 8), np_load_be32(p + 12));
		}
		NP_CHECK(p, pr->snapend, 20);
		p += 20;
		length -= 20;
		caplen -= 20;
		hdrlen = 20;
	}
	return hdrlen + print_atm_llc(pr, p, length, caplen);
trunc:
	print_trunc_stop(pr);
	return 0;
}

uint32_t print_atm_clip_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	static const uint8_t rfcllc[] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
	pr->protocol = "cip";
	if (pr->o.eflag)
		out_fmt(pr->out, "%u: ", length);
	if (!np_has(p, pr->snapend, sizeof(rfcllc))) {
		print_trunc(pr);
		return 0;
	}
	if (memcmp(rfcllc, p, sizeof(rfcllc)) != 0) {
		print_ip(pr, p, length);
		return 0;
	}
	return print_atm_llc(pr, p, length, caplen);
}
