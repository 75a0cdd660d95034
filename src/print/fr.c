/*
 * fr.c - Frame Relay as tcpdump prints it: the Q.922 address and NLPID
 * (DLT_FRELAY, and Cisco-style frames with an ethertype after the address),
 * multilink Frame Relay (FRF.16, DLT_MFR), FRF.15 fragments and the Q.933
 * signalling / LMI messages (ANSI T1.617 Annex D, ITU-T Q.933 Annex A).
 *
 * The payloads go to the printers of their NLPID or ethertype: IPv4, IPv6,
 * SNAP, PPP, and the OSI PDUs (CLNP, ES-IS, IS-IS).
 *
 * Not for: reassembling fragments; decoding Frame Relay for flows.
 */
#include <string.h>

#include "print.h"

#define FR_EA 0x01

/* Q.922 flags, kept where tcpdump keeps them so they print in its order. */
#define FR_CR 0x02000000u
#define FR_DE 0x00020000u
#define FR_BECN 0x00040000u
#define FR_FECN 0x00080000u
#define FR_SDLC 0x00000002u

static const np_tok fr_flags[] = {
	{FR_CR, "C!"}, {FR_DE, "DE"}, {FR_BECN, "BECN"}, {FR_FECN, "FECN"}, {FR_SDLC, "sdlcore"}, {0, NULL},
};

/* FRF.15 / FRF.16 fragment bits. */
#define MFR_B 0x80
#define MFR_E 0x40
#define MFR_C 0x20
#define MFR_BEC (MFR_B | MFR_E | MFR_C)
#define MFR_CTRL_FRAME (MFR_B | MFR_E | MFR_C)
#define MFR_FRAG_FRAME (MFR_B | MFR_E)

static const np_tok frf_flags[] = {{MFR_B, "Begin"}, {MFR_E, "End"}, {MFR_C, "Control"}, {0, NULL}};

struct q922 {
	uint32_t dlci, addr_len, flags;
};

/* The Q.922 address at p: 1 parsed, 0 invalid, -1 truncated. */
static int parse_q922(const np_printer *pr, const uint8_t *p, uint32_t length, struct q922 *q)
{
	const uint8_t *end = pr->snapend;
	if (!np_has(p, end, 1) || length < 1)
		return -1;
	if (p[0] & FR_EA)
		return 0;
	if (!np_has(p, end, 2) || length < 2)
		return -1;
	q->addr_len = 2;
	q->dlci = ((uint32_t)(p[0] & 0xfc) << 2) | ((uint32_t)(p[1] & 0xf0) >> 4);
	q->flags = ((uint32_t)(p[0] & 0x02) << 24) | ((uint32_t)(p[1] & 0x0e) << 16);
	if (p[1] & FR_EA)
		return 1;
	p += 2;
	length -= 2;
	if (!np_has(p, end, 1) || length < 1)
		return -1;
	q->addr_len++;
	if ((p[0] & FR_EA) == 0) {
		q->dlci = (q->dlci << 7) | (uint32_t)(p[0] >> 1);
		q->addr_len++;
		p++;
		length--;
	}
	if (!np_has(p, end, 1) || length < 1)
		return -1;
	if ((p[0] & FR_EA) == 0)
		return 0;
	q->flags |= p[0] & 0x02u;
	q->dlci = (q->dlci << 6) | (uint32_t)(p[0] >> 2);
	return 1;
}

static void print_fr_header(np_printer *pr, uint32_t length, uint32_t addr_len, const struct q922 *q, uint32_t nlpid)
{
	np_out *o = pr->out;
	if (pr->o.qflag) {
		out_fmt(o, "Q.922, DLCI %u, length %u: ", q->dlci, length);
		return;
	}
	out_fmt(o, "Q.922, hdr-len %u, DLCI %u, Flags [", addr_len, q->dlci);
	print_bits(pr, fr_flags, q->flags, ", ", "none");
	if (nlpid <= 0xff) {
		const char *n = tok_name(nlpid_names, nlpid);
		out_fmt(o, "], NLPID %s (0x%02x), length %u: ", n ? n : "unknown", nlpid, length);
	} else {
		const char *n = ethertype_name((uint16_t)nlpid);
		out_fmt(o, "], cisco-ethertype %s (0x%04x), length %u: ", n ? n : "unknown", nlpid, length);
	}
}

static void print_frf15(np_printer *pr, const uint8_t *p, uint32_t length);

