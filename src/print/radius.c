/*
 * radius.c - RADIUS (RFC 2865, 2866, 3162, 4675, 5176, 5447, 5580) as
 * tcpdump 4.99's print-radius.c writes it, on UDP 1645, 1646, 1700, 1812,
 * 1813 and 3799: code, id and length, and with -v the authenticator and
 * every attribute by name with its value decoded by kind (text, number or
 * named value, IPv4/IPv6 address or prefix, time, vendor-specific
 * sub-attributes, location objects, the ARAP oddities), EAP-Message
 * through eap.c, and with -vv each attribute's bytes in hex too.
 *
 * Not for: hiding or decrypting hidden attributes (User-Password,
 * Tunnel-Password): like tcpdump, the password's obfuscated bytes are not
 * printed (User-Password has no value printer) and Tunnel-Password prints
 * as text only after its tag and salt.
 */
#include "print.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define RADIUS_HDRLEN 20

/* How an attribute's value is printed. */
enum rad_kind {
	RA_NONE,     /* nothing (only the -vv hex dump) */
	RA_STRING,   /* text up to a NUL, after the tag of tunnel attributes */
	RA_NUM,      /* 32-bit number, a named value, or a duration */
	RA_ADDR,     /* IPv4 address */
	RA_ADDR6,    /* IPv6 address */
	RA_PREFIX6,  /* reserved byte, prefix length, prefix (RFC 3162) */
	RA_VENDOR,   /* vendor id and sub-attributes */
	RA_TIME,     /* seconds since 1970, as ctime() */
	RA_VECTOR64, /* MIP6 feature bits */
	RA_HOMELINK, /* prefix length, IPv6 prefix */
	RA_OPERATOR, /* namespace, name (RFC 5580) */
	RA_LOCINFO,  /* location information (RFC 5580) */
	RA_LOCDATA,  /* location data (RFC 5580) */
	RA_BLPR,     /* basic location policy rules (RFC 5580) */
	RA_STRANGE,  /* ARAP and Error-Cause special formats */
};

struct rad_attr_def {
	const char *name;
	uint8_t kind;
	const char *const *values; /* named values, NULL entries unnamed */
	uint32_t nvalues;
};

#define TABLE(t) (t), sizeof(t) / sizeof((t)[0])

static const np_tok rad_codes[] = {
	{1, "Access-Request"},
	{2, "Access-Accept"},
	{3, "Access-Reject"},
	{4, "Accounting-Request"},
	{5, "Accounting-Response"},
	{11, "Access-Challenge"},
	{12, "Status-Server"},
	{13, "Status-Client"},
	{40, "Disconnect-Request"},
	{41, "Disconnect-ACK"},
	{42, "Disconnect-NAK"},
	{43, "CoA-Request"},
	{44, "CoA-ACK"},
	{45, "CoA-NAK"},
	{255, "Reserved"},
	{0, NULL},
};

static const np_tok rad_vlan_tags[] = {{0x31, "Tagged"}, {0x32, "Untagged"}, {0, NULL}};
static const np_tok rad_operator_ns[] = {{0x30, "TADIG"}, {0x31, "REALM"}, {0x32, "E212"}, {0x33, "ICC"}, {0, NULL}};
static const np_tok rad_loc_codes[] = {{0, "Civic"}, {1, "Geospatial"}, {0, NULL}};
static const np_tok rad_loc_entities[] = {{0, "User"}, {1, "RADIUS"}, {0, NULL}};
static const np_tok rad_blpr_flags[] = {
	{0x0001, "MBZ-15"}, {0x0002, "MBZ-14"}, {0x0004, "MBZ-13"}, {0x0008, "MBZ-12"},
	{0x0010, "MBZ-11"}, {0x0020, "MBZ-10"}, {0x0040, "MBZ-9"},  {0x0080, "MBZ-8"},
	{0x0100, "MBZ-7"},  {0x0200, "MBZ-6"},  {0x0400, "MBZ-5"},  {0x0800, "MBZ-4"},
	{0x1000, "MBZ-3"},  {0x2000, "MBZ-2"},  {0x4000, "MBZ-1"},  {0x8000, "Retransmission Allowed"},
	{0, NULL},
};

static const struct {
	uint64_t bit;
	const char *name;
} rad_mip6_features[] = {
	{0x0000000000000001ull, "MIP6_INTEGRATED"},
	{0x0000000000000002ull, "LOCAL_HOME_AGENT_ASSIGNMENT"},
	{0x0000010000000000ull, "PMIP6_SUPPORTED"},
	{0x0000020000000000ull, "IP4_HOA_SUPPORTED"},
	{0x0000040000000000ull, "LOCAL_MAG_ROUTING_SUPPORTED"},
	{0x0000080000000000ull, "ASSIGN_LOCAL_IP"},
	{0x0000100000000000ull, "MIP4_SUPPORTED"},
	{0x0000200000000000ull, "OPTIMIZED_IDLE_MODE_MOBILITY"},
	{0x0000400000000000ull, "GTPv2_SUPPORTED"},
	{0x0000800000000000ull, "IP4_TRANSPORT_SUPPORTED"},
	{0x0001000000000000ull, "IP4_HOA_ONLY_SUPPORTED"},
	{0x0002000000000000ull, "INTER_MAG_ROUTING_SUPPORTED"},
};

