/*
 * snmp.c - SNMP on UDP ports 161/162 as tcpdump 4.99.3's snmp_print writes
 * it (built without libsmi, as Debian's is, and always with -n): a walk
 * over the BER encoding of the message, SNMPv1/v2c with their community
 * string, SNMPv3 with its USM header and scoped PDU, request/response and
 * trap PDUs and their variable bindings, OIDs in dotted numbers.
 *
 * tcpdump's BER reader has two ways of running off the capture and we keep
 * both: the tag and length octets are read with its longjmp'ing GET macros
 * (" [|snmp]", then nothing more for the packet: print_trunc_stop), while a
 * value's bytes are checked as a block and a short block only ends the
 * element (" [|snmp]" and the walk unwinds, closing braces still printed).
 *
 * Every length is checked against both the enclosing element and the
 * captured bytes before it is used; the walk is iterative (no recursion).
 *
 * Not for: MIB names (tcpdump prints them only without -n), the -T snmp
 * forcing of other ports.
 */
#include "print.h"

#include <string.h>

/* The element kinds tcpdump's reader distinguishes. */
enum asn1_type {
	BE_ANY = 0, /* a context-class primitive it has no meaning for */
	BE_NULL,
	BE_OCTET,
	BE_OID,
	BE_INT,
	BE_UNS,
	BE_STR,
	BE_SEQ,
	BE_INETADDR,
	BE_PDU,
	BE_UNS64,
	BE_NOSUCHOBJECT,
	BE_NOSUCHINST,
	BE_ENDOFMIBVIEW,
};

enum asn1_class { CLASS_UNIVERSAL, CLASS_APPLICATION, CLASS_CONTEXT, CLASS_PRIVATE };

/* Universal tags used below. */
enum { U_INTEGER = 2, U_STRING = 4, U_NULL = 5, U_OBJECTID = 6, U_SEQUENCE = 16 };
/* Application tags of the Internet SMI. */
enum { A_IPADDR = 0, A_COUNTER = 1, A_GAUGE = 2, A_TIMETICKS = 3, A_COUNTER64 = 6 };
/* PDU tags (context class, constructed). */
enum { GETREQ = 0, GETNEXTREQ, GETRESP, SETREQ, TRAP, GETBULKREQ, INFORMREQ, V2TRAP, REPORT };
enum { SNMP_V1 = 0, SNMP_V2C = 1, SNMP_V3 = 3 };
#define GT_ENTERPRISE 6
#define ASNLEN_INETADDR 4

static const char *const universal_names[] = {
	"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes", "U-8",
	"U-9", "U-10",    "U-11",    "U-12",      "U-13",   "U-14", "U-15",  "Sequence",  "Set",
};
static const char *const application_names[] = {
	"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64",
};
static const char *const context_names[] = {
	"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap", "GetBulk", "Inform", "V2Trap", "Report",
};
static const char *const private_names[] = {"P-0"};
static const char *const exception_names[] = {"noSuchObject", "noSuchInstance", "endOfMibView"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The tag names of each class. tcpdump's table names every class "x" (its
 * macro does not stringify), which shows in its complaints, so ours does. */
static const struct {
	const char *const *names;
	uint8_t count;
} class_tags[] = {
	{universal_names, COUNT(universal_names)},
	{application_names, COUNT(application_names)},
	{context_names, COUNT(context_names)},
	{private_names, COUNT(private_names)},
};
#define CLASS_NAME "x"

static const char *const error_status_names[] = {
	"noError",
	"tooBig",
	"noSuchName",
	"badValue",
	"readOnly",
	"genErr",
	"noAccess",
	"wrongType",
	"wrongLength",
	"wrongEncoding",
	"wrongValue",
	"noCreation",
	"inconsistentValue",
	"resourceUnavailable",
	"commitFailed",
	"undoFailed",
	"authorizationError",
	"notWritable",
	"inconsistentName",
};
static const char *const generic_trap_names[] = {
	"coldStart",       "warmStart",          "linkDown", "linkUp", "authenticationFailure",
	"egpNeighborLoss", "enterpriseSpecific",
};

/* One decoded element: its tag, content and the value for the scalar types. */
typedef struct asn1_elem {
	const uint8_t *data; /* content octets (all captured once parsed) */
	uint32_t len;        /* content length */
	int32_t integer;
	uint32_t uns;
	uint64_t uns64;
	uint8_t id, form, cls, type;
} asn1_elem;

