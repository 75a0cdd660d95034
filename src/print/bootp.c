/*
 * bootp.c - BOOTP/DHCPv4 text as tcpdump 4.99's bootp_print writes it:
 * "BOOTP/DHCP, Request from MAC, length N" and, with -v, the header fields
 * worth showing (hops, xid, secs, flags, the addresses, sname, file) and
 * the vendor area: the RFC 1048 option list (one line per option, PAD and
 * END too from -vvv on), the CMU layout, or the unknown cookie.
 *
 * The fixed fields come from decode/bootp.c; the message's `caplen`
 * decides where the text stops, at the same points as tcpdump: a field its
 * GET macros read past the capture ends the packet (print_trunc_stop), a
 * range its ND_TCHECK macros test ends only this printer (print_trunc).
 *
 * Not for: parsing (decode/bootp.c), DHCPv6 (UDP 546/547).
 */
#include "print.h"

#include "../decode/bootp.h"

/*
 * How tcpdump prints each option's data, by the letter of its tag2str:
 *   i  IPv4 addresses          l  unsigned 32-bit     L  signed 32-bit
 *   p  address pairs           s  unsigned 16-bit     B  booleans (Y/N)
 *   b  dotted decimal bytes    a  text in quotes      $  its own code
 *   ' ' (PAD, END, a DHCP message type of odd length) bytes as for b
 */
typedef struct bootp_tag {
	uint8_t tag;
	char fmt;
	const char *name;
} bootp_tag;

enum {
	TAG_NETBIOS_NODE = 46,
	TAG_USER_CLASS = 77,
	TAG_CLIENT_FQDN = 81,
	TAG_AGENT_INFO = 82,
	TAG_CLASSLESS_ROUTE = 121,
	TAG_CLASSLESS_ROUTE_MS = 249,
};

