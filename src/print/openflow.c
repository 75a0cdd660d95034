/*
 * openflow.c - OpenFlow (TCP 6653 and the older 6633) as tcpdump 4.99's
 * print-openflow.c and print-openflow-1.3.c write it: each message's
 * version, type, length and xid, the length rules of its type, and with -v
 * the bodies tcpdump decodes for OpenFlow 1.3 (HELLO elements, ERROR,
 * ECHO, EXPERIMENTER, FEATURES_REPLY, switch config, PORT_STATUS, PORT_MOD,
 * TABLE_MOD, QUEUE_GET_CONFIG_REQUEST, ROLE and ASYNC messages).
 *
 * For OpenFlow 1.0: the header line and length checks of every type, and
 * with -v HELLO and ECHO data and VENDOR messages (Big Switch Networks'
 * extension messages decoded).
 *
 * Not for (yet): the other OpenFlow 1.0 bodies of print-openflow-1.0.c
 * (features, ports, flow matches, actions, statistics, queues, errors).
 */
#include "print.h"

#define OF_HEADER_LEN 8
#define OF_VER_1_0 0x01
#define OF_VER_1_3 0x04
#define OFPT13_MAX 29
#define OFPT10_MAX 21

enum of_req { REQ_NONE, REQ_FIXLEN, REQ_MINLEN };

typedef void (*of_decoder)(np_printer *, const uint8_t *, uint32_t);

struct of_msgtype {
	const char *name;
	of_decoder decode; /* with -v; NULL: no body decoded */
	uint8_t req;
	uint16_t req_len; /* body length, after the 8-byte header */
};

static const np_tok of_versions[] = {{1, "1.0"}, {2, "1.1"}, {3, "1.2"}, {4, "1.3"}, {5, "1.4"}, {6, "1.5"}, {0, NULL}};

static const np_tok onf_experimenters[] = {
	{0x4f4e4600, "ONF Extensions"},
	{0xff000001, "Budapest University of Technology and Economics"},
	{0xff000002, "NoviFlow"},
	{0xff000003, "L3+ Extensions, Vendor Neutral"},
	{0xff000004, "L4-L7 Extensions"},
	{0xff000005, "Wireless and Mobility Extensions"},
	{0xff000006, "Forwarding Abstractions Extensions"},
	{0xff000007, "Optical Transport Extensions"},
	{0xff000008, "Network Benchmarking Lab, NCTU"},
	{0xff000009, "Mobile Packet Core Extensions"},
	{0xff00000a, "MPLS-TP OpenFlow Extensions for SPTN"},
	{0, NULL},
};

/* An OUI (top byte 0) or an ONF experimenter ID. */
static const char *of_vendor_name(uint32_t vendor)
{
	const char *name = tok_name((vendor & 0xff000000) == 0 ? oui_names : onf_experimenters, vendor);
	return name ? name : "unknown";
}

/* A bitmap's known bits in parentheses, " (bogus)" for unknown ones. */
static void print_bitmap(np_printer *pr, const np_tok *t, uint32_t v)
{
	uint32_t known = 0;
	for (const np_tok *k = t; k->s; k++)
		known |= k->v;
	if (v & known) {
		out_str(pr->out, " (");
		print_bits(pr, t, v, ", ", "");
		out_char(pr->out, ')');
	}
	if (v & ~known)
		out_str(pr->out, " (bogus)");
}

/* The message's remaining bytes must be captured (tcpdump's ND_TCHECK_LEN):
 * false, after the truncation mark, when not. */
static bool check(np_printer *pr, const uint8_t *p, uint32_t len)
{
	if (np_has(p, pr->snapend, len))
		return true;
	print_trunc_stop(pr);
	return false;
}

static void print_of_data(np_printer *pr, const uint8_t *p, uint32_t len)
{
	if (len == 0)
		return;
	out_fmt(pr->out, "\n\t data (%u octets)", len);
	if (pr->o.vflag >= 2) {
		if (!print_hex_ascii(pr, "\n\t  ", p, len))
			pr->stopped = true; /* a cut dump ends the packet, as tcpdump's */
	} else {
		check(pr, p, len);
	}
}

/* ---- OpenFlow 1.3 ---- */

