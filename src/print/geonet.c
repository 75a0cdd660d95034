/*
 * geonet.c - ETSI ITS GeoNetworking (ethertypes 0x8947 and the old
 * 0x0707; EN 302 636-4-1, BTP of EN 302 636-5-1) and ISO 29281 CALM FAST
 * (ethertype 0x1111) as tcpdump's geonet_print and calm_fast_print write
 * them: the common header (version, next header, header type, hop limit,
 * payload length, the sender's position vector), the BTP ports and the
 * ITS PDU header; with -v the rest as hex.
 *
 * Not for: the extended headers of unicast, anycast and broadcast packets
 * (tcpdump stops there too).
 */
#include "print.h"

#define GN_COMMON_LEN 36

static const np_tok msg_types[] = {
	{0, "CAM"},    {1, "DENM"},     {101, "TPEGM"}, {102, "TSPDM"}, {103, "VPM"}, {104, "SRM"},
	{105, "SLAM"}, {106, "ecoCAM"}, {107, "ITM"},   {150, "SA"},    {0, NULL},
};

static const char *next_header_name(uint32_t nh)
{
	static const char *const names[] = {"Any", "BTP-A", "BTP-B", "IPv6"};
	return nh < 4 ? names[nh] : "Unknown";
}

static const char *header_type_name(uint32_t t, uint32_t sub)
{
	static const char *const anycast[] = {"GeoAnycastCircle", "GeoAnycastRect", "GeoAnycastElipse"};
	static const char *const broadcast[] = {"GeoBroadcastCircle", "GeoBroadcastRect", "GeoBroadcastElipse"};
	static const char *const topo[] = {"TopoScopeBcast-SH", "TopoScopeBcast-MH"};
	static const char *const loc[] = {"LocService-Request", "LocService-Reply"};
	switch (t) {
	case 0: return "Any";
	case 1: return "Beacon";
	case 2: return "GeoUnicast";
	case 3: return sub < 3 ? anycast[sub] : "Unknown";
	case 4: return sub < 3 ? broadcast[sub] : "Unknown";
	case 5: return sub < 2 ? topo[sub] : "Unknown";
	case 6: return sub < 2 ? loc[sub] : "Unknown";
	default: return "Unknown";
	}
}

/* The extended header's length where tcpdump knows it, else -1. */
static int extended_header_len(uint32_t t, uint32_t sub)
{
	if (t == 0 || t == 1 || (t == 5 && sub == 0))
		return 0;
	if (t == 5 && sub == 1)
		return 68 - GN_COMMON_LEN;
	return -1;
}

static void print_src(np_printer *pr, const uint8_t *src)
{
	if (src) {
		out_str(pr->out, "src:");
		out_mac(pr->out, src);
	}
}

void print_geonet(np_printer *pr, const uint8_t *bp, uint32_t length, const uint8_t *src)
{
	np_out *o = pr->out;
	pr->protocol = "geonet";
	out_str(o, "GeoNet ");
	print_src(pr, src);
	out_str(o, "; ");
	if (length < GN_COMMON_LEN) {
		out_fmt(o, " (common header length %u < 36)", length);
		print_invalid(pr);
		return;
	}
	NP_CHECK(bp, pr->snapend, 8);
	uint32_t version = bp[0] >> 4, nh = bp[0] & 0x0f, ht = bp[1] >> 4, sub = bp[1] & 0x0f;
	out_fmt(o, "v:%u NH:%u-%s HT:%u-%u-%s HopLim:%u Payload:%u ", version, nh, next_header_name(nh), ht, sub,
		header_type_name(ht, sub), bp[7], np_load_be16(bp + 4));
	NP_CHECK(bp + 8, pr->snapend, 8);
	out_str(o, "GN_ADDR:");
	for (int i = 0; i < 8; i++)
		out_fmt(o, i ? ":%02x" : "%02x", bp[8 + i]);
	out_char(o, ' ');
	uint32_t lat, lon;
	NP_GET_BE32(lat, bp + 20, pr->snapend);
	out_fmt(o, "lat:%u ", lat);
	NP_GET_BE32(lon, bp + 24, pr->snapend);
	out_fmt(o, "lon:%u", lon);
	NP_CHECK(bp, pr->snapend, GN_COMMON_LEN);
	length -= GN_COMMON_LEN;
	bp += GN_COMMON_LEN;
	int hs = extended_header_len(ht, sub);
	if (hs >= 0) {
		if (length < (uint32_t)hs) {
			out_fmt(o, " (header size %d > %u)", hs, length);
			print_invalid(pr);
			return;
		}
		NP_CHECK(bp, pr->snapend, (uint32_t)hs);
		length -= (uint32_t)hs;
		bp += hs;
		if (nh == 1 || nh == 2) {
			if (length < 4) {
				out_fmt(o, " (BTP length %u < 4)", length);
				print_invalid(pr);
				return;
			}
			uint16_t dst, srcp;
			NP_GET_BE16(dst, bp, pr->snapend);
			out_fmt(o, "; BTP Dst:%u", dst);
			NP_GET_BE16(srcp, bp + 2, pr->snapend);
			out_fmt(o, " Src:%u", srcp);
			length -= 4;
			bp += 4;
			if (length >= 2) {
				uint8_t v, t;
				NP_GET_U8(v, bp, pr->snapend);
				out_fmt(o, "; ItsPduHeader v:%u", v);
				NP_GET_U8(t, bp + 1, pr->snapend);
				out_fmt(o, " t:%u-%s", t, tok2str(msg_types, "unknown (%u)", t));
			}
		}
	}
	if (pr->o.vflag)
		print_default(pr, bp, length);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_calm_fast(np_printer *pr, const uint8_t *bp, uint32_t length, const uint8_t *src)
{
	np_out *o = pr->out;
	pr->protocol = "calm_fast";
	out_str(o, "CALM FAST");
	if (src)
		out_char(o, ' ');
	print_src(pr, src);
	out_str(o, "; ");
	if (length < 2) {
		out_fmt(o, " (length %u < 2)", length);
		print_invalid(pr);
		print_rest_captured(pr, bp, length);
		return;
	}
	uint8_t s, d;
	NP_GET_U8(s, bp, pr->snapend);
	out_fmt(o, "SrcNwref:%u; ", s);
	NP_GET_U8(d, bp + 1, pr->snapend);
	out_fmt(o, "DstNwref:%u; ", d);
	if (pr->o.vflag)
		print_default(pr, bp + 2, length - 2);
	return;
trunc:
	print_trunc_stop(pr);
}