/* The bytes left in the construct being walked. */
typedef struct asn1_cursor {
	const uint8_t *p;
	uint32_t len;
} asn1_cursor;

/* tcpdump prints several unsigned lengths with %d. */
static void out_int(np_out *o, int32_t v)
{
	out_i64(o, v);
}

static void out_tag_complaint(np_printer *pr, const char *what, const asn1_elem *e)
{
	out_str(pr->out, what);
	out_char(pr->out, '/');
	out_str(pr->out, class_tags[e->cls].names[e->id]);
	out_char(pr->out, ']');
}

/* The content of a primitive element: its type, its value when scalar. */
static void asn1_primitive(np_printer *pr, asn1_elem *e)
{
	const uint8_t *p = e->data;
	switch (e->cls) {
	case CLASS_UNIVERSAL:
		if (e->id == U_STRING) {
			e->type = BE_STR;
		} else if (e->id == U_INTEGER) {
			uint32_t v = (p[0] & 0x80) ? 0xffffffffu : 0; /* len >= 1 checked */
			for (uint32_t i = 0; i < e->len; i++)
				v = (v << 8) | p[i];
			e->integer = (int32_t)v;
			e->type = BE_INT;
		} else if (e->id == U_OBJECTID) {
			e->type = BE_OID;
		} else if (e->id == U_NULL) {
			e->type = BE_NULL;
		} else {
			e->type = BE_OCTET;
			out_tag_complaint(pr, "[P/U", e);
		}
		return;
	case CLASS_APPLICATION:
		if (e->id == A_IPADDR) {
			e->type = BE_INETADDR;
		} else if (e->id == A_COUNTER || e->id == A_GAUGE || e->id == A_TIMETICKS) {
			uint32_t v = 0;
			for (uint32_t i = 0; i < e->len; i++)
				v = (v << 8) + p[i];
			e->uns = v;
			e->type = BE_UNS;
		} else if (e->id == A_COUNTER64) {
			uint64_t v = 0;
			for (uint32_t i = 0; i < e->len; i++)
				v = (v << 8) + p[i];
			e->uns64 = v;
			e->type = BE_UNS64;
		} else {
			e->type = BE_OCTET;
			out_tag_complaint(pr, "[P/A", e);
		}
		return;
	case CLASS_CONTEXT:
		if (e->id < COUNT(exception_names))
			e->type = (uint8_t)(BE_NOSUCHOBJECT + e->id);
		return;
	default:
		e->type = BE_OCTET;
		out_tag_complaint(pr, "[P/" CLASS_NAME, e);
		return;
	}
}

static void asn1_constructed(np_printer *pr, asn1_elem *e)
{
	if (e->cls == CLASS_CONTEXT) {
		e->type = BE_PDU;
	} else if (e->cls == CLASS_UNIVERSAL && e->id == U_SEQUENCE) {
		e->type = BE_SEQ;
	} else {
		e->type = BE_OCTET;
		/* tcpdump prints these two without brackets */
		out_str(pr->out, e->cls == CLASS_UNIVERSAL ? "C/U/" : "C/" CLASS_NAME "/");
		out_str(pr->out, class_tags[e->cls].names[e->id]);
	}
}

/*
 * Read the tag and length octets of the element at p (len bytes left in the
 * enclosing construct) and type its content. Returns the bytes the whole
 * element takes, or -1 after printing why not (pr->stopped set when the
 * tag or length octets were not captured).
 */