static const np_tok ofp13_capabilities[] = {
	{1u << 0, "FLOW_STATS"}, {1u << 1, "TABLE_STATS"}, {1u << 2, "PORT_STATS"},   {1u << 3, "GROUP_STATS"},
	{1u << 5, "IP_REASM"},   {1u << 6, "QUEUE_STATS"}, {1u << 8, "PORT_BLOCKED"}, {0, NULL},
};
static const np_tok ofp13_config[] = {{0, "FRAG_NORMAL"}, {1, "FRAG_DROP"}, {2, "FRAG_REASM"}, {0, NULL}};
static const np_tok ofp13_tables[] = {{0xfe, "MAX"}, {0xff, "ALL"}, {0, NULL}};
static const np_tok ofp13_miss_len[] = {{0xffe5, "MAX"}, {0xffff, "NO_BUFFER"}, {0, NULL}};
static const np_tok ofp13_port_config[] = {
	{1u << 0, "PORT_DOWN"}, {1u << 2, "NO_RECV"}, {1u << 5, "NO_FWD"}, {1u << 6, "NO_PACKET_IN"}, {0, NULL},
};
static const np_tok ofp13_port_state[] = {{1u << 0, "LINK_DOWN"}, {1u << 1, "BLOCKED"}, {1u << 2, "LIVE"}, {0, NULL}};
static const np_tok ofp13_port_features[] = {
	{1u << 0, "10MB_HD"},
	{1u << 1, "10MB_FD"},
	{1u << 2, "100MB_HD"},
	{1u << 3, "100MB_FD"},
	{1u << 4, "1GB_HD"},
	{1u << 5, "1GB_FD"},
	{1u << 6, "10GB_FD"},
	{1u << 7, "40GB_FD"},
	{1u << 8, "100GB_FD"},
	{1u << 9, "1TB_FD"},
	{1u << 10, "OTHER"},
	{1u << 11, "COPPER"},
	{1u << 12, "FIBER"},
	{1u << 13, "AUTONEG"},
	{1u << 14, "PAUSE"},
	{1u << 15, "PAUSE_ASYM"},
	{0, NULL},
};
static const np_tok ofp13_hello_elems[] = {{1, "VERSIONBITMAP"}, {0, NULL}};
static const np_tok ofp13_ports[] = {
	{0xffffff00, "MAX"},        {0xfffffff8, "IN_PORT"},
	{0xfffffff9, "TABLE"},      {0xfffffffa, "NORMAL"},
	{0xfffffffb, "FLOOD"},      {0xfffffffc, "ALL"},
	{0xfffffffd, "CONTROLLER"}, {0xfffffffe, "LOCAL"},
	{0xffffffff, "ANY"},        {0, NULL},
};
static const np_tok ofp13_roles[] = {{0, "NOCHANGE"}, {1, "EQUAL"}, {2, "MASTER"}, {3, "SLAVE"}, {0, NULL}};
static const np_tok of_version_bits[] = {{1u << 0, "1.0"}, {1u << 1, "1.1"}, {1u << 2, "1.2"}, {1u << 3, "1.3"},
					 {1u << 4, "1.4"}, {1u << 5, "1.5"}, {0, NULL}};
static const np_tok async_packet_in[] = {
	{1u << 0, "NO_MATCH"}, {1u << 1, "ACTION"}, {1u << 2, "INVALID_TTL"}, {0, NULL}};
static const np_tok async_port[] = {{1u << 0, "ADD"}, {1u << 1, "DELETE"}, {1u << 2, "MODIFY"}, {0, NULL}};
static const np_tok ofp13_port_reasons[] = {{0, "ADD"}, {1, "DELETE"}, {2, "MODIFY"}, {0, NULL}};

static const np_tok ofp13_error_types[] = {
	{0, "HELLO_FAILED"},
	{1, "BAD_REQUEST"},
	{2, "BAD_ACTION"},
	{3, "BAD_INSTRUCTION"},
	{4, "BAD_MATCH"},
	{5, "FLOW_MOD_FAILED"},
	{6, "GROUP_MOD_FAILED"},
	{7, "PORT_MOD_FAILED"},
	{8, "TABLE_MOD_FAILED"},
	{9, "QUEUE_OP_FAILED"},
	{10, "SWITCH_CONFIG_FAILED"},
	{11, "ROLE_REQUEST_FAILED"},
	{12, "METER_MOD_FAILED"},
	{13, "TABLE_FEATURES_FAILED"},
	{0xffff, "EXPERIMENTER"},
	{0, NULL},
};

