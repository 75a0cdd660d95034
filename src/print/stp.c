/*
 * stp.c - Spanning Tree BPDUs after an LLC 0x42/0x42 UI header, as
 * tcpdump 4.99's stp_print shows them: 802.1D configuration and topology
 * change BPDUs, 802.1w RSTP, 802.1s MSTP with its MSTI records and 802.1aq
 * SPB; -v adds the timers, root and MST configuration detail.
 *
 * tcpdump reads each printf's arguments before printing any of them, so
 * every group of fields below is read first and printed after; running off
 * the capture prints " [|stp]" and ends the packet.
 *
 * Not for: the LLC header (llc.c) or the link layers around it.
 */
#include "print.h"

#include <stdio.h>

#define STP_TIME_BASE 256.0f /* timers are in 1/256 s */
#define STP_BPDU_LEN 36      /* protocol id .. version 1 length */
#define STP_CONFIG_LEN 35    /* the same without the version 1 length */
#define STP_MSTP_MIN_LEN 102
#define STP_BRIDGE_ID_LEN 24 /* "pppp.aa:bb:cc:dd:ee:ff" */

/* Offsets in the common BPDU. */
enum {
	STP_OFF_VERSION = 2,
	STP_OFF_TYPE = 3,
	STP_OFF_FLAGS = 4,
	STP_OFF_ROOT_ID = 5,
	STP_OFF_ROOT_COST = 13,
	STP_OFF_BRIDGE_ID = 17,
	STP_OFF_PORT_ID = 25,
	STP_OFF_TIMERS = 27, /* message age, max age, hello time, forward delay */
	STP_OFF_V1_LEN = 35,
};

/* Offsets in an MSTP BPDU, in an MSTI record and in the SPB part. */
enum {
	MST_OFF_V3_LEN = 36,
	MST_OFF_CONFIG_NAME = 39,
	MST_OFF_REVISION = 71,
	MST_OFF_DIGEST = 73,
	MST_OFF_INT_COST = 89,
	MST_OFF_BRIDGE_ID = 93,
	MST_OFF_HOPS = 101,
	MST_OFF_MSTI = 102,
	MST_CONFIG_INFO_LEN = 64,
	MST_NAME_LEN = 32,
	MSTI_LEN = 16,
	MSTI_OFF_ROOT_ID = 1,
	MSTI_OFF_COST = 9,
	MSTI_OFF_BRIDGE_PRIO = 13,
	MSTI_OFF_PORT_PRIO = 14,
	MSTI_OFF_HOPS = 15,
	SPB_MIN_LEN = 87,
	SPB_OFF_NAME = 3,
	SPB_OFF_REVISION = 35,
	SPB_OFF_DIGEST = 37,
	SPB_OFF_AGREEMENT = 53,
	SPB_OFF_FORMAT = 55,
	SPB_OFF_CONVENTION = 56,
	SPB_OFF_EDGES = 57,
	SPB_OFF_AGREEMENT_DIGEST = 67,
};

enum { STP_PROTO_REGULAR = 0, STP_PROTO_RAPID = 2, STP_PROTO_MSTP = 3, STP_PROTO_SPB = 4 };
enum { STP_TYPE_CONFIG = 0x00, STP_TYPE_RSTP = 0x02, STP_TYPE_TCN = 0x80 };

static const np_tok stp_proto_names[] = {
	{STP_PROTO_REGULAR, "802.1d"},
	{STP_PROTO_RAPID, "802.1w"},
	{STP_PROTO_MSTP, "802.1s"},
	{STP_PROTO_SPB, "802.1aq"},
	{0, NULL},
};

static const np_tok stp_type_names[] = {
	{STP_TYPE_CONFIG, "Config"},
	{STP_TYPE_RSTP, "Rapid STP"},
	{STP_TYPE_TCN, "Topology Change"},
	{0, NULL},
};

static const np_tok stp_flag_names[] = {
	{0x01, "Topology change"},     {0x02, "Proposal"}, {0x10, "Learn"}, {0x20, "Forward"}, {0x40, "Agreement"},
	{0x80, "Topology change ACK"}, {0, NULL},
};

static const np_tok stp_role_names[] = {
	{0, "Unknown"}, {1, "Alternate"}, {2, "Root"}, {3, "Designated"}, {0, NULL},
};