static int64_t asn1_parse(np_printer *pr, const uint8_t *p, uint32_t len, asn1_elem *e)
{
	const uint8_t *end = pr->snapend;
	uint8_t b, id;
	uint32_t hdr = 1;
	memset(e, 0, sizeof(*e));
	e->type = BE_ANY;
	if (len < 1) {
		out_str(pr->out, "[nothing to parse]");
		return -1;
	}
	NP_GET_U8(b, p, end);
	e->form = (b >> 5) & 1;
	e->cls = b >> 6;
	id = b & 0x1f;
	p++;
	len--;
	if (id == 0x1f) {
		/* high tag number: 7 bits an octet; tcpdump keeps only the low 8 bits */
		id = 0;
		for (;;) {
			NP_GET_U8(b, p, end);
			if (!(b & 0x80))
				break;
			if (len < 1) {
				out_str(pr->out, "[Xtagfield?]");
				return -1;
			}
			id = (uint8_t)((id << 7) | (b & 0x7f));
			len--;
			hdr++;
			p++;
		}
		if (len < 1) {
			out_str(pr->out, "[Xtagfield?]");
			return -1;
		}
		id = (uint8_t)((id << 7) | b);
		len--;
		hdr++;
		p++;
	}
	e->id = id;
	if (len < 1) {
		out_str(pr->out, "[no asnlen]");
		return -1;
	}
	NP_GET_U8(b, p, end);
	p++;
	len--;
	hdr++;
	e->len = b;
	if (b & 0x80) {
		uint32_t noct = b & 0x7f;
		e->len = 0;
		if (len < noct) {
			out_str(pr->out, "[asnlen? ");
			out_int(pr->out, (int32_t)len);
			out_char(pr->out, '<');
			out_int(pr->out, (int32_t)noct);
			out_char(pr->out, ']');
			return -1;
		}
		if (!np_has(p, end, noct))
			goto short_block;
		for (; noct != 0; noct--, len--, hdr++)
			e->len = (e->len << 8) | *p++;
	}
	if (len < e->len) {
		out_str(pr->out, "[len");
		out_int(pr->out, (int32_t)len);
		out_str(pr->out, "<asnlen");
		out_u32(pr->out, e->len);
		out_char(pr->out, ']');
		return -1;
	}
	if (id >= class_tags[e->cls].count) {
		out_str(pr->out, e->form ? "[id?C/" CLASS_NAME "/" : "[id?P/" CLASS_NAME "/");
		out_int(pr->out, id);
		out_char(pr->out, ']');
		return -1;
	}
	if (!np_has(p, end, e->len))
		goto short_block;
	e->data = p;
	if (!e->form && e->cls == CLASS_UNIVERSAL && id == U_INTEGER && e->len == 0) {
		e->type = BE_INT;
		out_str(pr->out, "[asnlen=0]");
		return -1;
	}
	if (e->form)
		asn1_constructed(pr, e);
	else
		asn1_primitive(pr, e);
	return (int64_t)e->len + hdr;

short_block:
	print_trunc(pr);
	return -1;
trunc:
	print_trunc_stop(pr);
	return -1;
}

static int asn1_print_octets(np_printer *pr, const asn1_elem *e)
{
	if (!np_has(e->data, pr->snapend, e->len)) {
		print_trunc(pr);
		return -1;
	}
	for (uint32_t i = 0; i < e->len; i++) {
		out_char(pr->out, '_');
		out_hex(pr->out, e->data[i], 2);
	}
	return 0;
}

/* Quoted when every byte is printable ASCII, else hex bytes joined by '_'. */
static int asn1_print_string(np_printer *pr, const asn1_elem *e)
{
	if (!np_has(e->data, pr->snapend, e->len)) {
		print_trunc(pr);
		return -1;
	}
	bool printable = true;
	for (uint32_t i = 0; i < e->len && printable; i++)
		printable = e->data[i] >= 0x20 && e->data[i] < 0x7f;
	if (printable) {
		out_char(pr->out, '"');
		out_mem(pr->out, (const char *)e->data, e->len);
		out_char(pr->out, '"');
		return 0;
	}
	for (uint32_t i = 0; i < e->len; i++) {
		if (i)
			out_char(pr->out, '_');
		out_hex(pr->out, e->data[i], 2);
	}
	return 0;
}

/* Dotted sub-identifiers; the first octet group holds two (X.690 8.19).
 * tcpdump sums into an int that wraps, and divides it signed. */
static void asn1_print_oid(np_printer *pr, const asn1_elem *e)
{
	uint32_t o = 0;
	bool first = true;
	for (uint32_t i = 0; i < e->len; i++) {
		uint8_t b = e->data[i];
		o = (o << 7) + (b & 0x7f);
		if (b & 0x80)
			continue;
		if (first) {
			int32_t s = (int32_t)o / 40;
			if (s > 2)
				s = 2;
			out_char(pr->out, '.');
			out_u32(pr->out, (uint32_t)s);
			o -= (uint32_t)s * 40;
			first = false;
		}
		out_char(pr->out, '.');
		out_u32(pr->out, o);
		o = 0;
	}
}