/* Each error type's codes, numbered from 0 (OpenFlow 1.3.x, 7.4.4). */
static const char *const err_hello[] = {"INCOMPATIBLE", "EPERM"};
static const char *const err_request[] = {
	"BAD_VERSION", "BAD_TYPE", "BAD_MULTIPART", "BAD_EXPERIMENTER",         "BAD_EXP_TYPE",
	"EPERM",       "BAD_LEN",  "BUFFER_EMPTY",  "BUFFER_UNKNOWN",           "BAD_TABLE_ID",
	"IS_SLAVE",    "BAD_PORT", "BAD_PACKET",    "MULTIPART_BUFFER_OVERFLOW"};
static const char *const err_action[] = {
	"BAD_TYPE", "BAD_LEN",      "BAD_EXPERIMENTER", "BAD_EXP_TYPE",    "BAD_OUT_PORT",       "BAD_ARGUMENT",
	"EPERM",    "TOO_MANY",     "BAD_QUEUE",        "BAD_OUT_GROUP",   "MATCH_INCONSISTENT", "UNSUPPORTED_ORDER",
	"BAD_TAG",  "BAD_SET_TYPE", "BAD_SET_LEN",      "BAD_SET_ARGUMENT"};
static const char *const err_instruction[] = {
	"UNKNOWN_INST",     "UNSUP_INST",   "BAD_TABLE_ID", "UNSUP_METADATA", "UNSUP_METADATA_MASK",
	"BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_LEN",      "EPERM"};
static const char *const err_match[] = {"BAD_TYPE",         "BAD_LEN",       "BAD_TAG",   "BAD_DL_ADDR_MASK",
					"BAD_NW_ADDR_MASK", "BAD_WILDCARDS", "BAD_FIELD", "BAD_VALUE",
					"BAD_MASK",         "BAD_PREREQ",    "DUP_FIELD", "EPERM"};
static const char *const err_flow_mod[] = {"UNKNOWN", "TABLE_FULL",  "BAD_TABLE_ID", "OVERLAP",
					   "EPERM",   "BAD_TIMEOUT", "BAD_COMMAND",  "BAD_FLAGS"};
static const char *const err_group_mod[] = {"GROUP_EXISTS",      "INVALID_GROUP",  "WEIGHT_UNSUPPORTED",
					    "OUT_OF_GROUPS",     "OUT_OF_BUCKETS", "CHAINING_UNSUPPORTED",
					    "WATCH_UNSUPPORTED", "LOOP",           "UNKNOWN_GROUP",
					    "CHAINED_GROUP",     "BAD_TYPE",       "BAD_COMMAND",
					    "BAD_BUCKET",        "BAD_MATCH",      "EPERM"};
static const char *const err_port_mod[] = {"BAD_PORT", "BAD_HW_ADDR", "BAD_CONFIG", "BAD_ADVERTISE", "EPERM"};
static const char *const err_table_mod[] = {"BAD_TABLE", "BAD_CONFIG", "EPERM"};
static const char *const err_queue_op[] = {"BAD_PORT", "BAD_QUEUE", "EPERM"};
static const char *const err_switch_config[] = {"BAD_FLAGS", "BAD_LEN", "EPERM"};
static const char *const err_role[] = {"STALE", "UNSUP", "BAD_ROLE"};
static const char *const err_meter_mod[] = {"UNKNOWN",     "METER_EXISTS",   "INVALID_METER", "UNKNOWN_METER",
					    "BAD_COMMAND", "BAD_FLAGS",      "BAD_RATE",      "BAD_BURST",
					    "BAD_BAND",    "BAD_BAND_VALUE", "OUT_OF_METERS", "OUT_OF_BANDS"};
static const char *const err_table_features[] = {"BAD_TABLE", "BAD_METADATA", "BAD_TYPE",
						 "BAD_LEN",   "BAD_ARGUMENT", "EPERM"};

#define CODES(a)                                \
	{                                       \
		(a), sizeof(a) / sizeof((a)[0]) \
	}
static const struct {
	const char *const *names;
	size_t n;
} ofp13_error_codes[] = {
	CODES(err_hello),     CODES(err_request),        CODES(err_action),        CODES(err_instruction),
	CODES(err_match),     CODES(err_flow_mod),       CODES(err_group_mod),     CODES(err_port_mod),
	CODES(err_table_mod), CODES(err_queue_op),       CODES(err_switch_config), CODES(err_role),
	CODES(err_meter_mod), CODES(err_table_features),
};

/* Field by field, as tcpdump's GET_ macros: what is printed before the
 * capture ends stays, then the truncation mark. */
#define NEED_AT(off, n)                                                 \
	do {                                                            \
		if (print_caplen_from(pr, p) < (uint32_t)(off) + (n)) { \
			print_trunc_stop(pr);                           \
			return;                                         \
		}                                                       \
	} while (0)

