/*
 * ipx.c - Novell IPX as tcpdump's ipx_print writes it (with -n): the
 * source and destination network.node.socket, then by destination socket
 * NCP, SAP (requests and up to 8 advertised services), RIP (requests and
 * up to 50 routes), NetBIOS, diagnostics, NWLink datagrams, or EIGRP for
 * IPX. Reached by ethertype 0x8137, LLC SAP 0xe0 and raw 802.3 (0xffff).
 *
 * Not for: the NetBIOS/SMB payloads tcpdump prints only when built with SMB
 * support (Debian's is not).
 */
#include "print.h"

#define IPX_HDR_LEN 30

enum {
	IPX_SKT_NCP = 0x0451,
	IPX_SKT_SAP = 0x0452,
	IPX_SKT_RIP = 0x0453,
	IPX_SKT_NETBIOS = 0x0455,
	IPX_SKT_DIAGNOSTICS = 0x0456,
	IPX_SKT_NWLINK_DGM = 0x0553,
	IPX_SKT_EIGRP = 0x85be,
};

/* "net.node" (10 bytes at a, captured). */
static void print_ipx_addr(np_printer *pr, const uint8_t *a)
{
	out_fmt(pr->out, "%08x.", np_load_be32(a));
	out_mac(pr->out, a + 4);
}

static void print_sap(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t command;
	NP_GET_BE16(command, p, pr->snapend);
	if (length < 2) {
		out_fmt(o, " [length %u < 2]", length);
		goto invalid;
	}
	p += 2;
	length -= 2;
	switch (command) {
	case 1:
	case 3: {
		uint16_t type;
		out_str(o, command == 1 ? "ipx-sap-req" : "ipx-sap-nearest-req");
		NP_GET_BE16(type, p, pr->snapend);
		out_fmt(o, " %04x", type);
		break;
	}
	case 2:
	case 4:
		out_str(o, command == 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
		for (int i = 0; i < 8 && length != 0; i++) {
			NP_CHECK(p, pr->snapend, 2);
			if (length < 2)
				goto invalid;
			out_fmt(o, " %04x '", np_load_be16(p));
			p += 2;
			length -= 2;
			if (length < 48) {
				out_char(o, '\'');
				goto invalid;
			}
			if (!print_text_nul(pr, p, 48))
				goto trunc;
			out_char(o, '\'');
			p += 48;
			length -= 48;
			NP_CHECK(p, pr->snapend, 10);
			if (length < 10)
				goto invalid;
			out_str(o, " addr ");
			print_ipx_addr(pr, p);
			p += 10;
			length -= 10;
			NP_CHECK(p, pr->snapend, 4);
			if (length < 4)
				goto invalid;
			p += 4;
			length -= 4;
		}
		break;
	default: out_fmt(o, "ipx-sap-?%x", command); break;
	}
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_rip_ipx(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t command;
	NP_GET_BE16(command, p, pr->snapend);
	if (length < 2) {
		out_fmt(o, " [length %u < 2]", length);
		goto invalid;
	}
	p += 2;
	length -= 2;
	if (command != 1 && command != 2) {
		out_fmt(o, "ipx-rip-?%x", command);
		return;
	}
	out_str(o, command == 1 ? "ipx-rip-req" : "ipx-rip-resp");
	for (int i = 0; i < (command == 1 ? 1 : 50) && length != 0; i++) {
		if (length < 8)
			goto invalid;
		NP_CHECK(p, pr->snapend, 8);
		out_fmt(o, " %08x/%u.%u", np_load_be32(p), np_load_be16(p + 4), np_load_be16(p + 6));
		p += 8;
		length -= 8;
	}
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_ipx(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "ipx";
	if (!pr->o.eflag)
		out_str(o, "IPX ");
	NP_CHECK(p + 18, pr->snapend, 12);
	print_ipx_addr(pr, p + 18);
	out_fmt(o, ".%04x > ", np_load_be16(p + 28));
	NP_CHECK(p + 6, pr->snapend, 12);
	print_ipx_addr(pr, p + 6);
	out_fmt(o, ".%04x: ", np_load_be16(p + 16));
	NP_CHECK(p, pr->snapend, 4);
	length = np_load_be16(p + 2); /* the IPX header's own length */
	if (length < IPX_HDR_LEN) {
		out_fmt(o, "[length %u < %u]", length, IPX_HDR_LEN);
		print_invalid(pr);
		return;
	}
	const uint8_t *d = p + IPX_HDR_LEN;
	length -= IPX_HDR_LEN;
	uint16_t skt = np_load_be16(p + 16);
	switch (skt) {
	case IPX_SKT_NCP: out_fmt(o, "ipx-ncp %u", length); break;
	case IPX_SKT_SAP: print_sap(pr, d, length); break;
	case IPX_SKT_RIP: print_rip_ipx(pr, d, length); break;
	case IPX_SKT_NETBIOS: out_fmt(o, "ipx-netbios %u", length); break;
	case IPX_SKT_DIAGNOSTICS: out_fmt(o, "ipx-diags %u", length); break;
	case IPX_SKT_NWLINK_DGM: out_fmt(o, "ipx-nwlink-dgm %u", length); break;
	case IPX_SKT_EIGRP: print_eigrp(pr, d, length); break;
	default: out_fmt(o, "ipx-#%x %u", skt, length); break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}