static const bootp_tag bootp_tags[] = {
	{0, ' ', "PAD"},
	{1, 'i', "Subnet-Mask"},
	{2, 'L', "Time-Zone"},
	{3, 'i', "Default-Gateway"},
	{4, 'i', "Time-Server"},
	{5, 'i', "IEN-Name-Server"},
	{6, 'i', "Domain-Name-Server"},
	{7, 'i', "LOG"},
	{8, 'i', "CS"},
	{9, 'i', "LPR-Server"},
	{10, 'i', "IM"},
	{11, 'i', "RL"},
	{12, 'a', "Hostname"},
	{13, 's', "BS"},
	{255, ' ', "END"},
	{14, 'a', "DP"},
	{15, 'a', "Domain-Name"},
	{16, 'i', "SS"},
	{17, 'a', "RP"},
	{18, 'a', "EP"},
	{19, 'B', "IPF"},
	{20, 'B', "SRT"},
	{21, 'p', "PF"},
	{22, 's', "RSZ"},
	{23, 'b', "TTL"},
	{24, 'l', "MTU-Timeout"},
	{25, 's', "MTU-Table"},
	{26, 's', "MTU"},
	{27, 'B', "LSN"},
	{28, 'i', "BR"},
	{29, 'B', "MD"},
	{30, 'B', "MS"},
	{31, 'B', "Router-Discovery"},
	{32, 'i', "RSA"},
	{33, 'p', "Static-Route"},
	{34, 'B', "UT"},
	{35, 'l', "AT"},
	{36, 'B', "IE"},
	{37, 'b', "TT"},
	{38, 'l', "KI"},
	{39, 'B', "KG"},
	{40, 'a', "YD"},
	{41, 'i', "YS"},
	{42, 'i', "NTP"},
	{43, 'b', "Vendor-Option"},
	{44, 'i', "Netbios-Name-Server"},
	{45, 'i', "WDD"},
	{TAG_NETBIOS_NODE, '$', "Netbios-Node"},
	{47, 'a', "Netbios-Scope"},
	{48, 'i', "XFS"},
	{49, 'i', "XDM"},
	{64, 's', "N+D"},
	{65, 'i', "N+S"},
	{68, 'i', "MH"},
	{69, 'i', "SMTP"},
	{70, 'i', "POP3"},
	{71, 'i', "NNTP"},
	{72, 'i', "WWW"},
	{73, 'i', "FG"},
	{74, 'i', "IRC"},
	{75, 'i', "STS"},
	{76, 'i', "STDA"},
	{NP_DHCP_OPT_REQUESTED_IP, 'i', "Requested-IP"},
	{NP_DHCP_OPT_LEASE_TIME, 'l', "Lease-Time"},
	{NP_DHCP_OPT_OVERLOAD, '$', "OO"},
	{66, 'a', "TFTP"},
	{67, 'a', "BF"},
	{NP_DHCP_OPT_MESSAGE_TYPE, ' ', "DHCP-Message"},
	{NP_DHCP_OPT_SERVER_ID, 'i', "Server-ID"},
	{NP_DHCP_OPT_PARAM_REQUEST, 'b', "Parameter-Request"},
	{56, 'a', "MSG"},
	{57, 's', "MSZ"},
	{58, 'l', "RN"},
	{59, 'l', "RB"},
	{60, 'a', "Vendor-Class"},
	{NP_DHCP_OPT_CLIENT_ID, '$', "Client-ID"},
	{98, 'a', "UAP"},
	{116, 'B', "NOAUTO"},
	{78, 'b', "SLP-DA"},
	{79, 'b', "SLP-SCOPE"},
	{117, 's', "NSSEARCH"},
	{TAG_USER_CLASS, '$', "User-Class"},
	{118, 'i', "SUBNET"},
	{TAG_CLASSLESS_ROUTE, '$', "Classless-Static-Route"},
	{TAG_CLASSLESS_ROUTE_MS, '$', "Classless-Static-Route-Microsoft"},
	{150, 'i', "TFTP-Server-Address"},
	{80, 'a', "SLP-NA"},
	{TAG_CLIENT_FQDN, '$', "FQDN"},
	{TAG_AGENT_INFO, '$', "Agent-Information"},
	{83, 'b', "ARMT"},
	{88, 'a', "TZSTR"},
	{89, 'b', "FQDNS"},
	{90, 'b', "AUTH"},
	{91, 'L', "Last-Transaction-Time"},
	{92, 'i', "Associated-IP"},
	{93, 's', "ARCH"},
	{94, 'b', "NDI"},
	{97, 'b', "GUID"},
	{95, 'a', "LDAP"},
	{100, 'a', "POSIX-TZ"},
	{101, 'a', "TZ-Name"},
	{112, 'i', "NI"},
	{113, 'a', "NITAG"},
	{114, 'a', "URL"},
	{161, 'a', "MUD-URL"},
};

static const bootp_tag unknown_tag = {0, '?', "Unknown"};

static const np_tok bootp_op_names[] = {
	{NP_BOOTP_REQUEST, "Request"},
	{NP_BOOTP_REPLY, "Reply"},
	{0, NULL},
};

static const np_tok bootp_flag_names[] = {
	{NP_BOOTP_FLAG_BROADCAST, "Broadcast"},
	{0, NULL},
};

static const np_tok dhcp_msg_names[] = {
	{NP_DHCP_DISCOVER, "Discover"},
	{NP_DHCP_OFFER, "Offer"},
	{NP_DHCP_REQUEST, "Request"},
	{NP_DHCP_DECLINE, "Decline"},
	{NP_DHCP_ACK, "ACK"},
	{NP_DHCP_NAK, "NACK"},
	{NP_DHCP_RELEASE, "Release"},
	{NP_DHCP_INFORM, "Inform"},
	{NP_DHCP_LEASEQUERY, "LeaseQuery"},
	{NP_DHCP_LEASEUNASSIGNED, "LeaseUnassigned"},
	{NP_DHCP_LEASEUNKNOWN, "LeaseUnknown"},
	{NP_DHCP_LEASEACTIVE, "LeaseActive"},
	{0, NULL},
};