/* "PREFIX0x%08x" and its bits. */
static void print_mask(np_printer *pr, const char *prefix, const np_tok *t, uint32_t v)
{
	out_fmt(pr->out, "%s0x%08x", prefix, v);
	print_bitmap(pr, t, v);
}

/* Consecutive 32-bit bitmaps from off, each after its label. */
static void print_masks(np_printer *pr, const uint8_t *p, uint32_t off, const char *const *labels,
			const np_tok *const *tables, int n)
{
	for (int i = 0; i < n; i++, off += 4) {
		NEED_AT(off, 4);
		print_mask(pr, labels[i], tables[i], np_load_be32(p + off));
	}
}

/* " port_no N, hw_addr M" of a port and a PORT_MOD. */
static void of13_port_addr(np_printer *pr, const uint8_t *p, const char *lead)
{
	NEED_AT(0, 4);
	out_fmt(pr->out, "%sport_no %s", lead, tok2str(ofp13_ports, "%u", np_load_be32(p)));
	NEED_AT(8, 6);
	out_str(pr->out, ", hw_addr ");
	out_mac(pr->out, p + 8);
}

static void of13_port(np_printer *pr, const uint8_t *p)
{
	static const char *const labels[] = {"\n\t   config ",     "\n\t   state ",     "\n\t   curr ",
					     "\n\t   advertised ", "\n\t   supported ", "\n\t   peer "};
	static const np_tok *const tables[] = {ofp13_port_config,   ofp13_port_state,    ofp13_port_features,
					       ofp13_port_features, ofp13_port_features, ofp13_port_features};
	of13_port_addr(pr, p, "\n\t  ");
	if (pr->stopped)
		return;
	out_str(pr->out, ", name '");
	if (!print_text_nul(pr, p + 16, 16)) {
		print_trunc_stop(pr);
		return;
	}
	out_char(pr->out, '\'');
	if (pr->o.vflag < 2) {
		NEED_AT(32, 32);
		return;
	}
	print_masks(pr, p, 32, labels, tables, 6);
	if (pr->stopped)
		return;
	NEED_AT(56, 4);
	out_fmt(pr->out, "\n\t   curr_speed %ukbps", np_load_be32(p + 56));
	NEED_AT(60, 4);
	out_fmt(pr->out, "\n\t   max_speed %ukbps", np_load_be32(p + 60));
}

static void of13_features_reply(np_printer *pr, const uint8_t *p, uint32_t len)
{
	static const char *const labels[] = {"\n\t capabilities "};
	static const np_tok *const tables[] = {ofp13_capabilities};
	(void)len;
	NEED_AT(0, 8);
	out_fmt(pr->out, "\n\t dpid 0x%016llx", (unsigned long long)np_load_be64(p));
	NEED_AT(8, 4);
	out_fmt(pr->out, ", n_buffers %u", np_load_be32(p + 8));
	NEED_AT(12, 1);
	out_fmt(pr->out, ", n_tables %u", p[12]);
	NEED_AT(13, 1);
	out_fmt(pr->out, ", auxiliary_id %u", p[13]);
	print_masks(pr, p, 16, labels, tables, 1);
	if (!pr->stopped)
		NEED_AT(20, 4);
}

static void of13_switch_config(np_printer *pr, const uint8_t *p, uint32_t len)
{
	(void)len;
	NEED_AT(0, 2);
	out_fmt(pr->out, "\n\t flags %s", tok2str(ofp13_config, "invalid (0x%04x)", np_load_be16(p)));
	NEED_AT(2, 2);
	out_fmt(pr->out, ", miss_send_len %s", tok2str(ofp13_miss_len, "%u", np_load_be16(p + 2)));
}

static void of13_table_mod(np_printer *pr, const uint8_t *p, uint32_t len)
{
	(void)len;
	NEED_AT(0, 1);
	out_fmt(pr->out, "\n\t table_id %s", tok2str(ofp13_tables, "%u", p[0]));
	NEED_AT(4, 4);
	out_fmt(pr->out, ", config 0x%08x", np_load_be32(p + 4));
}

static void of13_role(np_printer *pr, const uint8_t *p, uint32_t len)
{
	(void)len;
	NEED_AT(0, 4);
	out_fmt(pr->out, "\n\t role %s", tok2str(ofp13_roles, "invalid (0x%08x)", np_load_be32(p)));
	NEED_AT(8, 8);
	out_fmt(pr->out, ", generation_id 0x%016llx", (unsigned long long)np_load_be64(p + 8));
}

