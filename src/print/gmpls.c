/*
 * gmpls.c - the GMPLS (RFC 3471, RFC 4203) and Diffserv-TE (RFC 4124)
 * value names the traffic engineering printers share: OSPF's TE LSAs
 * (ospf.c) and IS-IS's extended IS reachability sub-TLVs (isis_tlv.c),
 * tcpdump's gmpls.c, and their bandwidth text.
 *
 * Not for: the TLVs around them.
 */
#include <string.h>

#include "print.h"

void print_te_bw(np_printer *pr, const char *lead, uint32_t bits)
{
	float f;
	memcpy(&f, &bits, sizeof(f));
	f = f * 8 / 1000000;
	out_fmt(pr->out, "%s%.3f Mbps", lead, (double)f);
}

const np_tok gmpls_link_prot_names[] = {
	{0x01, "Extra Traffic"}, {0x02, "Unprotected"},   {0x04, "Shared"},
	{0x08, "Dedicated 1:1"}, {0x10, "Dedicated 1+1"}, {0x20, "Enhanced"},
	{0x40, "Reserved"},      {0x80, "Reserved"},      {0, NULL},
};

const np_tok gmpls_switch_cap_names[] = {
	{1, "Packet-Switch Capable-1"}, {2, "Packet-Switch Capable-2"}, {3, "Packet-Switch Capable-3"},
	{4, "Packet-Switch Capable-4"}, {51, "Layer-2 Switch Capable"}, {100, "Time-Division-Multiplex"},
	{150, "Lambda-Switch Capable"}, {200, "Fiber-Switch Capable"},  {0, NULL},
};

const np_tok gmpls_tsc_indication_names[] = {{0, "Standard SONET/SDH"}, {1, "Arbitrary SONET/SDH"}, {0, NULL}};

const np_tok gmpls_encoding_names[] = {
	{1, "Packet"},
	{2, "Ethernet V2/DIX"},
	{3, "ANSI/ETSI PDH"},
	{4, "Reserved"},
	{5, "SDH ITU-T G.707/SONET ANSI T1.105"},
	{6, "Reserved"},
	{7, "Digital Wrapper"},
	{8, "Lambda (photonic)"},
	{9, "Fiber"},
	{10, "Reserved"},
	{11, "FiberChannel"},
	{0, NULL},
};

const np_tok diffserv_bc_names[] = {
	{0, "Russian dolls"},
	{1, "Maximum allocation"},
	{254, "Maximum allocation with E-LSP support"},
	{0, NULL},
};