static const np_tok overload_names[] = {
	{1, "file"},
	{2, "sname"},
	{3, "file+sname"},
	{0, NULL},
};

static const np_tok netbios_node_names[] = {
	{0x1, "b-node"}, {0x2, "p-node"}, {0x4, "m-node"}, {0x8, "h-node"}, {0, NULL},
};

/* ARP hardware types, for the Client-ID option. */
static const np_tok client_id_hw_names[] = {
	{0x1, "ether"},  {0x6, "ieee802"},   {0x7, "arcnet"}, {0xf, "frelay"},
	{0x17, "strip"}, {0x18, "ieee1394"}, {0, NULL},
};

/* Relay agent sub-options (RFC 3046, RFC 3993) printed as text. */
static const np_tok agent_subopt_names[] = {
	{1, "Circuit-ID"},
	{2, "Remote-ID"},
	{6, "Subscriber-ID"},
	{0, NULL},
};

static const bootp_tag *find_tag(uint8_t tag)
{
	for (size_t i = 0; i < sizeof(bootp_tags) / sizeof(bootp_tags[0]); i++)
		if (bootp_tags[i].tag == tag)
			return &bootp_tags[i];
	return &unknown_tag;
}

/* ' sname "..."' or ' file "..."' when the field's first byte is set;
 * false when tcpdump stops the message there. */
static bool print_name_field(np_printer *pr, const np_bootp_msg *m, uint32_t off, uint32_t size, const char *label)
{
	uint8_t first;
	if (!np_get_u8(m->p + off, pr->snapend, &first)) {
		print_trunc_stop(pr);
		return false;
	}
	if (first == '\0')
		return true;
	out_str(pr->out, label);
	bool whole = print_text_zt(pr, m->p + off, size) != 0;
	out_char(pr->out, '"');
	if (!whole)
		print_trunc(pr);
	return whole;
}

/* Each option body printer gets data that is all captured and returns
 * how many of its bytes it left unprinted (tcpdump's "trailing data"). */