static const char *stp_role(uint8_t flags)
{
	return tok2str(stp_role_names, "Unknown", (flags >> 2) & 3);
}

static void print_stp_flags(np_printer *pr, uint8_t flags)
{
	print_bits(pr, stp_flag_names, flags, ", ", "none");
}

/* The 8-byte bridge ID at p as "pppp.aa:bb:cc:dd:ee:ff"; false when it is
 * not all captured. */
static bool stp_bridge_id(const np_printer *pr, const uint8_t *p, char buf[STP_BRIDGE_ID_LEN])
{
	uint64_t v;
	if (!np_get_be64(p, pr->snapend, &v))
		return false;
	snprintf(buf, STP_BRIDGE_ID_LEN, "%04x.%02x:%02x:%02x:%02x:%02x:%02x", (unsigned)(v >> 48),
		 (unsigned)(v >> 40) & 0xff, (unsigned)(v >> 32) & 0xff, (unsigned)(v >> 24) & 0xff,
		 (unsigned)(v >> 16) & 0xff, (unsigned)(v >> 8) & 0xff, (unsigned)v & 0xff);
	return true;
}

/* "\n\tmessage-age ..s, max-age ..s, hello-time ..s, forwarding-delay ..s";
 * false when the timers are not captured (nothing printed then). */
static bool print_stp_timers(np_printer *pr, const uint8_t *bpdu)
{
	uint16_t t[4];
	for (int i = 0; i < 4; i++)
		if (!np_get_be16(bpdu + STP_OFF_TIMERS + 2 * i, pr->snapend, &t[i]))
			return false;
	out_fmt(pr->out, "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
		(double)(t[0] / STP_TIME_BASE), (double)(t[1] / STP_TIME_BASE), (double)(t[2] / STP_TIME_BASE),
		(double)(t[3] / STP_TIME_BASE));
	return true;
}

/* Four (or five) 32-bit words as one run of hex digits; false when not captured. */
static bool read_digest(const np_printer *pr, const uint8_t *p, uint32_t *w, int n)
{
	for (int i = 0; i < n; i++)
		if (!np_get_be32(p + 4 * i, pr->snapend, &w[i]))
			return false;
	return true;
}

/* Configuration and RSTP BPDUs (tcpdump's stp_print_config_bpdu). */
static void print_stp_config(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t flags, version;
	uint16_t port;
	uint32_t cost;
	char id[STP_BRIDGE_ID_LEN];

	NP_GET_U8(flags, p + STP_OFF_FLAGS, pr->snapend);
	out_str(pr->out, ", Flags [");
	print_stp_flags(pr, flags);
	out_char(pr->out, ']');
	NP_GET_BE16(port, p + STP_OFF_PORT_ID, pr->snapend);
	if (!stp_bridge_id(pr, p + STP_OFF_BRIDGE_ID, id))
		goto trunc;
	out_fmt(pr->out, ", bridge-id %s.%04x, length %u", id, port, length);
	if (!pr->o.vflag)
		return;
	if (!print_stp_timers(pr, p))
		goto trunc;
	NP_GET_BE32(cost, p + STP_OFF_ROOT_COST, pr->snapend);
	if (!stp_bridge_id(pr, p + STP_OFF_ROOT_ID, id))
		goto trunc;
	out_fmt(pr->out, "\n\troot-id %s, root-pathcost %u", id, cost);
	NP_GET_U8(version, p + STP_OFF_VERSION, pr->snapend);
	if (version == STP_PROTO_RAPID)
		out_fmt(pr->out, ", port-role %s", stp_role(flags));
	return;
trunc:
	print_trunc_stop(pr);
}

