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
	ATTR_AS4_PATH = 17,
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

/*
 * One path attribute's value. False when the printer ran off the capture
 * (pr->stopped then) or, like tcpdump's, met a truncation to report by the
 * caller.
 */
static bool print_attr(np_printer *pr, uint8_t atype, const uint8_t *pptr, uint32_t len)
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
				out_u32(pr->out, u32);
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
		out_u32(pr->out, u32);
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
			out_u32(pr->out, u32);
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
	out_u32(pr->out, as);
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
		out_str(pr->out, "\n\t    ");
		/* tcpdump builds the text first; print it only when whole. */
		{
			size_t mark = pr->out->len;
			r = decode_prefix4(pr, p, n);
			if (r < 0)
				pr->out->len = mark;
		}
		if (r == -1) {
			out_str(pr->out, "(illegal prefix length)");
			break;
		} else if (r == -3) {
			goto trunc;
		} else if (r == -2) {
			pr->out->len -= 6; /* the "\n\t    " */
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
		if (alenlen == 2) {
			uint16_t v;
			NP_GET_BE16(v, p, pr->snapend);
			alen = v;
		} else {
			uint8_t v;
			NP_GET_U8(v, p, pr->snapend);
			alen = v;
		}
		p += alenlen;
		len = (uint16_t)(len - alenlen);
		length -= alenlen;
		out_str(pr->out, "\n\t  ");
		{
			const char *s = tok_name(bgp_attr_values, atype);
			out_str(pr->out, s ? s : "Unknown Attribute");
		}
		out_str(pr->out, " (");
		out_u32(pr->out, atype);
		out_str(pr->out, "), length: ");
		out_u32(pr->out, alen);
		if (aflags) {
			out_str(pr->out, ", Flags [");
			if (aflags & 0x80)
				out_char(pr->out, 'O');
			if (aflags & 0x40)
				out_char(pr->out, 'T');
			if (aflags & 0x20)
				out_char(pr->out, 'P');
			if (aflags & 0x10)
				out_char(pr->out, 'E');
			if (aflags & 0xf)
				out_fmt(pr->out, "+%x", aflags & 0xf);
			out_str(pr->out, "]: ");
		}
		if (len < alen) {
			out_str(pr->out, " [path attrs too short]");
			p += len;
			length -= len;
			break;
		}
		if (length < alen)
			goto soft;
		if (!print_attr(pr, atype, p, alen)) {
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
