/*
 * rsvp.c - RSVP and RSVP-TE (RFC 2205, 3209, 3473, 4090; IP protocol 46)
 * as tcpdump 4.99's print-rsvp.c writes it: one summary line by default;
 * with -v the common header and every object: sessions, hops, time
 * values, styles, sender templates and filter specs, labels and label
 * requests, explicit and recorded routes, hellos, restart and recovery
 * capabilities, session attributes, OIF generalized UNI, fast reroute,
 * detours, class types, error specs, message IDs, admin status, label sets
 * and S2L sub-LSPs; bundles of messages; the rest as hex (and every object
 * as hex too with -vv).
 *
 * tcpdump's quirks are kept: the generalized UNI walk grows its length
 * instead of shrinking it (so it reads past the object), a captured object
 * cut short ends with " [|rsvp]" but the packet's -x dump stays as if the
 * printer had finished.
 *
 * Not for: the IntServ objects (Flowspec, Sender TSpec, Adspec) and the
 * Integrity object's digest check, which tcpdump decodes but this printer
 * does not yet (they print as unknown objects do), or Juniper's
 * Properties TLVs.
 */
#include "print.h"

#include <string.h>

#define RSVP_HDRLEN 8
#define OBJ_HDRLEN 4

static const np_tok rsvp_msg_names[] = {
	{1, "Path"},     {2, "Resv"},     {3, "PathErr"}, {4, "ResvErr"},          {5, "PathTear"},
	{6, "ResvTear"}, {7, "ResvConf"}, {12, "Bundle"}, {13, "Acknowledgement"}, {14, "Hello (Old)"},
	{15, "Refresh"}, {20, "Hello"},   {0, NULL},
};
static const np_tok rsvp_header_flag_names[] = {{0x01, "Refresh reduction capable"}, {0, NULL}};
static const np_tok capability_flag_names[] = {
	{0x0004, "RecoveryPath Transmit Enabled"},
	{0x0002, "RecoveryPath Desired"},
	{0x0001, "RecoveryPath Srefresh Capable"},
	{0, NULL},
};
static const np_tok xro_names[] = {
	{0, "Reserved"},
	{1, "IPv4 prefix"},
	{2, "IPv6 prefix"},
	{3, "Label"},
	{32, "Autonomous system number"},
	{64, "MPLS label switched path termination"},
	{0, NULL},
};
static const np_tok rro_flag_names[] = {
	{0x01, "Local protection available"},
	{0x02, "Local protection in use"},
	{0x04, "Bandwidth protection"},
	{0x08, "Node protection"},
	{0, NULL},
};
static const np_tok rro_label_flag_names[] = {{0x01, "Global"}, {0, NULL}};
static const np_tok resstyle_names[] = {
	{17, "Wildcard Filter"}, {10, "Fixed Filter"}, {18, "Shared Explicit"}, {0, NULL}};
static const np_tok session_attribute_flag_names[] = {
	{0x01, "Local Protection"},     {0x02, "Label Recording"}, {0x04, "SE Style"},
	{0x08, "Bandwidth protection"}, {0x10, "Node protection"}, {0, NULL},
};
static const np_tok error_code_names[] = {
	{24, "Routing Problem"},
	{25, "Notify Error"},
	{28, "Diffserv TE Error"},
	{125, "Diffserv TE Error (Old)"},
	{0, NULL},
};
static const np_tok error_routing_names[] = {
	{1, "Bad EXPLICIT_ROUTE object"},
	{2, "Bad strict node"},
	{3, "Bad loose node"},
	{4, "Bad initial subobject"},
	{5, "No route available toward destination"},
	{6, "Unacceptable label value"},
	{7, "RRO indicated routing loops"},
	{8, "non-RSVP-capable router in the path"},
	{9, "MPLS label allocation failure"},
	{10, "Unsupported L3PID"},
	{0, NULL},
};
static const np_tok error_diffserv_te_names[] = {
	{1, "Unexpected CT object"},
	{2, "Unsupported CT"},
	{3, "Invalid CT value"},
	{4, "CT/setup priority do not form a configured TE-Class"},
	{5, "CT/holding priority do not form a configured TE-Class"},
	{6, "CT/setup priority and CT/holding priority do not form a configured TE-Class"},
	{7, "Inconsistency between signaled PSC and signaled CT"},
	{8, "Inconsistency between signaled PHBs and signaled CT"},
	{0, NULL},
};
static const np_tok admin_status_flag_names[] = {
	{0x80000000, "Reflect"},
	{0x00000004, "Testing"},
	{0x00000002, "Admin-down"},
	{0x00000001, "Delete-in-progress"},
	{0, NULL},
};
static const np_tok label_set_action_names[] = {
	{0, "Inclusive list"}, {1, "Exclusive list"}, {2, "Inclusive range"}, {3, "Exclusive range"}, {0, NULL},
};
static const np_tok gen_uni_names[] = {
	{1, "Source TNA address"}, {2, "Destination TNA address"}, {3, "Diversity"},
	{4, "Egress label"},       {5, "Service level"},           {0, NULL},
};

