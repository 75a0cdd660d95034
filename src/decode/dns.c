/*
 * dns.c - the DNS message reader declared in dns.h: header, names (in place
 * and decompressed), and the record iterator.
 *
 * Every read is checked against the end of the captured bytes with the
 * bytes.h accessors; a compression pointer is only followed when it points
 * below the last pointer's target, so walks always terminate.
 *
 * Not for: text output (print/dns.c walks names with np_dns_walk_* so that
 * it prints exactly what tcpdump prints, errors included).
 */
#include "dns.h"

#include <string.h>

#include "../util/bytes.h"
#include "packet.h"

#define LABEL_TYPE_MASK 0xc0
#define LABEL_POINTER 0xc0
#define LABEL_RESERVED 0x80
#define LABEL_EXTENDED 0x40 /* RFC 2671 extended label types (EDNS0) */
#define LABEL_NORMAL 0x00
#define ELT_BITLABEL 0x01 /* RFC 2673 bit-string label */
#define QUESTION_FIXED 4  /* type, class */
#define RR_FIXED 10       /* type, class, ttl, rdlength */

int np_dns_parse(np_dns_msg *m, const uint8_t *p, const uint8_t *end)
{
	memset(m, 0, sizeof(*m));
	m->base = p;
	m->end = end;
	if (!np_has(p, end, NP_DNS_HDR_LEN))
		return NP_TRUNCATED;
	np_get_be16(p, end, &m->id);
	np_get_be16(p + 2, end, &m->flags);
	np_get_be16(p + 4, end, &m->qdcount);
	np_get_be16(p + 6, end, &m->ancount);
	np_get_be16(p + 8, end, &m->nscount);
	np_get_be16(p + 10, end, &m->arcount);
	return NP_OK;
}

/* Bytes a bit-string label's data takes, from its bit count byte. */
static uint32_t bitlabel_bytes(uint8_t bitcount)
{
	uint32_t bits = bitcount ? bitcount : 256;
	return (bits + 7) / 8;
}

const uint8_t *np_dns_skip_name(const uint8_t *p, const uint8_t *end)
{
	uint8_t c;
	if (!np_get_u8(p++, end, &c))
		return NULL;
	while (c != 0) {
		switch (c & LABEL_TYPE_MASK) {
		case LABEL_POINTER: return p + 1;
		case LABEL_EXTENDED: {
			uint8_t bits;
			if ((c & ~LABEL_TYPE_MASK) != ELT_BITLABEL || !np_get_u8(p, end, &bits))
				return NULL;
			p += 1 + bitlabel_bytes(bits);
			break;
		}
		case LABEL_RESERVED: return NULL;
		default: p += c; break;
		}
		if (!np_get_u8(p++, end, &c))
			return NULL;
	}
	return p;
}

/* The length the walk steps over for the label whose type byte is at p
 * (the byte itself for normal labels and pointers). */
static int label_length(np_dns_walk *w, const uint8_t *p, uint32_t *len)
{
	uint8_t c, bits;
	if (!np_get_u8(p, w->end, &c))
		return NP_DNS_TRUNC;
	switch (c & LABEL_TYPE_MASK) {
	case LABEL_EXTENDED:
		w->elt = c & ~LABEL_TYPE_MASK;
		if (w->elt != ELT_BITLABEL)
			return NP_DNS_BAD_ELT;
		if (!np_get_u8(p + 1, w->end, &bits))
			return NP_DNS_TRUNC;
		*len = bitlabel_bytes(bits) + 1;
		return NP_DNS_OK;
	case LABEL_RESERVED: return NP_DNS_BAD_TYPE;
	default: *len = c; return NP_DNS_OK;
	}
}

int np_dns_walk_start(np_dns_walk *w, const uint8_t *base, const uint8_t *end, const uint8_t *p)
{
	memset(w, 0, sizeof(*w));
	w->base = base;
	w->end = end;
	int r = label_length(w, p, &w->len);
	if (r != NP_DNS_OK)
		return r;
	/* Wraps when base lies after p (an EDNS CHAIN option's name), which
	 * then lets any pointer through, as tcpdump does. */
	w->max_offset = (uint32_t)(p - base);
	w->first = w->type = *p;
	w->cp = p + 1;
	if ((w->type & LABEL_TYPE_MASK) != LABEL_POINTER)
		w->rp = w->cp + w->len;
	return NP_DNS_OK;
}

/* Follow the pointer whose first byte is w->type to the label it names. */
static int follow_pointer(np_dns_walk *w)
{
	if (!w->compressed) {
		w->rp = w->cp + 1;
		w->compressed = true;
	}
	uint8_t low;
	if (!np_get_u8(w->cp, w->end, &low))
		return NP_DNS_TRUNC;
	uint32_t offset = ((uint32_t)(w->type << 8) | low) & 0x3fff;
	if (offset >= w->max_offset)
		return NP_DNS_BAD_PTR;
	w->max_offset = offset;
	if (!np_has(w->base, w->end, (size_t)offset + 1))
		return NP_DNS_TRUNC;
	const uint8_t *target = w->base + offset;
	int r = label_length(w, target, &w->len);
	if (r != NP_DNS_OK)
		return r;
	w->type = *target;
	w->cp = target + 1;
	return NP_DNS_OK;
}

/* Step over the label just yielded to the next one's type byte. */
static int step_over_label(np_dns_walk *w)
{
	w->cp += w->len;
	if (!np_has(w->cp, w->end, 1))
		return NP_DNS_TRUNC;
	int r = label_length(w, w->cp, &w->len);
	if (r != NP_DNS_OK)
		return r;
	w->type = *w->cp++;
	if (!w->compressed)
		w->rp += w->len + 1;
	return NP_DNS_OK;
}

