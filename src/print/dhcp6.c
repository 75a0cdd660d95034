/*
 * dhcp6.c - DHCPv6 text as tcpdump 4.99's dhcp6_print writes it
 * (print-dhcp6.c): "dhcp6 <type>" and, with -v, the transaction id or the
 * relay addresses and every option in parentheses: DUIDs, IA_NA/IA_TA/
 * IA_PD with their addresses and prefixes, status codes, option request
 * lists, preference, elapsed time, nested relay messages, server address
 * lists, domain lists, authentication, reconfigure and lease query
 * options, each with tcpdump's " ?)" for a body of the wrong size and its
 * unbalanced parentheses around a relay message.
 *
 * The fixed header comes from decode/dhcp6.c and the options from its
 * iterator, which hands out only options whose body is inside both the
 * message and the capture. Where tcpdump's option walk gives up (an option
 * running past the end, a name or NTP sub-option that cannot be printed)
 * this printer prints " [|dhcp6]" and the enclosing levels carry on, as
 * tcpdump's local `goto trunc` does; only the header reads that tcpdump
 * makes with GET macros stop the packet.
 *
 * Not for: parsing for flows (decode/dhcp6.c), DHCPv4 (BOOTP).
 */
#include "print.h"

#include "../decode/dhcp6.h"

#define DUID_LLT 1
#define DUID_EN 2
#define DUID_LL 3
#define AUTH_PROTO_DELAYED 2
#define AUTH_PROTO_RECONFIG 3
#define AUTH_ALG_HMAC_MD5 1
#define AUTH_RDM_MONOCOUNTER 0
#define AUTH_RECONFIG_KEY 1
#define AUTH_RECONFIG_HMAC_MD5 2
#define AUTH_FIXED_LEN 11    /* protocol, algorithm, RDM, replay detection */
#define AUTH_DELAYED_LEN 20  /* key id and HMAC-MD5 after the realm */
#define AUTH_RECONFIG_LEN 17 /* type and HMAC-MD5 */
#define HEX_PEEK 10          /* bytes tcpdump shows of opaque ids */
#define NTP_SUBOPT_SRV_ADDR 1
#define NTP_SUBOPT_MC_ADDR 2
#define NTP_SUBOPT_SRV_FQDN 3
#define IP6_LEN 16

static const np_tok dhcp6_msgtype_names[] = {
	{NP_DHCP6_SOLICIT, "solicit"},
	{NP_DHCP6_ADVERTISE, "advertise"},
	{NP_DHCP6_REQUEST, "request"},
	{NP_DHCP6_CONFIRM, "confirm"},
	{NP_DHCP6_RENEW, "renew"},
	{NP_DHCP6_REBIND, "rebind"},
	{NP_DHCP6_REPLY, "reply"},
	{NP_DHCP6_RELEASE, "release"},
	{NP_DHCP6_DECLINE, "decline"},
	{NP_DHCP6_RECONFIGURE, "reconfigure"},
	{NP_DHCP6_INFORM_REQ, "inf-req"},
	{NP_DHCP6_RELAY_FORW, "relay-fwd"},
	{NP_DHCP6_RELAY_REPLY, "relay-reply"},
	{NP_DHCP6_LEASEQUERY, "leasequery"},
	{NP_DHCP6_LQ_REPLY, "leasequery-reply"},
	{0, NULL},
};

