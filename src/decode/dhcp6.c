/*
 * dhcp6.c - the DHCPv6 message reader declared in dhcp6.h.
 *
 * Every read goes through the bytes.h accessors against the end of what
 * was captured; options are handed out only when their whole body lies
 * inside both the message and the capture, so a caller can read a body
 * without checking again.
 *
 * Not for: text output (print/dhcp6.c).
 */
#include "dhcp6.h"

#include <string.h>

#include "../util/bytes.h"
#include "packet.h"

#define XID_MASK 0x00ffffffu
#define IP6_ADDR_LEN 16
#define OFF_HOPCOUNT 1
#define OFF_LINKADDR 2
#define OFF_PEERADDR 18

static bool is_relay(uint8_t msgtype)
{
	return msgtype == NP_DHCP6_RELAY_FORW || msgtype == NP_DHCP6_RELAY_REPLY;
}

static int parse_relay(np_dhcp6_msg *m, const uint8_t *capend)
{
	const uint8_t *p = m->p;
	m->relay = true;
	m->opts = p + NP_DHCP6_RELAY_HDR_LEN;
	np_get_u8(p + OFF_HOPCOUNT, capend, &m->hopcount);
	if (np_has(p + OFF_LINKADDR, capend, IP6_ADDR_LEN))
		m->linkaddr = p + OFF_LINKADDR;
	if (np_has(p + OFF_PEERADDR, capend, IP6_ADDR_LEN))
		m->peeraddr = p + OFF_PEERADDR;
	if (m->length < NP_DHCP6_RELAY_HDR_LEN)
		return NP_INVALID;
	return m->peeraddr ? NP_OK : NP_TRUNCATED;
}

static int parse_client_server(np_dhcp6_msg *m, const uint8_t *capend)
{
	uint32_t first;
	m->opts = m->p + NP_DHCP6_HDR_LEN;
	bool captured = np_get_be32(m->p, capend, &first);
	if (captured)
		m->xid = first & XID_MASK;
	if (m->length < NP_DHCP6_HDR_LEN)
		return NP_INVALID;
	return captured ? NP_OK : NP_TRUNCATED;
}

int np_dhcp6_parse(np_dhcp6_msg *m, const uint8_t *p, const uint8_t *end, uint32_t length)
{
	memset(m, 0, sizeof(*m));
	m->p = p;
	m->length = length;
	if (!np_has(p, end, 1)) {
		m->end = p;
		return NP_TRUNCATED;
	}
	m->end = (size_t)(end - p) > length ? p + length : end;
	m->msgtype = p[0];
	if (is_relay(m->msgtype))
		return parse_relay(m, end);
	return parse_client_server(m, end);
}

void np_dhcp6_iter_init(np_dhcp6_iter *it, const uint8_t *p, const uint8_t *end)
{
	it->p = p;
	it->end = end;
}

int np_dhcp6_iter_next(np_dhcp6_iter *it, np_dhcp6_opt *opt)
{
	if (it->p == NULL || it->p >= it->end)
		return NP_DHCP6_END;
	uint16_t code, len;
	if (!np_get_be16(it->p, it->end, &code) || !np_get_be16(it->p + 2, it->end, &len))
		return NP_DHCP6_CUT;
	const uint8_t *body = it->p + NP_DHCP6_OPT_HDR_LEN;
	if (!np_has(body, it->end, len))
		return NP_DHCP6_CUT;
	opt->code = code;
	opt->len = len;
	opt->data = body;
	it->p = body + len;
	return NP_DHCP6_OPT;
}

bool np_dhcp6_find(const uint8_t *p, const uint8_t *end, uint16_t code, np_dhcp6_opt *opt)
{
	np_dhcp6_iter it;
	np_dhcp6_iter_init(&it, p, end);
	while (np_dhcp6_iter_next(&it, opt) == NP_DHCP6_OPT) {
		if (opt->code == code)
			return true;
	}
	return false;
}

/* The Relay Message option of a relay message: NP_OK, NP_TRUNCATED when
 * the walk is cut before one, NP_INVALID when the options end without one. */
static int relay_payload(const np_dhcp6_msg *m, np_dhcp6_opt *opt)
{
	np_dhcp6_iter it;
	np_dhcp6_iter_init(&it, m->opts, m->end);
	for (;;) {
		int step = np_dhcp6_iter_next(&it, opt);
		if (step == NP_DHCP6_END)
			return NP_INVALID;
		if (step == NP_DHCP6_CUT)
			return NP_TRUNCATED;
		if (opt->code == NP_DHCP6_OPT_RELAY_MSG)
			return NP_OK;
	}
}

int np_dhcp6_unwrap(const np_dhcp6_msg *outer, np_dhcp6_msg *inner, unsigned *depth)
{
	*inner = *outer;
	*depth = 0;
	while (inner->relay) {
		if (*depth >= NP_DHCP6_MAX_RELAY_DEPTH)
			return NP_INVALID;
		np_dhcp6_opt opt;
		int status = relay_payload(inner, &opt);
		if (status != NP_OK)
			return status;
		status = np_dhcp6_parse(inner, opt.data, opt.data + opt.len, opt.len);
		if (status != NP_OK)
			return status;
		(*depth)++;
	}
	return NP_OK;
}