static int asn1_print_inetaddr(np_printer *pr, const asn1_elem *e)
{
	if (e->len != ASNLEN_INETADDR)
		out_str(pr->out, "[inetaddr len!=4]");
	if (!np_has(e->data, pr->snapend, e->len)) {
		print_trunc(pr);
		return -1;
	}
	for (uint32_t i = 0; i < e->len; i++) {
		if (i)
			out_char(pr->out, '.');
		out_u32(pr->out, e->data[i]);
	}
	return 0;
}

/* An element's value as tcpdump's asn1_print shows it; -1 when cut short. */
static int asn1_print(np_printer *pr, const asn1_elem *e)
{
	np_out *o = pr->out;
	switch (e->type) {
	case BE_OCTET: return asn1_print_octets(pr, e);
	case BE_NULL: return 0;
	case BE_OID: asn1_print_oid(pr, e); return 0;
	case BE_INT: out_int(o, e->integer); return 0;
	case BE_UNS: out_u32(o, e->uns); return 0;
	case BE_UNS64: out_u64(o, e->uns64); return 0;
	case BE_STR: return asn1_print_string(pr, e);
	case BE_SEQ:
		out_str(o, "Seq(");
		out_u32(o, e->len);
		out_char(o, ')');
		return 0;
	case BE_INETADDR: return asn1_print_inetaddr(pr, e);
	case BE_NOSUCHOBJECT:
	case BE_NOSUCHINST:
	case BE_ENDOFMIBVIEW:
		out_char(o, '[');
		out_str(o, exception_names[e->type - BE_NOSUCHOBJECT]);
		out_char(o, ']');
		return 0;
	case BE_PDU:
		out_str(o, context_names[e->id]);
		out_char(o, '(');
		out_u32(o, e->len);
		out_char(o, ')');
		return 0;
	default: out_str(o, "[BE_ANY!?]"); return 0;
	}
}

/*
 * Parse the next element at the cursor and require `want`; on a mismatch
 * print the complaint ("[reqId!=INT]") and the element, as tcpdump does.
 * Returns the bytes it takes (the cursor moves past it) or -1.
 */
static int64_t asn1_take(np_printer *pr, asn1_cursor *c, asn1_elem *e, uint8_t want, const char *complaint)
{
	int64_t n = asn1_parse(pr, c->p, c->len, e);
	if (n < 0)
		return -1;
	if (e->type != want) {
		out_str(pr->out, complaint);
		asn1_print(pr, e);
		return -1;
	}
	c->p += n;
	c->len -= (uint32_t)n;
	return n;
}

/* Step into a constructed element's content. */
static asn1_cursor asn1_inside(const asn1_elem *e)
{
	asn1_cursor c = {e->data, e->len};
	return c;
}

static void out_extra(np_printer *pr, uint32_t extra, const char *after)
{
	out_char(pr->out, '[');
	out_int(pr->out, (int32_t)extra);
	out_str(pr->out, " extra after ");
	out_str(pr->out, after);
	out_char(pr->out, ']');
}

static bool is_read_pdu(uint8_t id)
{
	return id == GETREQ || id == GETNEXTREQ || id == GETBULKREQ;
}

/* The "name=value" pairs; requests carry names only (values must be NULL). */
static void varbinds_print(np_printer *pr, uint8_t pdu, asn1_cursor c)
{
	asn1_elem e;
	uint32_t length = c.len;
	int64_t n = asn1_take(pr, &c, &e, BE_SEQ, "[!SEQ of varbind]");
	if (n < 0)
		return;
	if ((uint64_t)n < length)
		out_extra(pr, length - (uint32_t)n, "SEQ of varbind");
	c = asn1_inside(&e);
	while (c.len) {
		out_char(pr->out, ' ');
		if (asn1_take(pr, &c, &e, BE_SEQ, "[!varbind]") < 0)
			return;
		asn1_cursor vb = asn1_inside(&e);
		if (asn1_take(pr, &vb, &e, BE_OID, "[objName!=OID]") < 0)
			return;
		asn1_print_oid(pr, &e);
		if (!is_read_pdu(pdu))
			out_char(pr->out, '=');
		if (asn1_parse(pr, vb.p, vb.len, &e) < 0)
			return;
		if (e.type == BE_NULL)
			continue;
		if (is_read_pdu(pdu))
			out_str(pr->out, "[objVal!=NULL]");
		if (asn1_print(pr, &e) < 0)
			return;
	}
}