static const np_tok dhcp6_opt_names[] = {
	{NP_DHCP6_OPT_CLIENTID, "client-ID"},
	{NP_DHCP6_OPT_SERVERID, "server-ID"},
	{NP_DHCP6_OPT_IA_NA, "IA_NA"},
	{NP_DHCP6_OPT_IA_TA, "IA_TA"},
	{NP_DHCP6_OPT_IA_ADDR, "IA_ADDR"},
	{NP_DHCP6_OPT_ORO, "option-request"},
	{NP_DHCP6_OPT_PREFERENCE, "preference"},
	{NP_DHCP6_OPT_ELAPSED_TIME, "elapsed-time"},
	{NP_DHCP6_OPT_RELAY_MSG, "relay-message"},
	{NP_DHCP6_OPT_AUTH, "authentication"},
	{NP_DHCP6_OPT_UNICAST, "server-unicast"},
	{NP_DHCP6_OPT_STATUS_CODE, "status-code"},
	{NP_DHCP6_OPT_RAPID_COMMIT, "rapid-commit"},
	{NP_DHCP6_OPT_USER_CLASS, "user-class"},
	{NP_DHCP6_OPT_VENDOR_CLASS, "vendor-class"},
	{NP_DHCP6_OPT_VENDOR_OPTS, "vendor-specific-info"},
	{NP_DHCP6_OPT_INTERFACE_ID, "interface-ID"},
	{NP_DHCP6_OPT_RECONF_MSG, "reconfigure-message"},
	{NP_DHCP6_OPT_RECONF_ACCEPT, "reconfigure-accept"},
	{NP_DHCP6_OPT_SIP_SERVER_D, "SIP-servers-domain"},
	{NP_DHCP6_OPT_SIP_SERVER_A, "SIP-servers-address"},
	{NP_DHCP6_OPT_DNS_SERVERS, "DNS-server"},
	{NP_DHCP6_OPT_DOMAIN_LIST, "DNS-search-list"},
	{NP_DHCP6_OPT_IA_PD, "IA_PD"},
	{NP_DHCP6_OPT_IA_PD_PREFIX, "IA_PD-prefix"},
	{NP_DHCP6_OPT_SNTP_SERVERS, "SNTP-servers"},
	{NP_DHCP6_OPT_LIFETIME, "lifetime"},
	{NP_DHCP6_OPT_NIS_SERVERS, "NIS-server"},
	{NP_DHCP6_OPT_NISP_SERVERS, "NIS+-server"},
	{NP_DHCP6_OPT_NIS_NAME, "NIS-domain-name"},
	{NP_DHCP6_OPT_NISP_NAME, "NIS+-domain-name"},
	{NP_DHCP6_OPT_BCMCS_SERVER_D, "BCMCS-domain-name"},
	{NP_DHCP6_OPT_BCMCS_SERVER_A, "BCMCS-server"},
	{NP_DHCP6_OPT_GEOCONF_CIVIC, "Geoconf-Civic"},
	{NP_DHCP6_OPT_REMOTE_ID, "Remote-ID"},
	{NP_DHCP6_OPT_SUBSCRIBER_ID, "Subscriber-ID"},
	{NP_DHCP6_OPT_CLIENT_FQDN, "Client-FQDN"},
	{NP_DHCP6_OPT_PANA_AGENT, "PANA-agent"},
	{NP_DHCP6_OPT_NEW_POSIX_TIMEZONE, "POSIX-timezone"},
	{NP_DHCP6_OPT_NEW_TZDB_TIMEZONE, "POSIX-tz-database"},
	{NP_DHCP6_OPT_ERO, "Echo-request-option"},
	{NP_DHCP6_OPT_LQ_QUERY, "Lease-query"},
	{NP_DHCP6_OPT_CLIENT_DATA, "LQ-client-data"},
	{NP_DHCP6_OPT_CLT_TIME, "Clt-time"},
	{NP_DHCP6_OPT_LQ_RELAY_DATA, "LQ-relay-data"},
	{NP_DHCP6_OPT_LQ_CLIENT_LINK, "LQ-client-link"},
	{NP_DHCP6_OPT_NTP_SERVER, "NTP-server"},
	{NP_DHCP6_OPT_AFTR_NAME, "AFTR-Name"},
	{NP_DHCP6_OPT_MUDURL, "MUD-URL"},
	{0, NULL},
};

static const np_tok dhcp6_status_names[] = {
	{0, "Success"},        {1, "UnspecFail"},    {2, "NoAddrsAvail"},  {3, "NoBinding"},
	{4, "NotOnLink"},      {5, "UseMulticast"},  {6, "NoPrefixAvail"}, {7, "UnknownQueryType"},
	{8, "MalformedQuery"}, {9, "NotConfigured"}, {10, "NotAllowed"},   {0, NULL},
};

static void print_options(np_printer *pr, const uint8_t *cp, const uint8_t *ep);

/* Reads inside an option body. The iterator has checked that the whole
 * body was captured and callers check its length first, so the fallback
 * zero is never printed. */
static uint8_t body_u8(const np_dhcp6_opt *o, uint32_t off)
{
	uint8_t v = 0;
	np_get_u8(o->data + off, o->data + o->len, &v);
	return v;
}

static uint16_t body_be16(const np_dhcp6_opt *o, uint32_t off)
{
	uint16_t v = 0;
	np_get_be16(o->data + off, o->data + o->len, &v);
	return v;
}

