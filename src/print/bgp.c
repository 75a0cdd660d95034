/*
 * bgp.c - BGP-4 (RFC 4271) on TCP port 179, as tcpdump 4.99's bgp_print
 * writes it: ": BGP" without -v; with -v each message found by its marker
 * in the segment: OPEN with its optional parameters and capabilities,
 * UPDATE with withdrawn routes, the common path attributes and IPv4 NLRI,
 * NOTIFICATION with its codes (and RFC 9003 shutdown text), KEEPALIVE and
 * ROUTE-REFRESH; -vv adds the hex of each attribute and capability.
 *
 * Not for: the multiprotocol attributes (MP_REACH/MP_UNREACH NLRI),
 * extended communities, PMSI tunnel, tunnel encapsulation and attribute
 * sets, which are printed as the hex of an attribute without a decoder;
 * nor the -b (asdot) notation.
 */
#include <stdio.h>
#include <string.h>

#include "print.h"

#define BGP_SIZE 19
#define BGP_OPEN_SIZE 29
#define BGP_NOTIFICATION_SIZE 21
#define BGP_ROUTE_REFRESH_SIZE 23

enum { BGP_OPEN = 1, BGP_UPDATE = 2, BGP_NOTIFICATION = 3, BGP_KEEPALIVE = 4, BGP_ROUTE_REFRESH = 5 };

static const np_tok bgp_msg_values[] = {
	{BGP_OPEN, "Open"},
	{BGP_UPDATE, "Update"},
	{BGP_NOTIFICATION, "Notification"},
	{BGP_KEEPALIVE, "Keepalive"},
	{BGP_ROUTE_REFRESH, "Route Refresh"},
	{0, NULL},
};

enum {
	ATTR_ORIGIN = 1,
	ATTR_AS_PATH = 2,
	ATTR_NEXT_HOP = 3,
	ATTR_MED = 4,
	ATTR_LOCAL_PREF = 5,
	ATTR_ATOMIC_AGGREGATE = 6,
	ATTR_AGGREGATOR = 7,
	ATTR_COMMUNITIES = 8,
	ATTR_ORIGINATOR_ID = 9,
	ATTR_CLUSTER_LIST = 10,
	ATTR_MP_REACH = 14,
	ATTR_MP_UNREACH = 15,
	ATTR_EXTD_COMMUNITIES = 16,
	ATTR_AS4_PATH = 17,
	ATTR_PMSI_TUNNEL = 22,
	ATTR_ATTR_SET = 128,
	ATTR_AGGREGATOR4 = 18,
	ATTR_AIGP = 26,
	ATTR_LARGE_COMMUNITY = 32,
};

static const np_tok bgp_attr_values[] = {
	{1, "Origin"},
	{2, "AS Path"},
	{17, "AS4 Path"},
	{3, "Next Hop"},
	{4, "Multi Exit Discriminator"},
	{5, "Local Preference"},
	{6, "Atomic Aggregate"},
	{7, "Aggregator"},
	{18, "Aggregator4"},
	{8, "Community"},
	{9, "Originator ID"},
	{10, "Cluster List"},
	{11, "DPA"},
	{12, "Advertisers"},
	{13, "RCID Path / Cluster ID"},
	{14, "Multi-Protocol Reach NLRI"},
	{15, "Multi-Protocol Unreach NLRI"},
	{16, "Extended Community"},
	{22, "PMSI Tunnel"},
	{23, "Tunnel Encapsulation"},
	{24, "Traffic Engineering"},
	{25, "IPv6 Extended Community"},
	{26, "Accumulated IGP Metric"},
	{27, "PE Distinguisher Label"},
	{28, "Entropy Label"},
	{32, "Large Community"},
	{128, "Attribute Set"},
	{255, "Reserved for development"},
	{0, NULL},
};

/* AS path segment types 1..4: AS_SET, AS_SEQUENCE, confederation sequence and set. */
static const np_tok as_seg_open[] = {{2, ""}, {1, "{ "}, {3, "( "}, {4, "({ "}, {0, NULL}};
static const np_tok as_seg_close[] = {{2, ""}, {1, "}"}, {3, ")"}, {4, "})"}, {0, NULL}};

static const np_tok bgp_opt_values[] = {
	{1, "Authentication Information"}, {2, "Capabilities Advertisement"}, {0, NULL}};

enum {
	CAP_MP = 1,
	CAP_RR = 2,
	CAP_ML = 8,
	CAP_RESTART = 64,
	CAP_AS_NEW = 65,
	CAP_ADD_PATH = 69,
	CAP_LLGR = 71,
	CAP_RR_CISCO = 128,
};

static const np_tok bgp_capcode_values[] = {
	{1, "Multiprotocol Extensions"},
	{2, "Route Refresh"},
	{3, "Cooperative Route Filtering"},
	{4, "Multiple Routes to a Destination"},
	{5, "Extended Next Hop Encoding"},
	{8, "Multiple Labels"},
	{64, "Graceful Restart"},
	{65, "32-Bit AS Number"},
	{67, "Dynamic Capability"},
	{68, "Multisession BGP"},
	{69, "Multiple Paths"},
	{70, "Enhanced Route Refresh"},
	{71, "Long-lived Graceful Restart"},
	{128, "Route Refresh (Cisco)"},
	{0, NULL},
};

enum { NOTIFY_MSG = 1, NOTIFY_OPEN, NOTIFY_UPDATE, NOTIFY_HOLDTIME, NOTIFY_FSM, NOTIFY_CEASE, NOTIFY_CAP };

static const np_tok bgp_notify_major_values[] = {
	{1, "Message Header Error"},       {2, "OPEN Message Error"},
	{3, "UPDATE Message Error"},       {4, "Hold Timer Expired"},
	{5, "Finite State Machine Error"}, {6, "Cease"},
	{7, "Capability Message Error"},   {0, NULL},
};

static const np_tok bgp_notify_minor_cease_values[] = {
	{1, "Maximum Number of Prefixes Reached"},
	{2, "Administrative Shutdown"},
	{3, "Peer Unconfigured"},
	{4, "Administrative Reset"},
	{5, "Connection Rejected"},
	{6, "Other Configuration Change"},
	{7, "Connection Collision Resolution"},
	{0, NULL},
};

static const np_tok bgp_notify_minor_msg_values[] = {
	{1, "Connection Not Synchronized"}, {2, "Bad Message Length"}, {3, "Bad Message Type"}, {0, NULL}};

static const np_tok bgp_notify_minor_open_values[] = {
	{1, "Unsupported Version Number"}, {2, "Bad Peer AS"},
	{3, "Bad BGP Identifier"},         {4, "Unsupported Optional Parameter"},
	{5, "Authentication Failure"},     {6, "Unacceptable Hold Time"},
	{7, "Capability Message Error"},   {0, NULL},
};

static const np_tok bgp_notify_minor_update_values[] = {
	{1, "Malformed Attribute List"},
	{2, "Unrecognized Well-known Attribute"},
	{3, "Missing Well-known Attribute"},
	{4, "Attribute Flags Error"},
	{5, "Attribute Length Error"},
	{6, "Invalid ORIGIN Attribute"},
	{7, "AS Routing Loop"},
	{8, "Invalid NEXT_HOP Attribute"},
	{9, "Optional Attribute Error"},
	{10, "Invalid Network Field"},
	{11, "Malformed AS_PATH"},
	{0, NULL},
};

static const np_tok bgp_notify_minor_fsm_values[] = {
	{0, "Unspecified Error"},
	{1, "In OpenSent State"},
	{2, "In OpenConfirm State"},
	{3, "In Established State"},
	{0, NULL},
};

static const np_tok bgp_notify_minor_cap_values[] = {
	{1, "Invalid Action Value"},
	{2, "Invalid Capability Length"},
	{3, "Malformed Capability Value"},
	{4, "Unsupported Capability Code"},
	{0, NULL},
};

static const np_tok bgp_origin_values[] = {{0, "IGP"}, {1, "EGP"}, {2, "Incomplete"}, {0, NULL}};

static const np_tok bgp_aigp_values[] = {{1, "AIGP"}, {0, NULL}};

static const np_tok bgp_safi_values[] = {
	{0, "Reserved"},
	{1, "Unicast"},
	{2, "Multicast"},
	{3, "Unicast+Multicast"},
	{4, "labeled Unicast"},
	{64, "Tunnel"},
	{65, "VPLS"},
	{66, "MDT"},
	{70, "EVPN"},
	{128, "labeled VPN Unicast"},
	{129, "labeled VPN Multicast"},
	{130, "labeled VPN Unicast+Multicast"},
	{132, "Route Target Routing Information"},
	{5, "Multicast VPN"},
	{0, NULL},
};

static const np_tok bgp_add_path_recvsend[] = {{1, "Receive"}, {2, "Send"}, {3, "Both"}, {0, NULL}};

/* An AS number as tcpdump's as_printf: plain, or with -b "high.low"
 * when it does not fit in 16 bits. */
typedef struct {
	char s[12];
} as_text;

static as_text as_fmt(const np_printer *pr, uint32_t as)
{
	as_text t;
	if (!pr->o.bflag || as <= 0xffff)
		snprintf(t.s, sizeof(t.s), "%u", as);
	else
		snprintf(t.s, sizeof(t.s), "%u.%u", as >> 16, as & 0xffff);
	return t;
}

/* "Name (N)" from a table, with tcpdump's fallback text for unknown values. */
static void print_tok_num(np_printer *pr, const np_tok *t, const char *unknown, uint32_t v)
{
	const char *s = tok_name(t, v);
	out_str(pr->out, s ? s : unknown);
	out_str(pr->out, " (");
	out_u32(pr->out, v);
	out_char(pr->out, ')');
}

/* "AFI x (n), SAFI y (n)" as the capabilities and ROUTE-REFRESH print it. */
static void print_afi_safi(np_printer *pr, uint16_t afi, uint8_t safi)
{
	out_str(pr->out, "AFI ");
	print_tok_num(pr, af_names, "Unknown", afi);
	out_str(pr->out, ", SAFI ");
	print_tok_num(pr, bgp_safi_values, "Unknown", safi);
}

/*
 * An IPv4 prefix (length byte, then as many address bytes as it needs)
 * within itemlen bytes: "a.b.c.d/len". Returns the bytes taken, -1 for a
 * length over 32, -2 when itemlen is too short, -3 when the capture ended.
 */
