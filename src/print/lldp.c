/*
 * lldp.c - Link Layer Discovery Protocol text (IEEE 802.1AB, ethertype
 * 0x88cc) as tcpdump 4.99's print-lldp.c writes it: "LLDP, length N" and
 * the system name; with -v every TLV: chassis and port IDs, TTL,
 * descriptions, capabilities, management addresses, and the organisation
 * TLVs of IEEE 802.1 (VLANs, link aggregation, DCB: congestion
 * notification, ETS, PFC, application priority, EVB, CDCP), IEEE 802.3
 * (MAC/PHY, power via MDI, aggregation, frame size) and IANA (MUD URL);
 * -vv adds a hex dump of each TLV.
 *
 * Not for: the TIA LLDP-MED and legacy DCBX organisation TLVs, which are
 * hex-dumped here where tcpdump decodes them (not yet done).
 */
#include <stdio.h>

#include "print.h"

enum {
	LLDP_END_TLV = 0,
	LLDP_CHASSIS_ID_TLV = 1,
	LLDP_PORT_ID_TLV = 2,
	LLDP_TTL_TLV = 3,
	LLDP_PORT_DESCR_TLV = 4,
	LLDP_SYSTEM_NAME_TLV = 5,
	LLDP_SYSTEM_DESCR_TLV = 6,
	LLDP_SYSTEM_CAP_TLV = 7,
	LLDP_MGMT_ADDR_TLV = 8,
	LLDP_PRIVATE_TLV = 127,
};

static const np_tok lldp_tlv_names[] = {
	{LLDP_END_TLV, "End"},
	{LLDP_CHASSIS_ID_TLV, "Chassis ID"},
	{LLDP_PORT_ID_TLV, "Port ID"},
	{LLDP_TTL_TLV, "Time to Live"},
	{LLDP_PORT_DESCR_TLV, "Port Description"},
	{LLDP_SYSTEM_NAME_TLV, "System Name"},
	{LLDP_SYSTEM_DESCR_TLV, "System Description"},
	{LLDP_SYSTEM_CAP_TLV, "System Capabilities"},
	{LLDP_MGMT_ADDR_TLV, "Management Address"},
	{LLDP_PRIVATE_TLV, "Organization specific"},
	{0, NULL},
};

/* Chassis ID subtypes 1-7 and port ID subtypes 1-7 (802.1AB 8.5.2, 8.5.3):
 * which are text, a MAC address or a network address. */
static const np_tok lldp_chassis_subtype_names[] = {
	{1, "Chassis component"}, {2, "Interface alias"}, {3, "Port component"}, {4, "MAC address"},
	{5, "Network address"},   {6, "Interface name"},  {7, "Local"},          {0, NULL},
};
static const np_tok lldp_port_subtype_names[] = {
	{1, "Interface alias"}, {2, "Port component"},   {3, "MAC address"}, {4, "Network Address"},
	{5, "Interface Name"},  {6, "Agent circuit ID"}, {7, "Local"},       {0, NULL},
};
enum { ID_TEXT, ID_MAC, ID_NETADDR, ID_OTHER };

static const np_tok lldp_cap_names[] = {
	{1 << 0, "Other"},     {1 << 1, "Repeater"}, {1 << 2, "Bridge"},       {1 << 3, "WLAN AP"}, {1 << 4, "Router"},
	{1 << 5, "Telephone"}, {1 << 6, "Docsis"},   {1 << 7, "Station Only"}, {0, NULL},
};

enum { OUI_IANA = 0x00005e, OUI_IEEE_8021 = 0x0080c2, OUI_IEEE_8023 = 0x00120f };

static const np_tok lldp_8021_subtype_names[] = {
	{1, "Port VLAN Id"},
	{2, "Port and Protocol VLAN ID"},
	{3, "VLAN name"},
	{4, "Protocol Identity"},
	{7, "Link aggregation"},
	{8, "Congestion Notification"},
	{9, "ETS Configuration"},
	{10, "ETS Recommendation"},
	{11, "Priority Flow Control Configuration"},
	{12, "Application Priority"},
	{13, "EVB"},
	{14, "CDCP"},
	{0, NULL},
};