/* GMPLS generalized PIDs (RFC 3471), tcpdump's gmpls_payload_values. */
static const np_tok gmpls_payload_names[] = {
	{0, "Unknown"},
	{1, "Reserved"},
	{2, "Reserved"},
	{3, "Reserved"},
	{4, "Reserved"},
	{5, "Asynchronous mapping of E4"},
	{6, "Asynchronous mapping of DS3/T3"},
	{7, "Asynchronous mapping of E3"},
	{8, "Bit synchronous mapping of E3"},
	{9, "Byte synchronous mapping of E3"},
	{10, "Asynchronous mapping of DS2/T2"},
	{11, "Bit synchronous mapping of DS2/T2"},
	{12, "Reserved"},
	{13, "Asynchronous mapping of E1"},
	{14, "Byte synchronous mapping of E1"},
	{15, "Byte synchronous mapping of 31 * DS0"},
	{16, "Asynchronous mapping of DS1/T1"},
	{17, "Bit synchronous mapping of DS1/T1"},
	{18, "Byte synchronous mapping of DS1/T1"},
	{19, "VC-11 in VC-12"},
	{20, "Reserved"},
	{21, "Reserved"},
	{22, "DS1 SF Asynchronous"},
	{23, "DS1 ESF Asynchronous"},
	{24, "DS3 M23 Asynchronous"},
	{25, "DS3 C-Bit Parity Asynchronous"},
	{26, "VT/LOVC"},
	{27, "STS SPE/HOVC"},
	{28, "POS - No Scrambling, 16 bit CRC"},
	{29, "POS - No Scrambling, 32 bit CRC"},
	{30, "POS - Scrambling, 16 bit CRC"},
	{31, "POS - Scrambling, 32 bit CRC"},
	{32, "ATM mapping"},
	{33, "Ethernet PHY"},
	{34, "SONET/SDH"},
	{35, "Reserved (SONET deprecated)"},
	{36, "Digital Wrapper"},
	{37, "Lambda"},
	{38, "ANSI/ETSI PDH"},
	{39, "Reserved"},
	{40, "Link Access Protocol SDH (X.85 and X.86)"},
	{41, "FDDI"},
	{42, "DQDB (ETSI ETS 300 216)"},
	{43, "FiberChannel-3 (Services)"},
	{44, "HDLC"},
	{45, "Ethernet V2/DIX (only)"},
	{46, "Ethernet 802.3 (only)"},
	{47, "G.709 ODUj"},
	{48, "G.709 OTUk(v)"},
	{49, "CBR/CBRa"},
	{50, "CBRb"},
	{51, "BSOT"},
	{52, "BSNT"},
	{53, "IP/PPP (GFP)"},
	{54, "Ethernet MAC (framed GFP)"},
	{55, "Ethernet PHY (transparent GFP)"},
	{56, "ESCON"},
	{57, "FICON"},
	{58, "Fiber Channel"},
	{0, NULL},
};

/* Class-Type names by class * 256 + C-Type, tcpdump's rsvp_ctype_values. */
static const np_tok rsvp_ctype_names[] = {
	{3 * 256 + 1, "IPv4"},
	{3 * 256 + 2, "IPv6"},
	{3 * 256 + 3, "IPv4 plus opt. TLVs"},
	{3 * 256 + 4, "IPv6 plus opt. TLVs"},
	{195 * 256 + 1, "IPv4"},
	{195 * 256 + 2, "IPv6"},
	{15 * 256 + 1, "IPv4"},
	{15 * 256 + 2, "IPv6"},
	{5 * 256 + 1, "1"},
	{9 * 256 + 1, "obsolete"},
	{9 * 256 + 2, "IntServ"},
	{12 * 256 + 2, "IntServ"},
	{13 * 256 + 2, "IntServ"},
	{10 * 256 + 1, "IPv4"},
	{10 * 256 + 2, "IPv6"},
	{10 * 256 + 3, "IPv6 Flow-label"},
	{10 * 256 + 7, "Tunnel IPv4"},
	{10 * 256 + 12, "IPv4 P2MP LSP Tunnel"},
	{10 * 256 + 13, "IPv6 P2MP LSP Tunnel"},
	{1 * 256 + 1, "IPv4"},
	{1 * 256 + 2, "IPv6"},
	{1 * 256 + 7, "Tunnel IPv4"},
	{1 * 256 + 11, "UNI IPv4"},
	{1 * 256 + 13, "IPv4 P2MP LSP Tunnel"},
	{1 * 256 + 14, "IPv6 P2MP LSP Tunnel"},
	{11 * 256 + 1, "IPv4"},
	{11 * 256 + 2, "IPv6"},
	{11 * 256 + 7, "Tunnel IPv4"},
	{11 * 256 + 12, "IPv4 P2MP LSP Tunnel"},
	{11 * 256 + 13, "IPv6 P2MP LSP Tunnel"},
	{23 * 256 + 1, "1"},
	{24 * 256 + 1, "Message id ack"},
	{24 * 256 + 2, "Message id nack"},
	{25 * 256 + 1, "1"},
	{8 * 256 + 1, "1"},
	{22 * 256 + 1, "Hello Request"},
	{22 * 256 + 2, "Hello Ack"},
	{19 * 256 + 1, "without label range"},
	{19 * 256 + 2, "with ATM label range"},
	{19 * 256 + 3, "with FR label range"},
	{19 * 256 + 4, "Generalized Label"},
	{16 * 256 + 1, "Label"},
	{16 * 256 + 2, "Generalized Label"},
	{16 * 256 + 3, "Waveband Switching"},
	{129 * 256 + 1, "Label"},
	{129 * 256 + 2, "Generalized Label"},
	{129 * 256 + 3, "Waveband Switching"},
	{35 * 256 + 1, "Label"},
	{35 * 256 + 2, "Generalized Label"},
	{35 * 256 + 3, "Waveband Switching"},
	{34 * 256 + 1, "Label"},
	{34 * 256 + 2, "Generalized Label"},
	{34 * 256 + 3, "Waveband Switching"},
	{20 * 256 + 1, "IPv4"},
	{21 * 256 + 1, "IPv4"},
	{6 * 256 + 1, "IPv4"},
	{6 * 256 + 2, "IPv6"},
	{6 * 256 + 3, "IPv4 plus opt. TLVs"},
	{6 * 256 + 4, "IPv6 plus opt. TLVs"},
	{131 * 256 + 1, "IPv4"},
	{134 * 256 + 1, "1"},
	{207 * 256 + 7, "Tunnel IPv4"},
	{205 * 256 + 7, "Tunnel IPv4"},
	{205 * 256 + 1, "1"},
	{63 * 256 + 7, "Tunnel IPv4"},
	{204 * 256 + 1, "1"},
	{196 * 256 + 1, "1"},
	{66 * 256 + 1, "1"},
	{125 * 256 + 1, "1"},
	{36 * 256 + 1, "1"},
	{229 * 256 + 1, "1"},
	{50 * 256 + 1, "IPv4 sub-LSP"},
	{50 * 256 + 2, "IPv6 sub-LSP"},
	{0, NULL},
};

