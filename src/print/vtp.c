/*
 * vtp.c - Cisco VLAN Trunking Protocol (SNAP OUI 00000c, PID 0x2003) as
 * tcpdump's vtp_print writes it: the version and message type, and with
 * -v the management domain, a summary advertisement's revision, updater,
 * timestamp and digest, a subset advertisement's VLAN records and their
 * TLVs, an advertisement request's start value.
 *
 * Not for: tracking VLANs or the switches that advertise them.
 */
#include "print.h"

#define VTP_HEADER_LEN 36
#define VTP_DOMAIN_NAME_LEN 32
#define VTP_VLAN_FIXED_LEN 12

enum { VTP_SUMMARY_ADV = 1, VTP_SUBSET_ADV = 2, VTP_ADV_REQUEST = 3, VTP_JOIN = 4 };

static const np_tok vtp_messages[] = {
	{VTP_SUMMARY_ADV, "Summary advertisement"},
	{VTP_SUBSET_ADV, "Subset advertisement"},
	{VTP_ADV_REQUEST, "Advertisement request"},
	{VTP_JOIN, "Join message"},
	{0, NULL},
};

/* What the header's third byte means, by message type. */
static const np_tok vtp_third_byte[] = {
	{1, "Followers"}, {2, "Seq number"}, {3, "Rsvd"}, {4, "Rsvd"}, {0, NULL},
};

static const np_tok vtp_vlan_types[] = {
	{1, "Ethernet"}, {2, "FDDI"}, {3, "TrCRF"}, {4, "FDDI-net"}, {5, "TrBRF"}, {0, NULL},
};

static const np_tok vtp_vlan_status[] = {{0, "Operational"}, {1, "Suspended"}, {0, NULL}};

enum {
	VTP_TLV_STP_TYPE = 3,
	VTP_TLV_PRUNING = 6,
	VTP_TLV_BRIDGE_TYPE = 7,
	VTP_TLV_STE_HOP_COUNT = 9,
	VTP_TLV_BACKUP_CRF_MODE = 10,
};

static const np_tok vtp_vlan_tlvs[] = {
	{1, "Source-Routing Ring Number TLV"},
	{2, "Source-Routing Bridge Number TLV"},
	{VTP_TLV_STP_TYPE, "STP type TLV"},
	{4, "Parent VLAN TLV"},
	{5, "Translationally bridged VLANs TLV"},
	{VTP_TLV_PRUNING, "Pruning TLV"},
	{VTP_TLV_BRIDGE_TYPE, "Bridge Type TLV"},
	{8, "Max ARP Hop Count TLV"},
	{VTP_TLV_STE_HOP_COUNT, "Max STE Hop Count TLV"},
	{VTP_TLV_BACKUP_CRF_MODE, "Backup CRF Mode TLV"},
	{0, NULL},
};

static const np_tok vtp_stp_types[] = {{1, "SRT"}, {2, "SRB"}, {3, "Auto"}, {0, NULL}};

