/*
 * slow.c - IEEE 802.3 Slow Protocols (ethertype 0x8809) as tcpdump 4.99's
 * print-slow.c writes them: LACP and Marker PDUs (802.1AX) with their
 * actor, partner, collector and marker TLVs under -v; the OAM header.
 *
 * Not for: the body of OAM PDUs (802.3ah), which tcpdump decodes with -v
 * and this file does not yet.
 */
#include "print.h"

enum { SLOW_PROTO_LACP = 1, SLOW_PROTO_MARKER = 2, SLOW_PROTO_OAM = 3 };

static const np_tok slow_proto_names[] = {
	{SLOW_PROTO_LACP, "LACP"},
	{SLOW_PROTO_MARKER, "MARKER"},
	{SLOW_PROTO_OAM, "OAM"},
	{0, NULL},
};

/* (subtype << 8) + TLV type */
static const np_tok slow_tlv_names[] = {
	{(SLOW_PROTO_LACP << 8) + 0, "Terminator"},
	{(SLOW_PROTO_LACP << 8) + 1, "Actor Information"},
	{(SLOW_PROTO_LACP << 8) + 2, "Partner Information"},
	{(SLOW_PROTO_LACP << 8) + 3, "Collector Information"},
	{(SLOW_PROTO_MARKER << 8) + 0, "Terminator"},
	{(SLOW_PROTO_MARKER << 8) + 1, "Marker Information"},
	{0, NULL},
};

static const np_tok lacp_state_names[] = {
	{0x01, "Activity"},        {0x02, "Timeout"},    {0x04, "Aggregation"},
	{0x08, "Synchronization"}, {0x10, "Collecting"}, {0x20, "Distributing"},
	{0x40, "Default"},         {0x80, "Expired"},    {0, NULL},
};

/* A TLV body whose size is fixed: false (after the note) when it is not. */
static bool slow_tlv_size_ok(np_printer *pr, uint32_t tlen, uint32_t want)
{
	if (tlen == want)
		return true;
	out_fmt(pr->out, "\n\t    ERROR: illegal length - should be %u", want + 2);
	return false;
}

/* One TLV body (all captured) of LACP or Marker. */
static void print_slow_tlv(np_printer *pr, uint32_t key, const uint8_t *v, uint32_t tlen)
{
	np_out *o = pr->out;
	switch (key) {
	case (SLOW_PROTO_LACP << 8) + 1:
	case (SLOW_PROTO_LACP << 8) + 2:
		if (!slow_tlv_size_ok(pr, tlen, 18))
			return;
		out_str(o, "\n\t  System ");
		out_mac(o, v + 2);
		out_fmt(o, ", System Priority %u, Key %u, Port %u, Port Priority %u\n\t  State Flags [",
			np_load_be16(v), np_load_be16(v + 8), np_load_be16(v + 12), np_load_be16(v + 10));
		print_bits(pr, lacp_state_names, v[14], ", ", "none");
		out_char(o, ']');
		return;
	case (SLOW_PROTO_LACP << 8) + 3:
		if (slow_tlv_size_ok(pr, tlen, 14))
			out_fmt(o, "\n\t  Max Delay %u", np_load_be16(v));
		return;
	case (SLOW_PROTO_MARKER << 8) + 1:
		if (!slow_tlv_size_ok(pr, tlen, 14))
			return;
		out_str(o, "\n\t  Request System ");
		out_mac(o, v + 2);
		out_fmt(o, ", Request Port %u, Request Transaction ID 0x%08x", np_load_be16(v),
			(uint32_t)v[8] << 24 | (uint32_t)v[9] << 16 | (uint32_t)v[10] << 8 | v[11]);
		return;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, v, "\n\t  ", tlen);
		return;
	}
}

static void print_slow_tlvs(np_printer *pr, const uint8_t *p, uint32_t len, uint8_t subtype)
{
	np_out *o = pr->out;
	while (len > 0) {
		uint8_t type, tlv_len;
		if (len < 2)
			goto tooshort;
		NP_GET_U8(type, p, pr->snapend);
		NP_GET_U8(tlv_len, p + 1, pr->snapend);
		uint32_t key = ((uint32_t)subtype << 8) + type;
		out_fmt(o, "\n\t%s TLV (0x%02x), length %u", tok2str(slow_tlv_names, "Unknown", key), type, tlv_len);
		if (type == 0) /* the terminator ends the list */
			return;
		if (tlv_len < 2) {
			out_str(o, "\n\t    ERROR: illegal length - should be >= 2");
			return;
		}
		if (len < tlv_len)
			goto tooshort;
		NP_CHECK(p, pr->snapend, tlv_len);
		print_slow_tlv(pr, key, p + 2, (uint32_t)tlv_len - 2);
		if (pr->o.vflag > 1)
			print_unknown_data(pr, p + 2, "\n\t  ", (uint32_t)tlv_len - 2);
		p += tlv_len;
		len -= tlv_len;
	}
	return;
tooshort:
	out_str(o, "\n\t\t packet is too short");
	return;
trunc:
	print_trunc_stop(pr);
}

void print_slow(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint8_t subtype, version = 0;
	pr->protocol = "slow";
	if (len < 1)
		goto tooshort;
	NP_GET_U8(subtype, p, pr->snapend);
	const char *name = tok2str(slow_proto_names, "unknown (%u)", subtype);
	if (subtype == SLOW_PROTO_LACP || subtype == SLOW_PROTO_MARKER) {
		if (len < 2)
			goto tooshort;
		NP_GET_U8(version, p + 1, pr->snapend);
		if (version != 1) {
			out_fmt(o, "%s version %u packet not supported", subtype == SLOW_PROTO_LACP ? "LACP" : "MARKER",
				version);
			return;
		}
		out_fmt(o, "%sv%u, length %u", name, version, len);
	} else {
		out_fmt(o, "%s, length %u", name, len);
		if (subtype != SLOW_PROTO_OAM) {
			print_unknown_data(pr, p, "\n\t", len);
			return;
		}
	}
	if (!pr->o.vflag || subtype == SLOW_PROTO_OAM) /* OAM bodies: not yet */
		return;
	print_slow_tlvs(pr, p + 2, len - 2, subtype);
	return;
tooshort:
	out_str(o, pr->o.vflag ? "\n\t\t packet is too short" : " (packet is too short)");
	return;
trunc:
	print_trunc_stop(pr);
}