static void of13_async(np_printer *pr, const uint8_t *p, uint32_t len)
{
	static const char *const labels[] = {"\n\t packet_in_mask[EM] ",    "\n\t packet_in_mask[S] ",
					     "\n\t port_status_mask[EM] ",  "\n\t port_status_mask[S] ",
					     "\n\t flow_removed_mask[EM] ", "\n\t flow_removed_mask[S] "};
	static const np_tok *const tables[] = {async_packet_in, async_packet_in, async_port,
					       async_port,      async_port,      async_port};
	(void)len;
	print_masks(pr, p, 0, labels, tables, 6);
}

static void of13_port_mod(np_printer *pr, const uint8_t *p, uint32_t len)
{
	static const char *const labels[] = {"\n\t  config ", "\n\t  mask ", "\n\t  advertise "};
	static const np_tok *const tables[] = {ofp13_port_config, ofp13_port_config, ofp13_port_features};
	(void)len;
	of13_port_addr(pr, p, "\n\t ");
	if (!pr->stopped)
		print_masks(pr, p, 16, labels, tables, 3);
	if (!pr->stopped)
		NEED_AT(28, 4);
}

static void of13_port_status(np_printer *pr, const uint8_t *p, uint32_t len)
{
	(void)len;
	NEED_AT(0, 1);
	/* tcpdump's format for an unknown reason has no conversion: printed as is */
	const char *reason = tok_name(ofp13_port_reasons, p[0]);
	out_fmt(pr->out, "\n\t reason %s", reason ? reason : "invalid (0x02x)");
	if (print_caplen_from(pr, p) < 8) {
		print_trunc_stop(pr);
		return;
	}
	of13_port(pr, p + 8);
}

static void of13_hello_elements(np_printer *pr, const uint8_t *p, uint32_t len)
{
	while (len) {
		if (len < 4)
			goto invalid;
		NEED_AT(0, 2);
		uint16_t type = np_load_be16(p);
		out_fmt(pr->out, "\n\t type %s", tok2str(ofp13_hello_elems, "unknown (0x%04x)", type));
		NEED_AT(2, 2);
		uint16_t bmlen = np_load_be16(p + 2);
		out_fmt(pr->out, ", length %u", bmlen);
		p += 4;
		len -= 4;
		if (bmlen < 4 || bmlen > 4u + len)
			goto invalid;
		if (type == 1 && bmlen == 8) {
			NEED_AT(0, 4);
			out_str(pr->out, ", bitmap ");
			print_mask(pr, "", of_version_bits, np_load_be32(p));
		} else {
			if (type == 1)
				out_str(pr->out, " (bogus)");
			NEED_AT(0, bmlen - 4u);
		}
		p += bmlen - 4u;
		len -= bmlen - 4u;
	}
	return;
invalid:
	print_invalid(pr);
	check(pr, p, len);
}

static void of13_experimenter(np_printer *pr, const uint8_t *p, uint32_t len)
{
	NEED_AT(0, 4);
	uint32_t exp = np_load_be32(p);
	out_fmt(pr->out, "\n\t experimenter 0x%08x (%s)", exp, of_vendor_name(exp));
	NEED_AT(4, 4);
	out_fmt(pr->out, ", exp_type 0x%08x", np_load_be32(p + 4));
	print_of_data(pr, p + 8, len - 8);
}

static void of13_queue_get_config_request(np_printer *pr, const uint8_t *p, uint32_t len)
{
	(void)len;
	NEED_AT(0, 4);
	out_fmt(pr->out, "\n\t port %s", tok2str(ofp13_ports, "%u", np_load_be32(p)));
	NEED_AT(4, 4);
}

static void of13_error(np_printer *pr, const uint8_t *p, uint32_t len)
{
	NEED_AT(0, 2);
	uint16_t type = np_load_be16(p);
	out_fmt(pr->out, "\n\t type %s", tok2str(ofp13_error_types, "invalid (0x%04x)", type));
	NEED_AT(2, 2);
	uint16_t code = np_load_be16(p + 2);
	if (type < sizeof ofp13_error_codes / sizeof ofp13_error_codes[0] && code < ofp13_error_codes[type].n)
		out_fmt(pr->out, ", code %s", ofp13_error_codes[type].names[code]);
	else
		out_fmt(pr->out, ", code invalid (0x%04x)", code);
	print_of_data(pr, p + 4, len - 4);
}