uint32_t print_fr_frame(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	struct q922 q = {0};
	pr->protocol = "fr";
	int r = parse_q922(pr, p, length, &q);
	if (r < 0)
		goto trunc;
	if (r == 0) {
		out_str(o, "Q.922, invalid address");
		return 0;
	}
	uint32_t al = q.addr_len;
	uint8_t ui;
	NP_GET_U8(ui, p + al, pr->snapend);
	if (length < al + 1)
		goto trunc;
	if (ui != 0x03 && q.dlci != 0) {
		/* Cisco-style: an ethertype after the address. */
		if (!np_has(p + al, pr->snapend, 2) || length < al + 2) {
			out_fmt(o, "UI %02x! ", ui);
		} else {
			uint16_t et = np_load_be16(p + al);
			if (pr->o.eflag)
				print_fr_header(pr, length, al, &q, et);
			const uint8_t *pl = p + al + 2;
			if (print_ethertype(pr, et, pl, length - al - 2, print_caplen_from(pr, pl), NULL, NULL))
				return al + 2;
			if (pr->stopped)
				return 0;
			out_fmt(o, "UI %02x! ", ui);
		}
	}
	uint8_t pad;
	NP_GET_U8(pad, p + al + 1, pr->snapend);
	if (length < al + 2)
		goto trunc;
	uint32_t hdr_len;
	if (pad == 0) {
		if (al != 3)
			out_str(o, "Pad! ");
		hdr_len = al + 3;
	} else {
		if (al == 3)
			out_str(o, "No pad! ");
		hdr_len = al + 2;
	}
	uint8_t nlpid;
	NP_GET_U8(nlpid, p + hdr_len - 1, pr->snapend);
	if (length < hdr_len)
		goto trunc;
	if (pr->o.eflag)
		print_fr_header(pr, length, al, &q, nlpid);
	p += hdr_len;
	length -= hdr_len;
	switch (nlpid) {
	case NP_NLPID_IP: print_ip(pr, p, length); break;
	case NP_NLPID_IP6: print_ip6(pr, p, length); break;
	case NP_NLPID_CLNP:
	case NP_NLPID_ESIS:
	case NP_NLPID_ISIS: print_isoclns(pr, p - 1, length + 1); break;
	case NP_NLPID_SNAP:
		if (print_snap(pr, p, length, print_caplen_from(pr, p), NULL, NULL, 0) == 0 && !pr->stopped) {
			if (!pr->o.eflag)
				print_fr_header(pr, length + hdr_len, hdr_len, &q, nlpid);
			if (!pr->o.suppress_default)
				print_default(pr, p - hdr_len, length + hdr_len);
		}
		break;
	case NP_NLPID_Q933: print_q933(pr, p, length); break;
	case NP_NLPID_MFR: print_frf15(pr, p, length); break;
	case NP_NLPID_PPP: print_ppp(pr, p, length); break;
	default:
		if (!pr->o.eflag)
			print_fr_header(pr, length + hdr_len, al, &q, nlpid);
		if (!pr->o.xflag)
			print_default(pr, p, length);
		break;
	}
	return hdr_len;
trunc:
	print_trunc(pr);
	return 0;
}

uint32_t print_fr(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "fr";
	if (caplen < 4) {
		print_trunc(pr);
		return caplen;
	}
	return print_fr_frame(pr, p, length);
}

/* FRF.16 control frame information elements. */
static const np_tok mfr_msgs[] = {
	{1, "Add Link"},  {2, "Add Link ACK"}, {3, "Add Link Reject"}, {4, "Hello"},
	{5, "Hello ACK"}, {6, "Remove Link"},  {7, "Remove Link ACK"}, {0, NULL},
};
enum { MFR_IE_BUNDLE_ID = 1, MFR_IE_LINK_ID = 2, MFR_IE_MAGIC = 3, MFR_IE_TIMESTAMP = 5 };
static const np_tok mfr_ies[] = {
	{MFR_IE_BUNDLE_ID, "Bundle ID"},
	{MFR_IE_LINK_ID, "Link ID"},
	{MFR_IE_MAGIC, "Magic Number"},
	{MFR_IE_TIMESTAMP, "Timestamp"},
	{6, "Vendor Extension"},
	{7, "Cause"},
	{0, NULL},
};
#define MFR_ID_MAXLEN 50
#define MFR_TIMEVAL_LEN 16 /* a struct timeval of the 64-bit host that wrote it */