/* Attribute types with a special form. */
enum {
	RAD_FRAMED_IP = 8,
	RAD_LOGIN_IP_HOST = 14,
	RAD_FRAMED_IPX = 23,
	RAD_SESSION_TIMEOUT = 27,
	RAD_IDLE_TIMEOUT = 28,
	RAD_ATALK_LINK = 37,
	RAD_ATALK_NETWORK = 38,
	RAD_ACCT_DELAY = 41,
	RAD_ACCT_SESSION_TIME = 46,
	RAD_EGRESS_VLAN_ID = 56,
	RAD_EGRESS_VLAN_NAME = 58,
	RAD_TUNNEL_TYPE = 64,
	RAD_TUNNEL_MEDIUM = 65,
	RAD_TUNNEL_CLIENT_END = 66,
	RAD_TUNNEL_SERVER_END = 67,
	RAD_TUNNEL_PASSWORD = 69,
	RAD_ARAP_PASSWORD = 70,
	RAD_ARAP_FEATURES = 71,
	RAD_EAP_MESSAGE = 79,
	RAD_TUNNEL_PRIV_GROUP = 81,
	RAD_TUNNEL_ASSIGN_ID = 82,
	RAD_TUNNEL_PREFERENCE = 83,
	RAD_ARAP_CHALLENGE = 84,
	RAD_ACCT_INTERIM = 85,
	RAD_TUNNEL_CLIENT_AUTH = 90,
	RAD_TUNNEL_SERVER_AUTH = 91,
	RAD_ERROR_CAUSE = 101,
};

static const char *const rad_serv_type[] = {NULL,
					    "Login",
					    "Framed",
					    "Callback Login",
					    "Callback Framed",
					    "Outbound",
					    "Administrative",
					    "NAS Prompt",
					    "Authenticate Only",
					    "Callback NAS Prompt",
					    "Call Check",
					    "Callback Administrative",
					    "Voice",
					    "Fax",
					    "Modem Relay",
					    "IAPP-Register",
					    "IAPP-AP-Check",
					    "Authorize Only",
					    "Framed-Management",
					    "Additional-Authorization"};
static const char *const rad_frm_proto[] = {NULL,
					    "PPP",
					    "SLIP",
					    "ARAP",
					    "Gandalf proprietary",
					    "Xylogics IPX/SLIP",
					    "X.75 Synchronous",
					    "GPRS PDP Context"};
static const char *const rad_frm_routing[] = {"None", "Send", "Listen", "Send&Listen"};
static const char *const rad_frm_comp[] = {"None", "VJ TCP/IP", "IPX", "Stac-LZS"};
static const char *const rad_login_serv[] = {"Telnet",   "Rlogin",     "TCP Clear",  "PortMaster(proprietary)", "LAT",
					     "X.25-PAD", "X.25-T3POS", "Unassigned", "TCP Clear Quiet"};
static const char *const rad_term_action[] = {"Default", "RADIUS-Request"};
static const char *const rad_ingress_filters[] = {NULL, "Enabled", "Disabled"};
static const char *const rad_nas_port_type[] = {"Async",
						"Sync",
						"ISDN Sync",
						"ISDN Async V.120",
						"ISDN Async V.110",
						"Virtual",
						"PIAFS",
						"HDLC Clear Channel",
						"X.25",
						"X.75",
						"G.3 Fax",
						"SDSL",
						"ADSL-CAP",
						"ADSL-DMT",
						"ISDN-DSL",
						"Ethernet",
						"xDSL",
						"Cable",
						"Wireless - Other",
						"Wireless - IEEE 802.11",
						"Token-Ring",
						"FDDI",
						"Wireless - CDMA200",
						"Wireless - UMTS",
						"Wireless - 1X-EV",
						"IAPP",
						"FTTP",
						"Wireless - IEEE 802.16",
						"Wireless - IEEE 802.20",
						"Wireless - IEEE 802.22",
						"PPPoA",
						"PPPoEoA",
						"PPPoEoE",
						"PPPoEoVLAN",
						"PPPoEoQinQ",
						"xPON",
						"Wireless - XGP",
						"WiMAX Pre-Release 8 IWK Function",
						"WIMAX-WIFI-IWK",
						"WIMAX-SFF",
						"WIMAX-HA-LMA",
						"WIMAX-DHCP",
						"WIMAX-LBS",
						"WIMAX-WVS"};
static const char *const rad_acct_status[] = {NULL,
					      "Start",
					      "Stop",
					      "Interim-Update",
					      "Unassigned",
					      "Unassigned",
					      "Unassigned",
					      "Accounting-On",
					      "Accounting-Off",
					      "Tunnel-Start",
					      "Tunnel-Stop",
					      "Tunnel-Reject",
					      "Tunnel-Link-Start",
					      "Tunnel-Link-Stop",
					      "Tunnel-Link-Reject",
					      "Failed"};