static const struct of_msgtype of13_types[OFPT13_MAX + 1] = {
	{"HELLO", of13_hello_elements, REQ_MINLEN, 0},
	{"ERROR", of13_error, REQ_MINLEN, 4},
	{"ECHO_REQUEST", print_of_data, REQ_MINLEN, 0},
	{"ECHO_REPLY", print_of_data, REQ_MINLEN, 0},
	{"EXPERIMENTER", of13_experimenter, REQ_MINLEN, 8},
	{"FEATURES_REQUEST", NULL, REQ_FIXLEN, 0},
	{"FEATURES_REPLY", of13_features_reply, REQ_FIXLEN, 24},
	{"GET_CONFIG_REQUEST", NULL, REQ_FIXLEN, 0},
	{"GET_CONFIG_REPLY", of13_switch_config, REQ_FIXLEN, 4},
	{"SET_CONFIG", of13_switch_config, REQ_FIXLEN, 4},
	{"PACKET_IN", NULL, REQ_NONE, 0},
	{"FLOW_REMOVED", NULL, REQ_NONE, 0},
	{"PORT_STATUS", of13_port_status, REQ_FIXLEN, 72},
	{"PACKET_OUT", NULL, REQ_NONE, 0},
	{"FLOW_MOD", NULL, REQ_NONE, 0},
	{"GROUP_MOD", NULL, REQ_NONE, 0},
	{"PORT_MOD", of13_port_mod, REQ_FIXLEN, 32},
	{"TABLE_MOD", of13_table_mod, REQ_FIXLEN, 8},
	{"MULTIPART_REQUEST", NULL, REQ_NONE, 0},
	{"MULTIPART_REPLY", NULL, REQ_NONE, 0},
	{"BARRIER_REQUEST", NULL, REQ_FIXLEN, 0},
	{"BARRIER_REPLY", NULL, REQ_FIXLEN, 0},
	{"QUEUE_GET_CONFIG_REQUEST", of13_queue_get_config_request, REQ_FIXLEN, 8},
	{"QUEUE_GET_CONFIG_REPLY", NULL, REQ_NONE, 0},
	{"ROLE_REQUEST", of13_role, REQ_FIXLEN, 16},
	{"ROLE_REPLY", of13_role, REQ_FIXLEN, 16},
	{"GET_ASYNC_REQUEST", NULL, REQ_FIXLEN, 0},
	{"GET_ASYNC_REPLY", of13_async, REQ_FIXLEN, 24},
	{"SET_ASYNC", of13_async, REQ_FIXLEN, 24},
	{"METER_MOD", NULL, REQ_NONE, 0},
};

/* ---- OpenFlow 1.0: names and length rules, VENDOR messages ---- */

#define OUI_BSN 0x5c16c7 /* Big Switch Networks' extensions */

enum {
	BSN_SET_IP_MASK,
	BSN_GET_IP_MASK_REQUEST,
	BSN_GET_IP_MASK_REPLY,
	BSN_SET_MIRRORING,
	BSN_GET_MIRRORING_REQUEST,
	BSN_GET_MIRRORING_REPLY,
	BSN_SHELL_COMMAND,
	BSN_SHELL_OUTPUT,
	BSN_SHELL_STATUS,
	BSN_GET_INTERFACES_REQUEST,
	BSN_GET_L2_TABLE_REQUEST = 13,
	BSN_VIRTUAL_PORT_REMOVE_REQUEST = 17,
	BSN_BW_ENABLE_GET_REQUEST = 19,
	BSN_BW_CLEAR_DATA_REQUEST = 21,
	BSN_HYBRID_GET_REQUEST = 27
};

static const np_tok bsn_subtypes[] = {
	{0, "SET_IP_MASK"},
	{1, "GET_IP_MASK_REQUEST"},
	{2, "GET_IP_MASK_REPLY"},
	{3, "SET_MIRRORING"},
	{4, "GET_MIRRORING_REQUEST"},
	{5, "GET_MIRRORING_REPLY"},
	{6, "SHELL_COMMAND"},
	{7, "SHELL_OUTPUT"},
	{8, "SHELL_STATUS"},
	{9, "GET_INTERFACES_REQUEST"},
	{10, "GET_INTERFACES_REPLY"},
	{11, "SET_PKTIN_SUPPRESSION_REQUEST"},
	{12, "SET_L2_TABLE_REQUEST"},
	{13, "GET_L2_TABLE_REQUEST"},
	{14, "GET_L2_TABLE_REPLY"},
	{15, "VIRTUAL_PORT_CREATE_REQUEST"},
	{16, "VIRTUAL_PORT_CREATE_REPLY"},
	{17, "VIRTUAL_PORT_REMOVE_REQUEST"},
	{18, "BW_ENABLE_SET_REQUEST"},
	{19, "BW_ENABLE_GET_REQUEST"},
	{20, "BW_ENABLE_GET_REPLY"},
	{21, "BW_CLEAR_DATA_REQUEST"},
	{22, "BW_CLEAR_DATA_REPLY"},
	{23, "BW_ENABLE_SET_REPLY"},
	{24, "SET_L2_TABLE_REPLY"},
	{25, "SET_PKTIN_SUPPRESSION_REPLY"},
	{26, "VIRTUAL_PORT_REMOVE_REPLY"},
	{27, "HYBRID_GET_REQUEST"},
	{28, "HYBRID_GET_REPLY"},
	{31, "PDU_TX_REQUEST"},
	{32, "PDU_TX_REPLY"},
	{33, "PDU_RX_REQUEST"},
	{34, "PDU_RX_REPLY"},
	{35, "PDU_RX_TIMEOUT"},
	{0, NULL},
};