/* The TLVs after a VLAN record's name (len bytes at t): false when invalid. */
static bool print_vlan_tlvs(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	while (len > 0) {
		if (len < 2)
			return false;
		uint8_t type, tlen;
		NP_GET_U8(type, t, pr->snapend);
		NP_GET_U8(tlen, t + 1, pr->snapend);
		out_fmt(o, "\n\t\t%s (0x%04x) TLV", tok2str(vtp_vlan_tlvs, "Unknown", type), type);
		if (len < (uint32_t)tlen * 2 + 2) {
			out_str(o, " (TLV goes past the end of the packet)");
			return false;
		}
		NP_CHECK(t, pr->snapend, (uint32_t)tlen * 2 + 2);
		if (tlen != 1) {
			out_fmt(o, " (invalid TLV length %u != 1)", tlen);
			return false;
		}
		uint16_t v = np_load_be16(t + 2);
		switch (type) {
		case VTP_TLV_STE_HOP_COUNT: out_fmt(o, ", %u", v); break;
		case VTP_TLV_PRUNING: out_fmt(o, ", %s (%u)", v == 1 ? "Enabled" : "Disabled", v); break;
		case VTP_TLV_STP_TYPE: out_fmt(o, ", %s (%u)", tok2str(vtp_stp_types, "Unknown", v), v); break;
		case VTP_TLV_BRIDGE_TYPE: out_fmt(o, ", %s (%u)", v == 1 ? "SRB" : "SRT", v); break;
		case VTP_TLV_BACKUP_CRF_MODE: out_fmt(o, ", %s (%u)", v == 1 ? "Backup" : "Not backup", v); break;
		default: print_unknown_data(pr, t, "\n\t\t  ", 2 + (uint32_t)tlen * 2); break;
		}
		len -= 2 + (uint32_t)tlen * 2;
		t += 2 + (uint32_t)tlen * 2;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* A subset advertisement's VLAN records from t: false when invalid. */
static bool print_vlans(np_printer *pr, const uint8_t *start, const uint8_t *t, uint32_t length)
{
	np_out *o = pr->out;
	while ((uint32_t)(t - start) < length) {
		uint8_t len8;
		NP_GET_U8(len8, t, pr->snapend);
		uint32_t len = len8;
		if (len == 0)
			break;
		NP_CHECK(t, pr->snapend, len);
		if (len < VTP_VLAN_FIXED_LEN)
			return false;
		out_fmt(o, "\n\tVLAN info status %s, type %s, VLAN-id %u, MTU %u, SAID 0x%08x, Name ",
			tok2str(vtp_vlan_status, "Unknown", t[1]), tok2str(vtp_vlan_types, "Unknown", t[2]),
			np_load_be16(t + 4), np_load_be16(t + 6), np_load_be32(t + 8));
		uint32_t name_len = t[3], padded = 4 * ((name_len + 3) / 4);
		len -= VTP_VLAN_FIXED_LEN;
		t += VTP_VLAN_FIXED_LEN;
		if (len < padded)
			return false;
		if (!print_text_nul(pr, t, name_len))
			goto trunc;
		len -= padded;
		t += padded;
		if (!print_vlan_tlvs(pr, t, len))
			return false;
		t += len;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

void print_vtp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "vtp";
	if (length < VTP_HEADER_LEN)
		goto invalid;
	NP_CHECK(p, pr->snapend, VTP_HEADER_LEN);
	uint8_t type = p[1];
	out_fmt(o, "VTPv%u, Message %s (0x%02x), length %u", p[0], tok2str(vtp_messages, "Unknown message type", type),
		type, length);
	if (pr->o.vflag < 1)
		goto check_all;
	out_str(o, "\n\tDomain name: ");
	uint8_t dlen = p[3];
	if (dlen < 1 || dlen > VTP_DOMAIN_NAME_LEN) {
		out_fmt(o, " [invalid MgmtD Len %u]", dlen);
		goto invalid;
	}
	if (!print_text_nul(pr, p + 4, dlen))
		goto trunc;
	out_fmt(o, ", %s: %u", tok2str(vtp_third_byte, "Unknown", type), p[2]);
	const uint8_t *t = p + VTP_HEADER_LEN;
	switch (type) {
	case VTP_SUMMARY_ADV:
		NP_CHECK(t, pr->snapend, 8);
		out_fmt(o, "\n\t  Config Rev %x, Updater ", np_load_be32(t));
		out_ipv4(o, t + 4);
		t += 8;
		NP_CHECK(t, pr->snapend, 12);
		out_fmt(o, ", Timestamp 0x%08x 0x%08x 0x%08x", np_load_be32(t), np_load_be32(t + 4),
			np_load_be32(t + 8));
		t += 12;
		NP_CHECK(t, pr->snapend, 16);
		out_fmt(o, ", MD5 digest: %08x%08x%08x%08x", np_load_be32(t), np_load_be32(t + 4), np_load_be32(t + 8),
			np_load_be32(t + 12));
		break;
	case VTP_SUBSET_ADV: {
		uint32_t rev;
		NP_GET_BE32(rev, t, pr->snapend);
		out_fmt(o, ", Config Rev %x", rev);
		if (!print_vlans(pr, p, t + 4, length)) {
			if (pr->stopped)
				return;
			goto invalid;
		}
		break;
	}
	case VTP_ADV_REQUEST: {
		uint32_t start;
		NP_GET_BE32(start, t, pr->snapend);
		out_fmt(o, "\n\tStart value: %u", start);
		break;
	}
	default: break;
	}
	return;
invalid:
	print_invalid(pr);
check_all:
	print_rest_captured(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}