static const char *const rad_acct_auth[] = {NULL, "RADIUS", "Local", "Remote", "Diameter"};
static const char *const rad_acct_term[] = {NULL,
					    "User Request",
					    "Lost Carrier",
					    "Lost Service",
					    "Idle Timeout",
					    "Session Timeout",
					    "Admin Reset",
					    "Admin Reboot",
					    "Port Error",
					    "NAS Error",
					    "NAS Request",
					    "NAS Reboot",
					    "Port Unneeded",
					    "Port Preempted",
					    "Port Suspended",
					    "Service Unavailable",
					    "Callback",
					    "User Error",
					    "Host Request",
					    "Supplicant Restart",
					    "Reauthentication Failure",
					    "Port Reinitialized",
					    "Port Administratively Disabled",
					    "Lost Power"};
static const char *const rad_tunnel_type[] = {NULL,
					      "PPTP",
					      "L2F",
					      "L2TP",
					      "ATMP",
					      "VTP",
					      "AH",
					      "IP-IP",
					      "MIN-IP-IP",
					      "ESP",
					      "GRE",
					      "DVS",
					      "IP-in-IP Tunneling",
					      "VLAN"};
static const char *const rad_tunnel_medium[] = {
	NULL,    "IPv4", "IPv6",  "NSAP", "HDLC",      "BBN 1822",  "802",          "E.163",
	"E.164", "F.69", "X.121", "IPX",  "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress"};
static const char *const rad_arap_zone[] = {NULL, "Only access to dfl zone", "Use zone filter inc.", "Not used",
					    "Use zone filter exc."};