/* One control IE's value (tlen bytes at t, all captured). */
static void print_mfr_ie(np_printer *pr, uint8_t type, const uint8_t *t, uint32_t tlen)
{
	np_out *o = pr->out;
	switch (type) {
	case MFR_IE_MAGIC:
		if (tlen != 4) {
			out_fmt(o, "[IE data length %d != 4]", (int)tlen);
			print_invalid(pr);
			break;
		}
		out_fmt(o, "0x%08x", np_load_be32(t));
		break;
	case MFR_IE_BUNDLE_ID:
	case MFR_IE_LINK_ID:
		for (uint32_t i = 0; i < tlen && i < MFR_ID_MAXLEN && t[i]; i++)
			print_safe_char(pr, t[i]);
		break;
	case MFR_IE_TIMESTAMP:
		if (tlen == MFR_TIMEVAL_LEN) {
			uint64_t sec = 0, usec = 0;
			for (int i = 7; i >= 0; i--) {
				sec = (sec << 8) | t[i];
				usec = (usec << 8) | t[8 + i];
			}
			print_timestamp(pr, (int64_t)sec, (uint32_t)usec);
			break;
		}
		/* FALLTHROUGH */
	default:
		if (pr->o.vflag <= 1)
			print_unknown_data(pr, t, "\n\t  ", tlen);
		break;
	}
}

uint32_t print_mfr_frame(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "mfr";
	if (length < 4) {
		out_fmt(o, "[length %u < 4]", length);
		print_invalid(pr);
		return length;
	}
	NP_CHECK(p, pr->snapend, 4);
	uint8_t bec = p[0] & MFR_BEC;
	if (bec == MFR_CTRL_FRAME && p[1] == 0) {
		out_str(o, "FRF.16 Control, Flags [");
		print_bits(pr, frf_flags, bec, ", ", "none");
		out_fmt(o, "], %s, length %u", tok2str(mfr_msgs, "Unknown Message (0x%02x)", p[2]), length);
		if (!pr->o.vflag)
			return 3;
		const uint8_t *t = p + 3;
		uint32_t tlen = length - 3;
		while (tlen > 2) {
			NP_CHECK(t, pr->snapend, 2);
			uint8_t type = t[0], ilen = t[1];
			out_fmt(o, "\n\tIE %s (%u), length %u: ", tok2str(mfr_ies, "Unknown", type), type, ilen);
			if (type == 0 || ilen <= 2)
				return 3;
			NP_CHECK(t, pr->snapend, ilen);
			t += 2;
			ilen -= 2;
			tlen -= 2;
			print_mfr_ie(pr, type, t, ilen);
			if (pr->o.vflag > 1)
				print_unknown_data(pr, t, "\n\t  ", ilen);
			tlen -= ilen; /* as tcpdump: may wrap, ending the loop only by truncation */
			t += ilen;
		}
		return 3;
	}
	uint32_t seq = (uint32_t)(p[0] & 0x1e) << 7 | p[1];
	out_fmt(o, "FRF.16 Frag, seq %u, Flags [", seq);
	print_bits(pr, frf_flags, bec, ", ", "none");
	if (bec == MFR_FRAG_FRAME || bec == MFR_B) {
		out_str(o, "], ");
		print_fr_frame(pr, p + 2, length - 2);
		return 2;
	}
	out_char(o, ']');
	print_unknown_data(pr, p, "\n\t", length);
	return 0;
trunc:
	print_trunc(pr);
	return length;
}

uint32_t print_mfr(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "mfr";
	if (caplen < 2) {
		print_trunc(pr);
		return caplen;
	}
	return print_mfr_frame(pr, p, length);
}

static void print_frf15(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (length < 2) {
		print_trunc(pr);
		return;
	}
	uint8_t b0, b1;
	NP_GET_U8(b0, p, pr->snapend);
	NP_GET_U8(b1, p + 1, pr->snapend);
	uint32_t seq = (uint32_t)(b0 & 0x1e) << 7 | b1;
	out_fmt(pr->out, "FRF.15, seq 0x%03x, Flags [", seq);
	print_bits(pr, frf_flags, b0 & MFR_BEC, ", ", "none");
	out_fmt(pr->out, "],%s Fragmentation, length %u", (b0 & 0x01) ? "Interface" : "End-to-End", length);
	return;
trunc:
	print_trunc_stop(pr);
}