static int decode_prefix4(np_printer *pr, const uint8_t *p, uint32_t itemlen)
{
	uint8_t addr[4] = {0, 0, 0, 0};
	uint8_t plen;
	uint32_t nbytes;
	if (itemlen < 1)
		return -2;
	if (!np_get_u8(p, pr->snapend, &plen))
		return -3;
	if (plen > 32)
		return -1;
	nbytes = (plen + 7u) / 8u;
	if (itemlen - 1 < nbytes)
		return -2;
	if (!np_has(p + 1, pr->snapend, nbytes))
		return -3;
	memcpy(addr, p + 1, nbytes);
	if (plen % 8)
		addr[nbytes - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	out_ipv4(pr->out, addr);
	out_char(pr->out, '/');
	out_u32(pr->out, plen);
	return (int)(1 + nbytes);
}

/* tcpdump's check_add_path: whether NLRI look like they carry RFC 7911
 * path identifiers (a guess, as without the OPEN nobody can know). */
static bool check_add_path(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t maxlen)
{
	uint32_t off;
	uint8_t plen;
	if (length < 5)
		return false;
	for (off = 0; off < length;) {
		off += 4;
		if (!np_get_u8(p + off, pr->snapend, &plen))
			break;
		if (plen > maxlen)
			return false;
		off += 1 + (plen + 7u) / 8u;
	}
	if (off > length)
		return false;
	for (off = 0; off < length;) {
		if (!np_get_u8(p + off, pr->snapend, &plen))
			break;
		if (plen < 1 || plen > maxlen)
			return true;
		off += 1 + (plen + 7u) / 8u;
	}
	return off > length;
}

/* Opening of each -vv hex dump and of attributes without a decoder. */
static void print_hex_block(np_printer *pr, const uint8_t *p, const char *indent, uint32_t len)
{
	print_unknown_data(pr, p, indent, len);
}

/* tcpdump's bgp_attr_get_as_size: 2-byte ASes if the segments add up so. */
static uint32_t as_size_of(np_printer *pr, uint8_t atype, const uint8_t *p, uint32_t len)
{
	const uint8_t *t = p;
	uint8_t type, n;
	if (atype == ATTR_AS4_PATH)
		return 4;
	while (t < p + len) {
		if (!np_get_u8(t, pr->snapend, &type) || type < 1 || type > 4)
			return 4;
		if (!np_get_u8(t + 1, pr->snapend, &n))
			return 4;
		t += 2 + n * 2u;
	}
	return t == p + len ? 2 : 4;
}

static void print_ipv4_at(np_printer *pr, const uint8_t *p)
{
	out_ipv4(pr->out, p);
}

/* ---- Multiprotocol NLRI (RFC 4760) and the attributes around it ---- */

#define RD_LEN 8
#define NLRI_STOP (-100)  /* the capture ended: tcpdump's longjmp */
#define NLRI_TEXT_MAX 163 /* tcpdump's buf[MAXHOSTNAMELEN + 100], less its NUL */

enum { AF_INET4 = 1, AF_INET6 = 2, AF_NSAP = 3, AF_VPLS = 25, AF_L2VPN = 196 };
enum {
	SAFI_UNICAST = 1,
	SAFI_MULTICAST = 2,
	SAFI_UNIMULTICAST = 3,
	SAFI_LABUNICAST = 4,
	SAFI_MULTICAST_VPN = 5,
	SAFI_VPLS = 65,
	SAFI_MDT = 66,
	SAFI_VPNUNICAST = 128,
	SAFI_VPNMULTICAST = 129,
	SAFI_VPNUNIMULTICAST = 130,
	SAFI_RT_ROUTING_INFO = 132,
};
#define AFSAFI(a, s) ((uint32_t)(a) << 8 | (s))

static const np_tok bgp_extd_comm_flag_values[] = {{0x8000, "vendor-specific"}, {0x4000, "non-transitive"}, {0, NULL}};

static const np_tok bgp_extd_comm_subtype_values[] = {
	{0x0002, "target"},
	{0x0102, "target"},
	{0x0202, "target"},
	{0x0003, "origin"},
	{0x0103, "origin"},
	{0x0203, "origin"},
	{0x4004, "link-BW"},
	{0x0005, "ospf-domain"},
	{0x0105, "ospf-domain"},
	{0x0205, "ospf-domain"},
	{0x8005, "ospf-domain"},
	{0x0306, "ospf-route-type"},
	{0x8000, "ospf-route-type"},
	{0x030c, "encapsulation"},
	{0x0107, "ospf-router-id"},
	{0x8001, "ospf-router-id"},
	{0x800a, "layer2-info"},
	{0x8800, "eigrp-general-route (flag, tag)"},
	{0x8801, "eigrp-route-metric (AS, delay)"},
	{0x8802, "eigrp-route-metric (reliability, nexthop, bandwidth)"},
	{0x8803, "eigrp-route-metric (load, MTU)"},
	{0x8804, "eigrp-external-route (remote-AS, remote-ID)"},
	{0x8805, "eigrp-external-route (remote-proto, remote-metric)"},
	{0x0009, "source-AS"},
	{0x010b, "vrf-route-import"},
	{0x000a, "l2vpn-id"},
	{0xf10a, "l2vpn-id"},
	{0, NULL},
};

static const np_tok bgp_extd_comm_encap_tunnel_values[] = {
	{1, "L2TPv3 over IP"},
	{2, "GRE"},
	{3, "Transmit Tunnel"},
	{4, "IPsec"},
	{5, "IP in IP with IPsec"},
	{6, "MPLS in IP with IPsec"},
	{7, "IP in IP"},
	{8, "VXLAN"},
	{9, "NVGRE"},
	{10, "MPLS"},
	{11, "MPLS in GRE"},
	{12, "VXLAN GPE"},
	{13, "MPLS in UDP"},
	{14, "IPv6"},
	{15, "SR TE"},
	{16, "Bare"},
	{17, "SR"},
	{0, NULL},
};

static const np_tok bgp_extd_comm_ospf_rtype_values[] = {
	{1, "Router"},        {2, "Network"},         {3, "Summary"}, {5, "External"},
	{7, "NSSA External"}, {129, "MPLS-VPN Sham"}, {0, NULL},
};

/* tcpdump's l2vpn_encaps_values (l2vpn.c). */
static const np_tok l2vpn_encaps_values[] = {
	{0, "Reserved"},
	{1, "Frame Relay"},
	{2, "ATM AAL5 SDU VCC transport"},
	{3, "ATM transparent cell transport"},
	{4, "Ethernet (VLAN) Tagged Mode"},
	{5, "Ethernet Raw Mode"},
	{6, "Cisco HDLC"},
	{7, "PPP"},
	{8, "SONET/SDH Circuit Emulation Service over MPLS"},
	{9, "ATM n-to-one VCC cell transport"},
	{10, "ATM n-to-one VPC cell transport"},
	{11, "IP layer 2 transport"},
	{15, "Frame Relay Port mode"},
	{17, "Structure-agnostic E1 over packet"},
	{18, "Structure-agnostic T1 (DS1) over packet"},
	{19, "VPLS"},
	{20, "Structure-agnostic T3 (DS3) over packet"},
	{21, "Nx64kbit/s Basic Service using Structure-aware"},
	{25, "Frame Relay DLCI"},
	{40, "Structure-agnostic E3 over packet"},
	{41, "Octet-aligned playload for Structure-agnostic DS1 circuits"},
	{42, "E1 Nx64kbit/s with CAS using Structure-aware"},
	{43, "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware"},
	{44, "DS1 (SF) Nx64kbit/s with CAS using Structure-aware"},
	{0, NULL},
};

static const np_tok bgp_pmsi_tunnel_values[] = {
	{1, "RSVP-TE P2MP LSP"}, {2, "LDP P2MP LSP"},        {3, "PIM-SSM Tree"},  {4, "PIM-SM Tree"},
	{5, "PIM-Bidir Tree"},   {6, "Ingress Replication"}, {7, "LDP MP2MP LSP"}, {0, NULL},
};

static const np_tok bgp_pmsi_flag_values[] = {{0x01, "Leaf Information required"}, {0, NULL}};

static const np_tok bgp_multicast_vpn_route_type_values[] = {
	{1, "Intra-AS I-PMSI"}, {2, "Inter-AS I-PMSI"},  {3, "S-PMSI"},           {4, "Intra-AS Segment-Leaf"},
	{5, "Source-Active"},   {6, "Shared Tree Join"}, {7, "Source Tree Join"}, {0, NULL},
};

/* Room so that what a decoder writes next is not flushed before it may be
 * taken back (tcpdump formats these into a buffer first). */
static size_t out_mark(np_printer *pr)
{
	out_reserve(pr->out, 512);
	return pr->out->len;
}

/* An RFC 4364 Route Distinguisher, all 8 bytes captured (checked). */
static bool print_rd(np_printer *pr, const uint8_t *p)
{
	uint16_t type, u16;
	uint32_t u32;
	NP_GET_BE16(type, p, pr->snapend);
	NP_CHECK(p, pr->snapend, RD_LEN);
	switch (type) {
	case 0:
		NP_GET_BE16(u16, p + 2, pr->snapend);
		NP_GET_BE32(u32, p + 4, pr->snapend);
		out_fmt(pr->out, "%u:%u (= %u.%u.%u.%u)", u16, u32, p[4], p[5], p[6], p[7]);
		break;
	case 1:
		NP_GET_BE16(u16, p + 6, pr->snapend);
		out_fmt(pr->out, "%u.%u.%u.%u:%u", p[2], p[3], p[4], p[5], u16);
		break;
	case 2:
		NP_GET_BE32(u32, p + 2, pr->snapend);
		NP_GET_BE16(u16, p + 6, pr->snapend);
		out_fmt(pr->out, "%s:%u (%u.%u.%u.%u:%u)", as_fmt(pr, u32).s, u16, p[2], p[3], p[4], p[5], u16);
		break;
	default: out_str(pr->out, "unknown RD format"); break;
	}
	return true;
trunc:
	return false;
}

/* An address of addr_bits bits (32 or 128), or tcpdump's complaint. */
static bool print_vpn_ip(np_printer *pr, const uint8_t *p, uint32_t addr_bits)
{
	if (addr_bits == 32) {
		NP_CHECK(p, pr->snapend, 4);
		out_ipv4(pr->out, p);
	} else if (addr_bits == 128) {
		NP_CHECK(p, pr->snapend, 16);
		out_ipv6(pr->out, p);
	} else {
		out_fmt(pr->out, "bogus address length %u", addr_bits);
	}
	return true;
trunc:
	return false;
}

/* A prefix of plen bits from p into an address of alen bytes (masked). */
static bool copy_prefix(np_printer *pr, uint8_t *addr, uint32_t alen, const uint8_t *p, uint32_t plen)
{
	uint32_t n = (plen + 7) / 8;
	memset(addr, 0, alen);
	if (!np_has(p, pr->snapend, n))
		return false;
	memcpy(addr, p, n);
	if (plen % 8)
		addr[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	return true;
}

/* ", label:N (bottom)" of a 3-byte label at p. */
static bool print_label(np_printer *pr, const uint8_t *p)
{
	uint32_t l;
	uint8_t b;
	NP_GET_BE24(l, p, pr->snapend);
	NP_GET_U8(b, p + 2, pr->snapend);
	out_fmt(pr->out, ", label:%u %s", l >> 4, (b & 1) ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)");
	return true;
trunc:
	return false;
}

static void print_addr(np_printer *pr, const uint8_t *addr, bool v6)
{
	if (v6)
		out_ipv6(pr->out, addr);
	else
		out_ipv4(pr->out, addr);
}

/* decode_clnp_prefix and decode_labeled_vpn_clnp_prefix; like tcpdump,
 * the plain one reads the address 4 bytes on and says it took 1 + its
 * length. */
static int decode_clnp_prefix(np_printer *pr, const uint8_t *p, bool vpn)
{
	uint8_t addr[19];
	uint8_t plen;
	if (!np_get_u8(p, pr->snapend, &plen))
		return NLRI_STOP;
	if (vpn) {
		if (plen < 88)
			return -1;
		plen -= 88;
	}
	if (plen > 152)
		return -1;
	if (!copy_prefix(pr, addr, sizeof(addr), p + (vpn ? 12 : 4), plen))
		return NLRI_STOP;
	if (vpn) {
		out_str(pr->out, "RD: ");
		if (!print_rd(pr, p + 4))
			return NLRI_STOP;
		out_str(pr->out, ", ");
	}
	print_nsap_bytes(pr, addr, (plen + 7u) / 8u);
	out_fmt(pr->out, "/%u", plen);
	if (vpn && !print_label(pr, p + 1))
		return NLRI_STOP;
	return (int)((vpn ? 12 : 1) + (plen + 7u) / 8u);
}

/* tcpdump's decode_prefix6 (decode_prefix4 above for IPv4). */
static int decode_prefix6(np_printer *pr, const uint8_t *p, uint32_t itemlen)
{
	uint8_t addr[16];
	uint8_t plen;
	if (itemlen < 1)
		return -2;
	if (!np_get_u8(p, pr->snapend, &plen))
		return NLRI_STOP;
	if (plen > 128)
		return -1;
	if (itemlen - 1 < (plen + 7u) / 8u)
		return -2;
	if (!copy_prefix(pr, addr, 16, p + 1, plen))
		return NLRI_STOP;
	out_ipv6(pr->out, addr);
	out_fmt(pr->out, "/%u", plen);
	return (int)(1 + (plen + 7u) / 8u);
}

/* decode_labeled_prefix4/6: -2 when the 4 bytes are not captured, -3 when
 * itemlen is too short. */
static int decode_labeled_prefix(np_printer *pr, const uint8_t *p, uint32_t itemlen, bool v6)
{
	uint8_t addr[16];
	uint8_t plen;
	uint32_t maxlen = v6 ? 128 : 32;
	if (!np_has(p, pr->snapend, 4))
		return -2;
	if (itemlen < 4)
		return -3;
	plen = p[0];
	if (plen < 24)
		return -1;
	plen -= 24;
	if (plen > maxlen)
		return -1;
	if (!v6 && itemlen - 4 < (plen + 7u) / 8u)
		return -3;
	if (!copy_prefix(pr, addr, 16, p + 4, plen))
		return NLRI_STOP;
	print_addr(pr, addr, v6);
	out_fmt(pr->out, "/%u", plen);
	if (!print_label(pr, p + 1))
		return NLRI_STOP;
	return (int)(4 + (plen + 7u) / 8u);
}

/* decode_labeled_vpn_prefix4/6. */
static int decode_labeled_vpn_prefix(np_printer *pr, const uint8_t *p, bool v6)
{
	uint8_t addr[16];
	uint8_t plen;
	if (!np_get_u8(p, pr->snapend, &plen))
		return NLRI_STOP;
	if (plen < 88)
		return -1;
	plen -= 88;
	if (plen > (v6 ? 128 : 32))
		return -1;
	if (!copy_prefix(pr, addr, 16, p + 12, plen))
		return NLRI_STOP;
	out_str(pr->out, "RD: ");
	if (!print_rd(pr, p + 4))
		return NLRI_STOP;
	out_str(pr->out, ", ");
	print_addr(pr, addr, v6);
	out_fmt(pr->out, "/%u", plen);
	if (!print_label(pr, p + 1))
		return NLRI_STOP;
	return (int)(12 + (plen + 7u) / 8u);
}

/* decode_rt_routing_info (RFC 4684); prints its own lines. */
static int decode_rt_routing_info(np_printer *pr, const uint8_t *p)
{
	uint8_t rt[8] = {0};
	uint8_t plen;
	uint32_t as, n, i;
	char hex[sizeof("0000 0000 0000 0000")];
	size_t hl = 0;
	if (!np_get_u8(p, pr->snapend, &plen))
		return NLRI_STOP;
	if (plen == 0) {
		out_str(pr->out, "\n\t      default route target");
		return 1;
	}
	if (plen < 32) {
		out_str(pr->out, "\n\t      (illegal prefix length)");
		return -1;
	}
	if (!np_get_be32(p + 1, pr->snapend, &as))
		return NLRI_STOP;
	plen -= 32;
	if (plen > 64) {
		out_str(pr->out, "\n\t      (illegal prefix length)");
		return -1;
	}
	n = (plen + 7u) / 8u;
	if (!copy_prefix(pr, rt, 8, p + 5, plen))
		return NLRI_STOP;
	out_fmt(pr->out, "\n\t      origin AS: %s, ", as_fmt(pr, as).s);
	if (plen == 0) {
		out_str(pr->out, "route-target: 0:0/0");
		return (int)(5 + n);
	}
	hex[0] = '\0';
	for (i = 0; i < n; i++)
		hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%02x%s", rt[i],
				       ((i % 2 == 1) && (i < n - 1)) ? " " : "");
	if (plen < 16) {
		out_fmt(pr->out, "route-target: partial-type: (%s/%d)", hex, plen);
		return (int)(5 + n);
	}
	switch ((rt[0] << 8) | rt[1]) {
	case 0x0002:
		out_fmt(pr->out, "route-target: %u:%u/%d (%s)", (rt[2] << 8) | rt[3],
			(uint32_t)rt[4] << 24 | (uint32_t)rt[5] << 16 | (uint32_t)rt[6] << 8 | rt[7], plen, hex);
		break;
	case 0x0102:
		out_fmt(pr->out, "route-target: %u.%u.%u.%u:%u/%d (%s)", rt[2], rt[3], rt[4], rt[5],
			(rt[6] << 8) | rt[7], plen, hex);
		break;
	case 0x0202:
		out_fmt(pr->out, "route-target: %s:%u/%d (%s)",
			as_fmt(pr, (uint32_t)rt[2] << 24 | (uint32_t)rt[3] << 16 | (uint32_t)rt[4] << 8 | rt[5]).s,
			(rt[6] << 8) | rt[7], plen, hex);
		break;
	default: out_fmt(pr->out, "route target: unknown-type(%04x) (%s/%d)", (rt[0] << 8) | rt[1], hex, plen); break;
	}
	return (int)(5 + n);
}

/* decode_mdt_vpn_nlri. */
static int decode_mdt_vpn(np_printer *pr, const uint8_t *p)
{
	uint8_t plen;
	if (!np_get_u8(p, pr->snapend, &plen))
		return NLRI_STOP;
	if (plen != 128)
		return -1;
	if (!np_has(p + 1, pr->snapend, 8))
		return -2;
	out_str(pr->out, "RD: ");
	if (!print_rd(pr, p + 1) || !np_has(p + 9, pr->snapend, 8))
		return NLRI_STOP;
	out_str(pr->out, ", VPN IP Address: ");
	out_ipv4(pr->out, p + 9);
	out_str(pr->out, ", MC Group Address: ");
	out_ipv4(pr->out, p + 13);
	return 17;
}

/* bgp_vpn_sg_print: ", Source a, Group b"; the bytes it read, or -2. */
static int print_vpn_sg(np_printer *pr, const uint8_t *p)
{
	uint8_t bits;
	int total = 0;
	for (int k = 0; k < 2; k++) {
		if (!np_get_u8(p, pr->snapend, &bits))
			return NLRI_STOP;
		p++;
		if (!np_has(p, pr->snapend, bits >> 3))
			return total;
		total += (bits >> 3) + 1;
		if (bits) {
			out_str(pr->out, k == 0 ? ", Source " : ", Group ");
			if (!print_vpn_ip(pr, p, bits))
				return NLRI_STOP;
			p += bits >> 3;
		}
	}
	return total;
}

/* decode_multicast_vpn (RFC 6514). */
static int decode_multicast_vpn(np_printer *pr, const uint8_t *p)
{
	uint8_t type, rlen;
	uint32_t as;
	int sg;
	if (!np_get_u8(p, pr->snapend, &type) || !np_get_u8(p + 1, pr->snapend, &rlen))
		return NLRI_STOP;
	p += 2;
	out_fmt(pr->out, "Route-Type: %s (%u), length: %u",
		tok2str(bgp_multicast_vpn_route_type_values, "Unknown", type), type, rlen);
	switch (type) {
	case 1:
		if (!np_has(p, pr->snapend, RD_LEN))
			return -2;
		out_str(pr->out, ", RD: ");
		if (!print_rd(pr, p))
			return NLRI_STOP;
		out_str(pr->out, ", Originator ");
		if (!print_vpn_ip(pr, p + RD_LEN, (uint32_t)(rlen - RD_LEN) << 3))
			return NLRI_STOP;
		break;
	case 2:
	case 6:
	case 7:
		if (!np_has(p, pr->snapend, RD_LEN + 4))
			return -2;
		out_str(pr->out, ", RD: ");
		if (!print_rd(pr, p) || !np_get_be32(p + RD_LEN, pr->snapend, &as))
			return NLRI_STOP;
		out_fmt(pr->out, ", Source-AS %s", as_fmt(pr, as).s);
		if (type != 2 && print_vpn_sg(pr, p + RD_LEN + 4) == NLRI_STOP)
			return NLRI_STOP;
		break;
	case 3:
	case 5:
		if (!np_has(p, pr->snapend, RD_LEN))
			return -2;
		out_str(pr->out, ", RD: ");
		if (!print_rd(pr, p))
			return NLRI_STOP;
		p += RD_LEN;
		sg = print_vpn_sg(pr, p);
		if (sg == NLRI_STOP)
			return NLRI_STOP;
		if (type == 3) {
			uint32_t alen = (uint32_t)(rlen - sg);
			if (!np_has(p, pr->snapend, alen))
				return -2;
			out_str(pr->out, ", Originator ");
			if (!print_vpn_ip(pr, p, alen << 3))
				return NLRI_STOP;
		}
		break;
	default: break;
	}
	return rlen + 2;
}

/* decode_labeled_vpn_l2 (RFC 4761 / Kompella L2VPN). */
static int decode_labeled_vpn_l2(np_printer *pr, const uint8_t *p)
{
	size_t start = pr->out->len;
	/* tcpdump writes the TLVs only while its text buffer has room */
#define L2_ROOM (pr->out->len - start < NLRI_TEXT_MAX + 1)
	uint16_t plen, u16a, u16b, tlv_len;
	uint32_t tlen, lbl, ttlv;
	uint8_t tlv_type, b;
	if (!np_get_be16(p, pr->snapend, &plen))
		return NLRI_STOP;
	tlen = plen;
	p += 2;
	if (plen == 12) {
		if (!np_has(p, pr->snapend, 12))
			return -2;
		out_str(pr->out, "RD: ");
		if (!print_rd(pr, p))
			return NLRI_STOP;
		out_str(pr->out, ", BGPNH: ");
		out_ipv4(pr->out, p + 8);
		return plen + 2;
	}
	if (plen <= 17)
		return -2;
	if (!np_has(p, pr->snapend, 15))
		return -2;
	out_str(pr->out, "RD: ");
	if (!print_rd(pr, p))
		return NLRI_STOP;
	if (!np_get_be16(p + 8, pr->snapend, &u16a) || !np_get_be16(p + 10, pr->snapend, &u16b) ||
	    !np_get_be24(p + 12, pr->snapend, &lbl))
		return NLRI_STOP;
	out_fmt(pr->out, ", CE-ID: %u, Label-Block Offset: %u, Label Base %u", u16a, u16b, lbl >> 4);
	p += 15;
	tlen -= 15;
	while (tlen != 0) {
		if (tlen < 3) {
			if (L2_ROOM)
				out_str(pr->out, "\n\t\tran past the end");
			return plen + 2;
		}
		if (!np_get_u8(p, pr->snapend, &tlv_type) || !np_get_be16(p + 1, pr->snapend, &tlv_len))
			return NLRI_STOP;
		ttlv = (tlv_len + 7u) / 8u;
		p += 3;
		/* tcpdump does not count the TLV header against tlen */
		if (tlv_type == 1) {
			if (L2_ROOM)
				out_fmt(pr->out, "\n\t\tcircuit status vector (%u) length: %u: 0x", tlv_type, tlv_len);
			for (; ttlv != 0; ttlv--, tlen--) {
				if (tlen < 1) {
					if (L2_ROOM)
						out_str(pr->out, " (ran past the end)");
					return plen + 2;
				}
				if (!np_get_u8(p, pr->snapend, &b))
					return -2;
				/* tcpdump stops stepping once its text buffer is full */
				if (L2_ROOM) {
					out_fmt(pr->out, "%02x", b);
					p++;
				}
			}
		} else {
			if (L2_ROOM)
				out_fmt(pr->out, "\n\t\tunknown TLV #%u, length: %u", tlv_type, tlv_len);
			if (tlen < ttlv) {
				if (L2_ROOM)
					out_str(pr->out, " (ran past the end)");
				return plen + 2;
			}
			tlen -= ttlv;
		}
	}
	return plen + 2;
#undef L2_ROOM
}

/* tcpdump's bgp_mp_af_print: "AFI: .., SAFI: .." and whether there is a
 * decoder for the pair (0), none (-1, the hex printed), or -2. */
static int print_mp_af(np_printer *pr, const uint8_t *p, uint32_t tlen, uint16_t *afp, uint8_t *safip)
{
	uint16_t af;
	uint8_t safi;
	if (!np_get_be16(p, pr->snapend, &af) || !np_get_u8(p + 2, pr->snapend, &safi))
		return NLRI_STOP;
	*afp = af;
	*safip = safi;
	out_fmt(pr->out, "\n\t    AFI: %s (%u), %sSAFI: %s (%u)", tok2str(af_names, "Unknown AFI", af), af,
		safi > 128 ? "vendor specific " : "", tok2str(bgp_safi_values, "Unknown SAFI", safi), safi);
	switch (AFSAFI(af, safi)) {
	case AFSAFI(AF_INET4, SAFI_UNICAST):
	case AFSAFI(AF_INET4, SAFI_MULTICAST):
	case AFSAFI(AF_INET4, SAFI_UNIMULTICAST):
	case AFSAFI(AF_INET4, SAFI_LABUNICAST):
	case AFSAFI(AF_INET4, SAFI_RT_ROUTING_INFO):
	case AFSAFI(AF_INET4, SAFI_VPNUNICAST):
	case AFSAFI(AF_INET4, SAFI_VPNMULTICAST):
	case AFSAFI(AF_INET4, SAFI_VPNUNIMULTICAST):
	case AFSAFI(AF_INET4, SAFI_MULTICAST_VPN):
	case AFSAFI(AF_INET4, SAFI_MDT):
	case AFSAFI(AF_INET6, SAFI_UNICAST):
	case AFSAFI(AF_INET6, SAFI_MULTICAST):
	case AFSAFI(AF_INET6, SAFI_UNIMULTICAST):
	case AFSAFI(AF_INET6, SAFI_LABUNICAST):
	case AFSAFI(AF_INET6, SAFI_VPNUNICAST):
	case AFSAFI(AF_INET6, SAFI_VPNMULTICAST):
	case AFSAFI(AF_INET6, SAFI_VPNUNIMULTICAST):
	case AFSAFI(AF_L2VPN, SAFI_VPNUNICAST):
	case AFSAFI(AF_L2VPN, SAFI_VPNMULTICAST):
	case AFSAFI(AF_L2VPN, SAFI_VPNUNIMULTICAST):
	case AFSAFI(AF_NSAP, SAFI_UNICAST):
	case AFSAFI(AF_NSAP, SAFI_MULTICAST):
	case AFSAFI(AF_NSAP, SAFI_UNIMULTICAST):
	case AFSAFI(AF_NSAP, SAFI_VPNUNICAST):
	case AFSAFI(AF_NSAP, SAFI_VPNMULTICAST):
	case AFSAFI(AF_NSAP, SAFI_VPNUNIMULTICAST):
	case AFSAFI(AF_VPLS, SAFI_VPLS): return 0;
	default:
		if (!np_has(p, pr->snapend, tlen))
			return -2;
		out_fmt(pr->out, "\n\t    no AFI %u / SAFI %u decoder", af, safi);
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, p, "\n\t    ", tlen);
		return -1;
	}
}