static const np_tok rsvp_obj_names[] = {
	{1, "Session"},
	{3, "RSVP Hop"},
	{4, "Integrity"},
	{5, "Time Values"},
	{6, "Error Spec"},
	{7, "Scope"},
	{8, "Style"},
	{9, "Flowspec"},
	{10, "FilterSpec"},
	{11, "Sender Template"},
	{12, "Sender TSpec"},
	{13, "Adspec"},
	{14, "Policy Data"},
	{15, "Confirm"},
	{16, "Label"},
	{19, "Label Request"},
	{20, "ERO"},
	{21, "RRO"},
	{22, "Hello"},
	{23, "Message ID"},
	{24, "Message ID Ack"},
	{25, "Message ID List"},
	{34, "Recovery Label"},
	{35, "Upstream Label"},
	{36, "Label Set"},
	{130, "Acceptable Label Set"},
	{63, "Detour"},
	{66, "Class Type"},
	{125, "Class Type (old)"},
	{129, "Suggested Label"},
	{204, "Properties"},
	{205, "Fast Re-Route"},
	{207, "Session Attribute"},
	{229, "Generalized UNI"},
	{230, "Call-ID"},
	{236, "Call Capability"},
	{131, "Restart Capability"},
	{134, "Capability"},
	{195, "Notify Request"},
	{37, "Protection"},
	{196, "Administrative Status"},
	{50, "Sub-LSP to LSP"},
	{0, NULL},
};
/* What an object body tells the object walk. */
enum obj_result {
	OBJ_DONE,          /* printed */
	OBJ_HEX,           /* dump the object as hex (tcpdump's hexdump flag) */
	OBJ_TOO_SHORT,     /* "ERROR: object is too short", end */
	OBJ_SUB_TOO_SHORT, /* "ERROR: sub-object is too short", end */
	OBJ_INVALID,       /* " (invalid)", end */
	OBJ_TRUNC,         /* " [|rsvp]", end */
	OBJ_STOP,          /* ran off the capture: the packet stops */
};

struct rsvp_obj {
	np_printer *pr;
	const char *ind; /* "\n\t  " or, inside a bundle, "\n\t    " */
	const uint8_t *v;
	uint32_t len;
	uint8_t ctype;
};

static void print_addr(np_printer *pr, const uint8_t *a, bool v6)
{
	if (v6)
		out_ipv6(pr->out, a);
	else
		out_ipv4(pr->out, a);
}

/* The indent, then text (an address follows, printed by the caller). */
static void line(const struct rsvp_obj *o, const char *text)
{
	out_str(o->pr->out, o->ind);
	out_str(o->pr->out, text);
}

static enum obj_result obj_session(const struct rsvp_obj *o)
{
	np_out *out = o->pr->out;
	const uint8_t *v = o->v;
	switch (o->ctype) {
	case 1:
	case 2: {
		bool v6 = o->ctype == 2;
		uint32_t a = v6 ? 16 : 4;
		if (o->len < a + 4)
			return OBJ_TOO_SHORT;
		line(o, v6 ? "  IPv6 DestAddress: " : "  IPv4 DestAddress: ");
		print_addr(o->pr, v, v6);
		out_fmt(out, ", Protocol ID: 0x%02x%s  Flags: [0x%02x], DestPort %u", v[a], o->ind, v[a + 1],
			np_load_be16(v + a + 2));
		return OBJ_DONE;
	}
	case 8:
		if (o->len < 36)
			return OBJ_TOO_SHORT;
		line(o, "  IPv6 Tunnel EndPoint: ");
		out_ipv6(out, v);
		out_fmt(out, ", Tunnel ID: 0x%04x, Extended Tunnel ID: ", np_load_be16(v + 18));
		out_ipv6(out, v + 20);
		return OBJ_DONE;
	case 14:
		if (o->len < 26)
			return OBJ_TOO_SHORT;
		out_fmt(out, "%s  IPv6 P2MP LSP ID: 0x%08x, Tunnel ID: 0x%04x, Extended Tunnel ID: ", o->ind,
			np_load_be32(v), np_load_be16(v + 6));
		out_ipv6(out, v + 8);
		return OBJ_DONE;
	case 13:
	case 7:
	case 11:
		if (o->len < 12)
			return OBJ_TOO_SHORT;
		line(o, o->ctype == 13 ? "  IPv4 P2MP LSP ID: " : "  IPv4 Tunnel EndPoint: ");
		out_ipv4(out, v);
		out_fmt(out, ", Tunnel ID: 0x%04x, Extended Tunnel ID: ", np_load_be16(v + 6));
		out_ipv4(out, v + 8);
		return OBJ_DONE;
	default: return OBJ_HEX;
	}
}

