/*
 * krb.c - Kerberos on UDP 88 and 750 as tcpdump's krb_print writes it:
 * the protocol version, and for version 4 the byte order, the message type
 * and, for KDC requests and replies, application requests and error
 * replies, the principal names, lifetimes, lengths and error codes.
 *
 * Not for: Kerberos 5, which tcpdump leaves as " v5" (its ASN.1 is not
 * decoded).
 */
#include "print.h"

#define AUTH_MSG_KDC_REQUEST (1 << 1)
#define AUTH_MSG_KDC_REPLY (2 << 1)
#define AUTH_MSG_APPL_REQUEST (3 << 1)
#define AUTH_MSG_ERR_REPLY (5 << 1)

static const np_tok krb_types[] = {
	{AUTH_MSG_KDC_REQUEST, "KDC_REQUEST"},
	{AUTH_MSG_KDC_REPLY, "KDC_REPLY"},
	{AUTH_MSG_APPL_REQUEST, "APPL_REQUEST"},
	{4 << 1, "APPL_REQUEST_MUTUAL"},
	{AUTH_MSG_ERR_REPLY, "ERR_REPLY"},
	{6 << 1, "PRIVATE"},
	{7 << 1, "SAFE"},
	{8 << 1, "APPL_ERR"},
	{63 << 1, "DIE"},
	{0, NULL},
};

static const np_tok krb_errors[] = {
	{0, "OK"},
	{1, "NAME_EXP"},
	{2, "SERVICE_EXP"},
	{3, "AUTH_EXP"},
	{4, "PKT_VER"},
	{5, "NAME_MAST_KEY_VER"},
	{6, "SERV_MAST_KEY_VER"},
	{7, "BYTE_ORDER"},
	{8, "PRINCIPAL_UNKNOWN"},
	{9, "PRINCIPAL_NOT_UNIQUE"},
	{10, "NULL_KEY"},
	{0, NULL},
};

/* A NUL-terminated string from s: the byte after its NUL, or NULL when the
 * capture ends first (what was there is printed). */
static const uint8_t *krb_string(np_printer *pr, const uint8_t *s)
{
	for (; s < pr->snapend; s++) {
		if (*s == '\0')
			return s + 1;
		print_safe_char(pr, *s);
	}
	return NULL;
}

/* "name.instance@realm" after the two header bytes. */
static const uint8_t *krb4_names(np_printer *pr, const uint8_t *cp)
{
	cp = krb_string(pr, cp + 2);
	if (cp) {
		out_char(pr->out, '.');
		cp = krb_string(pr, cp);
	}
	if (cp) {
		out_char(pr->out, '@');
		cp = krb_string(pr, cp);
	}
	return cp;
}

/* A 16-bit value in the message's byte order. */
static bool krb_get16(np_printer *pr, const uint8_t *p, bool le, uint16_t *v)
{
	return le ? np_get_le16(p, pr->snapend, v) : np_get_be16(p, pr->snapend, v);
}

static void print_krb4(np_printer *pr, const uint8_t *cp)
{
	np_out *o = pr->out;
	uint8_t tb;
	NP_GET_U8(tb, cp + 1, pr->snapend);
	bool le = tb & 0x01;
	uint8_t type = tb & 0xfe;
	out_fmt(o, " %s %s: ", le ? "le" : "be", tok2str(krb_types, NULL, type));
	uint8_t b;
	uint16_t v;
	switch (type) {
	case AUTH_MSG_KDC_REQUEST:
		if (!(cp = krb4_names(pr, cp)))
			goto trunc;
		cp += 4; /* ctime */
		NP_GET_U8(b, cp, pr->snapend);
		out_fmt(o, " %umin ", b * 5u);
		cp++;
		if (!(cp = krb_string(pr, cp)))
			goto trunc;
		out_char(o, '.');
		if (!krb_string(pr, cp))
			goto trunc;
		break;
	case AUTH_MSG_APPL_REQUEST:
		cp += 2;
		NP_GET_U8(b, cp, pr->snapend);
		out_fmt(o, "v%u ", b);
		cp++;
		if (!(cp = krb_string(pr, cp)))
			goto trunc;
		NP_GET_U8(b, cp, pr->snapend);
		out_fmt(o, " (%u)", b);
		NP_GET_U8(b, cp + 1, pr->snapend);
		out_fmt(o, " (%u)", b);
		break;
	case AUTH_MSG_KDC_REPLY:
		if (!(cp = krb4_names(pr, cp)))
			goto trunc;
		cp += 10; /* timestamp, n, exp, kvno */
		if (!krb_get16(pr, cp, le, &v))
			goto stop;
		out_fmt(o, " (%u)", v);
		break;
	case AUTH_MSG_ERR_REPLY:
		if (!(cp = krb4_names(pr, cp)))
			goto trunc;
		cp += 4; /* timestamp */
		if (!krb_get16(pr, cp, le, &v))
			goto stop;
		out_fmt(o, " %s ", tok2str(krb_errors, NULL, v));
		cp += 4;
		if (!krb_string(pr, cp))
			goto trunc;
		break;
	default: out_str(o, "(unknown)"); break;
	}
	return;
trunc:
	/* tcpdump's note after a string ran off the capture (no stop) */
	print_trunc(pr);
	return;
stop:
	print_trunc_stop(pr);
}

void print_krb(np_printer *pr, const uint8_t *p)
{
	pr->protocol = "krb";
	if (p >= pr->snapend) {
		print_trunc(pr);
		return;
	}
	switch (p[0]) {
	case 1:
	case 2:
	case 3: out_fmt(pr->out, " v%u", p[0]); break;
	case 4:
		out_fmt(pr->out, " v%u", p[0]);
		print_krb4(pr, p);
		break;
	case 106:
	case 107: out_str(pr->out, " v5"); break;
	default: break;
	}
}