static const char *const rad_prompt[] = {"No Echo", "Echo"};
static const struct rad_attr_def rad_attrs[] = {
	{NULL, RA_NONE, NULL, 0},
	{"User-Name", RA_STRING, NULL, 0},
	{"User-Password", RA_NONE, NULL, 0},
	{"CHAP-Password", RA_NONE, NULL, 0},
	{"NAS-IP-Address", RA_ADDR, NULL, 0},
	{"NAS-Port", RA_NUM, NULL, 0},
	{"Service-Type", RA_NUM, TABLE(rad_serv_type)},
	{"Framed-Protocol", RA_NUM, TABLE(rad_frm_proto)},
	{"Framed-IP-Address", RA_ADDR, NULL, 0},
	{"Framed-IP-Netmask", RA_ADDR, NULL, 0},
	{"Framed-Routing", RA_NUM, TABLE(rad_frm_routing)},
	{"Filter-Id", RA_STRING, NULL, 0},
	{"Framed-MTU", RA_NUM, NULL, 0},
	{"Framed-Compression", RA_NUM, TABLE(rad_frm_comp)},
	{"Login-IP-Host", RA_ADDR, NULL, 0},
	{"Login-Service", RA_NUM, TABLE(rad_login_serv)},
	{"Login-TCP-Port", RA_NUM, NULL, 0},
	{"Unassigned", RA_NONE, NULL, 0},
	{"Reply-Message", RA_STRING, NULL, 0},
	{"Callback-Number", RA_STRING, NULL, 0},
	{"Callback-Id", RA_STRING, NULL, 0},
	{"Unassigned", RA_NONE, NULL, 0},
	{"Framed-Route", RA_STRING, NULL, 0},
	{"Framed-IPX-Network", RA_NUM, NULL, 0},
	{"State", RA_STRING, NULL, 0},
	{"Class", RA_STRING, NULL, 0},
	{"Vendor-Specific", RA_VENDOR, NULL, 0},
	{"Session-Timeout", RA_NUM, NULL, 0},
	{"Idle-Timeout", RA_NUM, NULL, 0},
	{"Termination-Action", RA_NUM, TABLE(rad_term_action)},
	{"Called-Station-Id", RA_STRING, NULL, 0},
	{"Calling-Station-Id", RA_STRING, NULL, 0},
	{"NAS-Identifier", RA_STRING, NULL, 0},
	{"Proxy-State", RA_STRING, NULL, 0},
	{"Login-LAT-Service", RA_STRING, NULL, 0},
	{"Login-LAT-Node", RA_STRING, NULL, 0},
	{"Login-LAT-Group", RA_STRING, NULL, 0},
	{"Framed-AppleTalk-Link", RA_NUM, NULL, 0},
	{"Framed-AppleTalk-Network", RA_NUM, NULL, 0},
	{"Framed-AppleTalk-Zone", RA_STRING, NULL, 0},
	{"Acct-Status-Type", RA_NUM, TABLE(rad_acct_status)},
	{"Acct-Delay-Time", RA_NUM, NULL, 0},
	{"Acct-Input-Octets", RA_NUM, NULL, 0},
	{"Acct-Output-Octets", RA_NUM, NULL, 0},
	{"Acct-Session-Id", RA_STRING, NULL, 0},
	{"Acct-Authentic", RA_NUM, TABLE(rad_acct_auth)},
	{"Acct-Session-Time", RA_NUM, NULL, 0},
	{"Acct-Input-Packets", RA_NUM, NULL, 0},
	{"Acct-Output-Packets", RA_NUM, NULL, 0},
	{"Acct-Terminate-Cause", RA_NUM, TABLE(rad_acct_term)},
	{"Acct-Multi-Session-Id", RA_STRING, NULL, 0},
	{"Acct-Link-Count", RA_NUM, NULL, 0},
	{"Acct-Input-Gigawords", RA_NUM, NULL, 0},
	{"Acct-Output-Gigawords", RA_NUM, NULL, 0},
	{"Unassigned", RA_NONE, NULL, 0},
	{"Event-Timestamp", RA_TIME, NULL, 0},
	{"Egress-VLANID", RA_NUM, NULL, 0},
	{"Ingress-Filters", RA_NUM, TABLE(rad_ingress_filters)},
	{"Egress-VLAN-Name", RA_STRING, NULL, 0},
	{"User-Priority-Table", RA_NONE, NULL, 0},
	{"CHAP-Challenge", RA_STRING, NULL, 0},
	{"NAS-Port-Type", RA_NUM, TABLE(rad_nas_port_type)},
	{"Port-Limit", RA_NUM, NULL, 0},
	{"Login-LAT-Port", RA_STRING, NULL, 0},
	{"Tunnel-Type", RA_NUM, TABLE(rad_tunnel_type)},
	{"Tunnel-Medium-Type", RA_NUM, TABLE(rad_tunnel_medium)},
	{"Tunnel-Client-Endpoint", RA_STRING, NULL, 0},
	{"Tunnel-Server-Endpoint", RA_STRING, NULL, 0},
	{"Acct-Tunnel-Connection", RA_STRING, NULL, 0},
	{"Tunnel-Password", RA_STRING, NULL, 0},
	{"ARAP-Password", RA_STRANGE, NULL, 0},
	{"ARAP-Features", RA_STRANGE, NULL, 0},
	{"ARAP-Zone-Access", RA_NUM, TABLE(rad_arap_zone)},
	{"ARAP-Security", RA_STRING, NULL, 0},
	{"ARAP-Security-Data", RA_STRING, NULL, 0},
	{"Password-Retry", RA_NUM, NULL, 0},
	{"Prompt", RA_NUM, TABLE(rad_prompt)},
	{"Connect-Info", RA_STRING, NULL, 0},
	{"Configuration-Token", RA_STRING, NULL, 0},
	{"EAP-Message", RA_STRING, NULL, 0},
	{"Message-Authenticator", RA_STRING, NULL, 0},
	{"Tunnel-Private-Group-ID", RA_STRING, NULL, 0},
	{"Tunnel-Assignment-ID", RA_STRING, NULL, 0},
	{"Tunnel-Preference", RA_NUM, NULL, 0},
	{"ARAP-Challenge-Response", RA_STRANGE, NULL, 0},
	{"Acct-Interim-Interval", RA_NUM, NULL, 0},
	{"Acct-Tunnel-Packets-Lost", RA_NUM, NULL, 0},
	{"NAS-Port-Id", RA_STRING, NULL, 0},
	{"Framed-Pool", RA_STRING, NULL, 0},
	{"CUI", RA_STRING, NULL, 0},
	{"Tunnel-Client-Auth-ID", RA_STRING, NULL, 0},
	{"Tunnel-Server-Auth-ID", RA_STRING, NULL, 0},
	{"NAS-Filter-Rule", RA_STRING, NULL, 0},
	{"Unassigned", RA_NONE, NULL, 0},
	{"Originating-Line-Info", RA_NONE, NULL, 0},
	{"NAS-IPv6-Address", RA_ADDR6, NULL, 0},
	{"Framed-Interface-ID", RA_NONE, NULL, 0},
	{"Framed-IPv6-Prefix", RA_PREFIX6, NULL, 0},
	{"Login-IPv6-Host", RA_ADDR6, NULL, 0},
	{"Framed-IPv6-Route", RA_STRING, NULL, 0},
	{"Framed-IPv6-Pool", RA_STRING, NULL, 0},
	{"Error-Cause", RA_STRANGE, NULL, 0},
	{"EAP-Key-Name", RA_NONE, NULL, 0},
	{"Digest-Response", RA_STRING, NULL, 0},
	{"Digest-Realm", RA_STRING, NULL, 0},
	{"Digest-Nonce", RA_STRING, NULL, 0},
	{"Digest-Response-Auth", RA_STRING, NULL, 0},
	{"Digest-Nextnonce", RA_STRING, NULL, 0},
	{"Digest-Method", RA_STRING, NULL, 0},
	{"Digest-URI", RA_STRING, NULL, 0},
	{"Digest-Qop", RA_STRING, NULL, 0},
	{"Digest-Algorithm", RA_STRING, NULL, 0},
	{"Digest-Entity-Body-Hash", RA_STRING, NULL, 0},
	{"Digest-CNonce", RA_STRING, NULL, 0},
	{"Digest-Nonce-Count", RA_STRING, NULL, 0},
	{"Digest-Username", RA_STRING, NULL, 0},
	{"Digest-Opaque", RA_STRING, NULL, 0},
	{"Digest-Auth-Param", RA_STRING, NULL, 0},
	{"Digest-AKA-Auts", RA_STRING, NULL, 0},
	{"Digest-Domain", RA_STRING, NULL, 0},
	{"Digest-Stale", RA_STRING, NULL, 0},
	{"Digest-HA1", RA_STRING, NULL, 0},
	{"SIP-AOR", RA_STRING, NULL, 0},
	{"Delegated-IPv6-Prefix", RA_PREFIX6, NULL, 0},
	{"MIP6-Feature-Vector", RA_VECTOR64, NULL, 0},
	{"MIP6-Home-Link-Prefix", RA_HOMELINK, NULL, 0},
	{"Operator-Name", RA_OPERATOR, NULL, 0},
	{"Location-Information", RA_LOCINFO, NULL, 0},
	{"Location-Data", RA_LOCDATA, NULL, 0},
	{"Basic-Location-Policy-Rules", RA_BLPR, NULL, 0},
};
static const np_tok rad_error_causes[] = {
	{201, "Residual Session Context Removed"},
	{202, "Invalid EAP Packet (Ignored)"},
	{401, "Unsupported Attribute"},
	{402, "Missing Attribute"},
	{403, "NAS Identification Mismatch"},
	{404, "Invalid Request"},
	{405, "Unsupported Service"},
	{406, "Unsupported Extension"},
	{407, "Invalid Attribute Value"},
	{501, "Administratively Prohibited"},
	{502, "Request Not Routable (Proxy)"},
	{503, "Session Context Not Found"},
	{504, "Session Context Not Removable"},
	{505, "Other Proxy Processing Error"},
	{506, "Resources Unavailable"},
	{507, "Request Initiated"},
	{508, "Multiple Session Selection Unsupported"},
	{509, "Location Info Required"},
	{0, NULL},
};