/* Q.933 / LMI. */
static const np_tok q933_msgs[] = {
	{0x00, "ESC to National"},
	{0x01, "Alert"},
	{0x02, "Call proceeding"},
	{0x07, "Connect"},
	{0x0f, "Connect ACK"},
	{0x03, "Progress"},
	{0x05, "Setup"},
	{0x45, "Disconnect"},
	{0x4d, "Release"},
	{0x5a, "Release Complete"},
	{0x46, "Restart"},
	{0x4e, "Restart ACK"},
	{0x7d, "Status Reply"},
	{0x75, "Status Enquiry"},
	{0, NULL},
};

#define IE_SINGLE_OCTET(c) ((c)&0x80)
#define IE_SHIFT(c) (((c)&0xf0) == 0x90)
#define IE_SHIFT_LOCKING(c) (!((c)&0x08))
#define IE_SHIFT_CODESET(c) ((c)&0x07)

enum {
	LMI_ANSI_REPORT_TYPE = 0x01,
	LMI_ANSI_LINK_VERIFY_91 = 0x19,
	LMI_ANSI_LINK_VERIFY = 0x03,
	LMI_ANSI_PVC_STATUS = 0x07,
	LMI_CCITT_REPORT_TYPE = 0x51,
	LMI_CCITT_LINK_VERIFY = 0x53,
	LMI_CCITT_PVC_STATUS = 0x57,
};

static const np_tok q933_ies[] = {
	{LMI_ANSI_REPORT_TYPE, "ANSI Report Type"},   {LMI_ANSI_LINK_VERIFY_91, "ANSI Link Verify"},
	{LMI_ANSI_LINK_VERIFY, "ANSI Link Verify"},   {LMI_ANSI_PVC_STATUS, "ANSI PVC Status"},
	{LMI_CCITT_REPORT_TYPE, "CCITT Report Type"}, {LMI_CCITT_LINK_VERIFY, "CCITT Link Verify"},
	{LMI_CCITT_PVC_STATUS, "CCITT PVC Status"},   {0, NULL},
};

static const np_tok lmi_report_types[] = {{0, "Full Status"}, {1, "Link verify"}, {2, "Async PVC Status"}, {0, NULL}};

/* Codesets 0 and 5 are the only ones with names and printers. */
static bool codeset_known(uint32_t codeset)
{
	return codeset == 0 || codeset == 5;
}

/* An IE of codeset 0 or 5 (ielength bytes at p, all captured): true when known. */
static bool print_q933_ie(np_printer *pr, uint8_t code, uint32_t ielength, const uint8_t *p)
{
	np_out *o = pr->out;
	switch (code) {
	case LMI_ANSI_REPORT_TYPE:
	case LMI_CCITT_REPORT_TYPE:
		if (pr->o.vflag)
			out_fmt(o, "%s (%u)", tok2str(lmi_report_types, "unknown", p[0]), p[0]);
		return true;
	case LMI_ANSI_LINK_VERIFY:
	case LMI_CCITT_LINK_VERIFY:
	case LMI_ANSI_LINK_VERIFY_91:
		if (!pr->o.vflag)
			out_str(o, ", ");
		if (ielength < 2) {
			out_str(o, "Invalid LINK VERIFY IE");
			return true;
		}
		out_fmt(o, "TX Seq: %3d, RX Seq: %3d", p[0], p[1]);
		return true;
	case LMI_ANSI_PVC_STATUS:
	case LMI_CCITT_PVC_STATUS: {
		if (!pr->o.vflag)
			out_str(o, ", ");
		/* tcpdump's checks of the DLCI octets' extension bits, in its order. */
		bool bad = ielength < 3 || ielength > 5 || (p[0] & 0x80) || !(p[ielength - 1] & 0x80);
		if (!bad && ielength == 3)
			bad = !(p[1] & 0x80);
		else if (!bad && ielength == 4)
			bad = (p[1] & 0x80) || !(p[2] & 0x80);
		else if (!bad && ielength == 5)
			bad = (p[1] & 0x80) || (p[2] & 0x80) || !(p[3] & 0x80);
		if (bad) {
			out_str(o, "Invalid DLCI in PVC STATUS IE");
			return true;
		}
		uint32_t dlci = ((uint32_t)(p[0] & 0x3f) << 4) | ((uint32_t)(p[1] & 0x78) >> 3);
		if (ielength == 4)
			dlci = (dlci << 6) | ((uint32_t)(p[2] & 0x7e) >> 1);
		else if (ielength == 5)
			dlci = (dlci << 13) | (p[2] & 0x7fu) | ((uint32_t)(p[3] & 0x7e) >> 1);
		uint8_t st = p[ielength - 1];
		out_fmt(o, "DLCI %u: status %s%s", dlci, (st & 0x8) ? "New, " : "", (st & 0x2) ? "Active" : "Inactive");
		return true;
	}
	default: return false;
	}
}

