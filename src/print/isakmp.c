/*
 * isakmp.c - ISAKMP/IKEv1 (RFC 2408, 2407, 2409) and IKEv2 (RFC 7296) as
 * tcpdump 4.99's print-isakmp.c writes them: UDP 500 (and 7500, 8500), and
 * UDP 4500 after the RFC 3948 non-ESP marker. The header line (versions,
 * message id and cookies with -v/-vv), phase and initiator/responder side
 * (from a small cache of initiator cookies, as tcpdump keeps), exchange
 * type and flags, and with -v every payload in the chain, nested SA /
 * proposal / transform payloads indented by depth.
 *
 * The payload printers of both versions sit in one table indexed by the
 * payload type, as in tcpdump: an IKEv1 chain that names a v2 payload type
 * (and the reverse) is printed by that payload's printer.
 *
 * A printer that finds its own fixed part missing prints " [|name]" and
 * the chain stops there; a read past the capture anywhere else ends the
 * packet with " [|isakmp]" (tcpdump's longjmp: print_trunc_stop).
 *
 * Not for: decrypting encrypted payloads (tcpdump's -E); ESP itself
 * (esp.c), which the RFC 3948 port hands to.
 */
#include "print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ISAKMP_HDRLEN 28
#define GEN_HDRLEN 4 /* next payload, critical, length */

/* Payload types (RFC 2408 3.1, RFC 7296 3.2) that need their own code. */
enum {
	NP_SA = 1,
	NP_P = 2,
	NP_T = 3,
	NP_ID = 5,
	NP_CERT = 6,
	NP_CR = 7,
	NP_N = 11,
	NP_D = 12,
	NP_V2E = 46,
};

#define FLAG_E 0x01 /* IKEv1 encryption */
#define FLAG_C 0x02 /* IKEv1 commit */
#define FLAG_I 0x08 /* IKEv2 initiator */
#define FLAG_V 0x10 /* IKEv2 version */
#define FLAG_R 0x20 /* IKEv2 response */

/* tcpdump remembers the last 20 initiator cookies and the addresses of
 * the packet that first carried each, to tell "I" from "R" later. */
#define COOKIE_SLOTS 20
struct isakmp_cookies {
	struct {
		uint8_t cookie[8];
		int version; /* 0 empty, 4 or 6 */
		uint8_t iaddr[16], raddr[16];
	} slot[COOKIE_SLOTS];
	int next;
};

void isakmp_cookies_free(struct isakmp_cookies *c)
{
	free(c);
}

/* One message being printed. */
typedef struct ike {
	np_printer *pr;
	const uint8_t *base; /* the ISAKMP header */
	uint32_t phase;      /* 1 when the message id is 0, else 2 */
} ike;

typedef const uint8_t *(*ike_payload_fn)(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi,
					 uint32_t proto, int depth);

/* Name tables indexed by value; a value past the end or NULL prints as
 * "#N" (tcpdump's STR_OR_ID). */
#define TABLE(t) (t), sizeof(t) / sizeof((t)[0])
static const char *str_or_id(const char *const *t, size_t n, uint32_t v)
{
	static char buf[16];
	if (v < n && t[v])
		return t[v];
	snprintf(buf, sizeof(buf), "#%u", v);
	return buf;
}