static uint32_t body_be32(const np_dhcp6_opt *o, uint32_t off)
{
	uint32_t v = 0;
	np_get_be32(o->data + off, o->data + o->len, &v);
	return v;
}

static const uint8_t *body_end(const np_dhcp6_opt *o)
{
	return o->data + o->len;
}

/* Body bytes [from, to) as "%02x" each, stopping at the body's end. */
static void print_body_hex(np_printer *pr, const np_dhcp6_opt *o, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i < to && i < o->len; i++)
		out_hex(pr->out, body_u8(o, i), 2);
}

static void print_body_ip6(np_printer *pr, const np_dhcp6_opt *o, uint32_t off)
{
	out_ipv6(pr->out, o->data + off);
}

/* tcpdump's nd_printjnp: up to n characters of the body from off, ending
 * early at a NUL. */
static void print_jnp(np_printer *pr, const np_dhcp6_opt *o, uint32_t off, uint32_t n)
{
	uint8_t c;
	for (; n > 0 && np_get_u8(o->data + off, body_end(o), &c); n--, off++) {
		if (c == '\0')
			break;
		print_safe_char(pr, c);
	}
}

/* Sub-options that follow the fixed part of an IA or address option. */
static void print_sub_options(np_printer *pr, const np_dhcp6_opt *o, uint32_t fixed)
{
	if (o->len > fixed)
		print_options(pr, o->data + fixed, body_end(o));
}

static void print_duid(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	if (o->len < 2) {
		out_str(out, " ?)");
		return;
	}
	uint16_t type = body_be16(o, 0);
	switch (type) {
	case DUID_LLT:
		if (o->len < 8)
			break;
		out_str(out, " hwaddr/time type ");
		out_u32(out, body_be16(o, 2));
		out_str(out, " time ");
		out_u32(out, body_be32(o, 4));
		out_char(out, ' ');
		print_body_hex(pr, o, 8, o->len);
		out_char(out, ')');
		return;
	case DUID_EN:
		if (o->len < 10)
			break;
		out_str(out, " vid ");
		print_body_hex(pr, o, 2, 10);
		out_char(out, ')');
		return;
	case DUID_LL:
		if (o->len < 4)
			break;
		out_str(out, " hwaddr type ");
		out_u32(out, body_be16(o, 2));
		out_char(out, ' ');
		print_body_hex(pr, o, 4, o->len);
		out_char(out, ')');
		return;
	default:
		out_str(out, " type ");
		out_u32(out, type);
		out_char(out, ')');
		return;
	}
	out_str(out, " ?)");
}

/* Two 32-bit body fields from off: "<a><n><b><n>" (lifetimes, T1/T2). */
static void print_u32_pair(np_printer *pr, const np_dhcp6_opt *o, uint32_t off, const char *a, const char *b)
{
	out_str(pr->out, a);
	out_u32(pr->out, body_be32(o, off));
	out_str(pr->out, b);
	out_u32(pr->out, body_be32(o, off + 4));
}

static void print_ia_addr(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	out_char(out, ' ');
	print_body_ip6(pr, o, 0);
	print_u32_pair(pr, o, 16, " pltime:", " vltime:");
	print_sub_options(pr, o, 24);
}

static void print_ia_prefix(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	out_char(out, ' ');
	print_body_ip6(pr, o, 9);
	out_char(out, '/');
	out_u32(out, body_u8(o, 8));
	print_u32_pair(pr, o, 0, " pltime:", " vltime:");
	print_sub_options(pr, o, 25);
}

static void print_ia(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	out_str(out, " IAID:");
	out_u32(out, body_be32(o, 0));
	if (o->code == NP_DHCP6_OPT_IA_TA) {
		print_sub_options(pr, o, 4);
		return;
	}
	print_u32_pair(pr, o, 4, " T1:", " T2:");
	print_sub_options(pr, o, 12);
}

static void print_lq_query(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	uint8_t type = body_u8(o, 0);
	if (type == 1) {
		out_str(out, " by-address");
	} else if (type == 2) {
		out_str(out, " by-clientID");
	} else {
		out_str(out, " type_");
		out_u32(out, type);
	}
	out_char(out, ' ');
	print_body_ip6(pr, o, 1);
	print_sub_options(pr, o, 17);
}