/* Confirm and Notify Request: "IPv4 <what>: addr" or the IPv6 form. */
static enum obj_result obj_address(const struct rsvp_obj *o, const char *what)
{
	if (o->ctype != 1 && o->ctype != 2)
		return OBJ_HEX;
	bool v6 = o->ctype == 2;
	if (o->len < (v6 ? 16u : 4u))
		return OBJ_TOO_SHORT;
	out_fmt(o->pr->out, "%s  IPv%c %s: ", o->ind, v6 ? '6' : '4', what);
	print_addr(o->pr, o->v, v6);
	return OBJ_DONE;
}

static enum obj_result obj_label(const struct rsvp_obj *o)
{
	const uint8_t *v = o->v;
	switch (o->ctype) {
	case 1:
		for (uint32_t n = o->len; n >= 4; n -= 4, v += 4)
			out_fmt(o->pr->out, "%s  Label: %u", o->ind, np_load_be32(v));
		return OBJ_DONE;
	case 2:
		if (o->len < 4)
			return OBJ_TOO_SHORT;
		out_fmt(o->pr->out, "%s  Generalized Label: %u", o->ind, np_load_be32(v));
		return OBJ_DONE;
	case 3:
		if (o->len < 12)
			return OBJ_TOO_SHORT;
		out_fmt(o->pr->out, "%s  Waveband ID: %u%s  Start Label: %u, Stop Label: %u", o->ind, np_load_be32(v),
			o->ind, np_load_be32(v + 4), np_load_be32(v + 8));
		return OBJ_DONE;
	default: return OBJ_HEX;
	}
}

static void print_l3pid(const struct rsvp_obj *o, uint16_t pid)
{
	const char *name = ethertype_name(pid);
	out_fmt(o->pr->out, "%s  L3 Protocol ID: ", o->ind);
	if (name)
		out_str(o->pr->out, name);
	else
		out_fmt(o->pr->out, "Unknown Protocol (0x%04x)", pid);
}

static enum obj_result obj_label_req(const struct rsvp_obj *o)
{
	np_out *out = o->pr->out;
	const uint8_t *v = o->v;
	switch (o->ctype) {
	case 1:
		for (uint32_t n = o->len; n >= 4; n -= 4, v += 4)
			print_l3pid(o, np_load_be16(v + 2));
		return OBJ_DONE;
	case 2:
		if (o->len < 12)
			return OBJ_TOO_SHORT;
		print_l3pid(o, np_load_be16(v + 2));
		out_fmt(out, ",%s merge capability", (v[4] & 0x80) ? "no" : "");
		out_fmt(out, "%s  Minimum VPI/VCI: %u/%u", o->ind, np_load_be16(v + 4) & 0xfff,
			np_load_be16(v + 6) & 0xfff);
		out_fmt(out, "%s  Maximum VPI/VCI: %u/%u", o->ind, np_load_be16(v + 8) & 0xfff,
			np_load_be16(v + 10) & 0xfff);
		return OBJ_DONE;
	case 3: {
		if (o->len < 12)
			return OBJ_TOO_SHORT;
		print_l3pid(o, np_load_be16(v + 2));
		uint32_t bits = (np_load_be16(v + 4) >> 7) & 3;
		out_fmt(out, "%s  Minimum/Maximum DLCI: %u/%u, %s%s bit DLCI", o->ind, np_load_be32(v + 4) & 0x7fffff,
			np_load_be32(v + 8) & 0x7fffff, bits == 0 ? "10" : "", bits == 2 ? "23" : "");
		return OBJ_DONE;
	}
	case 4:
		if (o->len < 4)
			return OBJ_TOO_SHORT;
		out_fmt(out, "%s  LSP Encoding Type: %s (%u)", o->ind, tok2str(gmpls_encoding_names, "Unknown", v[0]),
			v[0]);
		out_fmt(out, "%s  Switching Type: %s (%u), Payload ID: %s (0x%04x)", o->ind,
			tok2str(gmpls_switch_cap_names, "Unknown", v[1]), v[1],
			tok2str(gmpls_payload_names, "Unknown", np_load_be16(v + 2)), np_load_be16(v + 2));
		return OBJ_DONE;
	default: return OBJ_HEX;
	}
}

static enum obj_result obj_route(const struct rsvp_obj *o)
{
	np_out *out = o->pr->out;
	const uint8_t *v = o->v;
	if (o->ctype != 1)
		return OBJ_HEX;
	for (uint32_t n = o->len; n >= 4;) {
		uint8_t type = v[0] & 0x7f, length = v[1];
		out_fmt(out, "%s  Subobject Type: %s, length %u", o->ind, tok2str(xro_names, "Unknown %u", type),
			length);
		if (n < length) {
			out_fmt(out, "%s  ERROR: ERO subobject length > object length", o->ind);
			break;
		}
		if (length == 0) {
			out_fmt(out, "%s  ERROR: zero length ERO subtype", o->ind);
			break;
		}
		if (type == 1 || type == 3) {
			if (length != 8) {
				out_str(out, " ERROR: length != 8");
				return OBJ_INVALID;
			}
		}
		if (type == 1) {
			if (v[6] != 32) {
				out_fmt(out, " ERROR: Prefix length %u != 32", v[6]);
				return OBJ_INVALID;
			}
			out_fmt(out, ", %s, ", (v[0] & 0x80) ? "Loose" : "Strict");
			out_ipv4(out, v + 2);
			out_fmt(out, "/%u, Flags: [", v[6]);
			print_bits(o->pr, rro_flag_names, v[7], ", ", "none");
			out_char(out, ']');
		} else if (type == 3) {
			out_str(out, ", Flags: [");
			print_bits(o->pr, rro_label_flag_names, v[2], ", ", "none");
			out_fmt(out, "] (%#x), Class-Type: %s (%u), %u", v[2],
				tok2str(rsvp_ctype_names, "Unknown", v[3] + 256u * 21), v[3], np_load_be32(v + 4));
		}
		n -= length;
		v += length;
	}
	return OBJ_DONE;
}