/* "Tag[N] " or "Tag[Unused] " for a tunnel attribute's tag byte. */
static void rad_tag(np_printer *pr, uint8_t tag)
{
	if (tag)
		out_fmt(pr->out, "Tag[%u] ", tag);
	else
		out_str(pr->out, "Tag[Unused] ");
}

/* Printable ASCII as is, anything else as '.'. */
static void rad_char(np_printer *pr, uint8_t c)
{
	out_char(pr->out, c >= 0x20 && c < 0x7f ? (char)c : '.');
}

static void rad_string(np_printer *pr, const uint8_t *data, uint32_t length, uint8_t type)
{
	if (!np_has(data, pr->snapend, length)) {
		print_trunc(pr);
		return;
	}
	switch (type) {
	case RAD_TUNNEL_PASSWORD:
		if (length < 3) {
			print_trunc(pr);
			return;
		}
		rad_tag(pr, data[0] <= 0x1f ? data[0] : 0);
		out_fmt(pr->out, "Salt %u ", np_load_be16(data + 1));
		data += 3;
		length -= 3;
		break;
	case RAD_TUNNEL_CLIENT_END:
	case RAD_TUNNEL_SERVER_END:
	case RAD_TUNNEL_PRIV_GROUP:
	case RAD_TUNNEL_ASSIGN_ID:
	case RAD_TUNNEL_CLIENT_AUTH:
	case RAD_TUNNEL_SERVER_AUTH:
		if (data[0] <= 0x1f) {
			rad_tag(pr, data[0]);
			data++;
			length--;
		}
		break;
	case RAD_EGRESS_VLAN_NAME:
		out_fmt(pr->out, "%s (0x%02x) ", tok2str(rad_vlan_tags, "Unknown tag", data[0]), data[0]);
		data++;
		length--;
		break;
	case RAD_EAP_MESSAGE: print_eap(pr, data, length); return;
	default: break;
	}
	for (uint32_t i = 0; i < length && data[i]; i++)
		rad_char(pr, data[i]);
}