/* Option request / echo request: a list of option codes. */
static void print_code_list(np_printer *pr, const np_dhcp6_opt *o)
{
	for (uint32_t i = 0; i < o->len; i += 2) {
		out_char(pr->out, ' ');
		out_str(pr->out, tok2str(dhcp6_opt_names, "opt_%u", body_be16(o, i)));
	}
	out_char(pr->out, ')');
}

static void print_addr_list(np_printer *pr, const np_dhcp6_opt *o)
{
	for (uint32_t i = 0; i < o->len; i += IP6_LEN) {
		out_char(pr->out, ' ');
		print_body_ip6(pr, o, i);
	}
	out_char(pr->out, ')');
}

/* A list of DNS names; false where tcpdump gives up on the options. */
static bool print_name_list(np_printer *pr, const np_dhcp6_opt *o)
{
	const uint8_t *tp = o->data, *end = body_end(o);
	while (tp < end) {
		out_char(pr->out, ' ');
		tp = print_dns_name(pr, tp, end);
		if (tp == NULL)
			return false;
	}
	out_char(pr->out, ')');
	return true;
}

/* The relay message option: the message it carries, printed as a whole
 * DHCPv6 message within the option's bytes. tcpdump leaves the option's
 * own parenthesis open. */
static void print_relay_msg(np_printer *pr, const np_dhcp6_opt *o)
{
	out_str(pr->out, " (");
	const uint8_t *old = print_push_snaplen(pr, o->data, o->len);
	print_dhcp6(pr, o->data, o->len);
	print_pop_snapend(pr, old);
	if (pr->stopped)
		return;
	out_char(pr->out, ')');
}

/* Four 32-bit words of a key or HMAC-MD5 from off, " %08x" each. */
static void print_md5_words(np_printer *pr, const np_dhcp6_opt *o, uint32_t off)
{
	for (int i = 0; i < 4; i++, off += 4) {
		out_char(pr->out, ' ');
		out_hex(pr->out, body_be32(o, off), 8);
	}
}

static void print_auth_delayed(np_printer *pr, const np_dhcp6_opt *o, uint32_t infolen)
{
	np_out *out = pr->out;
	if (infolen == 0)
		return;
	if (infolen < AUTH_DELAYED_LEN) {
		out_str(out, " ??");
		return;
	}
	uint32_t realmlen = infolen - AUTH_DELAYED_LEN;
	uint32_t off = AUTH_FIXED_LEN;
	if (realmlen > 0)
		out_str(out, ", realm: ");
	print_body_hex(pr, o, off, off + realmlen);
	off += realmlen;
	out_str(out, ", key ID: ");
	out_hex(out, body_be32(o, off), 8);
	off += 4;
	out_str(out, ", HMAC-MD5:");
	print_md5_words(pr, o, off);
}

static void print_auth_reconfig(np_printer *pr, const np_dhcp6_opt *o, uint32_t infolen)
{
	np_out *out = pr->out;
	if (infolen != AUTH_RECONFIG_LEN) {
		out_str(out, " ??");
		return;
	}
	uint32_t off = AUTH_FIXED_LEN;
	switch (body_u8(o, off)) {
	case AUTH_RECONFIG_KEY: out_str(out, " reconfig-key"); break;
	case AUTH_RECONFIG_HMAC_MD5: out_str(out, " type: HMAC-MD5"); break;
	default: out_str(out, " type: ??"); break;
	}
	off++;
	out_str(out, " value:");
	print_md5_words(pr, o, off);
}

/* "proto: ..., alg: ..., RDM: ..., RD: ...." and the protocol's part. */
static void print_auth(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	uint8_t proto = body_u8(o, 0), alg = body_u8(o, 1), rdm = body_u8(o, 2);
	if (proto == AUTH_PROTO_DELAYED) {
		out_str(out, " proto: delayed");
	} else if (proto == AUTH_PROTO_RECONFIG) {
		out_str(out, " proto: reconfigure");
	} else {
		out_str(out, " proto: ");
		out_u32(out, proto);
	}
	if (alg == AUTH_ALG_HMAC_MD5) {
		out_str(out, ", alg: HMAC-MD5");
	} else {
		out_str(out, ", alg: ");
		out_u32(out, alg);
	}
	if (rdm == AUTH_RDM_MONOCOUNTER) {
		out_str(out, ", RDM: mono");
	} else {
		out_str(out, ", RDM: ");
		out_u32(out, rdm);
	}
	out_str(out, ", RD:");
	for (uint32_t off = 3; off < AUTH_FIXED_LEN; off += 2) {
		out_char(out, ' ');
		out_hex(out, body_be16(o, off), 4);
	}
	uint32_t infolen = o->len - AUTH_FIXED_LEN;
	if (proto == AUTH_PROTO_DELAYED)
		print_auth_delayed(pr, o, infolen);
	else if (proto == AUTH_PROTO_RECONFIG)
		print_auth_reconfig(pr, o, infolen);
	else
		out_str(out, " ??");
	out_char(out, ')');
}