/* Hello (C-Types 1 and 2) and Restart Capability (1): two numbers. */
static enum obj_result obj_fixed_pair(const struct rsvp_obj *o, bool ctype2, const char *fmt)
{
	if (o->ctype != 1 && !(ctype2 && o->ctype == 2))
		return OBJ_HEX;
	if (o->len < 8)
		return OBJ_TOO_SHORT;
	out_str(o->pr->out, o->ind);
	out_fmt(o->pr->out, fmt, np_load_be32(o->v), np_load_be32(o->v + 4));
	return OBJ_DONE;
}

static enum obj_result obj_capability(const struct rsvp_obj *o)
{
	if (o->ctype != 1)
		return OBJ_HEX;
	if (o->len < 4)
		return OBJ_TOO_SHORT;
	uint32_t f = np_load_be32(o->v);
	if (f & ~7u)
		out_fmt(o->pr->out, "%s  [reserved=0x%08x must be zero]", o->ind, f & ~7u);
	out_fmt(o->pr->out, "%s  Flags: [", o->ind);
	print_bits(o->pr, capability_flag_names, f & 7u, ", ", "none");
	out_char(o->pr->out, ']');
	return OBJ_DONE;
}

static enum obj_result obj_session_attribute(const struct rsvp_obj *o)
{
	const uint8_t *v = o->v;
	if (o->ctype != 7)
		return OBJ_HEX;
	if (o->len < 4 || o->len < 4u + v[3])
		return OBJ_TOO_SHORT;
	out_fmt(o->pr->out, "%s  Session Name: ", o->ind);
	for (uint32_t i = 0; i < v[3]; i++)
		print_safe_char(o->pr, v[4 + i]);
	out_fmt(o->pr->out, "%s  Setup Priority: %u, Holding Priority: %u, Flags: [", o->ind, v[0], v[1]);
	print_bits(o->pr, session_attribute_flag_names, v[2], ", ", "none");
	out_fmt(o->pr->out, "] (%#x)", v[2]);
	return OBJ_DONE;
}

/* The OIF generalized UNI sub-objects. tcpdump adds each sub-object's
 * length to what is left instead of taking it off, so the walk runs on
 * past the object; its reads are checked here. */
static enum obj_result obj_generalized_uni(const struct rsvp_obj *o, bool *hexdump)
{
	np_printer *pr = o->pr;
	const uint8_t *v = o->v, *end = pr->snapend;
	uint32_t total = o->len;
	uint32_t obj_tlen = total; /* tcpdump's count that grows */
	uint16_t sublen, w;
	uint32_t x, y, z;
	if (o->ctype != 1)
		return OBJ_HEX;
	if (obj_tlen < 4)
		return OBJ_TOO_SHORT;
	while (total > 0) {
		if (total < 4)
			return OBJ_INVALID;
		NP_GET_BE16(sublen, v, end);
		NP_GET_BE16(w, v + 2, end);
		uint8_t type = w >> 8, af = w & 0xff;
		out_fmt(pr->out, "%s  Subobject Type: %s (%u), AF: %s (%u), length: %u", o->ind,
			tok2str(gen_uni_names, "Unknown", type), type, tok2str(af_names, "Unknown", af), af, sublen);
		if (sublen < 4 || sublen > total || obj_tlen < sublen)
			return OBJ_INVALID;
		switch (type) {
		case 1:
		case 2:
			if (af == 1 || af == 2) {
				if (sublen < (af == 1 ? 8 : 20))
					return OBJ_SUB_TOO_SHORT;
				NP_CHECK(v + 4, end, af == 1 ? 4 : 16);
				out_fmt(pr->out, "%s    UNI IPv%c TNA address: ", o->ind, af == 1 ? '4' : '6');
				print_addr(pr, v + 4, af == 2);
			} else if (af == 3) {
				*hexdump = true;
			}
			break;
		case 3:
			if (sublen > 4)
				*hexdump = true;
			break;
		case 4:
			if (sublen < 16)
				return OBJ_SUB_TOO_SHORT;
			NP_GET_BE32(x, v + 4, end);
			NP_GET_BE32(y, v + 8, end);
			NP_GET_BE32(z, v + 12, end);
			out_fmt(pr->out, "%s    U-bit: %x, Label type: %u, Logical port id: %u, Label: %u", o->ind,
				x >> 31, x & 0xff, y, z);
			break;
		case 5:
			if (sublen < 8)
				return OBJ_SUB_TOO_SHORT;
			NP_GET_BE32(x, v + 4, end);
			out_fmt(pr->out, "%s    Service level: %u", o->ind, x >> 24);
			break;
		default: *hexdump = true; break;
		}
		total -= sublen;
		v += sublen;
		obj_tlen += sublen;
	}
	return OBJ_DONE;
trunc:
	return OBJ_STOP;
}

/* RSVP Hop and Error Spec: C-Types 1 and 3 carry IPv4 (3 with TLVs
 * tcpdump does not decode), 2 and 4 IPv6; the address length, 0 else. */
static uint32_t addr_len_of_ctype(uint8_t ctype)
{
	return ctype == 1 || ctype == 3 ? 4 : ctype == 2 || ctype == 4 ? 16 : 0;
}