/* One NLRI of the family (tcpdump's bgp_nlri_print): bytes taken, -2 for
 * a truncation the attribute reports, another negative to stop quietly,
 * NLRI_STOP when the capture ended. */
static int print_nlri(np_printer *pr, uint16_t af, uint8_t safi, const uint8_t *p, uint32_t len, bool ap4, bool ap6)
{
	size_t mark = out_mark(pr);
	uint32_t path_id = 0;
	bool ap = false;
	int r;
	out_str(pr->out, "\n\t      ");
	switch (AFSAFI(af, safi)) {
	case AFSAFI(AF_INET4, SAFI_UNICAST):
	case AFSAFI(AF_INET4, SAFI_MULTICAST):
	case AFSAFI(AF_INET4, SAFI_UNIMULTICAST):
	case AFSAFI(AF_INET6, SAFI_UNICAST):
	case AFSAFI(AF_INET6, SAFI_MULTICAST):
	case AFSAFI(AF_INET6, SAFI_UNIMULTICAST):
		ap = af == AF_INET4 ? ap4 : ap6;
		if (ap) {
			if (!np_get_be32(p, pr->snapend, &path_id)) {
				r = NLRI_STOP;
				break;
			}
			p += 4;
		}
		r = af == AF_INET4 ? decode_prefix4(pr, p, len) : decode_prefix6(pr, p, len);
		if (r == -3)
			r = NLRI_STOP;
		if (r == -2) {
			pr->out->len = mark;
			return -2;
		}
		if (r == -1) {
			pr->out->len = mark;
			out_str(pr->out, "\n\t    (illegal prefix length)");
		}
		if (r == NLRI_STOP)
			break;
		if (ap) {
			out_fmt(pr->out, "   Path Id: %u", path_id);
			r += 4;
		}
		return r;
	case AFSAFI(AF_INET4, SAFI_LABUNICAST):
	case AFSAFI(AF_INET6, SAFI_LABUNICAST):
		r = decode_labeled_prefix(pr, p, len, af == AF_INET6);
		if (r == -3) {
			pr->out->len = mark;
			return -3;
		}
		break;
	case AFSAFI(AF_INET4, SAFI_VPNUNICAST):
	case AFSAFI(AF_INET4, SAFI_VPNMULTICAST):
	case AFSAFI(AF_INET4, SAFI_VPNUNIMULTICAST):
	case AFSAFI(AF_INET6, SAFI_VPNUNICAST):
	case AFSAFI(AF_INET6, SAFI_VPNMULTICAST):
	case AFSAFI(AF_INET6, SAFI_VPNUNIMULTICAST): r = decode_labeled_vpn_prefix(pr, p, af == AF_INET6); break;
	case AFSAFI(AF_NSAP, SAFI_UNICAST):
	case AFSAFI(AF_NSAP, SAFI_MULTICAST):
	case AFSAFI(AF_NSAP, SAFI_UNIMULTICAST): r = decode_clnp_prefix(pr, p, false); break;
	case AFSAFI(AF_NSAP, SAFI_VPNUNICAST):
	case AFSAFI(AF_NSAP, SAFI_VPNMULTICAST):
	case AFSAFI(AF_NSAP, SAFI_VPNUNIMULTICAST): r = decode_clnp_prefix(pr, p, true); break;
	case AFSAFI(AF_INET4, SAFI_RT_ROUTING_INFO):
		pr->out->len = mark;
		r = decode_rt_routing_info(pr, p);
		if (r == NLRI_STOP)
			pr->out->len = mark;
		break;
	case AFSAFI(AF_INET4, SAFI_MULTICAST_VPN):
	case AFSAFI(AF_INET6, SAFI_MULTICAST_VPN): r = decode_multicast_vpn(pr, p); break;
	case AFSAFI(AF_INET4, SAFI_MDT): r = decode_mdt_vpn(pr, p); break;
	case AFSAFI(AF_VPLS, SAFI_VPLS):
	case AFSAFI(AF_L2VPN, SAFI_VPNUNICAST):
	case AFSAFI(AF_L2VPN, SAFI_VPNMULTICAST):
	case AFSAFI(AF_L2VPN, SAFI_VPNUNIMULTICAST):
		r = decode_labeled_vpn_l2(pr, p);
		if (r == -1) {
			pr->out->len = mark;
			out_str(pr->out, "\n\t    (illegal length)");
			return -1;
		}
		break;
	default:
		pr->out->len = mark;
		out_fmt(pr->out, "\n\t    ERROR: no AFI %u / SAFI %u decoder", af, safi);
		return -4;
	}
	if (r == NLRI_STOP || r == -2) {
		pr->out->len = mark;
		return r;
	}
	/* tcpdump formats an NLRI into a buffer of MAXHOSTNAMELEN + 100 */
	if (r >= 0 && pr->out->len > mark + 8 + NLRI_TEXT_MAX)
		pr->out->len = mark + 8 + NLRI_TEXT_MAX;
	if (r == -1 && AFSAFI(af, safi) != AFSAFI(AF_INET4, SAFI_RT_ROUTING_INFO)) {
		pr->out->len = mark;
		out_str(pr->out, "\n\t    (illegal prefix length)");
	}
	return r;
}