static void out_error_status(np_printer *pr, int32_t v)
{
	if (v >= 0 && (uint32_t)v < COUNT(error_status_names)) {
		out_str(pr->out, error_status_names[v]);
	} else {
		out_str(pr->out, "err=");
		out_u32(pr->out, (uint32_t)v);
	}
}

/* PDUs whose error fields must be zero. */
static bool pdu_has_no_errors(uint8_t id)
{
	return id == GETREQ || id == GETNEXTREQ || id == SETREQ || id == INFORMREQ || id == V2TRAP || id == REPORT;
}

/* request-id, error-status, error-index, varbinds: every PDU but the v1 Trap. */
static void snmppdu_print(np_printer *pr, uint8_t pdu, asn1_cursor c)
{
	np_out *o = pr->out;
	asn1_elem e;
	if (asn1_take(pr, &c, &e, BE_INT, "[reqId!=INT]") < 0)
		return;
	if (pr->o.vflag) {
		out_str(o, "R=");
		out_int(o, e.integer);
		out_char(o, ' ');
	}
	if (asn1_take(pr, &c, &e, BE_INT, "[errorStatus!=INT]") < 0)
		return;
	int32_t error_status = 0;
	if (pdu_has_no_errors(pdu) && e.integer != 0) {
		out_str(o, "[errorStatus(");
		out_error_status(pr, e.integer);
		out_str(o, ")!=0]");
	} else if (pdu == GETBULKREQ) {
		out_str(o, " N=");
		out_int(o, e.integer);
	} else if (e.integer != 0) {
		out_char(o, ' ');
		out_error_status(pr, e.integer);
		error_status = e.integer;
	}
	if (asn1_take(pr, &c, &e, BE_INT, "[errorIndex!=INT]") < 0)
		return;
	if (pdu_has_no_errors(pdu) && e.integer != 0) {
		out_str(o, "[errorIndex(");
		out_int(o, e.integer);
		out_str(o, ")!=0]");
	} else if (pdu == GETBULKREQ) {
		out_str(o, " M=");
		out_int(o, e.integer);
	} else if (e.integer != 0 && !error_status) {
		out_str(o, "[errorIndex(");
		out_int(o, e.integer);
		out_str(o, ") w/o errorStatus]");
	} else if (e.integer != 0) {
		out_char(o, '@');
		out_int(o, e.integer);
	} else if (error_status) {
		out_str(o, "[errorIndex==0]");
	}
	varbinds_print(pr, pdu, c);
}

/* The SNMPv1 Trap: enterprise, agent address, generic and specific trap,
 * time stamp, varbinds. */
static void trappdu_print(np_printer *pr, asn1_cursor c)
{
	np_out *o = pr->out;
	asn1_elem e;
	out_char(o, ' ');
	if (asn1_take(pr, &c, &e, BE_OID, "[enterprise!=OID]") < 0)
		return;
	asn1_print_oid(pr, &e);
	out_char(o, ' ');
	if (asn1_take(pr, &c, &e, BE_INETADDR, "[agent-addr!=INETADDR]") < 0 || asn1_print(pr, &e) < 0)
		return;
	if (asn1_take(pr, &c, &e, BE_INT, "[generic-trap!=INT]") < 0)
		return;
	int32_t generic = e.integer;
	out_char(o, ' ');
	if (generic >= 0 && (uint32_t)generic < COUNT(generic_trap_names)) {
		out_str(o, generic_trap_names[generic]);
	} else {
		out_str(o, "gt=");
		out_int(o, generic);
	}
	if (asn1_take(pr, &c, &e, BE_INT, "[specific-trap!=INT]") < 0)
		return;
	if (generic == GT_ENTERPRISE) {
		out_str(o, " s=");
		out_int(o, e.integer);
	} else if (e.integer != 0) {
		out_str(o, "[specific-trap(");
		out_int(o, e.integer);
		out_str(o, ")!=0]");
	}
	out_char(o, ' ');
	if (asn1_take(pr, &c, &e, BE_UNS, "[time-stamp!=TIMETICKS]") < 0)
		return;
	out_u32(o, e.uns);
	varbinds_print(pr, TRAP, c);
}