static enum obj_result obj_hop(const struct rsvp_obj *o, bool *hexdump)
{
	uint32_t a = addr_len_of_ctype(o->ctype);
	bool v6 = a == 16;
	if (a == 0)
		return OBJ_HEX;
	if (o->len < a + 4)
		return OBJ_TOO_SHORT;
	out_fmt(o->pr->out, "%s  Previous/Next Interface: ", o->ind);
	print_addr(o->pr, o->v, v6);
	out_fmt(o->pr->out, ", Logical Interface Handle: 0x%08x", np_load_be32(o->v + a));
	*hexdump = v6 || o->len > a + 4;
	return OBJ_DONE;
}

static enum obj_result obj_single_u32(const struct rsvp_obj *o, const char *fmt, uint32_t mask)
{
	if (o->ctype != 1)
		return OBJ_HEX;
	if (o->len < 4)
		return OBJ_TOO_SHORT;
	out_str(o->pr->out, o->ind);
	out_fmt(o->pr->out, fmt, np_load_be32(o->v) & mask);
	return OBJ_DONE;
}

/* Sender Template (class 11) and FilterSpec (class 10). */
static enum obj_result obj_sender(const struct rsvp_obj *o, bool filterspec)
{
	np_out *out = o->pr->out;
	const uint8_t *v = o->v;
	uint32_t need;
	switch (o->ctype) {
	case 1: need = 8; break;
	case 2: need = 20; break;
	case 3:
	case 8: need = filterspec ? 20 : 0; break;
	case 13: need = 40; break;
	case 7: need = 8; break;
	case 12: need = 16; break;
	default: need = 0; break;
	}
	if (need == 0)
		return OBJ_HEX;
	if (o->len < need)
		return OBJ_TOO_SHORT;
	switch (o->ctype) {
	case 1:
	case 2:
		line(o, "  Source Address: ");
		print_addr(o->pr, v, o->ctype == 2);
		out_fmt(out, ", Source Port: %u", np_load_be16(v + (o->ctype == 2 ? 18 : 6)));
		break;
	case 3:
		line(o, "  Source Address: ");
		out_ipv6(out, v);
		out_fmt(out, ", Flow Label: %u", np_load_be32(v + 16) & 0xffffff);
		break;
	case 8: /* tcpdump prints an IPv4 address from the IPv6 one */
		line(o, "  Source Address: ");
		out_ipv4(out, v);
		out_fmt(out, ", LSP-ID: 0x%04x", np_load_be16(v + 18));
		break;
	case 7:
		line(o, filterspec ? "  Source Address: " : "  IPv4 Tunnel Sender Address: ");
		out_ipv4(out, v);
		out_fmt(out, ", LSP-ID: 0x%04x", np_load_be16(v + 6));
		break;
	case 12:
	case 13: {
		bool v6 = o->ctype == 13;
		uint32_t a = v6 ? 16 : 4;
		line(o, v6 ? "  IPv6 Tunnel Sender Address: " : "  IPv4 Tunnel Sender Address: ");
		print_addr(o->pr, v, v6);
		out_fmt(out, ", LSP ID: 0x%04x%s  Sub-Group Originator ID: ", np_load_be16(v + a + 2), o->ind);
		print_addr(o->pr, v + a + 4, v6);
		out_fmt(out, ", Sub-Group ID: 0x%04x", np_load_be16(v + (v6 ? 38 : 12)));
		break;
	}
	default: break;
	}
	return OBJ_DONE;
}

static enum obj_result obj_fast_reroute(const struct rsvp_obj *o)
{
	const uint8_t *v = o->v;
	uint32_t need = o->ctype == 1 ? 20 : o->ctype == 7 ? 16 : 0;
	if (need == 0)
		return OBJ_HEX;
	if (o->len < need)
		return OBJ_TOO_SHORT;
	uint32_t bits = np_load_be32(v + 4);
	float bw;
	memcpy(&bw, &bits, sizeof(bw));
	float mbps = bw * 8 / 1000000;
	out_fmt(o->pr->out, "%s  Setup Priority: %u, Holding Priority: %u, Hop-limit: %u, Bandwidth: %.10g Mbps",
		o->ind, v[0], v[1], v[2], (double)mbps);
	if (o->ctype == 1)
		out_fmt(o->pr->out, "%s  Include-any: 0x%08x, Exclude-any: 0x%08x, Include-all: 0x%08x", o->ind,
			np_load_be32(v + 8), np_load_be32(v + 12), np_load_be32(v + 16));
	else
		out_fmt(o->pr->out, "%s  Include Colors: 0x%08x, Exclude Colors: 0x%08x", o->ind, np_load_be32(v + 8),
			np_load_be32(v + 12));
	return OBJ_DONE;
}

static enum obj_result obj_detour(const struct rsvp_obj *o)
{
	const uint8_t *v = o->v;
	if (o->ctype != 7)
		return OBJ_HEX;
	for (uint32_t n = o->len; n >= 8; n -= 8, v += 8) {
		line(o, "  PLR-ID: ");
		out_ipv4(o->pr->out, v);
		out_str(o->pr->out, ", Avoid-Node-ID: ");
		out_ipv4(o->pr->out, v + 4);
	}
	return OBJ_DONE;
}