/* The MSTI records after the CIST part: v3len - 64 bytes of 16-byte records. */
static void print_mstis(np_printer *pr, const uint8_t *p, uint16_t v3len)
{
	uint32_t left = v3len > MST_CONFIG_INFO_LEN ? v3len - MST_CONFIG_INFO_LEN : 0;
	for (const uint8_t *m = p + MST_OFF_MSTI; left >= MSTI_LEN; left -= MSTI_LEN, m += MSTI_LEN) {
		uint16_t msti;
		uint8_t flags, bprio, pprio, hops;
		uint32_t cost;
		char id[STP_BRIDGE_ID_LEN];
		NP_GET_BE16(msti, m + MSTI_OFF_ROOT_ID, pr->snapend);
		NP_GET_U8(flags, m, pr->snapend);
		out_fmt(pr->out, "\n\tMSTI %u, Flags [", msti & 0x0fffu);
		print_stp_flags(pr, flags);
		out_fmt(pr->out, "], port-role %s", stp_role(flags));
		NP_GET_BE32(cost, m + MSTI_OFF_COST, pr->snapend);
		if (!stp_bridge_id(pr, m + MSTI_OFF_ROOT_ID, id))
			goto trunc;
		out_fmt(pr->out, "\n\t\tMSTI regional-root-id %s, pathcost %u", id, cost);
		NP_GET_U8(bprio, m + MSTI_OFF_BRIDGE_PRIO, pr->snapend);
		NP_GET_U8(pprio, m + MSTI_OFF_PORT_PRIO, pr->snapend);
		NP_GET_U8(hops, m + MSTI_OFF_HOPS, pr->snapend);
		out_fmt(pr->out, "\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u", bprio >> 4, pprio >> 4, hops);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* MSTP BPDUs (tcpdump's stp_print_mstp_bpdu). */
static void print_stp_mstp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint8_t flags, hops;
	uint16_t port, v3len, rev;
	uint32_t cost, digest[4];
	char id[STP_BRIDGE_ID_LEN];

	NP_GET_U8(flags, p + STP_OFF_FLAGS, pr->snapend);
	out_str(pr->out, ", CIST Flags [");
	print_stp_flags(pr, flags);
	out_fmt(pr->out, "], length %u", length);
	if (!pr->o.vflag)
		return;
	out_fmt(pr->out, "\n\tport-role %s, ", stp_role(flags));
	NP_GET_BE32(cost, p + STP_OFF_ROOT_COST, pr->snapend);
	if (!stp_bridge_id(pr, p + STP_OFF_ROOT_ID, id))
		goto trunc;
	out_fmt(pr->out, "CIST root-id %s, CIST ext-pathcost %u", id, cost);
	if (!stp_bridge_id(pr, p + STP_OFF_BRIDGE_ID, id))
		goto trunc;
	out_fmt(pr->out, "\n\tCIST regional-root-id %s, ", id);
	NP_GET_BE16(port, p + STP_OFF_PORT_ID, pr->snapend);
	out_fmt(pr->out, "CIST port-id %04x,", port);
	if (!print_stp_timers(pr, p))
		goto trunc;
	NP_GET_BE16(v3len, p + MST_OFF_V3_LEN, pr->snapend);
	out_fmt(pr->out, "\n\tv3len %u, MCID Name ", v3len);
	if (!print_text_nul(pr, p + MST_OFF_CONFIG_NAME, MST_NAME_LEN))
		goto trunc;
	NP_GET_BE16(rev, p + MST_OFF_REVISION, pr->snapend);
	if (!read_digest(pr, p + MST_OFF_DIGEST, digest, 4))
		goto trunc;
	out_fmt(pr->out, ", rev %u,\n\t\tdigest %08x%08x%08x%08x, ", rev, digest[0], digest[1], digest[2], digest[3]);
	NP_GET_BE32(cost, p + MST_OFF_INT_COST, pr->snapend);
	out_fmt(pr->out, "CIST int-root-pathcost %u,", cost);
	if (!stp_bridge_id(pr, p + MST_OFF_BRIDGE_ID, id))
		goto trunc;
	out_fmt(pr->out, "\n\tCIST bridge-id %s, ", id);
	NP_GET_U8(hops, p + MST_OFF_HOPS, pr->snapend);
	out_fmt(pr->out, "CIST remaining-hops %u", hops);
	print_mstis(pr, p, v3len);
	return;
trunc:
	print_trunc_stop(pr);
}

/* The SPB part at s (tcpdump's stp_print_spb_bpdu); -v only. */
static void print_stp_spb(np_printer *pr, const uint8_t *s)
{
	uint8_t agr, fmt, conv;
	uint16_t v4len, rev, edges;
	uint32_t digest[5];

	if (!pr->o.vflag)
		return;
	NP_GET_BE16(v4len, s, pr->snapend);
	out_fmt(pr->out, "\n\tv4len %u, AUXMCID Name ", v4len);
	if (!print_text_nul(pr, s + SPB_OFF_NAME, MST_NAME_LEN))
		goto trunc;
	NP_GET_BE16(rev, s + SPB_OFF_REVISION, pr->snapend);
	if (!read_digest(pr, s + SPB_OFF_DIGEST, digest, 4))
		goto trunc;
	out_fmt(pr->out, ", Rev %u,\n\t\tdigest %08x%08x%08x%08x", rev, digest[0], digest[1], digest[2], digest[3]);
	NP_GET_U8(agr, s + SPB_OFF_AGREEMENT, pr->snapend);
	NP_GET_U8(fmt, s + SPB_OFF_FORMAT, pr->snapend);
	NP_GET_U8(conv, s + SPB_OFF_CONVENTION, pr->snapend);
	NP_GET_BE16(edges, s + SPB_OFF_EDGES, pr->snapend);
	if (!read_digest(pr, s + SPB_OFF_AGREEMENT_DIGEST, digest, 5))
		goto trunc;
	out_fmt(pr->out,
		"\n\tAgreement num %u, Discarded Agreement num %u, Agreement valid-flag %u,"
		"\n\tRestricted role-flag: %u, Format id %u cap %u, Convention id %u cap %u,"
		"\n\tEdge count %u, Agreement digest %08x%08x%08x%08x%08x",
		agr >> 6, (agr >> 4) & 3u, (agr >> 3) & 1u, (agr >> 2) & 1u, fmt >> 4, fmt, conv >> 4, conv, edges,
		digest[0], digest[1], digest[2], digest[3], digest[4]);
	return;
trunc:
	print_trunc_stop(pr);
}

/* Type 2 BPDUs of MSTP and SPB: the length checks, then the parts. */
static void print_stp_mst_family(np_printer *pr, const uint8_t *p, uint32_t length, uint8_t version)
{
	uint8_t v1len;
	uint16_t v3len, v4len;
	if (length < STP_MSTP_MIN_LEN)
		goto invalid;
	NP_GET_U8(v1len, p + STP_OFF_V1_LEN, pr->snapend);
	if (v1len != 0)
		goto invalid;
	NP_GET_BE16(v3len, p + MST_OFF_V3_LEN, pr->snapend);
	uint32_t mstp_len = (uint32_t)v3len + 2; /* with the length field itself */
	if (length < STP_BPDU_LEN + mstp_len)
		goto invalid;
	print_stp_mstp(pr, p, length);
	if (pr->stopped || version != STP_PROTO_SPB)
		return;
	NP_GET_BE16(v4len, p + MST_OFF_V3_LEN + mstp_len, pr->snapend);
	uint32_t spb_len = (uint32_t)v4len + 2;
	if (length < STP_BPDU_LEN + mstp_len + spb_len || spb_len < SPB_MIN_LEN)
		goto invalid;
	print_stp_spb(pr, p + STP_BPDU_LEN + mstp_len);
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_stp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint16_t proto_id;
	uint8_t version, type;

	pr->protocol = "stp";
	if (length < 4) {
		print_invalid(pr);
		return;
	}
	NP_GET_BE16(proto_id, p, pr->snapend);
	if (proto_id != 0) {
		out_fmt(pr->out, "unknown STP version, length %u", length);
		return;
	}
	NP_GET_U8(version, p + STP_OFF_VERSION, pr->snapend);
	out_str(pr->out, "STP ");
	out_str(pr->out, tok2str(stp_proto_names, "Unknown STP protocol (0x%02x)", version));
	if (!tok_name(stp_proto_names, version))
		return;
	NP_GET_U8(type, p + STP_OFF_TYPE, pr->snapend);
	out_str(pr->out, ", ");
	out_str(pr->out, tok2str(stp_type_names, "Unknown BPDU Type (0x%02x)", type));
	if (type == STP_TYPE_CONFIG) {
		if (length < STP_CONFIG_LEN)
			print_invalid(pr);
		else
			print_stp_config(pr, p, length);
	} else if (type == STP_TYPE_RSTP && version == STP_PROTO_RAPID) {
		if (length < STP_BPDU_LEN)
			print_invalid(pr);
		else
			print_stp_config(pr, p, length);
	} else if (type == STP_TYPE_RSTP && (version == STP_PROTO_MSTP || version == STP_PROTO_SPB)) {
		print_stp_mst_family(pr, p, length, version);
	}
	return;
trunc:
	print_trunc_stop(pr);
}