static const np_tok lldp_8021_ppvid_flag_names[] = {{1 << 1, "supported"}, {1 << 2, "enabled"}, {0, NULL}};
static const np_tok lldp_aggregation_names[] = {{1 << 0, "supported"}, {1 << 1, "enabled"}, {0, NULL}};

static const np_tok lldp_evb_mode_names[] = {
	{0, "Not Supported"},
	{1, "EVB Bridge"},
	{2, "EVB Station"},
	{3, "Reserved for future Standardization"},
	{0, NULL},
};

static const np_tok lldp_8023_subtype_names[] = {
	{1, "MAC/PHY configuration/status"},
	{2, "Power via MDI"},
	{3, "Link aggregation"},
	{4, "Max frame size"},
	{0, NULL},
};

static const np_tok lldp_autoneg_names[] = {{1 << 0, "supported"}, {1 << 1, "enabled"}, {0, NULL}};

static const np_tok lldp_pmd_capability_names[] = {
	{1 << 14, "10BASE-T hdx"},
	{1 << 13, "10BASE-T fdx"},
	{1 << 12, "100BASE-T4"},
	{1 << 11, "100BASE-TX hdx"},
	{1 << 10, "100BASE-TX fdx"},
	{1 << 9, "100BASE-T2 hdx"},
	{1 << 8, "100BASE-T2 fdx"},
	{1 << 7, "Pause for fdx links"},
	{1 << 6, "Asym PAUSE for fdx"},
	{1 << 5, "Sym PAUSE for fdx"},
	{1 << 4, "Asym and Sym PAUSE for fdx"},
	{1 << 3, "1000BASE-{X LX SX CX} hdx"},
	{1 << 2, "1000BASE-{X LX SX CX} fdx"},
	{1 << 1, "1000BASE-T hdx"},
	{1 << 0, "1000BASE-T fdx"},
	{0, NULL},
};

/* MAU types (RFC 4836's dot3MauType numbers). */
static const np_tok lldp_mau_type_names[] = {
	{0, "Unknown"},
	{1, "AUI"},
	{2, "10BASE_5"},
	{3, "FOIRL"},
	{4, "10BASE2"},
	{5, "10BASET duplex mode unknown"},
	{6, "10BASEFP"},
	{7, "10BASEFB"},
	{8, "10BASEFL duplex mode unknown"},
	{9, "10BROAD36"},
	{10, "10BASET hdx"},
	{11, "10BASET fdx"},
	{12, "10BASEFL hdx"},
	{13, "10BASEFL fdx"},
	{14, "100BASET4"},
	{15, "100BASETX hdx"},
	{16, "100BASETX fdx"},
	{17, "100BASEFX hdx"},
	{18, "100BASEFX fdx"},
	{19, "100BASET2 hdx"},
	{20, "100BASET2 fdx"},
	{21, "1000BASEX hdx"},
	{22, "1000BASEX fdx"},
	{23, "1000BASELX hdx"},
	{24, "1000BASELX fdx"},
	{25, "1000BASESX hdx"},
	{26, "1000BASESX fdx"},
	{27, "1000BASECX hdx"},
	{28, "1000BASECX fdx"},
	{29, "1000BASET hdx"},
	{30, "1000BASET fdx"},
	{31, "10GBASEX"},
	{32, "10GBASELX4"},
	{33, "10GBASER"},
	{34, "10GBASEER"},
	{35, "10GBASELR"},
	{36, "10GBASESR"},
	{37, "10GBASEW"},
	{38, "10GBASEEW"},
	{39, "10GBASELW"},
	{40, "10GBASESW"},
	{0, NULL},
};

static const np_tok lldp_mdi_names[] = {
	{1 << 0, "PSE"}, {1 << 1, "supported"}, {1 << 2, "enabled"}, {1 << 3, "can be controlled"}, {0, NULL},
};
static const np_tok lldp_mdi_power_pair_names[] = {{1, "signal"}, {2, "spare"}, {0, NULL}};
static const np_tok lldp_mdi_power_class_names[] = {
	{1, "class0"}, {2, "class1"}, {3, "class2"}, {4, "class3"}, {5, "class4"}, {0, NULL},
};

static const np_tok lldp_iana_subtype_names[] = {{1, "MUD-URL"}, {0, NULL}};

static const np_tok lldp_intf_numb_subtype_names[] = {
	{2, "Interface Index"},
	{3, "System Port Number"},
	{0, NULL},
};

