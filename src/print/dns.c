/*
 * dns.c - DNS and mDNS text as tcpdump 4.99's domain_print writes it
 * (print-domain.c): "id[flags] Type? name. (len)" for queries,
 * "id[flags] an/ns/ar A addr, ... (len)" for responses, the question and
 * other sections with -vv, TTLs with -vvv, EDNS0 OPT records and their
 * options, compressed names with the "<BAD PTR>"-style notes, and the
 * " [|domain]" truncation marks, in tcpdump's order and with its quirks.
 *
 * Names are walked with decode/dns.c's np_dns_walk_*, so pointer loops and
 * forward pointers end the walk the same way everywhere.
 *
 * Not for: parsing DNS for flows (decode/dns.c) or NetBIOS/LLMNR.
 */
#include "print.h"

#include <string.h>

#include "../decode/dns.h"

#define DNS_OPCODE_IQUERY 1
#define DNS_REQUEST_ODD_BITS 0x6cf /* flags a query should not have */
#define DNS_EDNS_DO 0x8000
#define DNS_CLASS_TOP_BIT 0x8000

/* Record types printed by name ("Type%u" for the rest). */
const np_tok dns_type_names[] = {
	{1, "A"},      {2, "NS"},      {3, "MD"},        {4, "MF"},     {5, "CNAME"},     {6, "SOA"},
	{7, "MB"},     {8, "MG"},      {9, "MR"},        {10, "NULL"},  {11, "WKS"},      {12, "PTR"},
	{13, "HINFO"}, {14, "MINFO"},  {15, "MX"},       {16, "TXT"},   {17, "RP"},       {18, "AFSDB"},
	{19, "X25"},   {20, "ISDN"},   {21, "RT"},       {22, "NSAP"},  {23, "NSAP_PTR"}, {24, "SIG"},
	{25, "KEY"},   {26, "PX"},     {27, "GPOS"},     {28, "AAAA"},  {29, "LOC"},      {30, "NXT"},
	{31, "EID"},   {32, "NIMLOC"}, {33, "SRV"},      {34, "ATMA"},  {35, "NAPTR"},    {36, "KX"},
	{37, "CERT"},  {38, "A6"},     {39, "DNAME"},    {40, "SINK"},  {41, "OPT"},      {42, "APL"},
	{43, "DS"},    {44, "SSHFP"},  {45, "IPSECKEY"}, {46, "RRSIG"}, {47, "NSEC"},     {48, "DNSKEY"},
	{99, "SPF"},   {100, "UINFO"}, {101, "UID"},     {102, "GID"},  {103, "UNSPEC"},  {104, "UNSPECA"},
	{249, "TKEY"}, {250, "TSIG"},  {251, "IXFR"},    {252, "AXFR"}, {253, "MAILB"},   {254, "MAILA"},
	{255, "ANY"},  {256, "URI"},   {0, NULL},
};

const np_tok dns_class_names[] = {
	{1, "IN"}, {3, "CHAOS"}, {4, "HS"}, {255, "ANY"}, {0, NULL},
};

enum {
	EDNS_NSID = 3,
	EDNS_DAU = 5,
	EDNS_DHU = 6,
	EDNS_N3U = 7,
	EDNS_ECS = 8,
	EDNS_EXPIRE = 9,
	EDNS_COOKIE = 10,
	EDNS_KEEPALIVE = 11,
	EDNS_PADDING = 12,
	EDNS_CHAIN = 13,
	EDNS_KEYTAG = 14,
};

static const np_tok edns_option_names[] = {
	{1, "LLQ"},
	{2, "UL"},
	{EDNS_NSID, "NSID"},
	{EDNS_DAU, "DAU"},
	{EDNS_DHU, "DHU"},
	{EDNS_N3U, "N3U"},
	{EDNS_ECS, "ECS"},
	{EDNS_EXPIRE, "EXPIRE"},
	{EDNS_COOKIE, "COOKIE"},
	{EDNS_KEEPALIVE, "KEEPALIVE"},
	{EDNS_PADDING, "PADDING"},
	{EDNS_CHAIN, "CHAIN"},
	{EDNS_KEYTAG, "KEY-TAG"},
	{16, "CLIENT-TAG"},
	{17, "SERVER-TAG"},
	{0, NULL},
};