static void print_reconf_msg(np_printer *pr, const np_dhcp6_opt *o)
{
	uint8_t type = body_u8(o, 0);
	if (type == NP_DHCP6_RENEW) {
		out_str(pr->out, " for renew)");
	} else if (type == NP_DHCP6_INFORM_REQ) {
		out_str(pr->out, " for inf-req)");
	} else {
		out_str(pr->out, " for ?\?\?(");
		out_hex(pr->out, type, 2);
		out_str(pr->out, "))");
	}
}

/* Interface-ID, Subscriber-ID, Remote-ID, LQ-relay-data: a fixed part,
 * then at most ten bytes of an opaque id in hex and "...". */
static void print_peek(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	uint32_t from = 0;
	if (o->code == NP_DHCP6_OPT_REMOTE_ID) {
		out_char(out, ' ');
		out_u32(out, body_be32(o, 0));
		from = 4;
	} else if (o->code == NP_DHCP6_OPT_LQ_RELAY_DATA) {
		out_char(out, ' ');
		print_body_ip6(pr, o, 0);
		from = IP6_LEN;
	}
	out_char(out, ' ');
	print_body_hex(pr, o, from, from + HEX_PEEK);
	out_str(out, "...)");
}

/* NTP server sub-options (RFC 5908); false where tcpdump gives up. */
static bool print_ntp_server(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	uint32_t off = 0;
	while (off < (uint32_t)o->len - 4) {
		uint16_t code = body_be16(o, off), len = body_be16(o, off + 2);
		off += 4;
		if (off + len > o->len)
			return false;
		out_str(out, " subopt:");
		out_u32(out, code);
		if (code == NTP_SUBOPT_SRV_ADDR || code == NTP_SUBOPT_MC_ADDR) {
			if (len == IP6_LEN) {
				out_char(out, ' ');
				print_body_ip6(pr, o, off);
			} else {
				out_str(out, " ?");
			}
		} else if (code == NTP_SUBOPT_SRV_FQDN) {
			out_char(out, ' ');
			if (print_dns_name(pr, o->data + off, o->data + off + len) == NULL)
				return false;
		} else {
			out_str(out, " ?");
		}
		off += len;
	}
	out_char(out, ')');
	return true;
}

/* The AFTR name (RFC 6334): labels without compression, tcpdump's way. */
static void print_aftr_name(np_printer *pr, const np_dhcp6_opt *o)
{
	np_out *out = pr->out;
	uint32_t remain = o->len, off = 0;
	out_char(out, ' ');
	while (remain && body_u8(o, off)) {
		uint32_t label_len = body_u8(o, off);
		off++;
		if (label_len >= remain - 1) {
			out_str(out, " ?");
			break;
		}
		print_jnp(pr, o, off, label_len);
		off += label_len;
		remain -= label_len + 1;
		if (body_u8(o, off))
			out_char(out, '.');
	}
	out_char(out, ')');
}

static void print_text_opt(np_printer *pr, const np_dhcp6_opt *o)
{
	out_char(pr->out, ' ');
	print_jnp(pr, o, 0, o->len);
	out_char(pr->out, ')');
}

/* The smallest body each option needs ("exact" ones need exactly that);
 * a body that does not fit is printed as " ?)". */