static void pdu_print(np_printer *pr, asn1_cursor c, int32_t version)
{
	asn1_elem pdu;
	int64_t n = asn1_parse(pr, c.p, c.len, &pdu);
	if (n < 0)
		return;
	if (pdu.type != BE_PDU) {
		out_str(pr->out, "[no PDU]");
		return;
	}
	if ((uint64_t)n < c.len)
		out_extra(pr, c.len - (uint32_t)n, "PDU");
	if (pr->o.vflag)
		out_str(pr->out, "{ ");
	asn1_print(pr, &pdu);
	out_char(pr->out, ' ');
	if (version == SNMP_V1 &&
	    (pdu.id == GETBULKREQ || pdu.id == INFORMREQ || pdu.id == V2TRAP || pdu.id == REPORT)) {
		out_str(pr->out, "[v2 PDU in v1 message]");
		return;
	}
	if (version == SNMP_V2C && pdu.id == TRAP) {
		out_str(pr->out, "[v1 PDU in v2 message]");
		return;
	}
	if (pdu.id == TRAP)
		trappdu_print(pr, asn1_inside(&pdu));
	else
		snmppdu_print(pr, pdu.id, asn1_inside(&pdu));
	if (pr->stopped)
		return;
	if (pr->o.vflag)
		out_str(pr->out, " } ");
}

/* SNMPv1/v2c: the community ("public" is not shown), then the PDU. */
static void community_print(np_printer *pr, asn1_cursor c, int32_t version)
{
	asn1_elem e;
	if (asn1_take(pr, &c, &e, BE_STR, "[comm!=STR]") < 0)
		return;
	if (!(e.len == 6 && memcmp(e.data, "public", 6) == 0)) {
		out_str(pr->out, "C=");
		if (asn1_print_string(pr, &e) < 0)
			return;
		out_char(pr->out, ' ');
	}
	pdu_print(pr, c, version);
}

/* contextEngineID, contextName, PDU. */
static void scopedpdu_print(np_printer *pr, asn1_cursor c, int32_t version)
{
	asn1_elem e;
	if (asn1_take(pr, &c, &e, BE_SEQ, "[!scoped PDU]") < 0)
		return;
	c = asn1_inside(&e);
	if (asn1_take(pr, &c, &e, BE_STR, "[contextEngineID!=STR]") < 0)
		return;
	out_str(pr->out, "E=");
	if (asn1_print_octets(pr, &e) < 0)
		return;
	out_char(pr->out, ' ');
	if (asn1_take(pr, &c, &e, BE_STR, "[contextName!=STR]") < 0)
		return;
	out_str(pr->out, "C=");
	if (asn1_print_string(pr, &e) < 0)
		return;
	out_char(pr->out, ' ');
	pdu_print(pr, c, version);
}

/* The USM security parameters (RFC 3414): boots and time with -v, user. */
static void usm_print(np_printer *pr, asn1_cursor c)
{
	np_out *o = pr->out;
	asn1_elem e;
	if (asn1_take(pr, &c, &e, BE_SEQ, "[!usm]") < 0)
		return;
	c = asn1_inside(&e);
	if (asn1_take(pr, &c, &e, BE_STR, "[msgAuthoritativeEngineID!=STR]") < 0)
		return;
	if (asn1_take(pr, &c, &e, BE_INT, "[msgAuthoritativeEngineBoots!=INT]") < 0)
		return;
	if (pr->o.vflag) {
		out_str(o, "B=");
		out_int(o, e.integer);
		out_char(o, ' ');
	}
	if (asn1_take(pr, &c, &e, BE_INT, "[msgAuthoritativeEngineTime!=INT]") < 0)
		return;
	if (pr->o.vflag) {
		out_str(o, "T=");
		out_int(o, e.integer);
		out_char(o, ' ');
	}
	if (asn1_take(pr, &c, &e, BE_STR, "[msgUserName!=STR]") < 0)
		return;
	out_str(o, "U=");
	if (asn1_print_string(pr, &e) < 0)
		return;
	out_char(o, ' ');
	if (asn1_take(pr, &c, &e, BE_STR, "[msgAuthenticationParameters!=STR]") < 0)
		return;
	int64_t n = asn1_take(pr, &c, &e, BE_STR, "[msgPrivacyParameters!=STR]");
	if (n < 0)
		return;
	/* tcpdump compares the last element's size with what is left after it */
	if ((uint64_t)n < c.len)
		out_extra(pr, c.len - (uint32_t)n, "usm SEQ");
}

/* The v3 message header: msgID, msgMaxSize, flags, security model. The
 * cursor is left after the model. */