/* A network address (address family, then the address), all captured:
 * before and the text, or false (nothing printed) when it is too short
 * for its family. */
static bool print_lldp_network_addr(np_printer *pr, const char *before, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 1)
		return false;
	uint8_t af = p[0];
	uint32_t need = af == 1 ? 4 : af == 2 ? 16 : af == 6 ? 6 : 0;
	if (len - 1 < need)
		return false;
	out_str(o, before);
	out_fmt(o, "AFI %s (%u)", tok2str(af_names, "Unknown", af), af);
	if (af == 1) {
		out_str(o, ": ");
		out_ipv4(o, p + 1);
	} else if (af == 2) {
		out_str(o, ": ");
		out_ipv6(o, p + 1);
	} else if (af == 6) {
		out_str(o, ": ");
		out_mac(o, p + 1);
	} else {
		out_str(o, ", no AF printer !");
	}
	return true;
}

/* The 8 one-bit values of a byte, lowest first, as "%-2d " each. */
static void print_lldp_bit_row(np_printer *pr, uint8_t v)
{
	for (int i = 0; i < 8; i++)
		out_fmt(pr->out, "%-2d ", (v >> i) & 1);
}

/* A row of 8 values as "%-3d" each (the ETS tables). */
static void print_lldp_row(np_printer *pr, const uint8_t *v)
{
	for (int i = 0; i < 8; i++)
		out_fmt(pr->out, i < 7 ? "%-3d " : "%-3d", v[i]);
}

/* ETS configuration and recommendation tables (802.1Qaz D.2.9); the TLV
 * is at least 25 bytes, all captured. */
static void print_lldp_ets_tables(np_printer *pr, const uint8_t *t)
{
	np_out *o = pr->out;
	uint8_t prio[8];
	for (int i = 0; i < 4; i++) {
		prio[2 * i] = t[5 + i] >> 4;
		prio[2 * i + 1] = t[5 + i] & 0x0f;
	}
	out_str(o, "\n\t    Priority Assignment Table");
	out_str(o, "\n\t     Priority : 0   1   2   3   4   5   6   7");
	out_str(o, "\n\t     Value    : ");
	print_lldp_row(pr, prio);
	out_str(o, "\n\t    TC Bandwidth Table");
	out_str(o, "\n\t     TC%   : 0   1   2   3   4   5   6   7");
	out_str(o, "\n\t     Value : ");
	print_lldp_row(pr, t + 9);
	out_str(o, "\n\t    TSA Assignment Table");
	out_str(o, "\n\t     Traffic Class: 0   1   2   3   4   5   6   7");
	out_str(o, "\n\t     Value        : ");
	print_lldp_row(pr, t + 17);
}

static uint16_t be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* "aggregation status [...], aggregation port ID N" (802.1 and 802.3). */
static void print_lldp_aggregation(np_printer *pr, const uint8_t *t)
{
	out_str(pr->out, "\n\t    aggregation status [");
	print_bits(pr, lldp_aggregation_names, t[4], ", ", "none");
	out_fmt(pr->out, "], aggregation port ID %u", be32_at(t + 5));
}

