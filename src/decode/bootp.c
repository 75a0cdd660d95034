/*
 * bootp.c - the BOOTP/DHCP message reader declared in bootp.h.
 *
 * Each fixed field is read with the bytes.h accessors against the end of
 * what was captured, so a cut message leaves the fields after the cut
 * zero (or NULL) and `caplen` tells the printer where tcpdump would stop.
 * The DHCP summary fields come from one walk of the options, bounded by
 * both the capture and the length the transport claims.
 *
 * Not for: text output (print/bootp.c).
 */
#include "bootp.h"

#include <string.h>

#include "../util/bytes.h"
#include "packet.h"

static const uint8_t cookie_rfc1048[NP_BOOTP_COOKIE_LEN] = {99, 130, 83, 99};
static const uint8_t cookie_cmu[NP_BOOTP_COOKIE_LEN] = {'C', 'M', 'U', 0};

/* p + off when n bytes are captured there, else NULL. */
static const uint8_t *field_at(const uint8_t *p, const uint8_t *end, uint32_t off, uint32_t n)
{
	return np_has(p + off, end, n) ? p + off : NULL;
}

static void parse_fixed(np_bootp_msg *m, const uint8_t *end)
{
	const uint8_t *p = m->p;
	np_get_u8(p + NP_BOOTP_OFF_OP, end, &m->op);
	np_get_u8(p + NP_BOOTP_OFF_HTYPE, end, &m->htype);
	np_get_u8(p + NP_BOOTP_OFF_HLEN, end, &m->hlen);
	np_get_u8(p + NP_BOOTP_OFF_HOPS, end, &m->hops);
	np_get_be32(p + NP_BOOTP_OFF_XID, end, &m->xid);
	np_get_be16(p + NP_BOOTP_OFF_SECS, end, &m->secs);
	np_get_be16(p + NP_BOOTP_OFF_FLAGS, end, &m->flags);
	m->ciaddr = field_at(p, end, NP_BOOTP_OFF_CIADDR, 4);
	m->yiaddr = field_at(p, end, NP_BOOTP_OFF_YIADDR, 4);
	m->siaddr = field_at(p, end, NP_BOOTP_OFF_SIADDR, 4);
	m->giaddr = field_at(p, end, NP_BOOTP_OFF_GIADDR, 4);
	m->chaddr = field_at(p, end, NP_BOOTP_OFF_CHADDR, NP_BOOTP_CHADDR_LEN);
	if (m->chaddr && m->htype == NP_BOOTP_HTYPE_ETHER && m->hlen == NP_BOOTP_ETHER_LEN)
		m->client_mac = m->chaddr;
}

static void parse_vendor(np_bootp_msg *m, const uint8_t *end)
{
	const uint8_t *vend = field_at(m->p, end, NP_BOOTP_OFF_VEND, NP_BOOTP_COOKIE_LEN);
	if (vend == NULL) {
		m->vendor = NP_BOOTP_VEND_CUT;
		return;
	}
	if (memcmp(vend, cookie_rfc1048, NP_BOOTP_COOKIE_LEN) == 0) {
		m->vendor = NP_BOOTP_VEND_RFC1048;
		m->options = vend + NP_BOOTP_COOKIE_LEN;
	} else if (memcmp(vend, cookie_cmu, NP_BOOTP_COOKIE_LEN) == 0) {
		m->vendor = NP_BOOTP_VEND_CMU;
	} else {
		m->vendor = NP_BOOTP_VEND_OTHER;
	}
}

static void parse_dhcp_summary(np_bootp_msg *m)
{
	np_bootp_opt o;
	if (np_bootp_find_opt(m, NP_DHCP_OPT_MESSAGE_TYPE, &o) && o.len == 1)
		np_get_u8(o.data, o.data + 1, &m->dhcp_type);
	if (np_bootp_find_opt(m, NP_DHCP_OPT_REQUESTED_IP, &o) && o.len == 4)
		m->requested_ip = o.data;
	if (np_bootp_find_opt(m, NP_DHCP_OPT_SERVER_ID, &o) && o.len == 4)
		m->server_id = o.data;
}

int np_bootp_parse(np_bootp_msg *m, const uint8_t *p, const uint8_t *end, uint32_t length)
{
	memset(m, 0, sizeof(*m));
	m->p = p;
	m->length = length;
	if (!np_has(p, end, 1))
		return NP_TRUNCATED;
	m->caplen = (uint32_t)(end - p);
	parse_fixed(m, end);
	parse_vendor(m, end);
	if (m->options)
		parse_dhcp_summary(m);
	if (!np_bootp_has(m, 0, NP_BOOTP_OFF_VEND + NP_BOOTP_COOKIE_LEN))
		return NP_TRUNCATED;
	if (length < NP_BOOTP_OFF_VEND + NP_BOOTP_COOKIE_LEN)
		return NP_INVALID;
	if (m->op != NP_BOOTP_REQUEST && m->op != NP_BOOTP_REPLY)
		return NP_INVALID;
	return NP_OK;
}

int np_bootp_opt_next(np_bootp_iter *it, np_bootp_opt *opt)
{
	memset(opt, 0, sizeof(*opt));
	if (!np_get_u8(it->p, it->end, &opt->tag))
		return NP_BOOTP_OPT_DONE;
	it->p++;
	opt->data = it->p;
	if (opt->tag == NP_DHCP_OPT_PAD || opt->tag == NP_DHCP_OPT_END)
		return NP_BOOTP_OPT_OK;
	if (!np_get_u8(it->p, it->end, &opt->len)) {
		it->p = it->end;
		return NP_BOOTP_OPT_NO_LEN;
	}
	it->p++;
	opt->data = it->p;
	if (!np_has(it->p, it->end, opt->len)) {
		it->p = it->end;
		return NP_BOOTP_OPT_CUT;
	}
	it->p += opt->len;
	return NP_BOOTP_OPT_OK;
}

bool np_bootp_find_opt(const np_bootp_msg *m, uint8_t tag, np_bootp_opt *opt)
{
	if (m->options == NULL)
		return false;
	uint32_t in_scope = m->caplen < m->length ? m->caplen : m->length;
	const uint8_t *end = m->p + in_scope;
	if (m->options > end)
		return false;
	np_bootp_iter it;
	np_bootp_opt_start(&it, m->options, end);
	while (np_bootp_opt_next(&it, opt) == NP_BOOTP_OPT_OK) {
		if (opt->tag == NP_DHCP_OPT_END)
			return false;
		if (opt->tag == tag)
			return true;
	}
	return false;
}