void print_q933(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	bool v = pr->o.vflag != 0;
	pr->protocol = "q.933";
	if (!pr->o.eflag)
		out_str(o, "Q.933");
	if (length == 0 || !np_has(p, end, 1)) {
		if (!pr->o.eflag)
			out_str(o, ", ");
		out_fmt(o, "length %u", length);
		goto trunc;
	}
	uint32_t olen = length;
	uint32_t crlen = p[0] & 0x0f;
	uint8_t callref[15];
	p++;
	length--;
	for (uint32_t i = 0; i < crlen; i++) {
		if (length == 0 || !np_has(p, end, 1))
			goto trunc_len;
		callref[i] = *p++;
		length--;
	}
	if (length == 0 || !np_has(p, end, 1))
		goto trunc_len;
	uint8_t msgtype = *p++;
	length--;
	uint32_t codeset = 0, unshift = 0;
	bool ansi = false;
	int nonlocking = 0;
	if (length != 0) {
		if (!np_has(p, end, 1))
			goto trunc_len;
		uint8_t c = p[0];
		if (IE_SHIFT(c)) {
			p++;
			length--;
			codeset = IE_SHIFT_CODESET(c);
			if (IE_SHIFT_LOCKING(c)) {
				if (codeset == 5)
					ansi = true;
			} else {
				nonlocking = 1;
				unshift = 0;
			}
		}
	}
	if (!pr->o.eflag)
		out_str(o, ", ");
	out_fmt(o, "%s, codeset %u", ansi ? "ANSI" : "CCITT", codeset);
	if (crlen != 0) {
		uint8_t first = 0;
		if (crlen <= 1)
			NP_GET_U8(first, p, end); /* tcpdump looks at the byte after the header here */
		if (crlen > 1 || first != 0) {
			out_str(o, ", Call Ref: 0x");
			for (uint32_t i = 0; i < crlen; i++)
				out_fmt(o, "%02x", callref[i]);
		}
	}
	if (v)
		out_fmt(o, ", %s (0x%02x), length %u", tok2str(q933_msgs, "unknown message", msgtype), msgtype, olen);
	else
		out_fmt(o, ", %s", tok2str(q933_msgs, "unknown message 0x%02x", msgtype));
	while (length != 0) {
		if (nonlocking == 1) {
			nonlocking = 2;
		} else if (nonlocking == 2) {
			codeset = unshift;
			nonlocking = 0;
		}
		if (!np_has(p, end, 1))
			goto trunc_vlen;
		uint8_t code = *p++;
		length--;
		if (IE_SINGLE_OCTET(code)) {
			if (IE_SHIFT(code)) {
				if (IE_SHIFT_LOCKING(code)) {
					nonlocking = 0;
				} else {
					nonlocking = 1;
					unshift = codeset;
				}
				codeset = IE_SHIFT_CODESET(code);
			}
			continue;
		}
		if (length == 0 || !np_has(p, end, 1))
			goto trunc_vlen;
		uint32_t ielength = *p++;
		length--;
		if (v) {
			const char *n = codeset_known(codeset) ? tok_name(q933_ies, code) : NULL;
			out_fmt(o, "\n\t%s IE (0x%02x), length %u: ", n ? n : "unknown", code, ielength);
		}
		if (code == 0 || ielength == 0)
			return;
		if (length < ielength || !np_has(p, end, ielength))
			goto trunc_vlen;
		bool known = codeset_known(codeset) && print_q933_ie(pr, code, ielength, p);
		if (known) {
			if (pr->o.vflag > 1)
				print_unknown_data(pr, p, "\n\t  ", ielength);
		} else if (v) {
			print_unknown_data(pr, p, "\n\t", ielength);
		}
		length -= ielength;
		p += ielength;
	}
	if (!v)
		out_fmt(o, ", length %u", olen);
	return;
trunc_len:
	if (!pr->o.eflag)
		out_str(o, ", ");
	out_fmt(o, "length %u", olen);
	goto trunc;
trunc_vlen:
	if (!v)
		out_fmt(o, ", length %u", olen);
trunc:
	print_trunc(pr);
}
