/*
 * pktap.c - Apple's PKTAP link type (DLT_PKTAP, 258: a header naming the
 * interface, process and the packet's own link type, then the packet) as
 * tcpdump 4.99's print-pktap.c writes it: with -e "DLT NAME (N) len N,
 * length N: ", then the packet by its own link type's printer; a header
 * length that does not fit is " (pkt_len too small/big ...) (invalid)".
 *
 * Not for: the process and interface fields, which tcpdump does not print
 * either. The header is little-endian, as in every capture known.
 */
#include <pcap/pcap.h>

#include "print.h"

enum { PKTAP_HDR_LEN = 108, PKT_REC_NONE = 0, PKT_REC_PACKET = 1 };

static void pktap_hdr(np_printer *pr, uint32_t dlt, uint32_t hdrlen, uint32_t length)
{
	const char *name = pcap_datalink_val_to_name((int)dlt);
	if (!pr->o.qflag)
		out_fmt(pr->out, "DLT %s (%u) len %u", name ? name : "UNKNOWN", dlt, hdrlen);
	else
		out_str(pr->out, name ? name : "UNKNOWN");
	out_fmt(pr->out, ", length %u: ", length);
}

uint32_t print_pktap_link(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	np_out *o = pr->out;
	pr->protocol = "pktap";
	if (length < PKTAP_HDR_LEN) {
		out_fmt(o, " (packet too short, %u < %u)", length, PKTAP_HDR_LEN);
		print_invalid(pr);
		return 0;
	}
	uint32_t hdrlen, rectype, dlt;
	NP_GET_LE32(hdrlen, p, pr->snapend);
	NP_GET_LE32(dlt, p + 8, pr->snapend);
	if (hdrlen < PKTAP_HDR_LEN) {
		out_fmt(o, " (pkt_len too small, %u < %u)", hdrlen, PKTAP_HDR_LEN);
		print_invalid(pr);
		return 0;
	}
	if (hdrlen > length) {
		out_fmt(o, " (pkt_len too big, %u > %u)", hdrlen, length);
		print_invalid(pr);
		return 0;
	}
	NP_CHECK(p, pr->snapend, hdrlen);
	if (pr->o.eflag)
		pktap_hdr(pr, dlt, hdrlen, length);
	NP_GET_LE32(rectype, p + 4, pr->snapend);
	length -= hdrlen;
	caplen -= hdrlen;
	if (rectype == PKT_REC_NONE) {
		out_str(o, "no data");
	} else if (rectype == PKT_REC_PACKET) {
		uint32_t inner;
		if (print_link_type(pr, (int)dlt, p + hdrlen, length, caplen, &inner)) {
			/* tcpdump counts the inner link header twice (its
			 * ndo_ll_hdr_len already holds it when PKTAP adds it
			 * again): where its -x dump starts */
			hdrlen += 2 * inner;
		} else {
			if (!pr->o.eflag)
				pktap_hdr(pr, dlt, hdrlen, length + hdrlen);
			if (!pr->o.suppress_default)
				print_default(pr, p + hdrlen, caplen);
		}
	}
	return hdrlen;
trunc:
	print_trunc_stop(pr);
	return 0;
}