/* The DCB subtypes of the 802.1 TLV (8 to 14); false: hex-dump it. */
static bool print_lldp_8021_dcb(np_printer *pr, const uint8_t *t, uint32_t len, uint8_t subtype)
{
	np_out *o = pr->out;
	uint8_t v;
	switch (subtype) {
	case 8: /* congestion notification */
		if (len < 6)
			return true;
		out_str(o,
			"\n\t    Pre-Priority CNPV Indicator\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
		print_lldp_bit_row(pr, t[4]);
		out_str(o,
			"\n\t    Pre-Priority Ready Indicator\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
		print_lldp_bit_row(pr, t[5]);
		return true;
	case 9: /* ETS configuration */
		if (len < 25)
			return true;
		v = t[4];
		out_fmt(o, "\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u", v >> 7, (v >> 6) & 0x02, (v >> 3) & 0x07,
			v & 0x07);
		print_lldp_ets_tables(pr, t);
		return true;
	case 10: /* ETS recommendation */
		if (len < 25)
			return true;
		out_fmt(o, "\n\t    RES: %u", t[4]);
		print_lldp_ets_tables(pr, t);
		return true;
	case 11: /* PFC configuration */
		if (len < 6)
			return true;
		v = t[4];
		out_fmt(o, "\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ", v >> 7, (v >> 6) & 0x01,
			(v >> 4) & 0x03, v & 0x0f);
		out_str(o, "\n\t    PFC Enable\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
		print_lldp_bit_row(pr, t[5]);
		return true;
	case 12: /* application priority */
		if (len < 5)
			return true;
		out_fmt(o, "\n\t    RES: %u", t[4]);
		if (len == 5 || (len - 5) % 3 != 0)
			return true;
		out_str(o, "\n\t    Application Priority Table");
		for (uint32_t i = 5; i < len; i += 3)
			out_fmt(o, "\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u", t[i] >> 5,
				(t[i] >> 3) & 0x03, t[i] & 0x07, be16_at(t + i + 1));
		return true;
	case 13: /* EVB */
		if (len < 9)
			return true;
		out_fmt(o, "\n\t    EVB Bridge Status\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u", t[4] >> 3,
			(t[4] >> 2) & 0x01, (t[4] >> 1) & 0x01, t[4] & 0x01);
		out_fmt(o, "\n\t    EVB Station Status\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u", t[5] >> 4,
			(t[5] >> 3) & 0x01, (t[5] >> 2) & 0x01, t[5] & 0x03);
		out_fmt(o, "\n\t    R: %u, RTE: %u, ", t[6] >> 5, t[6] & 0x1f);
		out_fmt(o, "EVB Mode: %s [%u]", tok2str(lldp_evb_mode_names, "unknown", t[7] >> 6), t[7] >> 6);
		out_fmt(o, "\n\t    ROL: %u, RWD: %u, ", (t[7] >> 5) & 0x01, t[7] & 0x1f);
		out_fmt(o, "RES: %u, ROL: %u, RKA: %u", t[8] >> 6, (t[8] >> 5) & 0x01, t[8] & 0x1f);
		return true;
	case 14: /* CDCP */
		if (len < 8)
			return true;
		out_fmt(o, "\n\t    Role: %u, RES: %u, Scomp: %u ", t[4] >> 7, (t[4] >> 4) & 0x07, (t[4] >> 3) & 0x01);
		out_fmt(o, "ChnCap: %u", be16_at(t + 6) & 0x0fff);
		if ((len - 8) % 3 != 0)
			return true;
		for (uint32_t i = 8; i < len; i += 3) {
			uint32_t sc = (uint32_t)t[i] << 16 | (uint32_t)t[i + 1] << 8 | t[i + 2];
			out_fmt(o, "\n\t    SCID: %u, SVID: %u", sc >> 12, sc & 0x000fff);
		}
		return true;
	default: return false;
	}
}

/* IEEE 802.1 organisation TLV (802.1AB annex E, 802.1Q); t and its len
 * bytes are captured. True when it wants a hex dump. */
static bool print_lldp_8021(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 4)
		return false;
	uint8_t subtype = t[3];
	out_fmt(o, "\n\t  %s Subtype (%u)", tok2str(lldp_8021_subtype_names, "unknown", subtype), subtype);
	switch (subtype) {
	case 1:
		if (len >= 6)
			out_fmt(o, "\n\t    port vlan id (PVID): %u", be16_at(t + 4));
		return false;
	case 2:
		if (len < 7)
			return false;
		out_fmt(o, "\n\t    port and protocol vlan id (PPVID): %u, flags [", be16_at(t + 5));
		print_bits(pr, lldp_8021_ppvid_flag_names, t[4], ", ", "none");
		out_fmt(o, "] (0x%02x)", t[4]);
		return false;
	case 3:
		if (len < 6)
			return false;
		out_fmt(o, "\n\t    vlan id (VID): %u", be16_at(t + 4));
		if (len < 7 || len < 7u + t[6])
			return false;
		out_str(o, "\n\t    vlan name: ");
		print_text_nul(pr, t + 7, t[6]);
		return false;
	case 4:
		if (len < 5 || len < 5u + t[4])
			return false;
		out_str(o, "\n\t    protocol identity: ");
		print_text_nul(pr, t + 5, t[4]);
		return false;
	case 7:
		if (len >= 9)
			print_lldp_aggregation(pr, t);
		return false;
	default: return !print_lldp_8021_dcb(pr, t, len, subtype);
	}
}

/* IEEE 802.3 organisation TLV (802.3 clause 79). */
static bool print_lldp_8023(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 4)
		return false;
	uint8_t subtype = t[3];
	out_fmt(o, "\n\t  %s Subtype (%u)", tok2str(lldp_8023_subtype_names, "unknown", subtype), subtype);
	switch (subtype) {
	case 1:
		if (len < 9)
			return false;
		out_str(o, "\n\t    autonegotiation [");
		print_bits(pr, lldp_autoneg_names, t[4], ", ", "none");
		out_fmt(o, "] (0x%02x)", t[4]);
		out_str(o, "\n\t    PMD autoneg capability [");
		print_bits(pr, lldp_pmd_capability_names, be16_at(t + 5), ", ", "unknown");
		out_fmt(o, "] (0x%04x)", be16_at(t + 5));
		out_fmt(o, "\n\t    MAU type %s (0x%04x)", tok2str(lldp_mau_type_names, "unknown", be16_at(t + 7)),
			be16_at(t + 7));
		return false;
	case 2:
		if (len < 7)
			return false;
		out_str(o, "\n\t    MDI power support [");
		print_bits(pr, lldp_mdi_names, t[4], ", ", "none");
		out_fmt(o, "], power pair %s", tok2str(lldp_mdi_power_pair_names, "unknown", t[5]));
		out_fmt(o, ", power class %s", tok2str(lldp_mdi_power_class_names, "unknown", t[6]));
		return false;
	case 3:
		if (len >= 9)
			print_lldp_aggregation(pr, t);
		return false;
	case 4:
		if (len >= 6)
			out_fmt(o, "\n\t    MTU size %u", be16_at(t + 4));
		return false;
	default: return true;
	}
}

/* IANA organisation TLV (RFC 8520's MUD URL). */
static bool print_lldp_iana(np_printer *pr, const uint8_t *t, uint32_t len)
{
	if (len < 8)
		return false;
	uint8_t subtype = t[3];
	out_fmt(pr->out, "\n\t  %s Subtype (%u)", tok2str(lldp_iana_subtype_names, "unknown", subtype), subtype);
	if (subtype != 1)
		return true;
	out_str(pr->out, "\n\t  MUD-URL=");
	print_text(pr, t + 4, len - 4);
	return false;
}

/* Chassis or port ID (-v): false when too short (the caller truncates).
 * *hexdump for unknown subtypes. */
static bool print_lldp_id(np_printer *pr, const uint8_t *t, uint32_t len, bool chassis, bool *hexdump)
{
	if (len < 2)
		return false;
	uint8_t subtype = t[0];
	out_fmt(pr->out, "\n\t  Subtype %s (%u): ",
		tok2str(chassis ? lldp_chassis_subtype_names : lldp_port_subtype_names, "Unknown", subtype), subtype);
	/* the two lists differ only in where MAC and network addresses sit */
	int kind = subtype < 1 || subtype > 7     ? ID_OTHER
		   : subtype == (chassis ? 4 : 3) ? ID_MAC
		   : subtype == (chassis ? 5 : 4) ? ID_NETADDR
						  : ID_TEXT;
	switch (kind) {
	case ID_MAC:
		if (len < 7)
			return false;
		out_mac(pr->out, t + 1);
		return true;
	case ID_TEXT: print_text_nul(pr, t + 1, len - 1); return true;
	case ID_NETADDR: return print_lldp_network_addr(pr, "", t + 1, len - 1);
	default: *hexdump = true; return true;
	}
}

/* Management address TLV (802.1AB 8.5.9); false when a length inside
 * does not fit (the caller truncates). */
static bool print_lldp_mgmt_addr(np_printer *pr, const uint8_t *t, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 1)
		return false;
	uint8_t alen = t[0];
	t++;
	len--;
	if (len < alen)
		return false;
	char before[64];
	snprintf(before, sizeof(before), "\n\t  Management Address length %u, ", alen);
	if (!print_lldp_network_addr(pr, before, t, alen))
		return false;
	t += alen;
	len -= alen;
	if (len < 5)
		return false;
	out_fmt(o, "\n\t  %s Interface Numbering (%u): %u", tok2str(lldp_intf_numb_subtype_names, "Unknown", t[0]),
		t[0], be32_at(t + 1));
	t += 5;
	len -= 5;
	if (len) { /* the OID is optional */
		uint8_t oid_len = t[0];
		if (len < 1u + oid_len)
			return false;
		if (oid_len) {
			out_fmt(o, "\n\t  OID length %u", oid_len);
			print_text_nul(pr, t + 1, oid_len);
		}
	}
	return true;
}