static enum obj_result obj_error_spec(const struct rsvp_obj *o)
{
	np_out *out = o->pr->out;
	const uint8_t *v = o->v;
	uint32_t a = addr_len_of_ctype(o->ctype);
	bool v6 = a == 16;
	if (a == 0)
		return OBJ_HEX;
	if (o->len < a + 4)
		return OBJ_TOO_SHORT;
	uint8_t code = v[a + 1];
	uint16_t value = np_load_be16(v + a + 2);
	line(o, "  Error Node Address: ");
	print_addr(o->pr, v, v6);
	out_fmt(out, ", Flags: [0x%02x]%s  Error Code: %s (%u)", v[a], o->ind,
		tok2str(error_code_names, "unknown", code), code);
	if (code == 24)
		out_fmt(out, ", Error Value: %s (%u)", tok2str(error_routing_names, "unknown", value), value);
	else if (!v6 && (code == 28 || code == 125))
		out_fmt(out, ", Error Value: %s (%u)", tok2str(error_diffserv_te_names, "unknown", value), value);
	else if (!v6)
		out_fmt(out, ", Unknown Error Value (%u)", value);
	return OBJ_DONE;
}

static enum obj_result obj_message_id(const struct rsvp_obj *o)
{
	const uint8_t *v = o->v;
	if (o->ctype != 1 && o->ctype != 2)
		return OBJ_HEX;
	if (o->len < 4)
		return OBJ_TOO_SHORT;
	out_fmt(o->pr->out, "%s  Flags [0x%02x], epoch: %u", o->ind, v[0], np_load_be32(v) & 0xffffff);
	v += 4;
	for (uint32_t n = o->len - 4; n >= 4; n -= 4, v += 4)
		out_fmt(o->pr->out, "%s    Message-ID 0x%08x (%u)", o->ind, np_load_be32(v), np_load_be32(v));
	return OBJ_DONE;
}

static enum obj_result obj_label_set(const struct rsvp_obj *o)
{
	const uint8_t *v = o->v;
	if (o->ctype != 1)
		return OBJ_HEX;
	if (o->len < 4)
		return OBJ_TOO_SHORT;
	uint8_t action = v[0];
	out_fmt(o->pr->out, "%s  Action: %s (%u), Label type: %u", o->ind,
		tok2str(label_set_action_names, "Unknown", action), action, np_load_be32(v) & 0x7f);
	if (action == 2 || action == 3) {
		if (o->len < 12)
			return OBJ_TOO_SHORT;
		out_fmt(o->pr->out, "%s  Start range: %u, End range: %u", o->ind, np_load_be32(v + 4),
			np_load_be32(v + 8));
		return OBJ_DONE;
	}
	v += 4;
	uint32_t sub = 1;
	for (uint32_t n = o->len - 4; n >= 4; n -= 4, v += 4, sub++)
		out_fmt(o->pr->out, "%s  Subchannel #%u: %u", o->ind, sub, np_load_be32(v));
	return OBJ_DONE;
}

static enum obj_result obj_admin_status(const struct rsvp_obj *o)
{
	if (o->ctype != 1)
		return OBJ_HEX;
	if (o->len < 4)
		return OBJ_TOO_SHORT;
	out_fmt(o->pr->out, "%s  Flags [", o->ind);
	print_bits(o->pr, admin_status_flag_names, np_load_be32(o->v), ", ", "none");
	out_char(o->pr->out, ']');
	return OBJ_DONE;
}

/* One object's body by class; the whole object is captured. */
static enum obj_result print_obj_body(const struct rsvp_obj *o, uint8_t cls, bool *hexdump)
{
	switch (cls) {
	case 1: return obj_session(o);
	case 15: return obj_address(o, "Receiver Address");
	case 195: return obj_address(o, "Notify Node Address");
	case 50: {
		if (o->ctype != 1 && o->ctype != 2)
			return OBJ_HEX;
		if (o->len < (o->ctype == 2 ? 16u : 4u))
			return OBJ_TOO_SHORT;
		line(o, "  Sub-LSP destination address: ");
		print_addr(o->pr, o->v, o->ctype == 2);
		return OBJ_DONE;
	}
	case 129:
	case 35:
	case 34:
	case 16: return obj_label(o);
	case 8:
		if (o->ctype != 1)
			return OBJ_HEX;
		if (o->len < 4)
			return OBJ_TOO_SHORT;
		out_fmt(o->pr->out, "%s  Reservation Style: %s, Flags: [0x%02x]", o->ind,
			tok2str(resstyle_names, "Unknown", np_load_be32(o->v) & 0xffffff), o->v[0]);
		return OBJ_DONE;
	case 11: return obj_sender(o, false);
	case 10: return obj_sender(o, true);
	case 19: return obj_label_req(o);
	case 20:
	case 21: return obj_route(o);
	case 22: return obj_fixed_pair(o, true, "  Source Instance: 0x%08x, Destination Instance: 0x%08x");
	case 131: return obj_fixed_pair(o, false, "  Restart  Time: %ums, Recovery Time: %ums");
	case 134: return obj_capability(o);
	case 207: return obj_session_attribute(o);
	case 229: return obj_generalized_uni(o, hexdump);
	case 3: return obj_hop(o, hexdump);
	case 5: return obj_single_u32(o, "  Refresh Period: %ums", 0xffffffff);
	case 205: return obj_fast_reroute(o);
	case 63: return obj_detour(o);
	case 66:
	case 125: return obj_single_u32(o, "  CT: %u", 0x7);
	case 6: return obj_error_spec(o);
	case 23:
	case 24:
	case 25: return obj_message_id(o);
	case 196: return obj_admin_status(o);
	case 36: return obj_label_set(o);
	default:
		if (o->pr->o.vflag <= 1)
			print_unknown_data(o->pr, o->v, "\n\t    ", o->len);
		return OBJ_DONE;
	}
}