static void rad_vendor(np_printer *pr, const uint8_t *data, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t vendor;
	if (length < 4) {
		print_trunc(pr);
		return;
	}
	NP_GET_BE32(vendor, data, pr->snapend);
	data += 4;
	length -= 4;
	out_fmt(o, "Vendor: %s (%u)", tok2str(smi_names, "Unknown", vendor), vendor);
	while (length >= 2) {
		uint8_t vtype, vlen;
		NP_GET_U8(vtype, data, pr->snapend);
		NP_GET_U8(vlen, data + 1, pr->snapend);
		if (vlen < 2) {
			out_fmt(o, "\n\t    Vendor Attribute: %u, Length: %u (bogus, must be >= 2)", vtype, vlen);
			return;
		}
		if (vlen > length) {
			out_fmt(o,
				"\n\t    Vendor Attribute: %u, Length: %u (bogus, goes past end of vendor-specific attribute)",
				vtype, vlen);
			return;
		}
		data += 2;
		vlen -= 2;
		length -= 2;
		if (!np_has(data, pr->snapend, vlen)) {
			print_trunc(pr);
			return;
		}
		out_fmt(o, "\n\t    Vendor Attribute: %u, Length: %u, Value: ", vtype, vlen);
		for (uint32_t i = 0; i < vlen; i++)
			rad_char(pr, data[i]);
		data += vlen;
		length -= vlen;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* A duration as tcpdump's RADIUS printer writes it. */
static void rad_duration(np_printer *pr, uint32_t t)
{
	if (t < 60)
		out_fmt(pr->out, "%02u secs", t);
	else if (t < 3600)
		out_fmt(pr->out, "%02u:%02u min", t / 60, t % 60);
	else
		out_fmt(pr->out, "%02u:%02u:%02u hours", t / 3600, (t % 3600) / 60, t % 60);
}

/* The 24-bit value after a tag byte (Tunnel-Preference, Egress-VLANID). */
static bool rad_tagged24(np_printer *pr, const uint8_t *data)
{
	uint32_t v;
	NP_GET_BE24(v, data + 1, pr->snapend);
	out_u32(pr->out, v);
	return true;
trunc:
	return false;
}

static void rad_num(np_printer *pr, const uint8_t *data, uint32_t length, uint8_t type)
{
	np_out *o = pr->out;
	const struct rad_attr_def *d = &rad_attrs[type];
	uint32_t v;
	uint8_t b0;
	if (length != 4) {
		out_fmt(o, "ERROR: length %u != 4", length);
		return;
	}
	NP_GET_U8(b0, data, pr->snapend);
	if (d->values) {
		if (type == RAD_TUNNEL_TYPE || type == RAD_TUNNEL_MEDIUM) {
			rad_tag(pr, b0);
			NP_GET_BE24(v, data + 1, pr->snapend);
		} else {
			NP_GET_BE32(v, data, pr->snapend);
		}
		if (v < d->nvalues && d->values[v])
			out_str(o, d->values[v]);
		else
			out_fmt(o, "#%u", v);
		return;
	}
	switch (type) {
	case RAD_TUNNEL_PREFERENCE:
		rad_tag(pr, b0);
		if (!rad_tagged24(pr, data))
			goto trunc;
		return;
	case RAD_EGRESS_VLAN_ID:
		out_fmt(o, "%s (0x%02x) ", tok2str(rad_vlan_tags, "Unknown tag", b0), b0);
		if (!rad_tagged24(pr, data))
			goto trunc;
		return;
	default: break;
	}
	NP_GET_BE32(v, data, pr->snapend);
	switch (type) {
	case RAD_FRAMED_IPX:
		if (v == 0xfffffffe)
			out_str(o, "NAS Select");
		else
			out_u32(o, v);
		break;
	case RAD_SESSION_TIMEOUT:
	case RAD_IDLE_TIMEOUT:
	case RAD_ACCT_DELAY:
	case RAD_ACCT_SESSION_TIME:
	case RAD_ACCT_INTERIM: rad_duration(pr, v); break;
	case RAD_ATALK_LINK:
	case RAD_ATALK_NETWORK:
		if (v)
			out_u32(o, v);
		else
			out_str(o, type == RAD_ATALK_LINK ? "Unnumbered" : "NAS assigned");
		break;
	default: out_u32(o, v); break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

static void rad_addr(np_printer *pr, const uint8_t *data, uint32_t length, uint8_t type)
{
	uint32_t v;
	if (length != 4) {
		out_fmt(pr->out, "ERROR: length %u != 4", length);
		return;
	}
	NP_GET_BE32(v, data, pr->snapend);
	if ((type == RAD_FRAMED_IP || type == RAD_LOGIN_IP_HOST) && v >= 0xfffffffe)
		out_str(pr->out, v == 0xffffffff ? "User Selected" : "NAS Select");
	else
		out_ipv4(pr->out, data);
	return;
trunc:
	print_trunc_stop(pr);
}

static void rad_addr6(np_printer *pr, const uint8_t *data, uint32_t length)
{
	if (length != 16) {
		out_fmt(pr->out, "ERROR: length %u != 16", length);
		return;
	}
	NP_CHECK(data, pr->snapend, 16);
	out_ipv6(pr->out, data);
	return;
trunc:
	print_trunc_stop(pr);
}

/* "ERROR: netmask N not in range (0..128)" when the prefix length is bad. */
static bool rad_prefixlen_ok(np_printer *pr, uint8_t plen)
{
	if (plen <= 128)
		return true;
	out_fmt(pr->out, "ERROR: netmask %u not in range (0..128)", plen);
	return false;
}

static void rad_prefix6(np_printer *pr, const uint8_t *data, uint32_t length)
{
	uint8_t addr[16] = {0};
	if (length < 2 || length > 18) {
		out_fmt(pr->out, "ERROR: length %u not in range (2..18)", length);
		return;
	}
	if (!np_has(data, pr->snapend, length)) {
		print_trunc(pr);
		return;
	}
	uint8_t plen = data[1];
	if (!rad_prefixlen_ok(pr, plen))
		return;
	memcpy(addr, data + 2, length - 2);
	out_ipv6(pr->out, addr);
	out_fmt(pr->out, "/%u", plen);
	if (plen > 8 * (length - 2))
		out_str(pr->out, " (inconsistent prefix length)");
}

static void rad_homelink(np_printer *pr, const uint8_t *data, uint32_t length)
{
	if (length != 17) {
		out_fmt(pr->out, "ERROR: length %u != 17", length);
		return;
	}
	if (!np_has(data, pr->snapend, length)) {
		print_trunc(pr);
		return;
	}
	if (!rad_prefixlen_ok(pr, data[0]))
		return;
	out_ipv6(pr->out, data + 1);
	out_fmt(pr->out, "/%u", data[0]);
}

/* The location objects of RFC 5580 and the operator name: the value must
 * be captured and at least min bytes long. */
static bool rad_sized(np_printer *pr, const uint8_t *data, uint32_t length, uint32_t min)
{
	if (!np_has(data, pr->snapend, length)) {
		print_trunc(pr);
		return false;
	}
	if (length < min) {
		out_fmt(pr->out, "ERROR: length %u < %u", length, min);
		return false;
	}
	return true;
}

static void rad_operator(np_printer *pr, const uint8_t *data, uint32_t length)
{
	if (!rad_sized(pr, data, length, 2))
		return;
	out_fmt(pr->out, "[%s] ", tok2str(rad_operator_ns, "unknown namespace %u", data[0]));
	print_text(pr, data + 1, length - 1);
}

static void rad_locinfo(np_printer *pr, const uint8_t *data, uint32_t length)
{
	np_out *o = pr->out;
	if (!rad_sized(pr, data, length, 21))
		return;
	out_fmt(o, "index %u, code %s, ", np_load_be16(data), tok2str(rad_loc_codes, "Unknown (%u)", data[2]));
	out_fmt(o, "entity %s, sighting time ", tok2str(rad_loc_entities, "Unknown (%u)", data[3]));
	print_ntp_time(pr, np_load_be32(data + 4), np_load_be32(data + 8));
	out_str(o, ", time to live ");
	print_ntp_time(pr, np_load_be32(data + 12), np_load_be32(data + 16));
	out_str(o, ", method \"");
	print_text(pr, data + 20, length - 20);
	out_char(o, '"');
}

static void rad_locdata(np_printer *pr, const uint8_t *data, uint32_t length)
{
	if (!rad_sized(pr, data, length, 3))
		return;
	out_fmt(pr->out, "index %u, location", np_load_be16(data));
	print_hex_ascii(pr, "\n\t    ", data + 2, length - 2);
}

static void rad_blpr(np_printer *pr, const uint8_t *data, uint32_t length)
{
	np_out *o = pr->out;
	if (!rad_sized(pr, data, length, 10))
		return;
	out_str(o, "flags [");
	print_bits(pr, rad_blpr_flags, np_load_be16(data), ", ", "none");
	out_str(o, "], retention expires ");
	print_ntp_time(pr, np_load_be32(data + 2), np_load_be32(data + 6));
	if (length > 10) {
		out_str(o, ", note well \"");
		print_text(pr, data + 10, length - 10);
		out_char(o, '"');
	}
}

static void rad_time(np_printer *pr, const uint8_t *data, uint32_t length)
{
	uint32_t v;
	char buf[64];
	struct tm tm;
	if (length != 4) {
		out_fmt(pr->out, "ERROR: length %u != 4", length);
		return;
	}
	NP_GET_BE32(v, data, pr->snapend);
	time_t t = (time_t)v;
	/* ctime()'s form, in local time as tcpdump prints it */
	if (localtime_r(&t, &tm) && strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", &tm))
		out_str(pr->out, buf);
	return;
trunc:
	print_trunc_stop(pr);
}

static void rad_vector64(np_printer *pr, const uint8_t *data, uint32_t length)
{
	uint64_t v;
	const char *sep = "";
	if (length != 8) {
		out_fmt(pr->out, "ERROR: length %u != 8", length);
		return;
	}
	out_char(pr->out, '[');
	NP_GET_BE64(v, data, pr->snapend);
	for (size_t i = 0; i < sizeof(rad_mip6_features) / sizeof(rad_mip6_features[0]); i++) {
		if (v & rad_mip6_features[i].bit) {
			out_fmt(pr->out, "%s%s", sep, rad_mip6_features[i].name);
			sep = ", ";
		}
	}
	out_char(pr->out, ']');
	return;
trunc:
	print_trunc_stop(pr);
}

/* n bytes in upper-case hex; false when the packet stopped. */
static bool rad_hex(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t c;
		NP_GET_U8(c, p + i, pr->snapend);
		out_fmt(pr->out, "%02X", c);
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void rad_strange(np_printer *pr, const uint8_t *data, uint32_t length, uint8_t type)
{
	np_out *o = pr->out;
	uint8_t b;
	uint32_t v;
	switch (type) {
	case RAD_ARAP_PASSWORD:
		if (length != 16) {
			out_fmt(o, "ERROR: length %u != 16", length);
			return;
		}
		out_str(o, "User_challenge (");
		if (!rad_hex(pr, data, 8))
			return;
		out_str(o, ") User_resp(");
		if (!rad_hex(pr, data + 8, 8))
			return;
		out_char(o, ')');
		break;
	case RAD_ARAP_FEATURES:
		if (length != 14) {
			out_fmt(o, "ERROR: length %u != 14", length);
			return;
		}
		NP_GET_U8(b, data, pr->snapend);
		out_str(o, b ? "User can change password" : "User cannot change password");
		NP_GET_U8(b, data + 1, pr->snapend);
		out_fmt(o, ", Min password length: %u, created at: ", b);
		if (!rad_hex(pr, data + 2, 4))
			return;
		out_str(o, ", expires in: ");
		if (!rad_hex(pr, data + 6, 4))
			return;
		out_str(o, ", Current Time: ");
		rad_hex(pr, data + 10, 4);
		break;
	case RAD_ARAP_CHALLENGE:
		if (length < 8) {
			out_fmt(o, "ERROR: length %u != 8", length);
			return;
		}
		rad_hex(pr, data, 8);
		break;
	case RAD_ERROR_CAUSE:
		if (length != 4) {
			out_fmt(o, "Error: length %u != 4", length);
			return;
		}
		NP_GET_BE32(v, data, pr->snapend);
		out_fmt(o, "Error cause %u: %s", v, tok2str(rad_error_causes, "Error-Cause %u not known", v));
		break;
	default: break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* The value of an attribute of a known type (length > 0). */
static void rad_value(np_printer *pr, const uint8_t *data, uint32_t length, uint8_t type)
{
	switch (rad_attrs[type].kind) {
	case RA_STRING: rad_string(pr, data, length, type); break;
	case RA_NUM: rad_num(pr, data, length, type); break;
	case RA_ADDR: rad_addr(pr, data, length, type); break;
	case RA_ADDR6: rad_addr6(pr, data, length); break;
	case RA_PREFIX6: rad_prefix6(pr, data, length); break;
	case RA_VENDOR: rad_vendor(pr, data, length); break;
	case RA_TIME: rad_time(pr, data, length); break;
	case RA_VECTOR64: rad_vector64(pr, data, length); break;
	case RA_HOMELINK: rad_homelink(pr, data, length); break;
	case RA_OPERATOR: rad_operator(pr, data, length); break;
	case RA_LOCINFO: rad_locinfo(pr, data, length); break;
	case RA_LOCDATA: rad_locdata(pr, data, length); break;
	case RA_BLPR: rad_blpr(pr, data, length); break;
	case RA_STRANGE: rad_strange(pr, data, length, type); break;
	default: break;
	}
}

static void rad_attrs_print(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint32_t nattrs = sizeof(rad_attrs) / sizeof(rad_attrs[0]);
	while (length > 0) {
		if (length < 2 || !np_has(p, pr->snapend, 2)) {
			print_trunc(pr);
			return;
		}
		uint8_t type = p[0], len = p[1];
		const char *name = type != 0 && type < nattrs ? rad_attrs[type].name : "Unknown";
		out_fmt(o, "\n\t  %s Attribute (%u), length: %u", name, type, len);
		if (len < 2) {
			out_str(o, " (bogus, must be >= 2)");
			return;
		}
		if (len > length) {
			out_str(o, " (bogus, goes past end of packet)");
			return;
		}
		out_str(o, ", Value: ");
		if (type < nattrs && len > 2) {
			rad_value(pr, p + 2, len - 2u, type);
			if (pr->stopped)
				return;
		}
		if (pr->o.vflag > 1)
			print_unknown_data(pr, p + 2, "\n\t    ", len - 2u);
		length -= len;
		p += len;
	}
}

void print_radius(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "radius";
	if (!np_has(p, pr->snapend, RADIUS_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	uint32_t len = np_load_be16(p + 2);
	if (len < RADIUS_HDRLEN) {
		print_trunc(pr);
		return;
	}
	if (len > length)
		len = length;
	const char *code = tok2str(rad_codes, "Unknown Command", p[0]);
	if (pr->o.vflag < 1) {
		out_fmt(o, "RADIUS, %s (%u), id: 0x%02x length: %u", code, p[0], p[1], len);
		return;
	}
	out_fmt(o, "RADIUS, length: %u\n\t%s (%u), id: 0x%02x, Authenticator: ", len, code, p[0], p[1]);
	for (int i = 4; i < 20; i++)
		out_fmt(o, "%02x", p[i]);
	if (len > RADIUS_HDRLEN)
		rad_attrs_print(pr, p + RADIUS_HDRLEN, len - RADIUS_HDRLEN);
}