static const np_tok bsn_onoff[] = {{0, "OFF"}, {1, "ON"}, {0, NULL}};

/* " data '...'" of the shell messages: as far as captured. */
static void bsn_shell_data(np_printer *pr, const uint8_t *p, uint32_t len)
{
	out_str(pr->out, ", data '");
	if (!print_text(pr, p, len)) {
		print_trunc_stop(pr);
		return;
	}
	out_char(pr->out, '\'');
}

/* A Big Switch Networks message (tcpdump's of10_bsn_message_print). */
static void of10_bsn_message(np_printer *pr, const uint8_t *p, uint32_t len)
{
	if (len < 4)
		goto invalid;
	NEED_AT(0, 4);
	uint32_t subtype = np_load_be32(p);
	out_fmt(pr->out, "\n\t subtype %s", tok2str(bsn_subtypes, "unknown (0x%08x)", subtype));
	p += 4, len -= 4;
	switch (subtype) {
	case BSN_GET_IP_MASK_REQUEST:
	case BSN_SET_IP_MASK:
	case BSN_GET_IP_MASK_REPLY:
		if (len != 8)
			goto invalid;
		NEED_AT(0, 1);
		out_fmt(pr->out, ", index %u", p[0]);
		if (subtype == BSN_GET_IP_MASK_REQUEST) {
			NEED_AT(1, 7);
			return;
		}
		NEED_AT(4, 4);
		out_str(pr->out, ", mask ");
		out_ipv4(pr->out, p + 4);
		return;
	case BSN_SET_MIRRORING:
	case BSN_GET_MIRRORING_REQUEST:
	case BSN_GET_MIRRORING_REPLY:
		if (len != 4)
			goto invalid;
		NEED_AT(0, 1);
		out_fmt(pr->out, ", report_mirror_ports %s", tok2str(bsn_onoff, "bogus (%u)", p[0]));
		NEED_AT(1, 3);
		return;
	case BSN_GET_INTERFACES_REQUEST:
	case BSN_GET_L2_TABLE_REQUEST:
	case BSN_BW_ENABLE_GET_REQUEST:
	case BSN_BW_CLEAR_DATA_REQUEST:
	case BSN_HYBRID_GET_REQUEST:
		if (len)
			goto invalid;
		return;
	case BSN_VIRTUAL_PORT_REMOVE_REQUEST:
	case BSN_SHELL_STATUS:
		if (len != 4)
			goto invalid;
		NEED_AT(0, 4);
		out_fmt(pr->out, subtype == BSN_SHELL_STATUS ? ", status 0x%08x" : ", vport_no %u", np_load_be32(p));
		return;
	case BSN_SHELL_COMMAND:
		if (len < 4)
			goto invalid;
		NEED_AT(0, 4);
		out_fmt(pr->out, ", service %u", np_load_be32(p));
		bsn_shell_data(pr, p + 4, len - 4);
		return;
	case BSN_SHELL_OUTPUT: bsn_shell_data(pr, p, len); return;
	default: check(pr, p, len); return;
	}
invalid:
	print_invalid(pr);
	check(pr, p, len);
}

/* A VENDOR message: the vendor, then Big Switch Networks' messages
 * decoded, others' data dumped. */
static void of10_vendor_message(np_printer *pr, const uint8_t *p, uint32_t len)
{
	NEED_AT(0, 4);
	uint32_t vendor = np_load_be32(p);
	out_fmt(pr->out, ", vendor 0x%08x (%s)", vendor, of_vendor_name(vendor));
	if (vendor == OUI_BSN)
		of10_bsn_message(pr, p + 4, len - 4);
	else
		print_of_data(pr, p + 4, len - 4);
}