static bool body_fits(const np_dhcp6_opt *o)
{
	uint16_t n = o->len;
	switch (o->code) {
	case NP_DHCP6_OPT_IA_ADDR: return n >= 24;
	case NP_DHCP6_OPT_ORO:
	case NP_DHCP6_OPT_ERO: return n % 2 == 0;
	case NP_DHCP6_OPT_PREFERENCE:
	case NP_DHCP6_OPT_RECONF_MSG: return n == 1;
	case NP_DHCP6_OPT_ELAPSED_TIME: return n == 2;
	case NP_DHCP6_OPT_AUTH: return n >= AUTH_FIXED_LEN;
	case NP_DHCP6_OPT_SIP_SERVER_A:
	case NP_DHCP6_OPT_DNS_SERVERS:
	case NP_DHCP6_OPT_SNTP_SERVERS:
	case NP_DHCP6_OPT_NIS_SERVERS:
	case NP_DHCP6_OPT_NISP_SERVERS:
	case NP_DHCP6_OPT_BCMCS_SERVER_A:
	case NP_DHCP6_OPT_PANA_AGENT:
	case NP_DHCP6_OPT_LQ_CLIENT_LINK: return n % IP6_LEN == 0;
	case NP_DHCP6_OPT_STATUS_CODE: return n >= 2;
	case NP_DHCP6_OPT_IA_NA:
	case NP_DHCP6_OPT_IA_PD: return n >= 12;
	case NP_DHCP6_OPT_IA_TA:
	case NP_DHCP6_OPT_REMOTE_ID:
	case NP_DHCP6_OPT_NTP_SERVER: return n >= 4;
	case NP_DHCP6_OPT_IA_PD_PREFIX: return n >= 25;
	case NP_DHCP6_OPT_LIFETIME:
	case NP_DHCP6_OPT_CLT_TIME: return n == 4;
	case NP_DHCP6_OPT_LQ_QUERY: return n >= 17;
	case NP_DHCP6_OPT_LQ_RELAY_DATA: return n >= IP6_LEN;
	case NP_DHCP6_OPT_AFTR_NAME: return n >= 3;
	case NP_DHCP6_OPT_NEW_POSIX_TIMEZONE:
	case NP_DHCP6_OPT_NEW_TZDB_TIMEZONE:
	case NP_DHCP6_OPT_MUDURL: return n >= 5;
	default: return true;
	}
}

static void print_number_opt(np_printer *pr, uint32_t v)
{
	out_char(pr->out, ' ');
	out_u32(pr->out, v);
	out_char(pr->out, ')');
}

static void print_status(np_printer *pr, const np_dhcp6_opt *o)
{
	uint16_t code = body_be16(o, 0);
	out_char(pr->out, ' ');
	out_str(pr->out, code > 255 ? "INVALID code" : tok2str(dhcp6_status_names, "code%u", code));
	out_char(pr->out, ')');
}

/* Containers: the fixed part, the sub-options, then the closing ")". */
static void print_container(np_printer *pr, const np_dhcp6_opt *o)
{
	switch (o->code) {
	case NP_DHCP6_OPT_IA_ADDR: print_ia_addr(pr, o); break;
	case NP_DHCP6_OPT_IA_PD_PREFIX: print_ia_prefix(pr, o); break;
	case NP_DHCP6_OPT_LQ_QUERY: print_lq_query(pr, o); break;
	case NP_DHCP6_OPT_CLIENT_DATA: print_sub_options(pr, o, 0); break;
	default: /* IA_NA, IA_TA, IA_PD */ print_ia(pr, o); break;
	}
	if (pr->stopped)
		return;
	out_char(pr->out, ')');
}

/* One option's body after " (name", closing parenthesis included. False
 * where tcpdump abandons the rest of the options at this level. */