/* An NSAP next hop of n bytes (with an RD first for the VPN SAFIs). */
static bool print_nsap_nexthop(np_printer *pr, bool vpn, const uint8_t *t, uint32_t n)
{
	uint32_t u32;
	if (!vpn) {
		if (!np_has(t, pr->snapend, n))
			return false;
		print_nsap_bytes(pr, t, n);
		return true;
	}
	if (n < RD_LEN + 1) {
		out_str(pr->out, "invalid len");
		return true;
	}
	if (!np_has(t, pr->snapend, n))
		return false;
	out_str(pr->out, "RD: ");
	if (!print_rd(pr, t))
		return false;
	out_str(pr->out, ", ");
	print_nsap_bytes(pr, t + RD_LEN, n - RD_LEN);
	if (!np_get_be32(t + RD_LEN, pr->snapend, &u32))
		return false;
	if (u32 == 0x47000601) {
		if (!np_has(t + RD_LEN + 4, pr->snapend, 4))
			return false;
		out_str(pr->out, " = ");
		out_ipv4(pr->out, t + RD_LEN + 4);
	} else if ((u32 >> 8) == 0x350000) {
		if (!np_has(t + RD_LEN + 3, pr->snapend, 16))
			return false;
		out_str(pr->out, " = ");
		out_ipv6(pr->out, t + RD_LEN + 3);
	}
	return true;
}