/* One TLV's value (t, len bytes, all captured) at -v; false when it is
 * malformed the way tcpdump calls truncated. *hexdump: dump it too. */
static bool print_lldp_tlv_verbose(np_printer *pr, uint32_t type, const uint8_t *t, uint32_t len, bool *hexdump)
{
	np_out *o = pr->out;
	uint32_t oui;
	switch (type) {
	case LLDP_CHASSIS_ID_TLV:
	case LLDP_PORT_ID_TLV: return print_lldp_id(pr, t, len, type == LLDP_CHASSIS_ID_TLV, hexdump);
	case LLDP_TTL_TLV:
		if (len < 2)
			return false;
		out_fmt(o, ": TTL %us", be16_at(t));
		return true;
	case LLDP_PORT_DESCR_TLV:
		out_str(o, ": ");
		print_text_nul(pr, t, len);
		return true;
	case LLDP_SYSTEM_DESCR_TLV:
		out_str(o, "\n\t  ");
		print_text_nul(pr, t, len);
		return true;
	case LLDP_SYSTEM_CAP_TLV:
		if (len < 4)
			return false;
		out_str(o, "\n\t  System  Capabilities [");
		print_bits(pr, lldp_cap_names, be16_at(t), ", ", "none");
		out_fmt(o, "] (0x%04x)", be16_at(t));
		out_str(o, "\n\t  Enabled Capabilities [");
		print_bits(pr, lldp_cap_names, be16_at(t + 2), ", ", "none");
		out_fmt(o, "] (0x%04x)", be16_at(t + 2));
		return true;
	case LLDP_MGMT_ADDR_TLV: return print_lldp_mgmt_addr(pr, t, len);
	case LLDP_PRIVATE_TLV:
		if (len < 3)
			return false;
		oui = (uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2];
		out_fmt(o, ": OUI %s (0x%06x)", tok2str(oui_names, "Unknown", oui), oui);
		if (oui == OUI_IEEE_8021)
			*hexdump = print_lldp_8021(pr, t, len);
		else if (oui == OUI_IEEE_8023)
			*hexdump = print_lldp_8023(pr, t, len);
		else if (oui == OUI_IANA)
			*hexdump = print_lldp_iana(pr, t, len);
		else
			*hexdump = true; /* TIA LLDP-MED and DCBX: not decoded yet */
		return true;
	default: *hexdump = true; return true;
	}
}