static bool v3_header_print(np_printer *pr, asn1_cursor *hdr, int32_t *model)
{
	np_out *o = pr->out;
	asn1_cursor c = *hdr;
	asn1_elem e;
	if (asn1_take(pr, &c, &e, BE_INT, "[msgID!=INT]") < 0)
		return false;
	if (asn1_take(pr, &c, &e, BE_INT, "[msgMaxSize!=INT]") < 0)
		return false;
	if (asn1_take(pr, &c, &e, BE_STR, "[msgFlags!=STR]") < 0)
		return false;
	if (e.len != 1) {
		out_str(o, "[msgFlags size ");
		out_int(o, (int32_t)e.len);
		out_char(o, ']');
		return false;
	}
	uint8_t flags = e.data[0];
	if (flags != 0x00 && flags != 0x01 && flags != 0x03 && flags != 0x04 && flags != 0x05 && flags != 0x07) {
		out_str(o, "[msgFlags=0x");
		out_char(o, "0123456789ABCDEF"[flags >> 4]);
		out_char(o, "0123456789ABCDEF"[flags & 15]);
		out_char(o, ']');
		return false;
	}
	out_str(o, "F=");
	if (flags & 0x01)
		out_char(o, 'a');
	if (flags & 0x02)
		out_char(o, 'p');
	if (flags & 0x04)
		out_char(o, 'r');
	out_char(o, ' ');
	int64_t n = asn1_take(pr, &c, &e, BE_INT, "[msgSecurityModel!=INT]");
	if (n < 0)
		return false;
	*model = e.integer;
	if ((uint64_t)n < c.len)
		out_extra(pr, c.len - (uint32_t)n, "message SEQ");
	*hdr = c;
	return true;
}

static void v3msg_print(np_printer *pr, asn1_cursor c)
{
	np_out *o = pr->out;
	asn1_elem e;
	int32_t model = 0;
	const uint8_t *msg = c.p;
	uint32_t msg_len = c.len;
	if (asn1_take(pr, &c, &e, BE_SEQ, "[!message]") < 0)
		return;
	if (pr->o.vflag)
		out_str(o, "{ ");
	asn1_cursor hdr = asn1_inside(&e);
	if (!v3_header_print(pr, &hdr, &model))
		return;
	if (pr->o.vflag)
		out_str(o, "} ");
	if (model != 3) {
		out_str(o, "[security model ");
		out_int(o, model);
		out_char(o, ']');
		return;
	}
	if (pr->o.vflag)
		out_str(o, "{ USM ");
	/* tcpdump reads on from the end of the header fields it used, which is
	 * the end of the header sequence unless that had extra bytes */
	c.p = hdr.p;
	c.len = msg_len - (uint32_t)(hdr.p - msg);
	if (asn1_take(pr, &c, &e, BE_STR, "[msgSecurityParameters!=STR]") < 0)
		return;
	usm_print(pr, asn1_inside(&e));
	if (pr->stopped)
		return;
	if (pr->o.vflag)
		out_str(o, "} { ScopedPDU ");
	scopedpdu_print(pr, c, SNMP_V3);
	if (pr->stopped)
		return;
	if (pr->o.vflag)
		out_str(o, "} ");
}

static const char *snmp_version_name(int32_t v)
{
	return v == SNMP_V1 ? "SNMPv1" : v == SNMP_V2C ? "SNMPv2c" : "SNMPv3";
}

void print_snmp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	asn1_cursor c = {p, length};
	asn1_elem e;
	pr->protocol = "snmp";
	out_char(o, ' ');
	int64_t n = asn1_take(pr, &c, &e, BE_SEQ, "[!init SEQ]");
	if (n < 0)
		return;
	if ((uint64_t)n < length)
		out_extra(pr, length - (uint32_t)n, "iSEQ");
	c = asn1_inside(&e);
	if (asn1_take(pr, &c, &e, BE_INT, "[version!=INT]") < 0)
		return;
	int32_t version = e.integer;
	if (version != SNMP_V1 && version != SNMP_V2C && version != SNMP_V3) {
		out_str(o, "SNMP [version = ");
		out_int(o, version);
		out_char(o, ']');
		return;
	}
	if (pr->o.vflag) {
		out_str(o, "{ ");
		out_str(o, snmp_version_name(version));
		out_char(o, ' ');
	}
	if (version == SNMP_V3)
		v3msg_print(pr, c);
	else
		community_print(pr, c, version);
	if (pr->stopped)
		return;
	if (pr->o.vflag)
		out_str(o, "} ");
}