/* DNSSEC algorithms understood (DAU), DS hashes (DHU), NSEC3 hashes (N3U). */
static const np_tok dau_alg_names[] = {
	{0, "DELETE"},
	{1, "RSAMD5"},
	{2, "DH"},
	{3, "DS"},
	{5, "RSASHA1"},
	{6, "DSA-NSEC3-SHA1"},
	{7, "RSASHA1-NSEC3-SHA1"},
	{8, "RSASHA256"},
	{10, "RSASHA512"},
	{12, "ECC-GOST"},
	{13, "ECDSAP256SHA256"},
	{14, "ECDSAP384SHA384"},
	{15, "ED25519"},
	{16, "ED448"},
	{252, "INDIRECT"},
	{253, "PRIVATEDNS"},
	{254, "PRIVATEOID"},
	{0, NULL},
};
static const np_tok dhu_alg_names[] = {
	{1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST_R_34.11-94"}, {4, "SHA-384"}, {0, NULL},
};
static const np_tok n3u_alg_names[] = {
	{1, "SHA-1"},
	{0, NULL},
};

static const char *const dns_opcode_notes[16] = {
	"",     " inv_q",   " stat",    " op3",      " notify",  " update",   " op6",      " op7",
	" op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef",
};

/* tcpdump's response code notes; 17 and 21 lack their space there too. */
static const char *const dns_rcode_notes[] = {
	"",         " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain", " YXRRSet",
	" NXRRSet", " NotAuth", " NotZone",  " Resp11",   " Resp12", " Resp13",  " Resp14",   " NoChange",
	" BadVers", "Resp17",   " Resp18",   " Resp19",   " Resp20", "Resp21",   " Resp22",   " BadCookie",
};

/* What one message's printing needs besides the printer. */
typedef struct dns_ctx {
	np_printer *pr;
	const uint8_t *base; /* the DNS header: compression pointers count from here */
	bool mdns;
} dns_ctx;

/* A name from a table, or prefix and number. */
static void print_tok(np_printer *pr, const np_tok *t, const char *prefix, uint32_t v)
{
	const char *s = tok_name(t, v);
	if (s) {
		out_str(pr->out, s);
		return;
	}
	out_str(pr->out, prefix);
	out_u32(pr->out, v);
}

static void print_class(np_printer *pr, uint32_t rclass)
{
	const char *s = tok_name(dns_class_names, rclass);
	if (s) {
		out_str(pr->out, s);
		return;
	}
	out_str(pr->out, "(Class ");
	out_u32(pr->out, rclass);
	out_char(pr->out, ')');
}

/* tcpdump's nd_printn: n packet bytes as safe text, as far as captured;
 * false when the capture ended first. */
bool print_text(np_printer *pr, const uint8_t *p, uint32_t n)
{
	uint32_t avail = print_caplen_from(pr, p);
	uint32_t k = n < avail ? n : avail;
	const uint8_t *s = p, *e = p + k;
	while (s < e) {
		const uint8_t *run = s;
		while (s < e && *s >= 0x20 && *s < 0x7f)
			s++;
		if (s > run)
			out_mem(pr->out, (const char *)run, (size_t)(s - run));
		if (s < e)
			print_safe_char(pr, *s++);
	}
	return k == n;
}

/* An RFC 2673 bit-string label "\[x<hex>/<bits>]"; p is its bit count
 * byte. False when it ran off the capture (the packet stops there). */
static bool print_bitlabel(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	uint8_t count, c;
	NP_GET_U8(count, p, pr->snapend);
	uint32_t bits = count ? count : 256;
	const uint8_t *lim = p + 1 + (bits + 3) / 4, *bp = p + 1;
	uint32_t b = bits;
	out_str(o, "\\[x");
	for (; bp < lim && b > 7; b -= 8, bp++) {
		NP_GET_U8(c, bp, pr->snapend);
		out_hex(o, c, 2);
	}
	if (b > 4) {
		NP_GET_U8(c, bp, pr->snapend);
		out_hex(o, c & (0xffu << (8 - b)) & 0xff, 2);
	} else if (b > 0) {
		NP_GET_U8(c, bp, pr->snapend);
		out_hex(o, ((c >> 4) & 0x0fu) & (0x0fu << (4 - b)), 1);
	}
	out_char(o, '/');
	out_u32(o, bits);
	out_char(o, ']');
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

static void print_name_error(np_printer *pr, const np_dns_walk *w, int step)
{
	switch (step) {
	case NP_DNS_BAD_PTR: out_str(pr->out, "<BAD PTR>"); break;
	case NP_DNS_BAD_TYPE: out_str(pr->out, "<BAD LABEL TYPE>"); break;
	case NP_DNS_BAD_ELT:
		out_str(pr->out, "<ELT ");
		out_u32(pr->out, w->elt);
		out_char(pr->out, '>');
		break;
	default: /* cut short: tcpdump says nothing here */ break;
	}
}

/* One label of a name, as much of it as fits in the 255 characters
 * tcpdump prints of a name. */
static bool print_label(np_printer *pr, const np_dns_walk *w, uint32_t name_chars)
{
	uint32_t l = w->label_len;
	if (name_chars + l <= NP_DNS_MAX_NAME)
		return print_text(pr, w->label, l);
	if (name_chars < NP_DNS_MAX_NAME)
		return print_text(pr, w->label, NP_DNS_MAX_NAME - name_chars);
	return true;
}

/* tcpdump's fqdn_print: the name at cp, pointers relative to base. Returns
 * the byte after the name in place, or NULL when it could not be printed
 * (pr->stopped when the packet stops there). */
static const uint8_t *print_name(np_printer *pr, const uint8_t *cp, const uint8_t *base)
{
	np_dns_walk w;
	int step = np_dns_walk_start(&w, base, pr->snapend, cp);
	if (step != NP_DNS_OK) {
		print_name_error(pr, &w, step);
		return NULL;
	}
	if (w.first == 0) {
		out_char(pr->out, '.');
		return w.rp;
	}
	uint32_t name_chars = 0;
	for (;;) {
		step = np_dns_walk_next(&w);
		if (step == NP_DNS_END || step == NP_DNS_CUT)
			break;
		if (step == NP_DNS_LABEL) {
			if (!print_label(pr, &w, name_chars))
				return NULL;
			name_chars += w.label_len;
		} else if (step == NP_DNS_BITLABEL) {
			if (!print_bitlabel(pr, w.label))
				return NULL;
		} else {
			print_name_error(pr, &w, step);
			return NULL;
		}
		if (name_chars <= NP_DNS_MAX_NAME)
			out_char(pr->out, '.');
		name_chars++;
	}
	if (name_chars > NP_DNS_MAX_NAME)
		out_str(pr->out, "<DOMAIN NAME TOO LONG>");
	return w.rp;
}

/* A <character-string>: length byte and text. */
static const uint8_t *print_char_string(np_printer *pr, const uint8_t *cp)
{
	uint8_t n;
	if (!np_get_u8(cp, pr->snapend, &n))
		return NULL;
	if (!print_text(pr, cp + 1, n))
		return NULL;
	return cp + 1 + n;
}

/* EDNS Client Subnet (RFC 7871): "addr/source/scope". */
static void print_ecs(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	if (len < 4) {
		print_invalid(pr);
		return;
	}
	uint32_t family = (uint32_t)(cp[0] << 8 | cp[1]), src_len = cp[2], scope_len = cp[3];
	uint32_t addr_bits = family == 1 ? 32 : family == 2 ? 128 : 0;
	if (addr_bits == 0 || len - 4 > addr_bits / 8 || src_len > addr_bits || scope_len > addr_bits ||
	    (src_len + 7) / 8 != len - 4) {
		print_invalid(pr);
		return;
	}
	uint8_t addr[16] = {0};
	memcpy(addr, cp + 4, len - 4);
	if (family == 1)
		out_ipv4(pr->out, addr);
	else
		out_ipv6(pr->out, addr);
	out_char(pr->out, '/');
	out_u32(pr->out, src_len);
	out_char(pr->out, '/');
	out_u32(pr->out, scope_len);
}

/* Algorithm numbers (DAU/DHU/N3U), space separated. */
static void print_alg_list(np_printer *pr, const np_tok *names, const uint8_t *cp, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		if (i > 0)
			out_char(pr->out, ' ');
		print_tok(pr, names, "Alg_", cp[i]);
	}
}

static void print_hex_bytes(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		out_hex(pr->out, cp[i], 2);
}

/* The data of one EDNS option (all captured, len > 0). */
static void print_edns_option_data(np_printer *pr, uint16_t code, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	switch (code) {
	case EDNS_ECS: print_ecs(pr, cp, len); break;
	case EDNS_COOKIE:
		if (len < 8 || (len > 8 && len < 16) || len > 40) {
			print_invalid(pr);
			break;
		}
		print_hex_bytes(pr, cp, 8);
		if (len > 8) {
			out_char(o, ' ');
			print_hex_bytes(pr, cp + 8, len - 8);
		}
		break;
	case EDNS_KEEPALIVE: /* units of 100 ms */
		if (len != 2) {
			print_invalid(pr);
			break;
		}
		out_u32(o, (uint32_t)(cp[0] << 8 | cp[1]) / 10);
		out_char(o, '.');
		out_u32(o, (uint32_t)(cp[0] << 8 | cp[1]) % 10);
		out_str(o, " sec");
		break;
	case EDNS_EXPIRE:
		if (len != 4) {
			print_invalid(pr);
			break;
		}
		out_u32(o, (uint32_t)cp[0] << 24 | (uint32_t)cp[1] << 16 | (uint32_t)cp[2] << 8 | cp[3]);
		out_str(o, " sec");
		break;
	case EDNS_PADDING:
		out_char(o, '(');
		out_u32(o, len);
		out_char(o, ')');
		break;
	case EDNS_KEYTAG:
		if (len % 2 != 0) {
			print_invalid(pr);
			break;
		}
		for (uint32_t i = 0; i < len; i += 2) {
			if (i > 0)
				out_char(o, ' ');
			out_u32(o, (uint32_t)(cp[i] << 8 | cp[i + 1]));
		}
		break;
	case EDNS_DAU: print_alg_list(pr, dau_alg_names, cp, len); break;
	case EDNS_DHU: print_alg_list(pr, dhu_alg_names, cp, len); break;
	case EDNS_N3U: print_alg_list(pr, n3u_alg_names, cp, len); break;
	case EDNS_CHAIN:
		/* tcpdump takes the option's end as the pointer base here */
		print_name(pr, cp, cp + len);
		break;
	default: /* NSID and the rest: bytes in hex */ print_hex_bytes(pr, cp, len); break;
	}
}

/* One EDNS option "NAME data"; the byte after it, or NULL when cut short. */
static const uint8_t *print_edns_option(np_printer *pr, const uint8_t *cp)
{
	uint16_t code, len;
	if (!np_get_be16(cp, pr->snapend, &code))
		return NULL;
	print_tok(pr, edns_option_names, "Opt", code);
	if (!np_get_be16(cp + 2, pr->snapend, &len) || !np_has(cp + 4, pr->snapend, len))
		return NULL;
	cp += 4;
	if (len > 0) {
		out_char(pr->out, ' ');
		print_edns_option_data(pr, code, cp, len);
		if (pr->stopped)
			return NULL;
	}
	return cp + len;
}

/* The OPT pseudo-record's data: "UDPsize=N DO [opt,opt]". */
static const uint8_t *print_opt_rdata(np_printer *pr, const uint8_t *cp, const uint8_t *rp, uint32_t udpsize,
				      uint16_t ext_flags)
{
	out_str(pr->out, " UDPsize=");
	out_u32(pr->out, udpsize);
	if (ext_flags & DNS_EDNS_DO)
		out_str(pr->out, " DO");
	if (cp >= rp)
		return rp;
	out_str(pr->out, " [");
	while (cp < rp) {
		cp = print_edns_option(pr, cp);
		if (cp == NULL)
			return NULL;
		if (cp < rp)
			out_char(pr->out, ',');
	}
	out_char(pr->out, ']');
	return rp;
}

static const uint8_t *print_soa_rdata(dns_ctx *c, const uint8_t *cp)
{
	np_printer *pr = c->pr;
	out_char(pr->out, ' ');
	if ((cp = print_name(pr, cp, c->base)) == NULL)
		return NULL;
	out_char(pr->out, ' ');
	if ((cp = print_name(pr, cp, c->base)) == NULL)
		return NULL;
	if (!np_has(cp, pr->snapend, 20))
		return NULL;
	for (int i = 0; i < 5; i++, cp += 4) { /* serial, refresh, retry, expire, minimum */
		uint32_t v = 0;
		np_get_be32(cp, pr->snapend, &v);
		out_char(pr->out, ' ');
		out_u32(pr->out, v);
	}
	return cp;
}

/* A6 (RFC 2874): prefix length, address suffix, prefix name. False when
 * nothing more can be printed (pr->stopped tells if the packet stops). */
static bool print_a6_rdata(dns_ctx *c, const uint8_t *cp)
{
	np_printer *pr = c->pr;
	uint8_t pbit;
	if (!np_get_u8(cp, pr->snapend, &pbit))
		return false;
	uint32_t pbyte = (pbit & ~7u) / 8;
	if (pbit > 128) {
		out_char(pr->out, ' ');
		out_u32(pr->out, pbit);
		out_str(pr->out, "(bad plen)");
		return true;
	}
	if (pbit < 128) {
		uint8_t a[16] = {0};
		NP_CHECK(cp + 1, pr->snapend, 16 - pbyte);
		memcpy(a + pbyte, cp + 1, 16 - pbyte);
		out_char(pr->out, ' ');
		out_u32(pr->out, pbit);
		out_char(pr->out, ' ');
		out_ipv6(pr->out, a);
	}
	if (pbit > 0) {
		out_char(pr->out, ' ');
		if (print_name(pr, cp + 1 + 16 - pbyte, c->base) == NULL)
			return false;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* TSIG (RFC 8945) with -v: algorithm name, fudge, MAC length, ids. */
static bool print_tsig_rdata(dns_ctx *c, const uint8_t *cp)
{
	np_printer *pr = c->pr;
	static const char *const fields[] = {" fudge=", " maclen=", " origid=", " error=", " otherlen="};
	out_char(pr->out, ' ');
	if ((cp = print_name(pr, cp, c->base)) == NULL)
		return false;
	cp += 6; /* time signed */
	for (int i = 0; i < 5; i++) {
		uint16_t v;
		if (!np_get_be16(cp, pr->snapend, &v))
			return false;
		out_str(pr->out, fields[i]);
		out_u32(pr->out, v);
		cp += 2 + (i == 1 ? v : 0); /* the MAC follows its length */
	}
	return true;
}

/* The data of a record tcpdump shows (rp: its end, all captured). False
 * when it could not be printed. */
static bool print_rdata(dns_ctx *c, uint16_t type, const uint8_t *cp, const uint8_t *rp, uint16_t len, uint32_t rclass,
			uint16_t ext_flags)
{
	np_printer *pr = c->pr;
	np_out *o = pr->out;
	switch (type) {
	case NP_DNS_T_A:
		if (!np_has(cp, pr->snapend, 4))
			return false;
		out_char(o, ' ');
		out_ipv4(o, cp);
		return true;
	case NP_DNS_T_NS:
	case NP_DNS_T_CNAME:
	case NP_DNS_T_PTR:
	case NP_DNS_T_DNAME: out_char(o, ' '); return print_name(pr, cp, c->base) != NULL;
	case NP_DNS_T_SOA: return !pr->o.vflag || print_soa_rdata(c, cp) != NULL;
	case NP_DNS_T_MX: {
		uint16_t pref;
		out_char(o, ' ');
		if (!np_get_be16(cp, pr->snapend, &pref) || print_name(pr, cp + 2, c->base) == NULL)
			return false;
		out_char(o, ' ');
		out_u32(o, pref);
		return true;
	}
	case NP_DNS_T_TXT:
		while (cp < rp) {
			out_str(o, " \"");
			if ((cp = print_char_string(pr, cp)) == NULL)
				return false;
			out_char(o, '"');
		}
		return true;
	case NP_DNS_T_SRV: {
		uint16_t prio = 0, weight = 0, port = 0;
		out_char(o, ' ');
		if (!np_has(cp, pr->snapend, 6) || print_name(pr, cp + 6, c->base) == NULL)
			return false;
		np_get_be16(cp, pr->snapend, &prio);
		np_get_be16(cp + 2, pr->snapend, &weight);
		np_get_be16(cp + 4, pr->snapend, &port);
		out_char(o, ':');
		out_u32(o, port);
		out_char(o, ' ');
		out_u32(o, prio);
		out_char(o, ' ');
		out_u32(o, weight);
		return true;
	}
	case NP_DNS_T_AAAA:
		if (!np_has(cp, pr->snapend, 16))
			return false;
		out_char(o, ' ');
		out_ipv6(o, cp);
		return true;
	case NP_DNS_T_A6: return print_a6_rdata(c, cp);
	case NP_DNS_T_URI: {
		uint16_t prio, weight;
		if (!np_has(cp, pr->snapend, len))
			return false;
		NP_GET_BE16(prio, cp, pr->snapend);
		NP_GET_BE16(weight, cp + 2, pr->snapend);
		out_char(o, ' ');
		out_u32(o, prio);
		out_char(o, ' ');
		out_u32(o, weight);
		out_char(o, ' ');
		return print_text(pr, cp + 4, (uint32_t)len - 4); /* wraps below 4, as in tcpdump */
	}
	case NP_DNS_T_OPT: return print_opt_rdata(pr, cp, rp, rclass, ext_flags) != NULL;
	case NP_DNS_T_UNSPECA: /* one long string */ return np_has(cp, pr->snapend, len) && print_text(pr, cp, len);
	case NP_DNS_T_TSIG: return !pr->o.vflag || print_tsig_rdata(c, cp);
	default: return true;
	}
trunc:
	print_trunc_stop(pr);
	return false;
}

/* tcpdump's ns_rprint: one resource record. Returns where the next one
 * starts, pr->snapend when this one's fixed part is not all there, or NULL
 * when it could not be printed. */
static const uint8_t *print_rr(dns_ctx *c, const uint8_t *cp)
{
	np_printer *pr = c->pr;
	np_out *o = pr->out;
	if (pr->o.vflag) {
		out_char(o, ' ');
		if ((cp = print_name(pr, cp, c->base)) == NULL)
			return NULL;
	} else {
		cp = np_dns_skip_name(cp, pr->snapend);
	}
	if (cp == NULL || !np_has(cp, pr->snapend, 10))
		return pr->snapend;
	uint16_t type = 0, rclass_raw = 0, ext_flags = 0, len = 0;
	uint32_t ttl = 0;
	np_get_be16(cp, pr->snapend, &type);
	np_get_be16(cp + 2, pr->snapend, &rclass_raw);
	np_get_be32(cp + 4, pr->snapend, &ttl);
	np_get_be16(cp + 8, pr->snapend, &len);
	uint32_t rclass = c->mdns ? (rclass_raw & ~DNS_CLASS_TOP_BIT) : rclass_raw;
	if (rclass != NP_DNS_C_IN && type != NP_DNS_T_OPT) {
		out_char(o, ' ');
		print_class(pr, rclass);
	}
	if (c->mdns && (rclass_raw & DNS_CLASS_TOP_BIT))
		out_str(o, " (Cache flush)");
	if (type == NP_DNS_T_OPT) {
		ext_flags = (uint16_t)ttl; /* extended rcode and version above */
	} else if (pr->o.vflag > 2) {
		out_str(o, " [");
		print_relts(pr, ttl);
		out_char(o, ']');
	}
	cp += 10;
	const uint8_t *rp = cp + len;
	out_char(o, ' ');
	print_tok(pr, dns_type_names, "Type", type);
	if (!np_has(cp, pr->snapend, len))
		return NULL;
	if (!print_rdata(c, type, cp, rp, len, rclass, ext_flags))
		return NULL;
	return rp;
}

/* tcpdump's ns_qprint: " Type class (QU)? name". */
static const uint8_t *print_question(dns_ctx *c, const uint8_t *cp)
{
	np_printer *pr = c->pr;
	np_out *o = pr->out;
	const uint8_t *name = cp;
	uint16_t type = 0, qclass = 0;
	cp = np_dns_skip_name(cp, pr->snapend);
	if (cp == NULL || !np_has(cp, pr->snapend, 4))
		return NULL;
	np_get_be16(cp, pr->snapend, &type);
	np_get_be16(cp + 2, pr->snapend, &qclass);
	out_char(o, ' ');
	print_tok(pr, dns_type_names, "Type", type);
	uint32_t rclass = c->mdns ? (qclass & ~DNS_CLASS_TOP_BIT) : qclass;
	if (rclass != NP_DNS_C_IN) {
		out_char(o, ' ');
		print_class(pr, rclass);
	}
	if (c->mdns)
		out_str(o, (qclass & DNS_CLASS_TOP_BIT) ? " (QU)" : " (QM)");
	out_str(o, "? ");
	cp = print_name(pr, name, c->base);
	return cp ? cp + 4 : NULL;
}

/* `count` records from *cpp, comma separated, after `intro` (" ns:",
 * " ar:"; NULL for the answers, which tcpdump starts even at the end of the
 * capture). False when the section could not be printed whole. */
static bool print_rr_section(dns_ctx *c, const uint8_t **cpp, uint32_t count, const char *intro)
{
	const uint8_t *cp = *cpp;
	if (count == 0)
		return true;
	if (intro) {
		if (!np_has(cp, c->pr->snapend, 1))
			return false;
		out_str(c->pr->out, intro);
	}
	for (;;) {
		if ((cp = print_rr(c, cp)) == NULL)
			return false;
		if (--count == 0 || !np_has(cp, c->pr->snapend, 1))
			break;
		out_char(c->pr->out, ',');
	}
	*cpp = cp;
	return count == 0;
}

static void print_rcode(np_printer *pr, unsigned rcode)
{
	if (rcode < sizeof(dns_rcode_notes) / sizeof(dns_rcode_notes[0])) {
		out_str(pr->out, dns_rcode_notes[rcode]);
		return;
	}
	out_str(pr->out, " Resp");
	out_u32(pr->out, rcode & 0xfff);
}

/* The questions of a response: names skipped, or " q:" each with -vv. */
static bool skip_or_print_questions(dns_ctx *c, const uint8_t **cpp, uint32_t count)
{
	np_printer *pr = c->pr;
	const uint8_t *cp = *cpp;
	for (uint32_t i = 0; i < count; i++) {
		if (i != 0)
			out_char(pr->out, ',');
		if (pr->o.vflag > 1) {
			out_str(pr->out, " q:");
			cp = print_question(c, cp);
		} else {
			cp = np_dns_skip_name(cp, pr->snapend);
			if (cp)
				cp += 4;
		}
		if (cp == NULL)
			return false;
	}
	*cpp = cp;
	return true;
}

static bool print_response(dns_ctx *c, const np_dns_msg *m)
{
	np_printer *pr = c->pr;
	np_out *o = pr->out;
	const uint8_t *cp = m->base + NP_DNS_HDR_LEN;
	out_u32(o, m->id);
	out_str(o, dns_opcode_notes[NP_DNS_OPCODE(m->flags)]);
	print_rcode(pr, np_dns_rcode(m));
	if (NP_DNS_AA(m->flags))
		out_char(o, '*');
	if (!NP_DNS_RA(m->flags))
		out_char(o, '-');
	if (NP_DNS_TC(m->flags))
		out_char(o, '|');
	if (NP_DNS_AD(m->flags))
		out_char(o, '$');
	if (m->qdcount != 1) {
		out_str(o, " [");
		out_u32(o, m->qdcount);
		out_str(o, "q]");
	}
	if (!skip_or_print_questions(c, &cp, m->qdcount))
		return false;
	out_char(o, ' ');
	out_u32(o, m->ancount);
	out_char(o, '/');
	out_u32(o, m->nscount);
	out_char(o, '/');
	out_u32(o, m->arcount);
	if (!print_rr_section(c, &cp, m->ancount, NULL))
		return false;
	if (pr->o.vflag > 1)
		return print_rr_section(c, &cp, m->nscount, " ns:") && print_rr_section(c, &cp, m->arcount, " ar:");
	return true;
}

/* " [3a]"-style count notes of a query. */
static void print_count_note(np_out *o, uint32_t n, const char *suffix)
{
	out_str(o, " [");
	out_u32(o, n);
	out_str(o, suffix);
}

static bool print_query(dns_ctx *c, const np_dns_msg *m)
{
	np_printer *pr = c->pr;
	np_out *o = pr->out;
	out_u32(o, m->id);
	out_str(o, dns_opcode_notes[NP_DNS_OPCODE(m->flags)]);
	if (NP_DNS_RD(m->flags))
		out_char(o, '+');
	if (NP_DNS_CD(m->flags))
		out_char(o, '%');
	if (m->flags & DNS_REQUEST_ODD_BITS) {
		out_str(o, " [b2&3=0x");
		out_hex(o, m->flags, 1);
		out_char(o, ']');
	}
	if (NP_DNS_OPCODE(m->flags) == DNS_OPCODE_IQUERY) {
		if (m->qdcount)
			print_count_note(o, m->qdcount, "q]");
		if (m->ancount != 1)
			print_count_note(o, m->ancount, "a]");
	} else {
		if (m->ancount)
			print_count_note(o, m->ancount, "a]");
		if (m->qdcount != 1)
			print_count_note(o, m->qdcount, "q]");
	}
	if (m->nscount)
		print_count_note(o, m->nscount, "n]");
	if (m->arcount)
		print_count_note(o, m->arcount, "au]");
	const uint8_t *cp = m->base + NP_DNS_HDR_LEN;
	uint32_t qd = m->qdcount;
	while (qd > 0) {
		if ((cp = print_question(c, cp)) == NULL)
			return false;
		if (--qd > 0 && !np_has(cp, pr->snapend, 1))
			return false;
	}
	if (pr->o.vflag > 1)
		return print_rr_section(c, &cp, m->ancount, NULL) && print_rr_section(c, &cp, m->nscount, " ns:") &&
		       print_rr_section(c, &cp, m->arcount, " ar:");
	return true;
}

/* Over TCP the message follows a 2-byte length (RFC 1035 4.2.2) that must
 * match. Returns false when the message is not printed. */
static bool strip_tcp_prefix(np_printer *pr, const uint8_t **bp, uint32_t *length)
{
	np_out *o = pr->out;
	uint16_t prefix;
	if (*length < 2) {
		out_str(o, " [DNS over TCP: length ");
		out_u32(o, *length);
		out_str(o, " < 2]");
		print_invalid(pr);
		return false;
	}
	*length -= 2;
	NP_GET_BE16(prefix, *bp, pr->snapend);
	if (prefix != *length) {
		out_str(o, " [prefix length(");
		out_u32(o, prefix);
		out_str(o, ") != length(");
		out_u32(o, *length);
		out_str(o, ")]");
		print_invalid(pr);
		return false;
	}
	*bp += 2;
	out_char(o, ' ');
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

void print_domain(np_printer *pr, const uint8_t *bp, uint32_t length, bool over_tcp, bool mdns)
{
	np_out *o = pr->out;
	pr->protocol = "domain";
	if (over_tcp && !strip_tcp_prefix(pr, &bp, &length))
		return;
	if (length < NP_DNS_HDR_LEN) {
		out_str(o, pr->protocol);
		out_str(o, " [length ");
		out_u32(o, length);
		out_str(o, " < 12]");
		print_invalid(pr);
		return;
	}
	np_dns_msg m;
	if (np_dns_parse(&m, bp, pr->snapend) != NP_OK) {
		print_trunc(pr);
		return;
	}
	dns_ctx c = {pr, bp, mdns};
	bool whole = NP_DNS_QR(m.flags) ? print_response(&c, &m) : print_query(&c, &m);
	if (pr->stopped)
		return;
	if (!whole) {
		print_trunc(pr);
		return;
	}
	out_str(o, " (");
	out_u32(o, length);
	out_char(o, ')');
}

/* For other printers (DHCPv6 domain lists): see print.h. */
const uint8_t *print_dns_name(np_printer *pr, const uint8_t *cp, const uint8_t *base)
{
	return print_name(pr, cp, base);
}