static bool print_body(np_printer *pr, const np_dhcp6_opt *o)
{
	if (o->code != NP_DHCP6_OPT_CLIENTID && o->code != NP_DHCP6_OPT_SERVERID && !body_fits(o)) {
		out_str(pr->out, " ?)");
		return true;
	}
	switch (o->code) {
	case NP_DHCP6_OPT_CLIENTID:
	case NP_DHCP6_OPT_SERVERID: print_duid(pr, o); return true;
	case NP_DHCP6_OPT_IA_NA:
	case NP_DHCP6_OPT_IA_TA:
	case NP_DHCP6_OPT_IA_PD:
	case NP_DHCP6_OPT_IA_ADDR:
	case NP_DHCP6_OPT_IA_PD_PREFIX:
	case NP_DHCP6_OPT_LQ_QUERY:
	case NP_DHCP6_OPT_CLIENT_DATA: print_container(pr, o); return true;
	case NP_DHCP6_OPT_ORO:
	case NP_DHCP6_OPT_ERO: print_code_list(pr, o); return true;
	case NP_DHCP6_OPT_PREFERENCE: print_number_opt(pr, body_u8(o, 0)); return true;
	case NP_DHCP6_OPT_ELAPSED_TIME: print_number_opt(pr, body_be16(o, 0)); return true;
	case NP_DHCP6_OPT_LIFETIME:
	case NP_DHCP6_OPT_CLT_TIME: print_number_opt(pr, body_be32(o, 0)); return true;
	case NP_DHCP6_OPT_RELAY_MSG: print_relay_msg(pr, o); return true;
	case NP_DHCP6_OPT_AUTH: print_auth(pr, o); return true;
	case NP_DHCP6_OPT_INTERFACE_ID:
	case NP_DHCP6_OPT_SUBSCRIBER_ID:
	case NP_DHCP6_OPT_REMOTE_ID:
	case NP_DHCP6_OPT_LQ_RELAY_DATA: print_peek(pr, o); return true;
	case NP_DHCP6_OPT_RECONF_MSG: print_reconf_msg(pr, o); return true;
	case NP_DHCP6_OPT_SIP_SERVER_A:
	case NP_DHCP6_OPT_DNS_SERVERS:
	case NP_DHCP6_OPT_SNTP_SERVERS:
	case NP_DHCP6_OPT_NIS_SERVERS:
	case NP_DHCP6_OPT_NISP_SERVERS:
	case NP_DHCP6_OPT_BCMCS_SERVER_A:
	case NP_DHCP6_OPT_PANA_AGENT:
	case NP_DHCP6_OPT_LQ_CLIENT_LINK: print_addr_list(pr, o); return true;
	case NP_DHCP6_OPT_SIP_SERVER_D:
	case NP_DHCP6_OPT_DOMAIN_LIST: return print_name_list(pr, o);
	case NP_DHCP6_OPT_STATUS_CODE: print_status(pr, o); return true;
	case NP_DHCP6_OPT_NTP_SERVER: return print_ntp_server(pr, o);
	case NP_DHCP6_OPT_AFTR_NAME: print_aftr_name(pr, o); return true;
	case NP_DHCP6_OPT_NEW_POSIX_TIMEZONE:
	case NP_DHCP6_OPT_NEW_TZDB_TIMEZONE:
	case NP_DHCP6_OPT_MUDURL: print_text_opt(pr, o); return true;
	default: /* rapid commit, reconfigure accept and all others: no body shown */
		out_char(pr->out, ')');
		return true;
	}
}

/* tcpdump's dhcp6opt_print: the options in [cp, ep), each " (name ...)". */
static void print_options(np_printer *pr, const uint8_t *cp, const uint8_t *ep)
{
	np_dhcp6_iter it;
	np_dhcp6_opt o;
	np_dhcp6_iter_init(&it, cp, ep);
	for (;;) {
		int step = np_dhcp6_iter_next(&it, &o);
		if (step == NP_DHCP6_END)
			return;
		if (step == NP_DHCP6_CUT)
			break;
		out_str(pr->out, " (");
		out_str(pr->out, tok2str(dhcp6_opt_names, "opt_%u", o.code));
		bool whole = print_body(pr, &o);
		if (pr->stopped)
			return;
		if (!whole)
			break;
	}
	print_trunc(pr);
}

void print_dhcp6(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *out = pr->out;
	np_dhcp6_msg m;
	pr->protocol = "dhcp6";
	out_str(out, "dhcp6");
	np_dhcp6_parse(&m, p, pr->snapend, length);
	/* tcpdump checks the first 4 bytes whatever the type */
	if (!np_has(p, pr->snapend, NP_DHCP6_HDR_LEN)) {
		print_trunc(pr);
		return;
	}
	const char *name = tok2str(dhcp6_msgtype_names, "msgtype-%u", m.msgtype);
	out_char(out, ' ');
	out_str(out, name);
	if (!pr->o.vflag)
		return;
	out_str(out, " (");
	if (m.relay) {
		if (m.linkaddr == NULL)
			goto trunc;
		out_str(out, "linkaddr=");
		out_ipv6(out, m.linkaddr);
		if (m.peeraddr == NULL)
			goto trunc;
		out_str(out, " peeraddr=");
		out_ipv6(out, m.peeraddr);
	} else {
		out_str(out, "xid=");
		out_hex(out, m.xid, 0);
	}
	print_options(pr, m.opts, m.end);
	if (pr->stopped)
		return;
	out_char(out, ')');
	return;
trunc:
	print_trunc_stop(pr);
}
