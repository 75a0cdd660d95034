/*
 * fuzz_decode.c - libFuzzer target over the decoder and the printer.
 *
 * Input: byte 0 picks the link type, byte 1 the printer options (-v level,
 * -e, -x/-X, -q, -S), the rest is one captured frame. The frame is decoded
 * and printed to /dev/null, and the packets its tunnels carry are
 * decapsulated as deep as they go (decode/tunnel.c), and the device list
 * (profile/devices.h, through decode/ctlproto.h) is shown every layer of
 * it; the sanitizers do the judging. Any input that
 * reads outside the frame, leaks or hits undefined behaviour is a bug.
 */
#include "../src/decode/tunnel.h"
#include "../src/profile/devices.h"
#include "fuzz_common.h"

static const int link_types[] = {
	NP_DLT_EN10MB,
	NP_DLT_LINUX_SLL,
	NP_DLT_LINUX_SLL2,
	NP_DLT_NULL,
	NP_DLT_LOOP,
	NP_DLT_RAW,
	NP_DLT_IPV4,
	NP_DLT_IPV6,
	NP_DLT_LINKTYPE_RAW,
	NP_DLT_DSA_TAG_DSA,
	NP_DLT_DSA_TAG_EDSA,
	NP_DLT_DSA_TAG_BRCM,
	NP_DLT_DSA_TAG_BRCM_PREPEND,
	NP_DLT_PPP, /* 13: the WAN link types (tests/fuzz.sh seeds them by index) */
	NP_DLT_PPP_SERIAL,
	NP_DLT_C_HDLC,
	NP_DLT_SLIP,
	NP_DLT_JUNIPER_ATM1,
	NP_DLT_JUNIPER_ES,
	NP_DLT_JUNIPER_ETHER,
	NP_DLT_JUNIPER_PPP,
	NP_DLT_JUNIPER_CHDLC,
	NP_DLT_FRELAY, /* 22: tests/fuzz.sh seeds Frame Relay with this index */
	NP_DLT_MFR,
	NP_DLT_ARCNET_LINUX, /* 24 */
	147,                 /* 25: LINKTYPE_USER0, no printer (the UNSUPPORTED dump) */
	NP_DLT_NFLOG,        /* 26 */
	NP_DLT_PKTAP,        /* 27 */
	NP_DLT_ATM_RFC1483,
	NP_DLT_ATM_CLIP,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	np_print_opts o;
	memset(&o, 0, sizeof(o));
	uint8_t f = data[1];
	o.vflag = f & 3;
	o.eflag = (f >> 2) & 1;
	o.xflag = (f >> 3) & 1;
	o.Xflag = (f >> 4) & 1;
	o.qflag = (f >> 5) & 1;
	o.Sflag = (f >> 6) & 1;
	o.number = 1;
	o.style = (f >> 7) & 1; /* the classic printer too */
	o.suppress_default = o.xflag + o.Xflag + o.qflag;
	/* -q with -S: also tcpdump's -T vat/wb/rtp/rtcp, by the input's size,
	 * so the printers only -T reaches are fuzzed too. */
	if (o.qflag && o.Sflag)
		o.packettype = NP_PT_VAT + (int)(size % 4);
	/* -E with a default SA: every ESP payload is decrypted (to garbage) and
	 * the printers run on the result. A fixed test key, nothing secret. */
	o.espsecret = "3des-cbc-hmac96:0x0123456789abcdef0123456789abcdef0123456789abcdef";

	/* A private copy of exactly the frame, so ASan sees reads past its end. */
	size_t n = size - 2;
	uint8_t *frame = fuzz_copy(data + 2, n);
	np_packet pkt;
	memset(&pkt, 0, sizeof(pkt));
	int dlt = link_types[data[0] % (sizeof(link_types) / sizeof(link_types[0]))];
	np_decode(&pkt, dlt, frame, (uint32_t)n, (uint32_t)n + (data[0] >> 4));

	static np_printer pr;
	fuzz_printer_open(&pr, &o, NULL, 0);
	print_packet(&pr, &pkt);
	fuzz_printer_close(&pr);
	static np_packet inner[NP_TUNNEL_MAX_DEPTH];
	const np_packet *cur = &pkt;
	np_tunnel t;
	static np_devices *devs;
	if (!devs)
		devs = np_devices_new(); /* bounded (NP_DEVICES_MAX), kept across inputs */
	if (devs)
		np_devices_packet(devs, &pkt, false);
	for (int d = 0; d < NP_TUNNEL_MAX_DEPTH && np_tunnel_inner(cur, &inner[d], &t); d++) {
		cur = &inner[d];
		if (devs)
			np_devices_packet(devs, cur, false);
	}
	free(frame);
	return 0;
}