static const struct of_msgtype of10_types[OFPT10_MAX + 1] = {
	{"HELLO", print_of_data, REQ_MINLEN, 0},
	{"ERROR", NULL, REQ_MINLEN, 4},
	{"ECHO_REQUEST", print_of_data, REQ_MINLEN, 0},
	{"ECHO_REPLY", print_of_data, REQ_MINLEN, 0},
	{"VENDOR", of10_vendor_message, REQ_MINLEN, 4},
	{"FEATURES_REQUEST", NULL, REQ_FIXLEN, 0},
	{"FEATURES_REPLY", NULL, REQ_MINLEN, 24},
	{"GET_CONFIG_REQUEST", NULL, REQ_FIXLEN, 0},
	{"GET_CONFIG_REPLY", NULL, REQ_FIXLEN, 4},
	{"SET_CONFIG", NULL, REQ_FIXLEN, 4},
	{"PACKET_IN", NULL, REQ_MINLEN, 10},
	{"FLOW_REMOVED", NULL, REQ_FIXLEN, 80},
	{"PORT_STATUS", NULL, REQ_FIXLEN, 56},
	{"PACKET_OUT", NULL, REQ_MINLEN, 8},
	{"FLOW_MOD", NULL, REQ_MINLEN, 64},
	{"PORT_MOD", NULL, REQ_FIXLEN, 24},
	{"STATS_REQUEST", NULL, REQ_MINLEN, 4},
	{"STATS_REPLY", NULL, REQ_MINLEN, 4},
	{"BARRIER_REQUEST", NULL, REQ_FIXLEN, 0},
	{"BARRIER_REPLY", NULL, REQ_FIXLEN, 0},
	{"QUEUE_GET_CONFIG_REQUEST", NULL, REQ_FIXLEN, 4},
	{"QUEUE_GET_CONFIG_REPLY", NULL, REQ_MINLEN, 8},
};

static const struct of_msgtype *of_msgtype(uint8_t version, uint8_t type)
{
	if (version == OF_VER_1_0)
		return type <= OFPT10_MAX ? &of10_types[type] : NULL;
	if (version == OF_VER_1_3)
		return type <= OFPT13_MAX ? &of13_types[type] : NULL;
	return NULL;
}

/* A message body after its header (tcpdump's of_message_print). */
static void print_of_message(np_printer *pr, const uint8_t *p, uint32_t len, const struct of_msgtype *mt)
{
	if (mt) {
		if ((mt->req == REQ_FIXLEN && len != mt->req_len) || (mt->req == REQ_MINLEN && len < mt->req_len)) {
			print_invalid(pr);
		} else if (pr->o.vflag && mt->decode) {
			mt->decode(pr, p, len);
			return;
		}
	}
	check(pr, p, len);
}

void print_openflow(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	pr->protocol = "openflow";
	out_str(o, ": OpenFlow");
	while (len) {
		uint8_t version, type;
		NP_GET_U8(version, p, pr->snapend);
		p++, len--;
		out_fmt(o, "\n\tversion %s", tok2str(of_versions, "unknown (0x%02x)", version));
		if (len < 1)
			goto partial_header;
		NP_GET_U8(type, p, pr->snapend);
		p++, len--;
		const struct of_msgtype *mt = of_msgtype(version, type);
		if (mt)
			out_fmt(o, ", type %s", mt->name);
		else
			out_fmt(o, ", type unknown (0x%02x)", type);
		if (len < 2)
			goto partial_header;
		uint16_t length;
		NP_GET_BE16(length, p, pr->snapend);
		p += 2, len -= 2;
		out_fmt(o, ", length %u%s", length, length < OF_HEADER_LEN ? " (too short!)" : "");
		if (len < 4)
			goto partial_header;
		uint32_t xid;
		NP_GET_BE32(xid, p, pr->snapend);
		p += 4, len -= 4;
		out_fmt(o, ", xid 0x%08x", xid);
		if (length < OF_HEADER_LEN) {
			print_invalid(pr);
			check(pr, p, len);
			return;
		}
		uint32_t body = length - OF_HEADER_LEN;
		print_of_message(pr, p, body, mt);
		if (pr->stopped || body > len)
			return;
		p += body, len -= body;
	}
	return;
partial_header:
	out_str(o, " (end of TCP payload)");
	check(pr, p, len);
	return;
trunc:
	print_trunc_stop(pr);
}