/* The next hops of MP_REACH for the family; false when they ran out. */
static bool print_nexthops(np_printer *pr, uint16_t af, uint8_t safi, const uint8_t **tp, uint32_t *tlen, uint8_t nhlen)
{
	const uint8_t *t = *tp;
	uint32_t tn = nhlen, nnh = 0, need;
	out_str(pr->out, "\n\t    nexthop: ");
	while (tn != 0) {
		bool rd = false, v6 = false;
		if (nnh++ > 0)
			out_str(pr->out, ", ");
		switch (AFSAFI(af, safi)) {
		case AFSAFI(AF_INET4, SAFI_UNICAST):
		case AFSAFI(AF_INET4, SAFI_MULTICAST):
		case AFSAFI(AF_INET4, SAFI_UNIMULTICAST):
		case AFSAFI(AF_INET4, SAFI_LABUNICAST):
		case AFSAFI(AF_INET4, SAFI_RT_ROUTING_INFO):
		case AFSAFI(AF_INET4, SAFI_MULTICAST_VPN):
		case AFSAFI(AF_INET4, SAFI_MDT):
		case AFSAFI(AF_VPLS, SAFI_VPLS):
		case AFSAFI(AF_L2VPN, SAFI_VPNUNICAST):
		case AFSAFI(AF_L2VPN, SAFI_VPNMULTICAST):
		case AFSAFI(AF_L2VPN, SAFI_VPNUNIMULTICAST): break;
		case AFSAFI(AF_INET4, SAFI_VPNUNICAST):
		case AFSAFI(AF_INET4, SAFI_VPNMULTICAST):
		case AFSAFI(AF_INET4, SAFI_VPNUNIMULTICAST): rd = true; break;
		case AFSAFI(AF_INET6, SAFI_UNICAST):
		case AFSAFI(AF_INET6, SAFI_MULTICAST):
		case AFSAFI(AF_INET6, SAFI_UNIMULTICAST):
		case AFSAFI(AF_INET6, SAFI_LABUNICAST): v6 = true; break;
		case AFSAFI(AF_INET6, SAFI_VPNUNICAST):
		case AFSAFI(AF_INET6, SAFI_VPNMULTICAST):
		case AFSAFI(AF_INET6, SAFI_VPNUNIMULTICAST): rd = v6 = true; break;
		case AFSAFI(AF_NSAP, SAFI_UNICAST):
		case AFSAFI(AF_NSAP, SAFI_MULTICAST):
		case AFSAFI(AF_NSAP, SAFI_UNIMULTICAST):
		case AFSAFI(AF_NSAP, SAFI_VPNUNICAST):
		case AFSAFI(AF_NSAP, SAFI_VPNMULTICAST):
		case AFSAFI(AF_NSAP, SAFI_VPNUNIMULTICAST):
			if (!print_nsap_nexthop(pr, safi >= SAFI_VPNUNICAST, t, tn))
				return false;
			t += tn;
			*tlen -= tn;
			*tp = t;
			return true;
		default:
			out_fmt(pr->out, "ERROR: no AFI %u/SAFI %u nexthop decoder", af, safi);
			t += tn;
			*tlen -= tn;
			*tp = t;
			return true;
		}
		need = (v6 ? 16u : 4u) + (rd ? RD_LEN : 0u);
		if (tn < need) {
			out_str(pr->out, "invalid len");
			t += tn;
			*tlen -= tn;
			tn = 0;
			continue;
		}
		if (rd) {
			out_str(pr->out, "RD: ");
			if (!print_rd(pr, t))
				return false;
			out_str(pr->out, ", ");
		}
		if (!np_has(t + need - (v6 ? 16 : 4), pr->snapend, v6 ? 16 : 4))
			return false;
		print_addr(pr, t + need - (v6 ? 16 : 4), v6);
		t += need;
		*tlen -= need;
		tn -= need;
	}
	*tp = t;
	return true;
}

/* MP_REACH_NLRI / MP_UNREACH_NLRI: false on a truncation (pr->stopped
 * when the capture ended). */