void print_lldp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *t = p;
	uint32_t left = length;
	pr->protocol = "lldp";
	out_fmt(o, "LLDP, length %u", length);
	while (left >= 2) {
		uint16_t tlv;
		NP_GET_BE16(tlv, t, pr->snapend);
		uint32_t type = tlv >> 9, len = tlv & 0x1ff;
		bool hexdump = false;
		t += 2;
		left -= 2;
		if (pr->o.vflag)
			out_fmt(o, "\n\t%s TLV (%u), length %u", tok2str(lldp_tlv_names, "Unknown", type), type, len);
		if (type == LLDP_END_TLV || len == 0)
			break; /* also what stops a loop on zeros */
		NP_CHECK(t, pr->snapend, len);
		if (left < len)
			goto trunc;
		if (type == LLDP_SYSTEM_NAME_TLV) { /* printed without -v too, as CDP's name is */
			out_str(o, ": ");
			print_text_nul(pr, t, len);
		} else if (pr->o.vflag && !print_lldp_tlv_verbose(pr, type, t, len, &hexdump)) {
			goto trunc;
		}
		if (pr->o.vflag > 1 || (pr->o.vflag && hexdump))
			print_unknown_data(pr, t, "\n\t  ", len);
		left -= len;
		t += len;
	}
	return;
trunc:
	print_trunc_stop(pr);
}