static uint32_t print_words(np_printer *pr, const uint8_t *d, uint32_t len, char fmt)
{
	for (uint32_t i = 0; len - i >= 4; i += 4) {
		uint32_t v = 0;
		NP_GET_BE32(v, d + i, pr->snapend);
		if (i)
			out_char(pr->out, ',');
		if (fmt == 'i')
			out_ipv4(pr->out, d + i);
		else if (fmt == 'L')
			out_i64(pr->out, (int32_t)v);
		else
			out_u32(pr->out, v);
	}
	return len % 4;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static uint32_t print_addr_pairs(np_printer *pr, const uint8_t *d, uint32_t len)
{
	for (uint32_t i = 0; len - i >= 8; i += 8) {
		NP_CHECK(d + i, pr->snapend, 8);
		if (i)
			out_char(pr->out, ',');
		out_char(pr->out, '(');
		out_ipv4(pr->out, d + i);
		out_char(pr->out, ':');
		out_ipv4(pr->out, d + i + 4);
		out_char(pr->out, ')');
	}
	return len % 8;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static uint32_t print_shorts(np_printer *pr, const uint8_t *d, uint32_t len)
{
	for (uint32_t i = 0; len - i >= 2; i += 2) {
		uint16_t v;
		NP_GET_BE16(v, d + i, pr->snapend);
		if (i)
			out_char(pr->out, ',');
		out_u32(pr->out, v);
	}
	return len % 2;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static uint32_t print_booleans(np_printer *pr, const uint8_t *d, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		uint8_t v;
		NP_GET_U8(v, d + i, pr->snapend);
		if (i)
			out_char(pr->out, ',');
		if (v <= 1) {
			out_char(pr->out, v ? 'Y' : 'N');
		} else {
			out_u32(pr->out, v);
			out_char(pr->out, '?');
		}
	}
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* Bytes joined by sep, in decimal or as two hex digits. */
static uint32_t print_byte_list(np_printer *pr, const uint8_t *d, uint32_t len, char sep, bool hex)
{
	for (uint32_t i = 0; i < len; i++) {
		uint8_t v;
		NP_GET_U8(v, d + i, pr->snapend);
		if (i)
			out_char(pr->out, sep);
		if (hex)
			out_hex(pr->out, v, 2);
		else
			out_u32(pr->out, v);
	}
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static uint32_t print_quoted(np_printer *pr, const uint8_t *d, uint32_t len)
{
	out_char(pr->out, '"');
	bool whole = print_text(pr, d, len);
	out_char(pr->out, '"');
	if (!whole)
		print_trunc(pr);
	return 0;
}

/* Options 46 and 52: one byte named by a table. */
static uint32_t print_one_named(np_printer *pr, const uint8_t *d, uint32_t len, const np_tok *names)
{
	uint8_t v;
	if (len < 1) {
		out_str(pr->out, "[ERROR: length < 1 bytes]");
		return 0;
	}
	NP_GET_U8(v, d, pr->snapend);
	out_str(pr->out, tok2str(names, NULL, v));
	return len - 1;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* RFC 4702: flags, two obsolete rcodes, then the name as plain text. */
static uint32_t print_client_fqdn(np_printer *pr, const uint8_t *d, uint32_t len)
{
	static const char flag_letters[] = "SOEN"; /* bits 0x01, 0x02, 0x04, 0x08 */
	uint8_t flags, rcode1, rcode2;
	if (len < 3) {
		out_str(pr->out, "[ERROR: length < 3 bytes]");
		return 0;
	}
	NP_GET_U8(flags, d, pr->snapend);
	NP_GET_U8(rcode1, d + 1, pr->snapend);
	NP_GET_U8(rcode2, d + 2, pr->snapend);
	if (flags & 0xf0) {
		out_str(pr->out, "[ERROR: MBZ nibble 0x");
		out_hex(pr->out, flags >> 4, 0);
		out_str(pr->out, " != 0] ");
	}
	if (flags & 0x0f) {
		out_char(pr->out, '[');
		for (int bit = 0; bit < 4; bit++)
			if (flags & (1u << bit))
				out_char(pr->out, flag_letters[bit]);
		out_str(pr->out, "] ");
	}
	if (rcode1 || rcode2) {
		out_u32(pr->out, rcode1);
		out_char(pr->out, '/');
		out_u32(pr->out, rcode2);
		out_char(pr->out, ' ');
	}
	return print_quoted(pr, d + 3, len - 3);
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* Type 0: text; otherwise a hardware type and the address in hex. */
static uint32_t print_client_id(np_printer *pr, const uint8_t *d, uint32_t len)
{
	uint8_t type;
	if (len < 1) {
		out_str(pr->out, "[ERROR: length < 1 bytes]");
		return 0;
	}
	NP_GET_U8(type, d, pr->snapend);
	if (type == 0)
		return print_quoted(pr, d + 1, len - 1);
	out_str(pr->out, tok2str(client_id_hw_names, "hardware-type %u,", type));
	out_char(pr->out, ' ');
	return print_byte_list(pr, d + 1, len - 1, ':', true);
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* RFC 3046 relay agent information: sub-options, one line each. */
static uint32_t print_agent_info(np_printer *pr, const uint8_t *d, uint32_t len)
{
	np_out *o = pr->out;
	while (len >= 2) {
		uint8_t subopt, sublen;
		NP_GET_U8(subopt, d, pr->snapend);
		NP_GET_U8(sublen, d + 1, pr->snapend);
		d += 2;
		len -= 2;
		out_str(o, "\n\t      ");
		out_str(o, tok2str(agent_subopt_names, "Unknown", subopt));
		out_str(o, " SubOption ");
		out_u32(o, subopt);
		out_str(o, ", length ");
		out_u32(o, sublen);
		if (sublen > len) {
			out_str(o, ": length goes past end of option");
			return 0;
		}
		out_str(o, ": ");
		if (tok_name(agent_subopt_names, subopt)) {
			if (!print_text(pr, d, sublen)) {
				print_trunc(pr);
				return 0;
			}
		} else {
			print_unknown_data(pr, d, "\n\t\t", sublen);
		}
		d += sublen;
		len -= sublen;
	}
	return len;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* One RFC 3442 destination: the significant octets padded to four, or
 * "default". */
static void print_route_dest(np_printer *pr, const uint8_t *d, uint32_t width, uint32_t octets)
{
	if (width == 0) {
		out_str(pr->out, "default");
		return;
	}
	for (uint32_t i = 0; i < 4; i++) {
		if (i)
			out_char(pr->out, '.');
		uint8_t b = 0;
		if (i < octets)
			np_get_u8(d + i, pr->snapend, &b); /* captured: checked by the caller */
		out_u32(pr->out, b);
	}
	out_char(pr->out, '/');
	out_u32(pr->out, width);
}

/* RFC 3442 classless static routes: (dest/width:router),... */
static uint32_t print_classless_routes(np_printer *pr, const uint8_t *d, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 5) {
		out_str(o, "[ERROR: length < 5 bytes]");
		return 0;
	}
	for (bool first = true; len > 0; first = false) {
		uint8_t width;
		if (!first)
			out_char(o, ',');
		NP_GET_U8(width, d, pr->snapend);
		d++;
		len--;
		if (width > 32) {
			out_str(o, "[ERROR: Mask width (");
			out_u32(o, width);
			out_str(o, ") > 32]");
			return 0;
		}
		uint32_t octets = (width + 7u) / 8u;
		if (len < octets + 4) {
			out_str(o, "[ERROR: Remaining length (");
			out_u32(o, len);
			out_str(o, ") < ");
			out_u32(o, octets + 4);
			out_str(o, " bytes]");
			return 0;
		}
		NP_CHECK(d, pr->snapend, octets + 4);
		out_char(o, '(');
		print_route_dest(pr, d, width, octets);
		out_char(o, ':');
		out_ipv4(o, d + octets);
		out_char(o, ')');
		d += octets + 4;
		len -= octets + 4;
	}
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* RFC 3004 user classes: counted strings, one line each. */
static uint32_t print_user_class(np_printer *pr, const uint8_t *d, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 2) {
		out_str(o, "[ERROR: length < 2 bytes]");
		return 0;
	}
	for (uint32_t instance = 1; len > 0; instance++) {
		uint8_t sublen;
		NP_GET_U8(sublen, d, pr->snapend);
		d++;
		len--;
		out_str(o, "\n\t      instance#");
		out_u32(o, instance);
		out_str(o, ": ");
		if (sublen == 0) {
			out_str(o, "[ERROR: suboption length must be non-zero]");
			return 0;
		}
		if (len < sublen) {
			out_str(o, "[ERROR: invalid option]");
			return 0;
		}
		print_quoted(pr, d, sublen);
		out_str(o, ", length ");
		out_u32(o, sublen);
		d += sublen;
		len -= sublen;
	}
	return 0;
trunc:
	print_trunc_stop(pr);
	return 0;
}

static uint32_t print_special(np_printer *pr, uint8_t tag, const uint8_t *d, uint32_t len)
{
	switch (tag) {
	case TAG_NETBIOS_NODE: return print_one_named(pr, d, len, netbios_node_names);
	case NP_DHCP_OPT_OVERLOAD: return print_one_named(pr, d, len, overload_names);
	case TAG_CLIENT_FQDN: return print_client_fqdn(pr, d, len);
	case NP_DHCP_OPT_CLIENT_ID: return print_client_id(pr, d, len);
	case TAG_AGENT_INFO: return print_agent_info(pr, d, len);
	case TAG_CLASSLESS_ROUTE:
	case TAG_CLASSLESS_ROUTE_MS: return print_classless_routes(pr, d, len);
	case TAG_USER_CLASS: return print_user_class(pr, d, len);
	default:
		out_str(pr->out, "[unknown special tag ");
		out_u32(pr->out, tag);
		out_str(pr->out, ", size ");
		out_u32(pr->out, len);
		out_char(pr->out, ']');
		return 0;
	}
}

/* The parameter request list: names four to a line. */
static void print_param_request(np_printer *pr, const uint8_t *d, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		uint8_t tag;
		NP_GET_U8(tag, d + i, pr->snapend);
		out_str(pr->out, i % 4 == 0 ? "\n\t      " : ", ");
		out_str(pr->out, find_tag(tag)->name);
		out_str(pr->out, " (");
		out_u32(pr->out, tag);
		out_char(pr->out, ')');
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* An unknown tag is printed by the size of its data. */
static char unknown_fmt(uint32_t len)
{
	if (len & 1)
		return 'b';
	return (len & 2) ? 's' : 'l';
}

/* The data of one whole option, then any bytes its format left over. */
static void print_option_data(np_printer *pr, const bootp_tag *t, const np_bootp_opt *opt)
{
	const uint8_t *d = opt->data;
	uint32_t len = opt->len, left;
	char fmt = t->fmt == '?' ? unknown_fmt(len) : t->fmt;
	switch (fmt) {
	case 'a': left = print_quoted(pr, d, len); break;
	case 'i':
	case 'l':
	case 'L': left = print_words(pr, d, len, fmt); break;
	case 'p': left = print_addr_pairs(pr, d, len); break;
	case 's': left = print_shorts(pr, d, len); break;
	case 'B': left = print_booleans(pr, d, len); break;
	case '$': left = print_special(pr, opt->tag, d, len); break;
	default: left = print_byte_list(pr, d, len, '.', false); break;
	}
	if (left && !pr->stopped) {
		out_str(pr->out, "\n\t  trailing data length ");
		out_u32(pr->out, left);
	}
}

/* From -vvv on, a PAD line says how many PADs run from it. */
static void print_pad_run(np_printer *pr, np_bootp_iter *it)
{
	uint32_t n = 1;
	uint8_t b;
	while (np_get_u8(it->p, it->end, &b) && b == NP_DHCP_OPT_PAD) {
		it->p++;
		n++;
	}
	if (n > 1) {
		out_str(pr->out, ", occurs ");
		out_u32(pr->out, n);
	}
}

static void print_option_head(np_printer *pr, const bootp_tag *t, const np_bootp_opt *opt)
{
	out_str(pr->out, "\n\t    ");
	out_str(pr->out, t->name);
	out_str(pr->out, " (");
	out_u32(pr->out, opt->tag);
	out_str(pr->out, "), length ");
	out_u32(pr->out, opt->len);
	if (opt->len > 0)
		out_str(pr->out, ": ");
}

/* One option; false when the walk ends here. */
static bool print_option(np_printer *pr, np_bootp_iter *it, const np_bootp_opt *opt, int step)
{
	const bootp_tag *t = find_tag(opt->tag);
	print_option_head(pr, t, opt);
	if (opt->tag == NP_DHCP_OPT_PAD && pr->o.vflag > 2)
		print_pad_run(pr, it);
	if (step == NP_BOOTP_OPT_CUT) {
		print_trunc(pr);
		return false;
	}
	if (opt->tag == NP_DHCP_OPT_MESSAGE_TYPE && opt->len == 1) {
		uint8_t type;
		if (!np_get_u8(opt->data, pr->snapend, &type)) {
			print_trunc_stop(pr);
			return false;
		}
		out_str(pr->out, tok2str(dhcp_msg_names, "Unknown (%u)", type));
		return true;
	}
	if (opt->tag == NP_DHCP_OPT_PARAM_REQUEST)
		print_param_request(pr, opt->data, opt->len);
	else
		print_option_data(pr, t, opt);
	return !pr->stopped;
}

/* RFC 1048 options, after the cookie (captured: checked by the caller). */
static void print_rfc1048(np_printer *pr, const uint8_t *vend)
{
	np_out *o = pr->out;
	uint32_t cookie = 0;
	np_get_be32(vend, pr->snapend, &cookie);
	out_str(o, "\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x");
	out_hex(o, cookie, 8);
	np_bootp_iter it;
	np_bootp_opt opt;
	np_bootp_opt_start(&it, vend + NP_BOOTP_COOKIE_LEN, pr->snapend);
	for (;;) {
		int step = np_bootp_opt_next(&it, &opt);
		if (step == NP_BOOTP_OPT_DONE)
			return;
		if (opt.tag == NP_DHCP_OPT_PAD && pr->o.vflag < 3)
			continue;
		if (opt.tag == NP_DHCP_OPT_END && pr->o.vflag < 3)
			return;
		if (step == NP_BOOTP_OPT_NO_LEN) {
			print_trunc_stop(pr);
			return;
		}
		if (!print_option(pr, &it, &opt, step))
			return;
	}
}

/* The CMU vendor layout: flags, then addresses where set. */
static void print_cmu(np_printer *pr, const uint8_t *vend)
{
	static const struct {
		uint32_t off;
		const char *label;
	} addrs[] = {
		{12, "DG"}, {8, "SM"}, {16, "NS1"}, {20, "NS2"}, {24, "IEN1"}, {28, "IEN2"}, {32, "TS1"}, {36, "TS2"},
	};
	np_out *o = pr->out;
	uint8_t flags;
	uint32_t a;
	out_str(o, " vend-cmu");
	if (!np_has(vend + 4, pr->snapend, 4) || !np_get_u8(vend + 4, pr->snapend, &flags))
		goto trunc;
	if (flags & ~1u) {
		out_str(o, " F:0x");
		out_hex(o, flags, 0);
	}
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		if (!np_get_be32(vend + addrs[i].off, pr->snapend, &a))
			goto trunc;
		if (a == 0)
			continue;
		out_char(o, ' ');
		out_str(o, addrs[i].label);
		if (addrs[i].off == 8 && !(flags & 1))
			out_char(o, '*'); /* the subnet mask is not marked valid */
		out_char(o, ':');
		out_ipv4(o, vend + addrs[i].off);
	}
	return;
trunc:
	print_trunc(pr);
}

static void print_vendor(np_printer *pr, const np_bootp_msg *m)
{
	const uint8_t *vend = m->p + NP_BOOTP_OFF_VEND;
	switch (m->vendor) {
	case NP_BOOTP_VEND_CUT: print_trunc(pr); return;
	case NP_BOOTP_VEND_RFC1048: print_rfc1048(pr, vend); return;
	case NP_BOOTP_VEND_CMU: print_cmu(pr, vend); return;
	default: {
		uint32_t v = 0;
		np_get_be32(vend, pr->snapend, &v);
		if (v != 0) {
			out_str(pr->out, "\n\t  Vendor-#0x");
			out_hex(pr->out, v, 0);
		}
		return;
	}
	}
}

/* "\n\t  Label a.b.c.d" when the address is not 0.0.0.0. */
static void print_addr_field(np_printer *pr, const uint8_t *a, const char *label)
{
	uint32_t v = 0;
	np_get_be32(a, a + 4, &v);
	if (v == 0)
		return;
	out_str(pr->out, label);
	out_ipv4(pr->out, a);
}

/* The -v header fields; false when the message stops before the vendor area. */
static bool print_header_fields(np_printer *pr, const np_bootp_msg *m)
{
	np_out *o = pr->out;
	bool ether = m->htype == NP_BOOTP_HTYPE_ETHER && m->hlen == NP_BOOTP_ETHER_LEN;
	if (!np_bootp_has(m, NP_BOOTP_OFF_SECS, 2)) {
		print_trunc(pr);
		return false;
	}
	if (m->htype != NP_BOOTP_HTYPE_ETHER) {
		out_str(o, ", htype ");
		out_u32(o, m->htype);
	}
	if (!ether) {
		out_str(o, ", hlen ");
		out_u32(o, m->hlen);
	}
	if (m->hops) {
		out_str(o, ", hops ");
		out_u32(o, m->hops);
	}
	if (m->xid) {
		out_str(o, ", xid 0x");
		out_hex(o, m->xid, 0);
	}
	if (m->secs) {
		out_str(o, ", secs ");
		out_u32(o, m->secs);
	}
	if (!np_bootp_has(m, NP_BOOTP_OFF_FLAGS, 2))
		goto trunc;
	out_str(o, ", Flags [");
	print_bits(pr, bootp_flag_names, m->flags, ", ", "none");
	out_char(o, ']');
	if (pr->o.vflag > 1) {
		out_str(o, " (0x");
		out_hex(o, m->flags, 4);
		out_char(o, ')');
	}
	static const struct {
		uint32_t off;
		const char *label;
	} addrs[] = {
		{NP_BOOTP_OFF_CIADDR, "\n\t  Client-IP "},
		{NP_BOOTP_OFF_YIADDR, "\n\t  Your-IP "},
		{NP_BOOTP_OFF_SIADDR, "\n\t  Server-IP "},
		{NP_BOOTP_OFF_GIADDR, "\n\t  Gateway-IP "},
	};
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		if (!np_bootp_has(m, addrs[i].off, 4))
			goto trunc;
		print_addr_field(pr, m->p + addrs[i].off, addrs[i].label);
	}
	if (ether) {
		if (!np_bootp_has(m, NP_BOOTP_OFF_CHADDR, NP_BOOTP_ETHER_LEN))
			goto trunc;
		out_str(o, "\n\t  Client-Ethernet-Address ");
		out_mac(o, m->p + NP_BOOTP_OFF_CHADDR);
	}
	return print_name_field(pr, m, NP_BOOTP_OFF_SNAME, NP_BOOTP_SNAME_LEN, "\n\t  sname \"") &&
	       print_name_field(pr, m, NP_BOOTP_OFF_FILE, NP_BOOTP_FILE_LEN, "\n\t  file \"");
trunc:
	print_trunc_stop(pr);
	return false;
}

void print_bootp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	np_bootp_msg m;
	pr->protocol = "bootp";
	np_bootp_parse(&m, p, pr->snapend, length);
	if (!np_bootp_has(&m, NP_BOOTP_OFF_OP, 1))
		goto trunc;
	out_str(o, "BOOTP/DHCP, ");
	out_str(o, tok2str(bootp_op_names, "unknown (0x%02x)", m.op));
	if (!np_bootp_has(&m, NP_BOOTP_OFF_HTYPE, 2))
		goto trunc;
	if (m.htype == NP_BOOTP_HTYPE_ETHER && m.hlen == NP_BOOTP_ETHER_LEN && m.op == NP_BOOTP_REQUEST) {
		if (!np_bootp_has(&m, NP_BOOTP_OFF_CHADDR, NP_BOOTP_ETHER_LEN))
			goto trunc;
		out_str(o, " from ");
		out_mac(o, p + NP_BOOTP_OFF_CHADDR);
	}
	out_str(o, ", length ");
	out_u32(o, length);
	if (!pr->o.vflag)
		return;
	if (print_header_fields(pr, &m))
		print_vendor(pr, &m);
	return;
trunc:
	print_trunc_stop(pr);
}