static const char *const protoid_names[] = {NULL, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp"};

static const char *const np_names[] = {
	"none",    "sa",    "p",     "t",     "ke",    "id",    "cert",  "cr",     "hash",  "sig",
	"nonce",   "n",     "d",     "vid",   "pay14", "pay15", "pay16", "pay17",  "pay18", "pay19",
	"pay20",   "pay21", "pay22", "pay23", "pay24", "pay25", "pay26", "pay27",  "pay28", "pay29",
	"pay30",   "pay31", "pay32", "v2sa",  "v2ke",  "v2IDi", "v2IDr", "v2cert", "v2cr",  "v2auth",
	"v2nonce", "v2n",   "v2d",   "v2vid", "v2TSi", "v2TSr", "v2e",   "v2cp",   "v2eap",
};

static const char *const etype_names[] = {
	"none",         "base",
	"ident",        "auth",
	"agg",          "inf",
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	NULL,           NULL,
	"oakley-quick", "oakley-newgroup",
	"ikev2_init",   "ikev2_auth",
	"child_sa",     "inf2",
};

static const char *npstr(uint32_t np)
{
	return str_or_id(TABLE(np_names), np);
}

/* ---- shared helpers ---- */

/* tcpdump's rawprint: len bytes in hex, false when not all captured. */
static bool ike_raw(ike *k, const uint8_t *p, size_t len)
{
	if (!np_has(p, k->pr->snapend, len))
		return false;
	for (size_t i = 0; i < len; i++)
		out_fmt(k->pr->out, "%02x", p[i]);
	return true;
}

/* tcpdump's ike_show_somedata: the first 10 bytes from cp and the last 20
 * of the capture. */
static bool ike_somedata(ike *k, const uint8_t *cp)
{
	const uint8_t *ep = k->pr->snapend;
	if (cp > ep)
		return false;
	size_t avail = (size_t)(ep - cp), len = avail > 10 ? 10 : avail, elen = 20;
	/* the last 20 start at ep - 20, but not before the first len end */
	size_t end_off = avail >= 20 ? avail - 20 : 0;
	if (avail < 20 || end_off < len) {
		end_off = len;
		elen = avail - len;
	}
	out_str(k->pr->out, " data=(");
	if (!ike_raw(k, cp, len))
		return false;
	out_str(k->pr->out, "...");
	if (elen && !ike_raw(k, cp + end_off, elen))
		return false;
	out_char(k->pr->out, ')');
	return true;
}

/* With -vvv, " " and n bytes in hex; false when not all captured. */
static bool ike_hex_vvv(ike *k, const uint8_t *p, uint32_t n)
{
	if (k->pr->o.vflag <= 2 || n == 0)
		return true;
	out_char(k->pr->out, ' ');
	return ike_raw(k, p, n);
}

/* " [|name]": a payload's own truncation note; the chain stops. */
static const uint8_t *ike_short(ike *k, const char *name)
{
	out_fmt(k->pr->out, " [|%s]", name);
	return NULL;
}

/* Printable ASCII as is, anything else as '.'. */
static void ike_ascii(ike *k, const uint8_t *p, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		out_char(k->pr->out, p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.');
}

/* "(" + "\n" + four spaces per depth: the start of a nested item. */
static void ike_open(ike *k, int depth)
{
	out_char(k->pr->out, '\n');
	for (int i = 0; i < depth; i++)
		out_str(k->pr->out, "    ");
	out_char(k->pr->out, '(');
}

/* ---- data attributes (RFC 2408 3.3) and their value names ---- */

struct attrmap {
	const char *type;
	uint32_t nvalue;
	const char *const *value;
};

static const char *const lifetype_values[] = {NULL, "sec", "kb"};
static const char *const group_values[] = {
	NULL,         "modp768",    "modp1024",   "EC2N 2^155", "EC2N 2^185", "modp1536",   "iana-grp06",
	"iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12", "iana-grp13",
	"modp2048",   "modp3072",   "modp4096",   "modp6144",   "modp8192",
};
static const char *const encmode_values[] = {NULL, "tunnel", "transport"};
static const char *const ipsec_auth_values[] = {NULL, "hmac-md5", "hmac-sha1", "1des-mac", "keyed"};
static const char *const oakley_enc_values[] = {NULL, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"};
static const char *const oakley_hash_values[] = {NULL, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"};
static const char *const oakley_auth_values[] = {NULL, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"};
static const char *const group_type_values[] = {NULL, "MODP", "ECP", "EC2N"};

static const struct attrmap ipsec_t_map[] = {
	{NULL, 0, NULL},
	{"lifetype", 3, lifetype_values},
	{"life", 0, NULL},
	{"group desc", 18, group_values},
	{"enc mode", 3, encmode_values},
	{"auth", 5, ipsec_auth_values},
	{"keylen", 0, NULL},
	{"rounds", 0, NULL},
	{"dictsize", 0, NULL},
	{"privalg", 0, NULL},
};

/* IKEv2 encryption transforms: only the key length (14) has a name. */
static const struct attrmap encr_t_map[] = {
	[14] = {"keylen", 0, NULL},
};

static const struct attrmap oakley_t_map[] = {
	{NULL, 0, NULL},
	{"enc", 8, oakley_enc_values},
	{"hash", 7, oakley_hash_values},
	{"auth", 6, oakley_auth_values},
	{"group desc", 18, group_values},
	{"group type", 4, group_type_values},
	{"group prime", 0, NULL},
	{"group gen1", 0, NULL},
	{"group gen2", 0, NULL},
	{"group curve A", 0, NULL},
	{"group curve B", 0, NULL},
	{"lifetype", 3, lifetype_values},
	{"lifeduration", 0, NULL},
	{"prf", 0, NULL},
	{"keylen", 0, NULL},
	{"field", 0, NULL},
	{"order", 0, NULL},
};

/* One attribute (type/value or type/length/value) before ep2, the end of
 * its payload; map names types and values (NULL: numbers only). *next is
 * the attribute after it; false when the packet stopped or the value was
 * not captured (tcpdump's NULL). An attribute longer than its payload
 * prints "[|attr]" and sets *next past ep2. */
static bool ike_attr(ike *k, const uint8_t *p, const uint8_t *ep2, const struct attrmap *map, size_t nmap,
		     const uint8_t **next)
{
	np_out *o = k->pr->out;
	uint8_t b0;
	uint16_t t, v;
	uint32_t totlen = 4;
	NP_GET_U8(b0, p, k->pr->snapend);
	if (!(b0 & 0x80)) {
		NP_GET_BE16(v, p + 2, k->pr->snapend);
		totlen += v;
	}
	if ((size_t)(ep2 - p) < totlen) {
		out_str(o, "[|attr]");
		*next = ep2 + 1;
		return true;
	}
	out_char(o, '(');
	NP_GET_BE16(t, p, k->pr->snapend);
	t &= 0x7fff;
	const struct attrmap *m = map && t < nmap && map[t].type ? &map[t] : NULL;
	if (m)
		out_fmt(o, "type=%s ", m->type);
	else
		out_fmt(o, "type=#%u ", t);
	if (b0 & 0x80) {
		out_str(o, "value=");
		NP_GET_BE16(v, p + 2, k->pr->snapend);
		if (m && v < m->nvalue && m->value[v])
			out_str(o, m->value[v]);
		else if (!ike_raw(k, p + 2, 2))
			goto short_value;
	} else {
		out_fmt(o, "len=%u value=", totlen - 4);
		if (!ike_raw(k, p + 4, totlen - 4))
			goto short_value;
	}
	out_char(o, ')');
	*next = p + totlen;
	return true;
short_value:
	out_char(o, ')');
	return false;
trunc:
	print_trunc_stop(k->pr);
	return false;
}

/* The attributes of a transform from cp to ep2; NULL when they stopped. */
static const uint8_t *ike_attrs(ike *k, const uint8_t *cp, const uint8_t *ep2, const struct attrmap *map, size_t nmap)
{
	while (cp < k->pr->snapend && cp < ep2) {
		if (!ike_attr(k, cp, ep2, map, nmap, &cp))
			return NULL;
	}
	if (k->pr->snapend < ep2)
		out_str(k->pr->out, "...");
	return cp;
}

/* ---- payload chains ---- */

static const uint8_t *ike_dispatch(ike *k, uint8_t np, const uint8_t *ext, uint32_t doi, uint32_t proto, int depth,
				   bool v2);

/* A chain of payloads from ext, the first of type np, each nested one
 * level deeper than depth; v2 selects IKEv2's handling of the encrypted
 * payload. The byte after the last, or NULL when the chain stopped. */
static const uint8_t *ike_chain(ike *k, uint8_t np, const uint8_t *ext, uint32_t doi, uint32_t proto, int depth,
				bool v2)
{
	const uint8_t *cp = ext;
	while (np) {
		if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
			goto short_item;
		uint16_t item_len = np_load_be16(ext + 2);
		if (!np_has(ext, k->pr->snapend, item_len))
			goto short_item;
		ike_open(k, depth + 1);
		cp = ike_dispatch(k, np, ext, doi, proto, depth + 1, v2);
		if (k->pr->stopped)
			return NULL;
		out_char(k->pr->out, ')');
		if (cp == NULL)
			return NULL;
		np = ext[0];
		ext = cp;
	}
	return cp;
short_item:
	out_fmt(k->pr->out, " [|%s]", npstr(np));
	return NULL;
}

/* ---- IKEv1 payloads ---- */

static const uint8_t *v1_sa(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi0, uint32_t proto0,
			    int depth)
{
	(void)tpay, (void)item_len, (void)doi0;
	np_out *o = k->pr->out;
	out_str(o, "sa:");
	if (!np_has(ext, k->pr->snapend, 12))
		goto short_item;
	uint32_t doi = np_load_be32(ext + 4), sit = np_load_be32(ext + 8);
	if (doi != 1) {
		out_fmt(o, " doi=%u situation=%u", doi, sit);
		return ext + 12;
	}
	out_str(o, " doi=ipsec situation=");
	int t = 0;
	if (sit & 0x01) {
		out_str(o, "identity");
		t++;
	}
	if (sit & 0x02) {
		out_str(o, t ? "+secrecy" : "secrecy");
		t++;
	}
	if (sit & 0x04)
		out_str(o, t ? "+integrity" : "integrity");
	const uint8_t *np = ext + 12;
	if (sit != 0x01) {
		/* tcpdump reads the "ident" 4 bytes into the payload: the DOI */
		out_fmt(o, " ident=%u", doi);
		np += 4;
	}
	if (!np_has(np, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	return ike_chain(k, NP_P, np, doi, proto0, depth, false);
short_item:
	return ike_short(k, "sa");
}

static const uint8_t *v1_p(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi0, uint32_t proto0,
			   int depth)
{
	(void)tpay, (void)item_len, (void)proto0;
	np_out *o = k->pr->out;
	out_str(o, "p:");
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	out_fmt(o, " #%u protoid=%s transform=%u", ext[4], str_or_id(TABLE(protoid_names), ext[5]), ext[7]);
	uint8_t spi_size = ext[6];
	if (spi_size) {
		out_str(o, " spi=");
		if (!ike_raw(k, ext + 8, spi_size))
			goto short_item;
	}
	const uint8_t *t = ext + 8 + spi_size;
	if (!np_has(t, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	return ike_chain(k, NP_T, t, doi0, ext[5], depth, false);
short_item:
	return ike_short(k, "p");
}

static const char *const ikev1_t_ids[] = {NULL, "ike"};
static const char *const ah_t_ids[] = {NULL, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512"};
static const char *const esp_t_ids[] = {NULL,       "1des-iv64", "1des",      "3des", "rc5",  "idea", "cast",
					"blowfish", "3idea",     "1des-iv32", "rc4",  "null", "aes"};
static const char *const ipcomp_t_ids[] = {NULL, "oui", "deflate", "lzs"};

static const uint8_t *v1_t(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			   int depth)
{
	(void)tpay, (void)doi, (void)depth;
	np_out *o = k->pr->out;
	const char *idstr = NULL;
	const struct attrmap *map = NULL;
	size_t nmap = 0;
	out_str(o, "t:");
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	uint8_t id = ext[5];
	switch (proto) {
	case 1:
		idstr = str_or_id(TABLE(ikev1_t_ids), id);
		map = oakley_t_map, nmap = sizeof(oakley_t_map) / sizeof(oakley_t_map[0]);
		break;
	case 2:
		idstr = str_or_id(TABLE(ah_t_ids), id);
		map = ipsec_t_map, nmap = sizeof(ipsec_t_map) / sizeof(ipsec_t_map[0]);
		break;
	case 3:
		idstr = str_or_id(TABLE(esp_t_ids), id);
		map = ipsec_t_map, nmap = sizeof(ipsec_t_map) / sizeof(ipsec_t_map[0]);
		break;
	case 4:
		idstr = str_or_id(TABLE(ipcomp_t_ids), id);
		map = ipsec_t_map, nmap = sizeof(ipsec_t_map) / sizeof(ipsec_t_map[0]);
		break;
	default: break;
	}
	if (idstr)
		out_fmt(o, " #%u id=%s ", ext[4], idstr);
	else
		out_fmt(o, " #%u id=%u ", ext[4], id);
	const uint8_t *cp = ike_attrs(k, ext + 8, ext + item_len, map, nmap);
	if (cp == NULL && !k->pr->stopped)
		goto short_item;
	return cp;
short_item:
	return ike_short(k, "t");
}

/* "name: len=N" and with -vvv the body in hex: ke, hash, sig, vid. */
static const uint8_t *v1_opaque(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, const char *lenword)
{
	np_out *o = k->pr->out;
	out_fmt(o, "%s:", npstr(tpay));
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	out_fmt(o, " %s=%u", lenword, item_len - 4);
	if (!ike_hex_vvv(k, ext + 4, item_len - 4))
		goto short_item;
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

static const uint8_t *v1_ke(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			    int depth)
{
	(void)doi, (void)proto, (void)depth;
	return v1_opaque(k, tpay, ext, item_len, "key len");
}

static const uint8_t *v1_plain(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi,
			       uint32_t proto, int depth)
{
	(void)doi, (void)proto, (void)depth;
	return v1_opaque(k, tpay, ext, item_len, "len");
}

static const char *const ipsec_id_types[] = {NULL,      "IPv4",      "FQDN",      "user FQDN", "IPv4net", "IPv6",
					     "IPv6net", "IPv4range", "IPv6range", "ASN1 DN",   "ASN1 GN", "keyid"};

/* The identification data of an IPsec DOI id payload; *len becomes 0
 * when it was printed. */
static void v1_id_data(ike *k, uint8_t type, const uint8_t *data, uint32_t *len)
{
	np_out *o = k->pr->out;
	uint32_t n = *len;
	switch (type) {
	case 1: /* IPv4 */
		if (n < 4) {
			out_fmt(o, " len=%u [bad: < 4]", n);
		} else {
			out_fmt(o, " len=%u ", n);
			out_ipv4(o, data);
		}
		break;
	case 2: /* FQDN */
	case 3: /* user FQDN */
		out_fmt(o, " len=%u ", n);
		for (uint32_t i = 0; i < n; i++)
			print_safe_char(k->pr, data[i]);
		break;
	case 4: /* IPv4 subnet */
		if (n < 8) {
			out_fmt(o, " len=%u [bad: < 8]", n);
		} else {
			out_fmt(o, " len=%u ", n);
			out_ipv4(o, data);
			out_fmt(o, "/%u.%u.%u.%u", data[4], data[5], data[6], data[7]);
		}
		break;
	case 5: /* IPv6 */
		if (n < 16) {
			out_fmt(o, " len=%u [bad: < 16]", n);
		} else {
			out_fmt(o, " len=%u ", n);
			out_ipv6(o, data);
		}
		break;
	case 6: /* IPv6 subnet */
		if (n < 32) {
			out_fmt(o, " len=%u [bad: < 32]", n);
		} else {
			out_fmt(o, " len=%u ", n);
			out_ipv6(o, data);
			out_str(o, "/0x");
			for (int i = 16; i < 32; i++)
				out_fmt(o, "%02x", data[i]);
		}
		break;
	case 7: /* IPv4 range */
	case 8: /* IPv6 range */
	{
		uint32_t alen = type == 7 ? 4 : 16;
		if (n < 2 * alen) {
			out_fmt(o, " len=%u [bad: < %u]", n, 2 * alen);
		} else {
			out_fmt(o, " len=%u ", n);
			if (type == 7)
				out_ipv4(o, data);
			else
				out_ipv6(o, data);
			out_char(o, '-');
			if (type == 7)
				out_ipv4(o, data + 4);
			else
				out_ipv6(o, data + 16);
		}
		break;
	}
	default: return; /* ASN.1 names, key ids and unknown types: the length only */
	}
	*len = 0;
}

static const uint8_t *v1_id(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			    int depth)
{
	(void)tpay, (void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	out_str(o, "id:");
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	const uint8_t *data = NULL;
	uint32_t len = 0;
	if (item_len > 8) {
		data = ext + 8;
		len = item_len - 8;
	}
	/* tcpdump reads the IPsec DOI's form in both phases */
	uint8_t type = ext[4];
	out_fmt(o, " idtype=%s", str_or_id(TABLE(ipsec_id_types), type));
	out_fmt(o, " protoid=%u port=%u", ext[5], np_load_be16(ext + 6));
	if (len) {
		if (!np_has(data, k->pr->snapend, len))
			goto short_item;
		v1_id_data(k, type, data, &len);
	}
	if (data && len) {
		out_fmt(o, " len=%u", len);
		if (k->pr->o.vflag > 2) {
			out_char(o, ' ');
			if (!ike_raw(k, data, len))
				goto short_item;
		}
	}
	return ext + item_len;
short_item:
	return ike_short(k, "id");
}

static const char *const cert_types[] = {"none",     "pkcs7", "pgp", "dns",  "x509sign", "x509ke",
					 "kerberos", "crl",   "arl", "spki", "x509attr"};

static const uint8_t *v1_cert(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			      int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	out_fmt(o, "%s:", npstr(tpay));
	if (!np_has(ext, k->pr->snapend, 6))
		goto short_item;
	out_fmt(o, " len=%u type=%s", item_len - 4, str_or_id(TABLE(cert_types), ext[4]));
	if (!ike_hex_vvv(k, ext + 4, item_len - 4))
		goto short_item;
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

static const uint8_t *v1_nonce(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi,
			       uint32_t proto, int depth)
{
	(void)tpay, (void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	out_str(o, "nonce:");
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	out_fmt(o, " n len=%u", item_len - 4);
	if (item_len > 4) {
		if (k->pr->o.vflag > 2) {
			out_char(o, ' ');
			if (!ike_raw(k, ext + 4, item_len - 4))
				goto short_item;
		} else if (k->pr->o.vflag > 1) {
			out_char(o, ' ');
			if (!ike_somedata(k, ext + 4))
				goto short_item;
		}
	}
	return ext + item_len;
short_item:
	return ike_short(k, "nonce");
}

static const char *const notify_error_names[] = {
	NULL,
	"INVALID-PAYLOAD-TYPE",
	"DOI-NOT-SUPPORTED",
	"SITUATION-NOT-SUPPORTED",
	"INVALID-COOKIE",
	"INVALID-MAJOR-VERSION",
	"INVALID-MINOR-VERSION",
	"INVALID-EXCHANGE-TYPE",
	"INVALID-FLAGS",
	"INVALID-MESSAGE-ID",
	"INVALID-PROTOCOL-ID",
	"INVALID-SPI",
	"INVALID-TRANSFORM-ID",
	"ATTRIBUTES-NOT-SUPPORTED",
	"NO-PROPOSAL-CHOSEN",
	"BAD-PROPOSAL-SYNTAX",
	"PAYLOAD-MALFORMED",
	"INVALID-KEY-INFORMATION",
	"INVALID-ID-INFORMATION",
	"INVALID-CERT-ENCODING",
	"INVALID-CERTIFICATE",
	"CERT-TYPE-UNSUPPORTED",
	"INVALID-CERT-AUTHORITY",
	"INVALID-HASH-INFORMATION",
	"AUTHENTICATION-FAILED",
	"INVALID-SIGNATURE",
	"ADDRESS-NOTIFICATION",
	"NOTIFY-SA-LIFETIME",
	"CERTIFICATE-UNAVAILABLE",
	"UNSUPPORTED-EXCHANGE-TYPE",
	"UNEQUAL-PAYLOAD-LENGTHS",
};
static const char *const ipsec_notify_error_names[] = {"RESERVED"};
static const char *const notify_status_names[] = {"CONNECTED"};
static const char *const ipsec_notify_status_names[] = {"RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT"};

/* The notify message type name; ipsec: the IPsec DOI's own ranges too. */
static const char *v1_notify_name(uint16_t type, bool ipsec)
{
	static char buf[16];
	if (type < 8192)
		return str_or_id(TABLE(notify_error_names), type);
	if (type >= 16384 && type < 24576)
		return str_or_id(TABLE(notify_status_names), type - 16384u);
	if (ipsec && type < 16384)
		return str_or_id(TABLE(ipsec_notify_error_names), type - 8192u);
	if (ipsec && type < 32768)
		return str_or_id(TABLE(ipsec_notify_status_names), type - 24576u);
	snprintf(buf, sizeof(buf), "#%u", type);
	return buf;
}

static const uint8_t *v1_n(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi0, uint32_t proto0,
			   int depth)
{
	(void)tpay, (void)doi0, (void)proto0, (void)depth;
	np_out *o = k->pr->out;
	const uint8_t *ep = k->pr->snapend;
	out_str(o, "n:");
	if (!np_has(ext, ep, 12))
		goto short_item;
	uint32_t doi = np_load_be32(ext + 4);
	uint8_t proto = ext[8], spi_size = ext[9];
	uint16_t type = np_load_be16(ext + 10);
	if (doi != 1)
		out_fmt(o, " doi=%u proto=%u", doi, proto);
	else
		out_fmt(o, " doi=ipsec proto=%s", str_or_id(TABLE(protoid_names), proto));
	out_fmt(o, " type=%s", v1_notify_name(type, doi == 1));
	if (spi_size) {
		out_str(o, " spi=");
		if (!ike_raw(k, ext + 12, spi_size))
			goto short_item;
	}
	const uint8_t *cp = ext + 12 + spi_size;
	if (doi != 1)
		return cp;
	const uint8_t *ep2 = ext + item_len;
	if (cp >= ep)
		return ext + item_len;
	switch (type) {
	case 24576: /* RESPONDER-LIFETIME */
		out_str(o, " attrs=(");
		while (cp < ep && cp < ep2) {
			if (!ike_attr(k, cp, ep2, TABLE(oakley_t_map), &cp)) {
				if (k->pr->stopped)
					return NULL;
				out_char(o, ')');
				goto short_item;
			}
		}
		out_char(o, ')');
		break;
	case 24577: /* REPLAY-STATUS */
	{
		uint32_t v;
		out_str(o, " status=(");
		NP_GET_BE32(v, cp, ep);
		out_fmt(o, "replay detection %sabled)", v ? "en" : "dis");
		break;
	}
	default:
		if (k->pr->o.vflag > 3) {
			out_str(o, " data=(");
			if (!ike_raw(k, cp, (size_t)(ep - cp)))
				goto short_item;
			out_char(o, ')');
		} else if (!ike_somedata(k, cp)) {
			goto short_item;
		}
		break;
	}
	return ext + item_len;
short_item:
	return ike_short(k, "n");
trunc:
	print_trunc_stop(k->pr);
	return NULL;
}

static const uint8_t *v1_d(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi0, uint32_t proto0,
			   int depth)
{
	(void)tpay, (void)item_len, (void)doi0, (void)proto0, (void)depth;
	np_out *o = k->pr->out;
	out_str(o, "d:");
	if (!np_has(ext, k->pr->snapend, 12))
		goto short_item;
	uint32_t doi = np_load_be32(ext + 4);
	uint8_t proto = ext[8], spi_size = ext[9];
	uint16_t num_spi = np_load_be16(ext + 10);
	if (doi != 1)
		out_fmt(o, " doi=%u proto=%u", doi, proto);
	else
		out_fmt(o, " doi=ipsec proto=%s", str_or_id(TABLE(protoid_names), proto));
	out_fmt(o, " spilen=%u nspi=%u spi=", spi_size, num_spi);
	const uint8_t *q = ext + 12;
	for (uint32_t i = 0; i < num_spi; i++) {
		if (i != 0)
			out_char(o, ',');
		if (!ike_raw(k, q, spi_size))
			goto short_item;
		q += spi_size;
	}
	return q;
short_item:
	return ike_short(k, "d");
}

/* ---- IKEv2 payloads ---- */

/* "name[C]:" — the critical bit after the payload name. */
static void v2_head(ike *k, const char *name, uint8_t critical)
{
	out_fmt(k->pr->out, "%s%s:", name, critical & 0x80 ? "[C]" : "");
}

/* Payloads tcpdump prints only as a length (and hex with -vvv). */
static const uint8_t *v2_gen(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			     int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	v2_head(k, npstr(tpay), ext[1]);
	out_fmt(o, " len=%u", item_len - 4);
	if (!ike_hex_vvv(k, ext + 4, item_len - 4))
		goto short_item;
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

static const char *const v2_t_types[] = {NULL, "encr", "prf", "integ", "dh", "esn"};
static const char *const prf_ids[] = {NULL, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"};
static const char *const integ_ids[] = {NULL, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc"};
static const char *const esn_ids[] = {"no-esn", "esn"};

static const uint8_t *v2_t(ike *k, int tcount, const uint8_t *ext, uint32_t item_len)
{
	np_out *o = k->pr->out;
	const char *idstr = NULL;
	const struct attrmap *map = NULL;
	size_t nmap = 0;
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	v2_head(k, "t", ext[1]);
	uint8_t t_type = ext[4];
	uint16_t t_id = np_load_be16(ext + 6);
	switch (t_type) {
	case 1:
		idstr = str_or_id(TABLE(esp_t_ids), t_id);
		map = encr_t_map, nmap = sizeof(encr_t_map) / sizeof(encr_t_map[0]);
		break;
	case 2: idstr = str_or_id(TABLE(prf_ids), t_id); break;
	case 3: idstr = str_or_id(TABLE(integ_ids), t_id); break;
	case 4: idstr = str_or_id(TABLE(group_values), t_id); break;
	case 5: idstr = str_or_id(TABLE(esn_ids), t_id); break;
	default: break;
	}
	/* two names from str_or_id's one buffer: copy the first */
	char typestr[16];
	snprintf(typestr, sizeof(typestr), "%s", str_or_id(TABLE(v2_t_types), t_type));
	if (idstr)
		out_fmt(o, " #%u type=%s id=%s ", tcount, typestr, idstr);
	else
		out_fmt(o, " #%u type=%s id=%u ", tcount, typestr, t_id);
	const uint8_t *cp = ike_attrs(k, ext + 8, ext + item_len, map, nmap);
	if (cp == NULL && !k->pr->stopped)
		goto short_item;
	return cp;
short_item:
	return ike_short(k, "t");
}

/* The substructures of an SA (proposals) or a proposal (transforms):
 * len bytes from cp, the first of type first. Each is printed by item()
 * (NULL: by name only). *cpp ends past them; false when they stopped. */
static bool v2_subs(ike *k, uint8_t first, const uint8_t **cpp, uint32_t len, int depth, const char *toolong_name,
		    const uint8_t *(*item)(ike *, int, const uint8_t *, uint32_t, int))
{
	const uint8_t *cp = *cpp, *ext = NULL;
	int count = 0;
	for (uint8_t np = first; np != 0; np = ext[0]) {
		count++;
		ext = cp;
		if (len < GEN_HDRLEN)
			goto toolong;
		if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
			goto short_item;
		uint16_t item_len = np_load_be16(ext + 2);
		if (item_len <= 4)
			goto short_item;
		if (len < item_len)
			goto toolong;
		if (!np_has(cp, k->pr->snapend, item_len))
			goto short_item;
		ike_open(k, depth + 1);
		if (np == first) {
			cp = item(k, count, ext, item_len, depth + 1);
			if (cp == NULL)
				return false;
		} else {
			out_str(k->pr->out, npstr(np));
			cp += item_len;
		}
		out_char(k->pr->out, ')');
		len -= item_len;
	}
	*cpp = cp;
	return true;
toolong:
	*cpp = cp + len;
	out_fmt(k->pr->out, " [|%s]", toolong_name);
	return true;
short_item:
	out_fmt(k->pr->out, " [|%s]", toolong_name);
	return false;
}

static const uint8_t *v2_t_item(ike *k, int count, const uint8_t *ext, uint32_t item_len, int depth)
{
	(void)depth;
	return v2_t(k, count, ext, item_len);
}

static const uint8_t *v2_p(ike *k, int pcount, const uint8_t *ext, uint32_t oprop_length, int depth)
{
	(void)pcount;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, 8)) {
		out_str(o, " [|p]");
		return NULL;
	}
	v2_head(k, "p", ext[1]);
	uint32_t prop_length = oprop_length - 4;
	out_fmt(o, " #%u protoid=%s transform=%u len=%u", ext[4], str_or_id(TABLE(protoid_names), ext[5]), ext[7],
		oprop_length);
	const uint8_t *cp = ext + 8;
	uint8_t spi_size = ext[6];
	if (spi_size) {
		if (prop_length < spi_size) {
			out_str(o, " [|p]");
			return cp + prop_length;
		}
		out_str(o, " spi=");
		if (!ike_raw(k, cp, spi_size)) {
			out_str(o, " [|p]");
			return NULL;
		}
		cp += spi_size;
		prop_length -= spi_size;
	}
	if (!v2_subs(k, NP_T, &cp, prop_length, depth, "p", v2_t_item))
		return NULL;
	return cp;
}

static const uint8_t *v2_sa(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			    int depth)
{
	(void)item_len, (void)doi, (void)proto;
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN)) {
		out_fmt(k->pr->out, " [|%s]", npstr(tpay));
		return NULL;
	}
	v2_head(k, "sa", ext[1]);
	uint32_t sa_length = np_load_be16(ext + 2) - 4u;
	out_fmt(k->pr->out, " len=%u", sa_length);
	const uint8_t *cp = ext + GEN_HDRLEN;
	char name[16];
	snprintf(name, sizeof(name), "%s", npstr(tpay));
	if (!v2_subs(k, NP_P, &cp, sa_length, depth, name, v2_p))
		return NULL;
	return cp;
}

static const uint8_t *v2_ke(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			    int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	v2_head(k, npstr(tpay), ext[1]);
	if (item_len < 8) {
		out_fmt(o, " len=%u < 8", item_len);
		return ext + item_len;
	}
	out_fmt(o, " len=%u group=%s", item_len - 8, str_or_id(TABLE(group_values), np_load_be16(ext + 4)));
	if (!ike_hex_vvv(k, ext + 8, item_len - 8))
		goto short_item;
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

static const uint8_t *v2_id(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			    int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	v2_head(k, npstr(tpay), ext[1]);
	out_fmt(o, " len=%u", item_len - 4);
	if (!ike_hex_vvv(k, ext + 4, item_len - 4))
		goto short_item;
	/* item_len - 8 wraps below 8, as in tcpdump: the data then is "not
	 * captured" */
	uint32_t idlen = item_len - 8;
	const uint8_t *data = ext + 8;
	bool ascii = false, hex = false;
	switch (ext[4]) {
	case 1: out_str(o, " ipv4:"), hex = true; break;
	case 2: out_str(o, " fqdn:"), ascii = true; break;
	case 3: out_str(o, " rfc822:"), ascii = true; break;
	case 5: out_str(o, " ipv6:"), hex = true; break;
	case 9: out_str(o, " dn:"), hex = true; break;
	case 10: out_str(o, " gn:"), hex = true; break;
	case 11: out_str(o, " keyid:"), hex = true; break;
	default: break;
	}
	if (ascii) {
		if (!np_has(data, k->pr->snapend, idlen))
			goto short_item;
		ike_ascii(k, data, idlen);
	}
	if (hex && !ike_raw(k, data, idlen))
		goto short_item;
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

static const char *const v2_auth_methods[] = {"invalid", "rsasig", "shared-secret", "dsssig"};

static const uint8_t *v2_auth(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			      int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, 8))
		goto short_item;
	v2_head(k, npstr(tpay), ext[1]);
	out_fmt(o, " len=%u method=%s", item_len - 4, str_or_id(TABLE(v2_auth_methods), ext[4]));
	if (item_len > 4) {
		if (k->pr->o.vflag > 1) {
			out_str(o, " authdata=(");
			if (!ike_raw(k, ext + 8, item_len - 8u))
				goto short_item;
			out_str(o, ") ");
		} else if (k->pr->o.vflag) {
			if (!ike_somedata(k, ext + 8))
				goto short_item;
		}
	}
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

static const uint8_t *v2_nonce(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi,
			       uint32_t proto, int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	v2_head(k, "nonce", ext[1]);
	out_fmt(o, " len=%u", item_len - 4);
	if (k->pr->o.vflag > 1 && item_len > 4) {
		out_str(o, " nonce=(");
		if (!ike_raw(k, ext + 4, item_len - 4))
			goto short_item;
		out_str(o, ") ");
	} else if (k->pr->o.vflag && item_len > 4) {
		if (!ike_somedata(k, ext + 4))
			goto short_item;
	}
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

/* IKEv2 notify types: name, whether the SPI is shown, whether some data is. */
static const struct v2_notify {
	uint16_t type;
	const char *name;
	bool spi, data;
} v2_notifies[] = {
	{1, "unsupported_critical_payload", false, false},
	{4, "invalid_ike_spi", true, false},
	{5, "invalid_major_version", false, false},
	{7, "invalid_syntax", true, false},
	{9, "invalid_message_id", true, false},
	{11, "invalid_spi", true, false},
	{14, "no_protocol_chosen", true, false},
	{17, "invalid_ke_payload", true, false},
	{24, "authentication_failed", true, false},
	{34, "single_pair_required", true, false},
	{35, "no_additional_sas", false, false},
	{36, "internal_address_failure", false, false},
	{37, "failed:cp_required", false, false},
	{39, "invalid_selectors", false, false},
	{16384, "initial_contact", false, false},
	{16385, "set_window_size", false, false},
	{16386, "additional_ts_possible", false, false},
	{16387, "ipcomp_supported", false, false},
	{16388, "nat_detection_source_ip", true, false},
	{16389, "nat_detection_destination_ip", true, false},
	{16390, "cookie", true, true},
	{16391, "use_transport_mode", false, false},
	{16392, "http_cert_lookup_supported", false, false},
	{16393, "rekey_sa", true, false},
	{16394, "tfc_padding_not_supported", false, false},
	{16395, "non_first_fragment_also", false, false},
};

static const uint8_t *v2_n(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			   int depth)
{
	(void)tpay, (void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	const uint8_t *ep = k->pr->snapend;
	if (!np_has(ext, ep, 8))
		goto short_item;
	v2_head(k, "n", ext[1]);
	out_fmt(o, " prot_id=%s", str_or_id(TABLE(protoid_names), ext[4]));
	uint16_t type = np_load_be16(ext + 6);
	const char *name = type < 8192    ? "error"
			   : type < 16384 ? "private-error"
			   : type < 40960 ? "status"
					  : "private-status";
	bool showspi = true, somedata = false;
	for (size_t i = 0; i < sizeof(v2_notifies) / sizeof(v2_notifies[0]); i++) {
		if (v2_notifies[i].type == type) {
			name = v2_notifies[i].name;
			showspi = v2_notifies[i].spi;
			somedata = v2_notifies[i].data;
			break;
		}
	}
	out_fmt(o, " type=%u(%s)", type, name);
	uint8_t spi_size = ext[5];
	if (showspi && spi_size) {
		out_str(o, " spi=");
		if (!ike_raw(k, ext + 8, spi_size))
			goto short_item;
	}
	const uint8_t *cp = ext + 8 + spi_size;
	if (cp < ep) {
		if (k->pr->o.vflag > 3 || (somedata && ep - cp < 30)) {
			out_str(o, " data=(");
			if (!ike_raw(k, cp, (size_t)(ep - cp)))
				goto short_item;
			out_char(o, ')');
		} else if (somedata && !ike_somedata(k, cp)) {
			goto short_item;
		}
	}
	return ext + item_len;
short_item:
	return ike_short(k, "n");
}

static const uint8_t *v2_vid(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len, uint32_t doi, uint32_t proto,
			     int depth)
{
	(void)doi, (void)proto, (void)depth;
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	v2_head(k, npstr(tpay), ext[1]);
	uint32_t len = item_len - 4;
	out_fmt(o, " len=%u vid=", len);
	if (!np_has(ext + 4, k->pr->snapend, len))
		goto short_item;
	ike_ascii(k, ext + 4, len);
	if (k->pr->o.vflag > 2 && len > 4) {
		out_char(o, ' ');
		if (!ike_raw(k, ext + 4, len))
			goto short_item;
	}
	return ext + item_len;
short_item:
	return ike_short(k, npstr(tpay));
}

/* The encrypted payload: its length (and hex with -vvv). It is the last
 * payload, its next-payload field names what is inside: NULL always. */
static const uint8_t *v2_e(ike *k, uint8_t tpay, const uint8_t *ext, uint32_t item_len)
{
	np_out *o = k->pr->out;
	if (!np_has(ext, k->pr->snapend, GEN_HDRLEN))
		goto short_item;
	v2_head(k, npstr(tpay), ext[1]);
	uint32_t dlen = item_len - 4;
	out_fmt(o, " len=%u", dlen);
	if (k->pr->o.vflag > 2 && dlen > 4) {
		out_char(o, ' ');
		if (!ike_raw(k, ext + 4, dlen))
			goto short_item;
	}
	if (!np_has(ext + 4, k->pr->snapend, dlen))
		goto short_item;
	return NULL;
short_item:
	return ike_short(k, npstr(tpay));
}

/* Payload printers by type, both versions (tcpdump's npfunc). */
static const ike_payload_fn payload_fns[] = {
	[1] = v1_sa,    [2] = v1_p,     [3] = v1_t,      [4] = v1_ke,   [5] = v1_id,   [6] = v1_cert,   [7] = v1_cert,
	[8] = v1_plain, [9] = v1_plain, [10] = v1_nonce, [11] = v1_n,   [12] = v1_d,   [13] = v1_plain, [33] = v2_sa,
	[34] = v2_ke,   [35] = v2_id,   [36] = v2_id,    [37] = v2_gen, [38] = v2_gen, [39] = v2_auth,  [40] = v2_nonce,
	[41] = v2_n,    [42] = v2_gen,  [43] = v2_vid,   [44] = v2_gen, [45] = v2_gen, [47] = v2_gen,   [48] = v2_gen,
};

static const uint8_t *ike_dispatch(ike *k, uint8_t np, const uint8_t *ext, uint32_t doi, uint32_t proto, int depth,
				   bool v2)
{
	/* the chain checked the generic header */
	uint16_t item_len = np_load_be16(ext + 2);
	if (item_len <= 4)
		return NULL;
	if (v2 && np == NP_V2E)
		return v2_e(k, np, ext, item_len);
	if (np < sizeof(payload_fns) / sizeof(payload_fns[0]) && payload_fns[np])
		return payload_fns[np](k, np, ext, item_len, doi, proto, depth);
	out_str(k->pr->out, npstr(np));
	return ext + item_len;
}

/* ---- the message ---- */

static struct isakmp_cookies *cookies(np_printer *pr)
{
	if (!pr->isakmp)
		pr->isakmp = calloc(1, sizeof(*pr->isakmp));
	return pr->isakmp;
}

static int cookie_find(struct isakmp_cookies *c, const uint8_t *ck)
{
	for (int i = 0; i < COOKIE_SLOTS; i++)
		if (memcmp(ck, c->slot[i].cookie, 8) == 0)
			return i;
	return -1;
}

static int ip_version(const uint8_t *iph)
{
	return iph ? iph[0] >> 4 : 0;
}

static void cookie_record(struct isakmp_cookies *c, const uint8_t *ck, const uint8_t *iph)
{
	int i = cookie_find(c, ck);
	if (i >= 0) {
		c->next = (i + 1) % COOKIE_SLOTS;
		return;
	}
	int v = ip_version(iph);
	uint32_t alen = v == 4 ? 4 : 16;
	if (v != 4 && v != 6)
		return;
	const uint8_t *src = v == 4 ? iph + 12 : iph + 8;
	c->slot[c->next].version = v;
	memcpy(c->slot[c->next].iaddr, src, alen);
	memcpy(c->slot[c->next].raddr, src + alen, alen);
	memcpy(c->slot[c->next].cookie, ck, 8);
	c->next = (c->next + 1) % COOKIE_SLOTS;
}

/* Whether the packet's source is slot i's initiator (or responder). */
static bool cookie_side(struct isakmp_cookies *c, int i, const uint8_t *iph, bool initiator)
{
	int v = ip_version(iph);
	if ((v != 4 && v != 6) || c->slot[i].version != v)
		return false;
	const uint8_t *src = v == 4 ? iph + 12 : iph + 8;
	return memcmp(src, initiator ? c->slot[i].iaddr : c->slot[i].raddr, v == 4 ? 4 : 16) == 0;
}

/* " (len mismatch: ...)" with -v when the header's length is not the UDP one. */
static void ike_len_check(ike *k, uint32_t length)
{
	uint32_t hlen = np_load_be32(k->base + 24);
	if (k->pr->o.vflag && hlen != length)
		out_fmt(k->pr->out, " (len mismatch: isakmp %u/ip %u)", hlen, length);
}

/* After the flags: with -v ":" and the payload chain. */
static void ike_payloads(ike *k, uint8_t flags, uint32_t length, bool v2)
{
	if (k->pr->o.vflag) {
		uint8_t np = k->base[16];
		out_char(k->pr->out, ':');
		if (flags & FLAG_E)
			out_fmt(k->pr->out, " [encrypted %s]", npstr(np));
		else
			ike_chain(k, np, k->base + ISAKMP_HDRLEN, 0, 0, 0, v2);
		if (k->pr->stopped)
			return;
	}
	ike_len_check(k, length);
}

static void ikev1_print(ike *k, uint32_t length, const uint8_t *iph)
{
	np_out *o = k->pr->out;
	const uint8_t *b = k->base;
	out_fmt(o, k->phase == 1 ? " phase %u" : " phase %u/others", k->phase);
	struct isakmp_cookies *c = cookies(k->pr);
	int i = c ? cookie_find(c, b) : -1;
	if (i < 0) {
		static const uint8_t zero[8];
		if (memcmp(b + 8, zero, 8) == 0) {
			out_str(o, " I");
			if (iph && c)
				cookie_record(c, b, iph);
		} else {
			out_str(o, " ?");
		}
	} else if (iph && cookie_side(c, i, iph, true)) {
		out_str(o, " I");
	} else if (iph && cookie_side(c, i, iph, false)) {
		out_str(o, " R");
	} else {
		out_str(o, " ?");
	}
	out_fmt(o, " %s", str_or_id(TABLE(etype_names), b[18]));
	uint8_t flags = b[19];
	if (flags)
		out_fmt(o, "[%s%s]", flags & FLAG_E ? "E" : "", flags & FLAG_C ? "C" : "");
	ike_payloads(k, flags, length, false);
}

static void ikev2_print(ike *k, uint32_t length)
{
	np_out *o = k->pr->out;
	const uint8_t *b = k->base;
	out_str(o, k->phase == 1 ? " parent_sa" : " child_sa ");
	out_fmt(o, " %s", str_or_id(TABLE(etype_names), b[18]));
	uint8_t flags = b[19];
	if (flags)
		out_fmt(o, "[%s%s%s]", flags & FLAG_I ? "I" : "", flags & FLAG_V ? "V" : "", flags & FLAG_R ? "R" : "");
	ike_payloads(k, flags, length, true);
}

void print_isakmp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph)
{
	np_out *o = pr->out;
	pr->protocol = "isakmp";
	if (!np_has(p, pr->snapend, ISAKMP_HDRLEN)) {
		print_trunc(pr);
		return;
	}
	out_str(o, "isakmp");
	uint8_t major = p[17] >> 4, minor = p[17] & 0x0f;
	if (pr->o.vflag)
		out_fmt(o, " %u.%u msgid %02x%02x%02x%02x", major, minor, p[20], p[21], p[22], p[23]);
	if (pr->o.vflag > 1) {
		out_str(o, " cookie ");
		for (int i = 0; i < 16; i++)
			out_fmt(o, i == 8 ? "->%02x" : "%02x", p[i]);
	}
	out_char(o, ':');
	ike k = {.pr = pr, .base = p, .phase = np_load_be32(p + 20) == 0 ? 1 : 2};
	if (major == 1)
		ikev1_print(&k, length, iph);
	else if (major == 2)
		ikev2_print(&k, length);
}

void print_isakmp_natt(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented,
		       uint8_t ttl_hl)
{
	uint8_t b0;
	uint32_t marker;
	pr->protocol = "isakmp_rfc3948";
	if (length == 1) {
		NP_GET_U8(b0, p, pr->snapend);
		if (b0 == 0xff) {
			out_str(pr->out, "isakmp-nat-keep-alive");
			return;
		}
	}
	if (length < 4) {
		print_trunc(pr);
		return;
	}
	NP_GET_BE32(marker, p, pr->snapend);
	if (marker == 0) {
		out_str(pr->out, "NONESP-encap: ");
		print_isakmp(pr, p + 4, length - 4, iph);
		return;
	}
	out_str(pr->out, "UDP-encap: ");
	print_esp(pr, p, length, iph, fragmented, ttl_hl);
	return;
trunc:
	print_trunc_stop(pr);
}