/* tcpdump's rsvp_obj_print: false when the walk ended on an error. */
static bool print_objects(np_printer *pr, const uint8_t *t, uint32_t tlen, const char *ind)
{
	np_out *out = pr->out;
	while (tlen >= OBJ_HDRLEN) {
		if (!np_has(t, pr->snapend, OBJ_HDRLEN)) {
			print_trunc(pr);
			return false;
		}
		uint16_t olen = np_load_be16(t);
		uint8_t cls = t[2], ctype = t[3];
		if (olen % 4) {
			out_fmt(out, "%sERROR: object header size %u not a multiple of 4", ind, olen);
			return false;
		}
		if (olen < OBJ_HDRLEN) {
			out_fmt(out, "%sERROR: object header too short %u < %u", ind, olen, OBJ_HDRLEN);
			return false;
		}
		out_fmt(out, "%s%s Object (%u) Flags: [%s if unknown], Class-Type: %s (%u), length: %u", ind,
			tok2str(rsvp_obj_names, "Unknown", cls), cls,
			(cls & 0x80) ? ((cls & 0x40) ? "ignore and forward" : "ignore silently") : "reject",
			tok2str(rsvp_ctype_names, "Unknown", (uint32_t)cls * 256 + ctype), ctype, olen);
		if (tlen < olen) {
			out_fmt(out, "%sERROR: object goes past end of objects TLV", ind);
			return false;
		}
		if (!np_has(t, pr->snapend, olen)) {
			print_trunc(pr);
			return false;
		}
		struct rsvp_obj o = {pr, ind, t + OBJ_HDRLEN, olen - OBJ_HDRLEN, ctype};
		bool hexdump = false;
		switch (print_obj_body(&o, cls, &hexdump)) {
		case OBJ_DONE: break;
		case OBJ_HEX: hexdump = true; break;
		case OBJ_TOO_SHORT: out_fmt(out, "%sERROR: object is too short", ind); return false;
		case OBJ_SUB_TOO_SHORT: out_fmt(out, "%sERROR: sub-object is too short", ind); return false;
		case OBJ_INVALID: print_invalid(pr); return false;
		case OBJ_TRUNC: print_trunc(pr); return false;
		case OBJ_STOP:
		default: print_trunc_stop(pr); return false;
		}
		if (pr->o.vflag > 1 || hexdump)
			print_unknown_data(pr, t + OBJ_HDRLEN, "\n\t    ", olen - OBJ_HDRLEN);
		t += olen;
		tlen -= olen;
	}
	return true;
}

/* "RSVPv1 Path Message (1), Flags: [...], ..." for a message header. */
static void print_msg_header(np_printer *pr, const char *lead, const uint8_t *h, uint16_t len)
{
	out_fmt(pr->out, "%sRSVPv%u %s Message (%u), Flags: [", lead, h[0] >> 4,
		tok2str(rsvp_msg_names, "unknown, type: %u", h[1]), h[1]);
	print_bits(pr, rsvp_header_flag_names, h[0] & 0x0f, ", ", "none");
	out_fmt(pr->out, "], length: %u, ttl: %u, checksum: 0x%04x", len, h[4], np_load_be16(h + 2));
}

static void print_bundle(np_printer *pr, const uint8_t *t, uint16_t tlen)
{
	while (tlen > 0) {
		if (!np_has(t, pr->snapend, RSVP_HDRLEN)) {
			print_trunc(pr);
			return;
		}
		if (t[0] >> 4 != 1) {
			out_fmt(pr->out, "ERROR: RSVP version %u packet not supported", t[0] >> 4);
			return;
		}
		uint16_t sublen = np_load_be16(t + 6);
		print_msg_header(pr, "\n\t  ", t, sublen);
		if (sublen < RSVP_HDRLEN) {
			out_fmt(pr->out, "ERROR: common header too short %u < %u", sublen, RSVP_HDRLEN);
			return;
		}
		if (tlen < sublen) {
			out_fmt(pr->out, "ERROR: common header too large %u > %u", sublen, tlen);
			return;
		}
		if (!print_objects(pr, t + RSVP_HDRLEN, sublen - RSVP_HDRLEN, "\n\t    "))
			return;
		t += sublen;
		tlen = (uint16_t)(tlen - sublen);
	}
}

void print_rsvp(np_printer *pr, const uint8_t *p, uint32_t len)
{
	pr->protocol = "rsvp";
	if (!np_has(p, pr->snapend, RSVP_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint8_t version = p[0] >> 4, type = p[1];
	if (version != 1) {
		out_fmt(pr->out, "ERROR: RSVP version %u packet not supported", version);
		return;
	}
	if (pr->o.vflag < 1) {
		out_fmt(pr->out, "RSVPv%u %s Message, length: %u", version,
			tok2str(rsvp_msg_names, "unknown (%u)", type), len);
		return;
	}
	uint16_t tlen = np_load_be16(p + 6);
	print_msg_header(pr, "\n\t", p, tlen);
	if (tlen < RSVP_HDRLEN) {
		out_fmt(pr->out, "ERROR: common header too short %u < %u", tlen, RSVP_HDRLEN);
		return;
	}
	tlen -= RSVP_HDRLEN;
	switch (type) {
	case 12: print_bundle(pr, p + RSVP_HDRLEN, tlen); break;
	case 1:
	case 2:
	case 3:
	case 4:
	case 5:
	case 6:
	case 7:
	case 14:
	case 20:
	case 13:
	case 15: print_objects(pr, p + RSVP_HDRLEN, tlen, "\n\t  "); break;
	default: print_unknown_data(pr, p + RSVP_HDRLEN, "\n\t    ", tlen); break;
	}
}