int np_dns_walk_next(np_dns_walk *w)
{
	if (w->advance) {
		w->advance = false;
		int r = step_over_label(w);
		if (r != NP_DNS_OK)
			return r;
	}
	for (;;) {
		if (w->type == 0)
			return NP_DNS_END;
		if (!np_has(w->cp, w->end, 1))
			return NP_DNS_CUT;
		switch (w->type & LABEL_TYPE_MASK) {
		case LABEL_POINTER: {
			int r = follow_pointer(w);
			if (r != NP_DNS_OK)
				return r;
			continue;
		}
		case LABEL_EXTENDED:
			w->label = w->cp;
			w->advance = true;
			return NP_DNS_BITLABEL;
		case LABEL_RESERVED: return NP_DNS_BAD_TYPE;
		default:
			w->label = w->cp;
			w->label_len = w->len;
			w->advance = true;
			return NP_DNS_LABEL;
		}
	}
}

int np_dns_name(const np_dns_msg *m, const uint8_t *p, char *buf, size_t cap, const uint8_t **next)
{
	np_dns_walk w;
	size_t n = 0, text = 0;
	if (cap)
		buf[0] = '\0';
	if (np_dns_walk_start(&w, m->base, m->end, p) != NP_DNS_OK)
		return -1;
	for (;;) {
		int r = np_dns_walk_next(&w);
		if (r == NP_DNS_END)
			break;
		if (r != NP_DNS_LABEL || !np_has(w.label, m->end, w.label_len))
			return -1;
		text += w.label_len + (text ? 1 : 0);
		if (text > NP_DNS_MAX_NAME)
			return -1;
		if (n && n + 1 < cap)
			buf[n++] = '.';
		for (uint32_t i = 0; i < w.label_len && n + 1 < cap; i++)
			buf[n++] = (char)w.label[i];
	}
	if (text == 0) {
		text = 1;
		if (cap > 1)
			buf[n++] = '.';
	}
	if (cap)
		buf[n] = '\0';
	if (next)
		*next = w.rp;
	return (int)text;
}

/* The record count of a section. */
static uint32_t section_count(const np_dns_msg *m, uint8_t section)
{
	switch (section) {
	case NP_DNS_QUESTION: return m->qdcount;
	case NP_DNS_ANSWER: return m->ancount;
	case NP_DNS_AUTHORITY: return m->nscount;
	default: return m->arcount;
	}
}

void np_dns_iter_init(np_dns_iter *it, const np_dns_msg *m)
{
	it->m = m;
	it->p = np_has(m->base, m->end, NP_DNS_HDR_LEN) ? m->base + NP_DNS_HDR_LEN : NULL;
	it->section = NP_DNS_QUESTION;
	it->left = m->qdcount;
}

int np_dns_iter_next(np_dns_iter *it, np_dns_rr *rr)
{
	const uint8_t *end = it->m->end;
	while (it->left == 0) {
		if (it->section == NP_DNS_ADDITIONAL)
			return NP_DNS_END;
		it->section++;
		it->left = section_count(it->m, it->section);
	}
	memset(rr, 0, sizeof(*rr));
	rr->section = it->section;
	rr->name = it->p;
	const uint8_t *q = np_dns_skip_name(it->p, end);
	uint32_t fixed = it->section == NP_DNS_QUESTION ? QUESTION_FIXED : RR_FIXED;
	if (!np_has(q, end, fixed)) {
		it->p = NULL; /* every later call stops here too */
		return NP_DNS_TRUNC;
	}
	np_get_be16(q, end, &rr->type);
	np_get_be16(q + 2, end, &rr->rclass);
	if (it->section != NP_DNS_QUESTION) {
		np_get_be32(q + 4, end, &rr->ttl);
		np_get_be16(q + 8, end, &rr->rdlen);
		rr->rdata = q + RR_FIXED;
		if (!np_has(rr->rdata, end, rr->rdlen)) {
			it->p = NULL;
			return NP_DNS_TRUNC;
		}
	}
	it->p = q + fixed + rr->rdlen;
	it->left--;
	return NP_DNS_OK;
}

unsigned np_dns_rcode(const np_dns_msg *m)
{
	const uint8_t *end = m->end;
	unsigned rcode = NP_DNS_RCODE(m->flags);
	const uint8_t *cp = m->base + NP_DNS_HDR_LEN;
	uint16_t rdlen, type;
	if (!np_has(m->base, end, NP_DNS_HDR_LEN))
		return rcode;
	for (unsigned i = 0; i < m->qdcount; i++) {
		cp = np_dns_skip_name(cp, end);
		if (cp == NULL || !np_has(cp + QUESTION_FIXED, end, 1))
			return rcode;
		cp += QUESTION_FIXED;
	}
	for (unsigned i = 0; i < (unsigned)m->ancount + m->nscount; i++) {
		cp = np_dns_skip_name(cp, end);
		if (cp == NULL || !np_get_be16(cp + 8, end, &rdlen))
			return rcode;
		cp += RR_FIXED + rdlen;
		if (!np_has(cp, end, 1))
			return rcode;
	}
	for (unsigned i = 0; i < m->arcount; i++) {
		uint8_t ext;
		cp = np_dns_skip_name(cp, end);
		if (cp == NULL || !np_get_be16(cp, end, &type) || !np_get_u8(cp + 4, end, &ext))
			return rcode;
		if (type == NP_DNS_T_OPT)
			return rcode | (unsigned)ext << 4;
		if (!np_get_be16(cp + 8, end, &rdlen))
			return rcode;
		cp += RR_FIXED + rdlen;
		if (!np_has(cp, end, 1))
			return rcode;
	}
	return rcode;
}