static bool print_mp(np_printer *pr, bool reach, const uint8_t *pptr, uint32_t len)
{
	const uint8_t *t = pptr;
	uint32_t tlen = len;
	uint16_t af;
	uint8_t safi, nhlen, snpa, slen;
	bool ap4, ap6;
	int r;
	if (!np_has(t, pr->snapend, 3) || (reach && tlen < 3))
		return false;
	r = print_mp_af(pr, t, tlen, &af, &safi);
	if (r == NLRI_STOP)
		goto trunc;
	if (r == -2)
		return false;
	if (r < 0)
		return true;
	t += 3;
	tlen -= 3;
	if (reach) {
		if (!np_has(t, pr->snapend, 1) || tlen < 1)
			return false;
		NP_GET_U8(nhlen, t, pr->snapend);
		t++;
		tlen--;
		if (nhlen) {
			if (tlen < nhlen)
				return false;
			if (!print_nexthops(pr, af, safi, &t, &tlen, nhlen))
				goto trunc;
		}
		out_fmt(pr->out, ", nh-length: %u", nhlen);
		if (tlen < 1)
			return false;
		NP_GET_U8(snpa, t, pr->snapend);
		t++;
		tlen--;
		if (snpa) {
			out_fmt(pr->out, "\n\t    %u SNPA", snpa);
			for (; snpa != 0; snpa--) {
				if (tlen < 1)
					return false;
				NP_GET_U8(slen, t, pr->snapend);
				out_fmt(pr->out, "\n\t      %u bytes", slen);
				t++;
				tlen--;
				if (tlen < slen || !np_has(t, pr->snapend, slen))
					return false;
				t += slen;
				tlen -= slen;
			}
		} else {
			out_str(pr->out, ", no SNPA");
		}
	} else {
		if (len == 3)
			out_str(pr->out, "\n\t      End-of-Rib Marker (empty NLRI)");
	}
	ap4 = check_add_path(pr, t, len - (uint32_t)(t - pptr), 32);
	ap6 = check_add_path(pr, t, len - (uint32_t)(t - pptr), 128);
	while (t < pptr + len) {
		r = print_nlri(pr, af, safi, t, len, ap4, ap6);
		if (r == NLRI_STOP)
			goto trunc;
		if (r == -2)
			return false;
		if (r < 0)
			break;
		t += r;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* One extended community's value (bgp_extended_community_print). */
static bool print_ext_community(np_printer *pr, const uint8_t *p)
{
	uint16_t type, u16;
	uint32_t u32;
	union {
		float f;
		uint32_t i;
	} bw;
	NP_GET_BE16(type, p, pr->snapend);
	NP_CHECK(p, pr->snapend, 8);
	switch (type) {
	case 0x0002:
	case 0x0003:
	case 0x000a:
		NP_GET_BE16(u16, p + 2, pr->snapend);
		NP_GET_BE32(u32, p + 4, pr->snapend);
		out_fmt(pr->out, "%u:%u (= ", u16, u32);
		out_ipv4(pr->out, p + 4);
		out_char(pr->out, ')');
		break;
	case 0x0102:
	case 0x0103:
	case 0xf10a:
	case 0x010b:
		NP_GET_BE16(u16, p + 6, pr->snapend);
		out_ipv4(pr->out, p + 2);
		out_fmt(pr->out, ":%u", u16);
		break;
	case 0x0202:
	case 0x0203:
		NP_GET_BE32(u32, p + 2, pr->snapend);
		NP_GET_BE16(u16, p + 6, pr->snapend);
		out_fmt(pr->out, "%s:%u", as_fmt(pr, u32).s, u16);
		break;
	case 0x4004:
		NP_GET_BE32(bw.i, p + 4, pr->snapend);
		out_fmt(pr->out, "bandwidth: %.3f Mbps", (double)(bw.f * 8 / 1000000));
		break;
	case 0x0005:
	case 0x0105:
	case 0x0205:
	case 0x8005:
	case 0x0107:
	case 0x8001: out_ipv4(pr->out, p + 2); break;
	case 0x0306:
	case 0x8000:
		out_str(pr->out, "area:");
		out_ipv4(pr->out, p + 2);
		out_fmt(pr->out, ", router-type:%s, metric-type:%s%s",
			tok2str(bgp_extd_comm_ospf_rtype_values, "unknown (0x%02x)", p[6]), (p[7] & 1) ? "E2" : "",
			(p[6] == 5 || p[6] == 7) ? "E1" : "");
		break;
	case 0x800a:
		NP_GET_BE16(u16, p + 4, pr->snapend);
		out_fmt(pr->out, "%s Control Flags [0x%02x]:MTU %u",
			tok2str(l2vpn_encaps_values, "unknown encaps", p[2]), p[3], u16);
		break;
	case 0x0009:
		NP_GET_BE16(u16, p + 2, pr->snapend);
		out_fmt(pr->out, "AS %u", u16);
		break;
	case 0x030c:
		NP_GET_BE16(u16, p + 6, pr->snapend);
		out_fmt(pr->out, "Tunnel type: %s", tok2str(bgp_extd_comm_encap_tunnel_values, "unknown encaps", u16));
		break;
	default: out_fmt(pr->out, "%02x%02x%02x%02x%02x%02x", p[2], p[3], p[4], p[5], p[6], p[7]); break;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static bool print_ext_communities(np_printer *pr, const uint8_t *t, uint32_t len)
{
	uint32_t tlen = len;
	uint16_t ec;
	if (len % 8) {
		out_str(pr->out, "invalid len");
		return true;
	}
	while (tlen != 0) {
		if (!np_has(t, pr->snapend, 2) || tlen < 2)
			return false;
		ec = (uint16_t)((t[0] << 8) | t[1]);
		out_fmt(pr->out, "\n\t    %s (0x%04x), Flags [",
			tok2str(bgp_extd_comm_subtype_values, "unknown extd community typecode", ec), ec);
		print_bits(pr, bgp_extd_comm_flag_values, ec, ", ", "none");
		out_char(pr->out, ']');
		if (!np_has(t, pr->snapend, 8) || tlen < 8)
			return false;
		out_str(pr->out, ": ");
		if (!print_ext_community(pr, t))
			return false;
		tlen -= 8;
		t += 8;
	}
	return true;
}

static bool print_pmsi_tunnel(np_printer *pr, const uint8_t *t, uint32_t tlen)
{
	uint8_t flags, type;
	uint32_t label, a;
	if (!np_has(t, pr->snapend, 5) || tlen < 5)
		return false;
	flags = t[0];
	type = t[1];
	NP_GET_BE24(label, t + 2, pr->snapend);
	out_fmt(pr->out, "\n\t    Tunnel-type %s (%u), Flags [", tok2str(bgp_pmsi_tunnel_values, "Unknown", type),
		type);
	print_bits(pr, bgp_pmsi_flag_values, flags, ", ", "none");
	out_fmt(pr->out, "], MPLS Label %u", label >> 4);
	t += 5;
	tlen -= 5;
	switch (type) {
	case 3:
	case 4:
	case 5:
		NP_CHECK(t, pr->snapend, 8);
		out_str(pr->out, type == 3 ? "\n\t      Root-Node " : "\n\t      Sender ");
		out_ipv4(pr->out, t);
		out_str(pr->out, ", P-Group ");
		out_ipv4(pr->out, t + 4);
		break;
	case 6:
		NP_CHECK(t, pr->snapend, 4);
		out_str(pr->out, "\n\t      Tunnel-Endpoint ");
		out_ipv4(pr->out, t);
		break;
	case 1:
	case 2:
	case 7:
		NP_CHECK(t, pr->snapend, 4);
		NP_GET_BE32(a, t + 4, pr->snapend);
		out_str(pr->out, type == 1 ? "\n\t      Extended-Tunnel-ID " : "\n\t      Root-Node ");
		out_ipv4(pr->out, t);
		out_fmt(pr->out, type == 1 ? ", P2MP-ID 0x%08x" : ", LSP-ID 0x%08x", a);
		break;
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, t, "\n\t      ", tlen);
		break;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/*
 * One path attribute's value. False when the printer ran off the capture
 * (pr->stopped then) or, like tcpdump's, met a truncation to report by the
 * caller.
 */
/* An attribute's length field of alenlen (1 or 2) bytes. */
static bool attr_len(np_printer *pr, const uint8_t *p, uint32_t alenlen, uint32_t *alen)
{
	uint16_t v16;
	uint8_t v8;
	if (alenlen == 2) {
		if (!np_get_be16(p, pr->snapend, &v16))
			return false;
		*alen = v16;
	} else {
		if (!np_get_u8(p, pr->snapend, &v8))
			return false;
		*alen = v8;
	}
	return true;
}

/* "Name (N), length: L, Flags [OTPE+x]" of an attribute; in_set: the
 * form used inside an ATTR_SET. */
static void print_attr_head(np_printer *pr, const char *indent, uint8_t atype, uint32_t alen, uint8_t aflags,
			    bool in_set)
{
	out_str(pr->out, indent);
	out_str(pr->out, tok2str(bgp_attr_values, "Unknown Attribute", atype));
	out_fmt(pr->out, " (%u), length: %u", atype, alen);
	if (aflags) {
		out_fmt(pr->out, ", Flags [%s%s%s%s", aflags & 0x80 ? "O" : "", aflags & 0x40 ? "T" : "",
			aflags & 0x20 ? "P" : "", aflags & 0x10 ? "E" : "");
		if (aflags & 0xf)
			out_fmt(pr->out, "+%x", aflags & 0xf);
		out_str(pr->out, in_set ? "]" : "]: ");
	}
	if (in_set)
		out_str(pr->out, ": ");
}

static bool print_attr(np_printer *pr, uint8_t atype, const uint8_t *pptr, uint32_t len, unsigned level);

/* ATTR_SET (RFC 6368): the origin AS, then nested attributes. *lenp
 * becomes what the walk left, as tcpdump's len does (its -vv dump). */
static bool print_attr_set(np_printer *pr, const uint8_t *t, uint32_t *lenp, unsigned level)
{
	uint32_t len = *lenp;
	uint32_t as, alenlen, alen;
	uint8_t aflags, atype;
	if (!np_has(t, pr->snapend, 4) || len < 4)
		return false;
	NP_GET_BE32(as, t, pr->snapend);
	out_fmt(pr->out, "\n\t    Origin AS: %s", as_fmt(pr, as).s);
	t += 4;
	len -= 4;
	while (len) {
		if (!np_has(t, pr->snapend, 2))
			return false;
		if (len < 2) {
			out_str(pr->out, " [path attr too short]");
			goto out;
		}
		NP_GET_U8(aflags, t, pr->snapend);
		NP_GET_U8(atype, t + 1, pr->snapend);
		t += 2;
		len -= 2;
		alenlen = (aflags & 0x10) ? 2 : 1;
		if (!np_has(t, pr->snapend, alenlen))
			return false;
		if (len < alenlen) {
			out_str(pr->out, " [path attr too short]");
			goto out;
		}
		if (!attr_len(pr, t, alenlen, &alen))
			goto trunc;
		t += alenlen;
		len -= alenlen;
		print_attr_head(pr, "\n\t      ", atype, alen, aflags, true);
		if (len < alen) {
			out_str(pr->out, " [path attr too short]");
			goto out;
		}
		if (level == 10)
			out_str(pr->out, "(too many nested levels, not recursing)");
		else if (!print_attr(pr, atype, t, alen, level + 1))
			return false;
		t += alen;
		len -= alen;
	}
out:
	*lenp = len;
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static bool print_attr(np_printer *pr, uint8_t atype, const uint8_t *pptr, uint32_t len, unsigned level)
{
	const uint8_t *t = pptr;
	uint32_t tlen = len;
	uint8_t u8, n;
	uint16_t u16;
	uint32_t u32, a, b, c, i;
	switch (atype) {
	case ATTR_ORIGIN:
		if (len != 1) {
			out_str(pr->out, "invalid len");
		} else {
			NP_GET_U8(u8, t, pr->snapend);
			const char *s = tok_name(bgp_origin_values, u8);
			out_str(pr->out, s ? s : "Unknown Origin Typecode");
		}
		break;
	case ATTR_AS4_PATH:
	case ATTR_AS_PATH: {
		uint32_t as_size;
		if (len % 2) {
			out_str(pr->out, "invalid len");
			break;
		}
		if (len == 0) {
			out_str(pr->out, "empty");
			break;
		}
		as_size = as_size_of(pr, atype, pptr, len);
		while (t < pptr + len) {
			const char *s;
			NP_GET_U8(u8, t, pr->snapend);
			s = tok_name(as_seg_open, u8);
			out_str(pr->out, s ? s : "?");
			NP_GET_U8(n, t + 1, pr->snapend);
			for (i = 0; i < n * as_size; i += as_size) {
				if (!np_has(t + 2 + i, pr->snapend, as_size))
					return false;
				if (as_size == 2) {
					NP_GET_BE16(u16, t + i + 2, pr->snapend);
					u32 = u16;
				} else {
					NP_GET_BE32(u32, t + i + 2, pr->snapend);
				}
				out_str(pr->out, as_fmt(pr, u32).s);
				out_char(pr->out, ' ');
			}
			s = tok_name(as_seg_close, u8);
			out_str(pr->out, s ? s : "?");
			t += 2 + n * as_size;
		}
		break;
	}
	case ATTR_NEXT_HOP:
	case ATTR_ORIGINATOR_ID:
		if (len != 4) {
			out_str(pr->out, "invalid len");
		} else {
			NP_CHECK(t, pr->snapend, 4);
			print_ipv4_at(pr, t);
		}
		break;
	case ATTR_MED:
	case ATTR_LOCAL_PREF:
		if (len != 4) {
			out_str(pr->out, "invalid len");
		} else {
			NP_GET_BE32(u32, t, pr->snapend);
			out_u32(pr->out, u32);
		}
		break;
	case ATTR_ATOMIC_AGGREGATE:
		if (len != 0)
			out_str(pr->out, "invalid len");
		break;
	case ATTR_AGGREGATOR:
	case ATTR_AGGREGATOR4:
		if ((atype == ATTR_AGGREGATOR && len != 6 && len != 8) || (atype == ATTR_AGGREGATOR4 && len != 8)) {
			out_str(pr->out, "invalid len");
			break;
		}
		if (atype == ATTR_AGGREGATOR && !np_has(t, pr->snapend, len))
			return false;
		if (len == 6) {
			NP_GET_BE16(u16, t, pr->snapend);
			u32 = u16;
		} else {
			NP_GET_BE32(u32, t, pr->snapend);
		}
		NP_CHECK(t + len - 4, pr->snapend, 4);
		out_str(pr->out, " AS #");
		out_str(pr->out, as_fmt(pr, u32).s);
		out_str(pr->out, ", origin ");
		print_ipv4_at(pr, t + len - 4);
		break;
	case ATTR_COMMUNITIES:
		if (len % 4) {
			out_str(pr->out, "invalid len");
			break;
		}
		while (tlen != 0) {
			if (!np_has(t, pr->snapend, 4))
				return false;
			NP_GET_BE32(u32, t, pr->snapend);
			if (u32 == 0xffffff01) {
				out_str(pr->out, " NO_EXPORT");
			} else if (u32 == 0xffffff02) {
				out_str(pr->out, " NO_ADVERTISE");
			} else if (u32 == 0xffffff03) {
				out_str(pr->out, " NO_EXPORT_SUBCONFED");
			} else {
				out_u32(pr->out, u32 >> 16);
				out_char(pr->out, ':');
				out_u32(pr->out, u32 & 0xffff);
				if (tlen > 4)
					out_str(pr->out, ", ");
			}
			tlen -= 4;
			t += 4;
		}
		break;
	case ATTR_CLUSTER_LIST:
		if (len % 4) {
			out_str(pr->out, "invalid len");
			break;
		}
		while (tlen != 0) {
			NP_CHECK(t, pr->snapend, 4);
			print_ipv4_at(pr, t);
			if (tlen > 4)
				out_str(pr->out, ", ");
			tlen -= 4;
			t += 4;
		}
		break;
	case ATTR_AIGP:
		while (tlen >= 3) {
			uint8_t type;
			uint16_t length;
			uint64_t metric;
			NP_GET_U8(type, t, pr->snapend);
			NP_GET_BE16(length, t + 1, pr->snapend);
			t += 3;
			tlen -= 3;
			out_str(pr->out, "\n\t    ");
			{
				const char *s = tok_name(bgp_aigp_values, type);
				out_str(pr->out, s ? s : "Unknown");
			}
			out_str(pr->out, " TLV (");
			out_u32(pr->out, type);
			out_str(pr->out, "), length ");
			out_u32(pr->out, length);
			if (length < 3 || tlen < length - 3u)
				return false;
			length -= 3;
			if (type == 1) {
				if (length < 8)
					return false;
				NP_GET_BE64(metric, t, pr->snapend);
				out_str(pr->out, ", metric ");
				out_u64(pr->out, metric);
			} else if (pr->o.vflag <= 1) {
				print_hex_block(pr, t, "\n\t      ", length);
			}
			t += length;
			tlen -= length;
		}
		break;
	case ATTR_MP_REACH:
	case ATTR_MP_UNREACH:
		if (!print_mp(pr, atype == ATTR_MP_REACH, pptr, len))
			return false;
		break;
	case ATTR_EXTD_COMMUNITIES:
		if (!print_ext_communities(pr, pptr, len))
			return false;
		break;
	case ATTR_PMSI_TUNNEL:
		if (!print_pmsi_tunnel(pr, pptr, len))
			return false;
		break;
	case ATTR_ATTR_SET:
		if (!print_attr_set(pr, pptr, &len, level))
			return false;
		break;
	case ATTR_LARGE_COMMUNITY:
		if (len == 0 || len % 12) {
			out_str(pr->out, "invalid len");
			break;
		}
		out_str(pr->out, "\n\t    ");
		while (tlen != 0) {
			NP_GET_BE32(a, t, pr->snapend);
			NP_GET_BE32(b, t + 4, pr->snapend);
			NP_GET_BE32(c, t + 8, pr->snapend);
			out_u32(pr->out, a);
			out_char(pr->out, ':');
			out_u32(pr->out, b);
			out_char(pr->out, ':');
			out_u32(pr->out, c);
			if (tlen > 12)
				out_str(pr->out, ", ");
			t += 12;
			tlen -= 12;
		}
		len = 0; /* tcpdump walks len itself here: no -vv dump */
		break;
	default:
		if (!np_has(pptr, pr->snapend, len))
			return false;
		out_str(pr->out, "\n\t    no Attribute ");
		out_u32(pr->out, atype);
		out_str(pr->out, " decoder");
		if (pr->o.vflag <= 1)
			print_hex_block(pr, pptr, "\n\t    ", len);
		break;
	}
	if (pr->o.vflag > 1 && len) {
		if (!np_has(pptr, pr->snapend, len))
			return false;
		print_hex_block(pr, pptr, "\n\t    ", len);
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void print_capabilities(np_printer *pr, const uint8_t *opt, uint32_t caps_len)
{
	uint32_t i = 0;
	uint8_t cap_type, cap_len, u8, u8b;
	uint16_t afi;
	uint32_t u32, off, tl;
	while (i < caps_len) {
		if (!np_has(opt + i, pr->snapend, 2))
			goto soft;
		NP_GET_U8(cap_type, opt + i, pr->snapend);
		NP_GET_U8(cap_len, opt + i + 1, pr->snapend);
		out_str(pr->out, "\n\t      ");
		print_tok_num(pr, bgp_capcode_values, "Unknown", cap_type);
		out_str(pr->out, ", length: ");
		out_u32(pr->out, cap_len);
		if (!np_has(opt + i + 2, pr->snapend, cap_len))
			goto soft;
		switch (cap_type) {
		case CAP_MP:
			if (cap_len < 4) {
				out_str(pr->out, " (too short, < 4)");
				return;
			}
			NP_GET_BE16(afi, opt + i + 2, pr->snapend);
			NP_GET_U8(u8, opt + i + 5, pr->snapend);
			out_str(pr->out, "\n\t\t");
			print_afi_safi(pr, afi, u8);
			break;
		case CAP_ML:
			for (off = 2, tl = cap_len; tl >= 4; tl -= 4, off += 4) {
				NP_GET_BE16(afi, opt + i + off, pr->snapend);
				NP_GET_U8(u8, opt + i + off + 2, pr->snapend);
				NP_GET_U8(u8b, opt + i + off + 3, pr->snapend);
				out_str(pr->out, "\n\t\t");
				print_afi_safi(pr, afi, u8);
				out_str(pr->out, ", Count: ");
				out_u32(pr->out, u8b);
			}
			break;
		case CAP_RESTART: {
			uint16_t rt;
			if (cap_len < 2) {
				out_str(pr->out, " (too short, < 2)");
				return;
			}
			NP_GET_U8(u8, opt + i + 2, pr->snapend);
			NP_GET_BE16(rt, opt + i + 2, pr->snapend);
			out_str(pr->out, "\n\t\tRestart Flags: [");
			out_str(pr->out, (u8 & 0x80) ? "R" : "none");
			out_str(pr->out, "], Restart Time ");
			out_u32(pr->out, rt & 0xfffu);
			out_char(pr->out, 's');
			for (off = 4, tl = cap_len - 2u; tl >= 4; tl -= 4, off += 4) {
				NP_GET_BE16(afi, opt + i + off, pr->snapend);
				NP_GET_U8(u8, opt + i + off + 2, pr->snapend);
				NP_GET_U8(u8b, opt + i + off + 3, pr->snapend);
				out_str(pr->out, "\n\t\t  ");
				print_afi_safi(pr, afi, u8);
				out_str(pr->out, ", Forwarding state preserved: ");
				out_str(pr->out, (u8b & 0x80) ? "yes" : "no");
			}
			break;
		}
		case CAP_RR:
		case CAP_LLGR:
		case CAP_RR_CISCO: break;
		case CAP_AS_NEW:
			if (cap_len < 4) {
				out_str(pr->out, " (too short, < 4)");
				return;
			}
			NP_GET_BE32(u32, opt + i + 2, pr->snapend);
			out_str(pr->out, "\n\t\t 4 Byte AS ");
			out_str(pr->out, as_fmt(pr, u32).s);
			break;
		case CAP_ADD_PATH:
			if (cap_len == 0) {
				out_str(pr->out, " (bogus)");
				break;
			}
			for (off = 2, tl = cap_len; tl != 0; tl -= 4, off += 4) {
				if (tl < 4) {
					print_invalid(pr);
					break;
				}
				NP_GET_BE16(afi, opt + i + off, pr->snapend);
				NP_GET_U8(u8, opt + i + off + 2, pr->snapend);
				NP_GET_U8(u8b, opt + i + off + 3, pr->snapend);
				out_str(pr->out, "\n\t\t");
				print_afi_safi(pr, afi, u8);
				out_str(pr->out, ", Send/Receive: ");
				out_str(pr->out, tok2str(bgp_add_path_recvsend, "Bogus (0x%02x)", u8b));
			}
			break;
		default:
			out_str(pr->out, "\n\t\tno decoder for Capability ");
			out_u32(pr->out, cap_type);
			if (pr->o.vflag <= 1)
				print_hex_block(pr, opt + i + 2, "\n\t\t", cap_len);
			break;
		}
		if (pr->o.vflag > 1 && cap_len != 0)
			print_hex_block(pr, opt + i + 2, "\n\t\t", cap_len);
		i += 2u + cap_len;
	}
	return;
soft:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_open(np_printer *pr, const uint8_t *dat, uint32_t length)
{
	uint8_t ver, optslen, type, olen;
	uint16_t as, hold;
	const uint8_t *opt;
	uint32_t i;
	if (!np_has(dat, pr->snapend, BGP_OPEN_SIZE) || length < BGP_OPEN_SIZE)
		goto soft;
	NP_GET_U8(ver, dat + 19, pr->snapend);
	NP_GET_BE16(as, dat + 20, pr->snapend);
	NP_GET_BE16(hold, dat + 22, pr->snapend);
	NP_GET_U8(optslen, dat + 28, pr->snapend);
	out_str(pr->out, "\n\t  Version ");
	out_u32(pr->out, ver);
	out_str(pr->out, ", my AS ");
	out_str(pr->out, as_fmt(pr, as).s);
	out_str(pr->out, ", Holdtime ");
	out_u32(pr->out, hold);
	out_str(pr->out, "s, ID ");
	out_ipv4(pr->out, dat + 24);
	out_str(pr->out, "\n\t  Optional parameters, length: ");
	out_u32(pr->out, optslen);
	opt = dat + BGP_OPEN_SIZE;
	length -= BGP_OPEN_SIZE;
	for (i = 0; i < optslen;) {
		if (!np_has(opt + i, pr->snapend, 2) || length < 2 + i)
			goto soft;
		NP_GET_U8(type, opt + i, pr->snapend);
		NP_GET_U8(olen, opt + i + 1, pr->snapend);
		if (2u + i + olen > optslen) {
			out_str(pr->out, "\n\t     Option ");
			out_u32(pr->out, type);
			out_str(pr->out, ", length: ");
			out_u32(pr->out, olen);
			out_str(pr->out, ", goes past the end of the options");
			break;
		}
		out_str(pr->out, "\n\t    Option ");
		print_tok_num(pr, bgp_opt_values, "Unknown", type);
		out_str(pr->out, ", length: ");
		out_u32(pr->out, olen);
		if (type == 2) {
			print_capabilities(pr, opt + 2 + i, olen);
			if (pr->stopped)
				return;
		} else {
			out_str(pr->out, "\n\t      no decoder for option ");
			out_u32(pr->out, type);
		}
		i += 2u + olen;
	}
	return;
soft:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

/* A run of IPv4 prefixes (withdrawn or updated routes), with path ids
 * when they look like RFC 7911's. False after a truncation. */
static bool print_prefixes4(np_printer *pr, const uint8_t **pp, uint32_t *length, uint32_t n, bool in_length)
{
	const uint8_t *p = *pp;
	bool add_path = check_add_path(pr, p, n, 32);
	uint32_t path_id = 0;
	while (n != 0) {
		size_t mark;
		int r;
		if (add_path) {
			if (n < 4) {
				if (in_length)
					goto soft;
				p += n;
				*length -= n;
				break;
			}
			NP_GET_BE32(path_id, p, pr->snapend);
			p += 4;
			*length -= 4;
			n -= 4;
		}
		mark = out_mark(pr);
		out_str(pr->out, "\n\t    ");
		r = decode_prefix4(pr, p, n);
		if (r < 0)
			pr->out->len = mark;
		if (r == -1) {
			out_str(pr->out, "\n\t    (illegal prefix length)");
			break;
		} else if (r == -3) {
			goto trunc;
		} else if (r == -2) {
			goto soft;
		}
		if (add_path) {
			out_str(pr->out, "   Path Id: ");
			out_u32(pr->out, path_id);
		}
		p += r;
		*length -= (uint32_t)r;
		n -= (uint32_t)r;
	}
	*pp = p;
	return true;
soft:
	print_trunc(pr);
	return false;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void print_update(np_printer *pr, const uint8_t *dat, uint32_t length)
{
	const uint8_t *p;
	uint16_t wlen, len;
	if (!np_has(dat, pr->snapend, BGP_SIZE) || length < BGP_SIZE)
		goto soft;
	p = dat + BGP_SIZE;
	length -= BGP_SIZE;
	if (!np_has(p, pr->snapend, 2) || length < 2)
		goto soft;
	NP_GET_BE16(wlen, p, pr->snapend);
	p += 2;
	length -= 2;
	if (!np_has(p, pr->snapend, wlen) || length < wlen)
		goto soft;
	if (wlen > 1) {
		uint32_t before = length;
		out_str(pr->out, "\n\t  Withdrawn routes:");
		if (!print_prefixes4(pr, &p, &length, wlen, false))
			return;
		wlen = (uint16_t)(wlen - (before - length));
	} else {
		p += wlen;
		length -= wlen;
	}
	if (!np_has(p, pr->snapend, 2) || length < 2)
		goto soft;
	NP_GET_BE16(len, p, pr->snapend);
	p += 2;
	length -= 2;
	if (wlen == 0 && len == 0 && length == 0) {
		out_str(pr->out, "\n\t  End-of-Rib Marker (empty NLRI)");
		return;
	}
	if (len && length < len)
		goto soft;
	while (len) {
		uint8_t aflags, atype;
		uint32_t alenlen, alen;
		if (!np_has(p, pr->snapend, 2) || length < 2)
			goto soft;
		if (len < 2) {
			out_str(pr->out, "\n\t  [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		NP_GET_U8(aflags, p, pr->snapend);
		NP_GET_U8(atype, p + 1, pr->snapend);
		p += 2;
		len -= 2;
		length -= 2;
		alenlen = (aflags & 0x10) ? 2 : 1;
		if (!np_has(p, pr->snapend, alenlen) || length < alenlen)
			goto soft;
		if (len < alenlen) {
			out_str(pr->out, "\n\t  [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		if (!attr_len(pr, p, alenlen, &alen))
			goto trunc;
		p += alenlen;
		len = (uint16_t)(len - alenlen);
		length -= alenlen;
		print_attr_head(pr, "\n\t  ", atype, alen, aflags, false);
		if (len < alen) {
			out_str(pr->out, " [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		if (length < alen)
			goto soft;
		if (!print_attr(pr, atype, p, alen, 0)) {
			if (pr->stopped)
				return;
			goto soft;
		}
		p += alen;
		len = (uint16_t)(len - alen);
		length -= alen;
	}
	if (length) {
		out_str(pr->out, "\n\t  Updated routes:");
		print_prefixes4(pr, &p, &length, length, true);
	}
	return;
soft:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_notification(np_printer *pr, const uint8_t *dat, uint32_t length)
{
	uint8_t major, minor;
	const np_tok *minors = NULL;
	const char *sep = ", ";
	if (!np_has(dat, pr->snapend, BGP_NOTIFICATION_SIZE)) {
		print_trunc(pr);
		return;
	}
	if (length < BGP_NOTIFICATION_SIZE)
		return;
	NP_GET_U8(major, dat + 19, pr->snapend);
	NP_GET_U8(minor, dat + 20, pr->snapend);
	out_str(pr->out, ", ");
	print_tok_num(pr, bgp_notify_major_values, "Unknown Error", major);
	switch (major) {
	case NOTIFY_MSG: minors = bgp_notify_minor_msg_values; break;
	case NOTIFY_OPEN: minors = bgp_notify_minor_open_values; break;
	case NOTIFY_UPDATE: minors = bgp_notify_minor_update_values; break;
	case NOTIFY_FSM:
		minors = bgp_notify_minor_fsm_values;
		sep = " ";
		break;
	case NOTIFY_CAP:
		minors = bgp_notify_minor_cap_values;
		sep = " ";
		break;
	case NOTIFY_CEASE: minors = bgp_notify_minor_cease_values; break;
	default: break;
	}
	if (minors == NULL)
		return;
	out_str(pr->out, sep);
	out_str(pr->out, "subcode ");
	print_tok_num(pr, minors, "Unknown", minor);
	if (major != NOTIFY_CEASE)
		return;
	if (minor == 1 && length >= BGP_NOTIFICATION_SIZE + 7) {
		const uint8_t *t = dat + BGP_NOTIFICATION_SIZE;
		uint16_t afi;
		uint8_t safi;
		uint32_t maxp;
		NP_GET_BE16(afi, t, pr->snapend);
		NP_GET_U8(safi, t + 2, pr->snapend);
		NP_GET_BE32(maxp, t + 3, pr->snapend);
		out_str(pr->out, ", ");
		print_afi_safi(pr, afi, safi);
		out_str(pr->out, ", Max Prefixes: ");
		out_u32(pr->out, maxp);
	}
	if ((minor == 2 || minor == 4) && length >= BGP_NOTIFICATION_SIZE + 1) {
		const uint8_t *t = dat + BGP_NOTIFICATION_SIZE;
		uint8_t clen;
		uint32_t skip = 0, rest;
		NP_GET_U8(clen, t, pr->snapend);
		if (clen > length - (BGP_NOTIFICATION_SIZE + 1)) {
			out_str(pr->out, ", invalid Shutdown Communication length");
		} else if (clen == 0) {
			out_str(pr->out, ", empty Shutdown Communication");
			skip = 1;
		} else {
			out_str(pr->out, ", Shutdown Communication (length: ");
			out_u32(pr->out, clen);
			out_str(pr->out, "): \"");
			(void)print_text(pr, t + 1, clen);
			out_char(pr->out, '"');
			skip = clen + 1u;
		}
		rest = length - (skip + BGP_NOTIFICATION_SIZE);
		if (rest > 0) {
			out_str(pr->out, ", Data: (length: ");
			out_u32(pr->out, rest);
			out_char(pr->out, ')');
			(void)print_hex(pr, "\n\t\t", t + skip, rest);
		}
	}
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_route_refresh(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint16_t afi;
	uint8_t safi;
	if (!np_has(p, pr->snapend, BGP_ROUTE_REFRESH_SIZE)) {
		print_trunc(pr);
		return;
	}
	if (len < BGP_ROUTE_REFRESH_SIZE)
		return;
	NP_GET_BE16(afi, p + 19, pr->snapend);
	NP_GET_U8(safi, p + 22, pr->snapend);
	out_str(pr->out, "\n\t  ");
	print_afi_safi(pr, afi, safi);
	if (pr->o.vflag > 1) {
		if (!np_has(p, pr->snapend, len)) {
			print_trunc(pr);
			return;
		}
		print_hex_block(pr, p, "\n\t  ", len);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* One message of hlen bytes, all captured. */
static void print_pdu(np_printer *pr, const uint8_t *dat, uint32_t length)
{
	uint8_t type;
	NP_GET_U8(type, dat + 18, pr->snapend);
	out_str(pr->out, "\n\t");
	{
		const char *s = tok_name(bgp_msg_values, type);
		out_str(pr->out, s ? s : "Unknown");
	}
	out_str(pr->out, " Message (");
	out_u32(pr->out, type);
	out_str(pr->out, "), length: ");
	out_u32(pr->out, length);
	switch (type) {
	case BGP_OPEN: print_open(pr, dat, length); break;
	case BGP_UPDATE: print_update(pr, dat, length); break;
	case BGP_NOTIFICATION: print_notification(pr, dat, length); break;
	case BGP_KEEPALIVE: break;
	case BGP_ROUTE_REFRESH: print_route_refresh(pr, dat, length); break;
	default:
		out_str(pr->out, "\n\t  no Message ");
		out_u32(pr->out, type);
		out_str(pr->out, " decoder");
		print_hex_block(pr, dat, "\n\t  ", length);
		break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

void print_bgp(np_printer *pr, const uint8_t *dat, uint32_t length)
{
	const uint8_t *p = dat, *start = dat;
	(void)length;
	pr->protocol = "bgp";
	out_str(pr->out, ": BGP");
	if (pr->o.vflag < 1)
		return;
	while (p < pr->snapend) {
		uint16_t hlen;
		uint8_t type;
		uint8_t b;
		if (!np_get_u8(p, pr->snapend, &b))
			break;
		if (b != 0xff) {
			p++;
			continue;
		}
		if (!np_has(p, pr->snapend, 16))
			break;
		if (memcmp(p, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 16) != 0) {
			p++;
			continue;
		}
		if (!np_has(p, pr->snapend, BGP_SIZE)) {
			print_trunc(pr);
			return;
		}
		if (start != p)
			print_trunc(pr);
		NP_GET_BE16(hlen, p + 16, pr->snapend);
		if (hlen < BGP_SIZE) {
			out_fmt(pr->out, "\nmessage length %u < %u", hlen, BGP_SIZE);
			print_invalid(pr);
			break;
		}
		if (np_has(p, pr->snapend, hlen)) {
			print_pdu(pr, p, hlen);
			if (pr->stopped)
				return;
			p += hlen;
			start = p;
		} else {
			const char *s;
			NP_GET_U8(type, p + 18, pr->snapend);
			s = tok_name(bgp_msg_values, type);
			out_str(pr->out, "\n[|BGP ");
			out_str(pr->out, s ? s : "Unknown Message Type");
			out_char(pr->out, ']');
			break;
		}
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* For the MPLS printers (lspping.c, ldp.c): see print.h. */
bool print_bgp_rd(np_printer *pr, const uint8_t *p)
{
	return print_rd(pr, p);
}

int print_bgp_prefix(np_printer *pr, const char *lead, bool v6, const uint8_t *p, uint32_t itemlen)
{
	size_t mark = out_mark(pr);
	out_str(pr->out, lead);
	int r = v6 ? decode_prefix6(pr, p, itemlen) : decode_prefix4(pr, p, itemlen);
	if (r > 0)
		return r;
	pr->out->len = mark;
	return r == -1 ? -1 : -2;
}
